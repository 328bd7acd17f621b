package dev.veil.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 6, least privilege on the reading side, on the real servers: masks for principals the
 * policy does not list, a keyring cut down with {@code veil keys export} under each {@code
 * veil.onMissingKey}, padding, and what a DBA without Veil sees.
 */
class LeastPrivilegeTest {
  private static final String POLICY =
      """
      version: 1
      tables:
        lp_patients:
          columns:
            ssn:       { encrypt: deterministic, type: string, key: pii, readers: [billing], mask: last4 }
            email:     { encrypt: randomized, type: string, key: pii, readers: [billing], mask: email }
            born:      { encrypt: randomized, type: date, key: pii, readers: [billing] }
            diagnosis: { encrypt: randomized, type: string, key: clinical, pad: 32 }
      """;

  private static final String SELECT =
      "SELECT id, clinic, ssn, email, born, diagnosis FROM lp_patients WHERE id = ?";

  /**
   * The full keyring, and a copy holding only {@code pii} as {@code veil keys export} writes it.
   */
  private record Keyrings(KeyringFixture full, Path piiOnly) {
    static Keyrings create(Database database) throws SQLException {
      KeyringFixture.recreate(
          database,
          "lp_patients",
          "id INT PRIMARY KEY, clinic VARCHAR(40), ssn VARCHAR(200), email VARCHAR(200), born "
              + database.binaryType
              + ", diagnosis VARCHAR(400)");
      KeyringFixture full = KeyringFixture.create(POLICY, "pii", "clinical");
      Path piiOnly = full.directory.resolve("pii-keyring.json");
      assertThat(full.keys("export", "pii", "--to", piiOnly.toString()))
          .contains("wrote keys [pii]");
      try (Connection billing = full.connect(database, "veil.principal", "billing")) {
        insert(billing, 1, "123-45-6789", "ada@example.com", LocalDate.of(1815, 12, 10), "flu");
        insert(billing, 2, "123-45-6789", "ada@example.com", null, "influenza A");
        insert(billing, 3, "987-65-4321", "bob@example.org", null, "x".repeat(33));
      }
      return new Keyrings(full, piiOnly);
    }

    Connection connectPiiOnly(Database database, String onMissingKey) throws SQLException {
      Properties info = full.properties(database, "veil.principal", "billing");
      info.setProperty("veil.keyring", piiOnly.toString());
      if (onMissingKey != null) {
        info.setProperty("veil.onMissingKey", onMissingKey);
      }
      return DriverManager.getConnection(database.veilUrl(), info);
    }
  }

  private static void insert(
      Connection connection, int id, String ssn, String email, LocalDate born, String diagnosis)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO lp_patients (id, clinic, ssn, email, born, diagnosis)"
                + " VALUES (?, 'north', ?, ?, ?, ?)")) {
      insert.setInt(1, id);
      insert.setString(2, ssn);
      insert.setString(3, email);
      insert.setObject(4, born);
      insert.setString(5, diagnosis);
      assertThat(insert.executeUpdate()).isEqualTo(1);
    }
  }

  private static ResultSet row(Connection connection, int id) throws SQLException {
    PreparedStatement select = connection.prepareStatement(SELECT);
    select.setInt(1, id);
    select.closeOnCompletion();
    ResultSet results = select.executeQuery();
    assertThat(results.next()).isTrue();
    return results;
  }

  @ParameterizedTest
  @EnumSource(
      value = Database.class,
      names = {"POSTGRESQL", "MARIADB"})
  void aListedReaderSeesPlaintextWhileAnotherPrincipalSeesMasksAndStillFindsRows(Database database)
      throws SQLException {
    Keyrings keys = Keyrings.create(database);
    try (Connection billing = keys.full().connect(database, "veil.principal", "billing");
        ResultSet results = row(billing, 1)) {
      assertThat(results.getString("ssn")).isEqualTo("123-45-6789");
      assertThat(results.getString("email")).isEqualTo("ada@example.com");
      assertThat(results.getObject("born", LocalDate.class)).isEqualTo(LocalDate.of(1815, 12, 10));
    }
    try (Connection support = keys.full().connect(database, "veil.principal", "support")) {
      try (ResultSet results = row(support, 1)) {
        assertThat(results.getString("ssn")).isEqualTo("***-**-6789");
        assertThat(results.getString("email")).isEqualTo("a***@example.com");
        assertThat(results.getObject("born")).as("redact on a date reads NULL").isNull();
        assertThat(results.getString("diagnosis")).as("no readers: clear").isEqualTo("flu");
        assertThatThrownBy(() -> results.getInt("ssn"))
            .isInstanceOf(SQLException.class)
            .hasMessageContaining("lp_patients.ssn is masked for this reader")
            .hasMessageNotContaining("6789")
            .extracting(e -> ((SQLException) e).getSQLState())
            .isEqualTo("42V01");
      }
      try (PreparedStatement find =
          support.prepareStatement("SELECT id FROM lp_patients WHERE ssn = ? ORDER BY id")) {
        find.setString(1, "123-45-6789");
        List<Integer> ids = new ArrayList<>();
        try (ResultSet found = find.executeQuery()) {
          while (found.next()) {
            ids.add(found.getInt(1));
          }
        }
        assertThat(ids).as("a masked reader's lookup is unchanged").containsExactly(1, 2);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Database.class,
      names = {"POSTGRESQL", "MARIADB"})
  void anExportedKeyringReadsOnlyItsKeysAndFollowsOnMissingKeyForTheRest(Database database)
      throws SQLException {
    Keyrings keys = Keyrings.create(database);
    try (Connection strict = keys.connectPiiOnly(database, null);
        ResultSet results = row(strict, 1)) {
      assertThat(results.getString("ssn")).isEqualTo("123-45-6789");
      assertThatThrownBy(() -> results.getString("diagnosis"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("holds no key 'clinical'")
          .hasMessageContaining("lp_patients.diagnosis")
          .hasMessageNotContaining("flu")
          .extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("42501");
    }
    try (Connection nulls = keys.connectPiiOnly(database, "null");
        ResultSet results = row(nulls, 1)) {
      assertThat(results.getString("diagnosis")).isNull();
      assertThat(results.wasNull()).isTrue();
    }
    try (Connection masked = keys.connectPiiOnly(database, "mask");
        ResultSet results = row(masked, 1)) {
      assertThat(results.getString("diagnosis")).isEqualTo("****");
    }
    String stored;
    try (Connection raw = database.raw();
        ResultSet results = row(raw, 1)) {
      stored = results.getString("diagnosis");
    }
    try (Connection ciphertext = keys.connectPiiOnly(database, "ciphertext");
        ResultSet results = row(ciphertext, 1)) {
      assertThat(results.getString("diagnosis")).isEqualTo(stored).startsWith("Vg");
    }
    try (Connection any = keys.connectPiiOnly(database, "null")) {
      assertThatThrownBy(() -> insert(any, 4, "111-22-3333", "c@example.com", null, "cold"))
          .as("no instance writes a column whose key it lacks")
          .isInstanceOf(SQLException.class)
          .hasMessageNotContaining("cold")
          .extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("42501");
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Database.class,
      names = {"POSTGRESQL", "MARIADB"})
  void aDbaWithoutVeilSeesOrdinaryColumnsInClearAndProtectedOnesAsPaddedCiphertext(
      Database database) throws SQLException {
    Keyrings.create(database);
    List<List<Object>> table = new ArrayList<>();
    try (Connection plain = database.raw();
        Statement select = plain.createStatement();
        ResultSet rows =
            select.executeQuery(
                "SELECT id, clinic, ssn, email, born, diagnosis FROM lp_patients ORDER BY id")) {
      while (rows.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
          row.add(rows.getObject(i));
        }
        table.add(row);
      }
    }
    assertThat(table).extracting(row -> row.get(1)).containsOnly("north");
    for (List<Object> row : table) {
      for (Object cell : row.subList(2, 6)) {
        if (cell == null) {
          continue;
        }
        assertThat(VeilFixture.storedBytes(cell)[0] == 0x56 || cell.toString().startsWith("Vg"))
            .as("a Veil ciphertext")
            .isTrue();
        for (String view : VeilFixture.plaintextViews(cell)) {
          for (String secret :
              List.of("123-45-6789", "6789", "ada@", "example", "flu", "influenza", "xxxx")) {
            assertThat(view).doesNotContain(secret);
          }
        }
      }
    }
    assertThat(table.get(0).get(2))
        .as("deterministic: equal SSNs store equal ciphertext")
        .isEqualTo(table.get(1).get(2));
    assertThat(table.get(0).get(3))
        .as("randomized: equal addresses store different ciphertexts")
        .isNotEqualTo(table.get(1).get(3));
    assertThat(table.get(1).get(4)).as("NULL stays NULL").isNull();
    assertThat(table.get(0).get(5).toString())
        .as("'flu' and 'influenza A' fall in one 32-byte bucket")
        .hasSameSizeAs(table.get(1).get(5).toString());
    assertThat(table.get(2).get(5).toString().length())
        .as("33 bytes fall in the next bucket")
        .isGreaterThan(table.get(1).get(5).toString().length());
  }
}
