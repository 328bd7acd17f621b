package dev.veil.it;

import static dev.veil.it.KeyringFixture.storedKeyId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 4, zero-downtime adoption: a column marked {@code migrating} holds legacy plaintext and
 * Veil ciphertext side by side; Veil reads both, writes ciphertext, and lookups match both, until
 * the column is switched to enforced and any plaintext left is an error.
 */
class MigratingColumnTest {
  private static final String COLUMNS =
      """
      version: 1
      tables:
        rot_migrate:
          columns:
            ssn:  { encrypt: deterministic, type: string, key: pii%1$s }
            name: { encrypt: randomized,    type: string, key: pii%1$s }
            mrn:  { encrypt: deterministic, type: long,   key: pii%1$s }
      """;
  private static final String MIGRATING = COLUMNS.formatted(", migrating: true");
  private static final String ENFORCED = COLUMNS.formatted("");

  private static List<Integer> idsWhere(Connection connection, String where, Object... values)
      throws SQLException {
    try (PreparedStatement find =
        connection.prepareStatement("SELECT id FROM rot_migrate WHERE " + where + " ORDER BY id")) {
      for (int i = 0; i < values.length; i++) {
        find.setObject(i + 1, values[i]);
      }
      List<Integer> ids = new ArrayList<>();
      try (ResultSet results = find.executeQuery()) {
        while (results.next()) {
          ids.add(results.getInt(1));
        }
      }
      return ids;
    }
  }

  private static Object[] raw(Database database, int id) throws SQLException {
    try (Connection raw = database.raw();
        PreparedStatement select =
            raw.prepareStatement("SELECT ssn, name, mrn FROM rot_migrate WHERE id = ?")) {
      select.setInt(1, id);
      try (ResultSet results = select.executeQuery()) {
        assertThat(results.next()).isTrue();
        return new Object[] {results.getString(1), results.getString(2), results.getString(3)};
      }
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Database.class,
      names = {"POSTGRESQL", "MARIADB"})
  void aMigratingColumnServesLegacyPlaintextAndCiphertextUntilItIsEnforced(Database database)
      throws Exception {
    KeyringFixture.recreate(
        database,
        "rot_migrate",
        "id INT PRIMARY KEY, ssn VARCHAR(1000), name VARCHAR(1000), mrn VARCHAR(1000)");
    try (Connection raw = database.raw();
        Statement legacy = raw.createStatement()) {
      legacy.execute(
          "INSERT INTO rot_migrate (id, ssn, name, mrn) VALUES"
              + " (1, '123-45-6789', 'Ada Lovelace', '4242'),"
              + " (2, '987-65-4321', 'Alan Turing', '7'),"
              + " (3, '555-12-3456', 'Grace Hopper', '1906')");
    }
    KeyringFixture keys = KeyringFixture.create(MIGRATING, "pii");
    try (Connection connection = keys.connect(database)) {
      try (Statement select = connection.createStatement();
          ResultSet results =
              select.executeQuery("SELECT id, ssn, name, mrn FROM rot_migrate ORDER BY id")) {
        assertThat(results.next()).isTrue();
        assertThat(results.getString("ssn")).isEqualTo("123-45-6789");
        assertThat(results.getString("name")).isEqualTo("Ada Lovelace");
        assertThat(results.getLong("mrn")).isEqualTo(4242L);
        assertThat(results.next()).isTrue();
        assertThat(results.getObject("mrn")).isEqualTo(7L);
        assertThat(results.next()).isTrue();
        assertThat(results.getString("name")).isEqualTo("Grace Hopper");
        assertThat(results.next()).isFalse();
      }

      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO rot_migrate (id, ssn, name, mrn) VALUES (?, ?, ?, ?)")) {
        insert.setInt(1, 4);
        insert.setString(2, "222-33-4444");
        insert.setString(3, "Edsger Dijkstra");
        insert.setLong(4, 1930L);
        insert.addBatch();
        insert.setInt(1, 5);
        insert.setString(2, "123-45-6789");
        insert.setString(3, "Ada Lovelace");
        insert.setInt(4, 4242);
        insert.addBatch();
        assertThat(insert.executeBatch()).containsExactly(1, 1);
      }
      long primary = keys.primary("pii", dev.veil.keys.Keyring.DETERMINISTIC);
      for (int id : new int[] {4, 5}) {
        Object[] stored = raw(database, id);
        assertThat(storedKeyId(stored[0])).as("row %d ssn is ciphertext", id).isEqualTo(primary);
        assertThat(storedKeyId(stored[2])).as("row %d mrn is ciphertext", id).isEqualTo(primary);
        storedKeyId(stored[1]);
        for (Object value : stored) {
          // Base64 of random bytes may hold any short digit run, so look at the decoded bytes.
          assertThat(
                  new String(
                      Base64.getDecoder().decode(value.toString()), StandardCharsets.ISO_8859_1))
              .doesNotContain("123-45-6789", "222-33-4444", "Ada", "Edsger", "4242", "1930");
        }
      }

      assertThat(idsWhere(connection, "ssn = ?", "123-45-6789"))
          .as("a legacy row and an encrypted row with one value")
          .containsExactly(1, 5);
      assertThat(idsWhere(connection, "ssn = ?", "222-33-4444")).containsExactly(4);
      assertThat(idsWhere(connection, "mrn = ?", 4242L)).containsExactly(1, 5);
      assertThat(idsWhere(connection, "mrn = ?", 7)).containsExactly(2);
      assertThat(idsWhere(connection, "ssn IN (?, ?)", "555-12-3456", "222-33-4444"))
          .containsExactly(3, 4);
      try (Statement literal = connection.createStatement();
          ResultSet results =
              literal.executeQuery("SELECT id FROM rot_migrate WHERE ssn = '987-65-4321'")) {
        assertThat(results.next()).isTrue();
        assertThat(results.getInt(1)).isEqualTo(2);
        assertThat(results.next()).isFalse();
      }

      // The application keeps writing: an update through Veil encrypts a legacy row.
      try (PreparedStatement update =
          connection.prepareStatement("UPDATE rot_migrate SET ssn = ? WHERE id = ?")) {
        update.setString(1, "987-65-4321");
        update.setInt(2, 2);
        assertThat(update.executeUpdate()).isEqualTo(1);
      }
      assertThat(storedKeyId(raw(database, 2)[0])).isEqualTo(primary);
      assertThat(idsWhere(connection, "ssn = ?", "987-65-4321")).containsExactly(2);
    }

    keys.usePolicy(ENFORCED);
    try (Connection connection = keys.connect(database)) {
      assertThat(idsWhere(connection, "ssn = ?", "123-45-6789"))
          .as("enforced: only the encrypted row matches")
          .containsExactly(5);
      try (Statement select = connection.createStatement();
          ResultSet results =
              select.executeQuery("SELECT id, ssn, mrn FROM rot_migrate ORDER BY id")) {
        while (results.next()) {
          int id = results.getInt("id");
          if (id == 2 || id == 4 || id == 5) {
            assertThat(results.getString("ssn")).as("row %d", id).isNotNull();
          } else {
            assertThatThrownBy(() -> results.getString("ssn"))
                .as("row %d still holds plaintext", id)
                .isInstanceOf(SQLDataException.class)
                .hasMessageContaining("rot_migrate.ssn")
                .hasMessageNotContaining("123-45-6789")
                .hasMessageNotContaining("555-12-3456")
                .extracting(e -> ((SQLException) e).getSQLState())
                .isEqualTo("22V02");
          }
          if (id == 4 || id == 5) {
            assertThat(results.getLong("mrn")).isEqualTo(id == 4 ? 1930L : 4242L);
          } else {
            assertThatThrownBy(() -> results.getLong("mrn"))
                .as("row %d mrn still holds plaintext", id)
                .extracting(e -> ((SQLException) e).getSQLState())
                .isEqualTo("22V02");
          }
        }
      }
    }
  }
}
