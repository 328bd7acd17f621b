package dev.veil.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veil.keys.Keyring;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 4, crypto-shredding: {@code veil keys destroy} makes the values under a key, or under one
 * retired version of it, unreadable (an error or NULL per {@code veil.onUndecryptable}, never
 * garbage), while other keys' values keep reading.
 */
class CryptoShreddingTest {
  private static final String POLICY =
      """
      version: 1
      tables:
        rot_shred:
          columns:
            ssn:   { encrypt: deterministic, type: string, key: pii }
            age:   { encrypt: randomized,    type: int,    key: pii }
            email: { encrypt: deterministic, type: string, key: other }
      """;

  private static final String[] SSN = {null, "123-45-6789", "987-65-4321", "555-12-3456"};
  private static final String[] EMAIL = {
    null, "ada@example.org", "alan@example.org", "grace@x.org"
  };
  private static final int[] AGE = {0, 36, 41, 85};

  private static void createTable(Database database) throws SQLException {
    KeyringFixture.recreate(
        database,
        "rot_shred",
        "id INT PRIMARY KEY, ssn VARCHAR(1000), age "
            + database.binaryType
            + ", email VARCHAR(1000)");
  }

  private static void insert(Connection connection, int id) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO rot_shred (id, ssn, age, email) VALUES (?, ?, ?, ?)")) {
      insert.setInt(1, id);
      insert.setString(2, SSN[id]);
      insert.setInt(3, AGE[id]);
      insert.setString(4, EMAIL[id]);
      assertThat(insert.executeUpdate()).isEqualTo(1);
    }
  }

  private static List<Integer> idsWhere(Connection connection, String column, String value)
      throws SQLException {
    try (PreparedStatement find =
        connection.prepareStatement(
            "SELECT id FROM rot_shred WHERE " + column + " = ? ORDER BY id")) {
      find.setString(1, value);
      List<Integer> ids = new ArrayList<>();
      try (ResultSet results = find.executeQuery()) {
        while (results.next()) {
          ids.add(results.getInt(1));
        }
      }
      return ids;
    }
  }

  private static ResultSet row(Connection connection, int id) throws SQLException {
    PreparedStatement select =
        connection.prepareStatement("SELECT id, ssn, age, email FROM rot_shred WHERE id = ?");
    select.setInt(1, id);
    select.closeOnCompletion();
    ResultSet results = select.executeQuery();
    assertThat(results.next()).isTrue();
    return results;
  }

  private static int rawCount(Database database) throws SQLException {
    try (Connection raw = database.raw();
        Statement count = raw.createStatement();
        ResultSet results = count.executeQuery("SELECT COUNT(*) FROM rot_shred")) {
      results.next();
      return results.getInt(1);
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Database.class,
      names = {"POSTGRESQL", "MARIADB"})
  void destroyingAKeyShredsItsValuesWhileAnotherKeysValuesStillRead(Database database)
      throws Exception {
    createTable(database);
    KeyringFixture keys = KeyringFixture.create(POLICY, "pii", "other");
    long deterministic = keys.primary("pii", Keyring.DETERMINISTIC);
    try (Connection live = keys.connect(database, "veil.keyCacheTtl", "200ms")) {
      insert(live, 1);
      insert(live, 2);
      try (ResultSet results = row(live, 1)) {
        assertThat(results.getString("ssn")).isEqualTo(SSN[1]);
      }

      String printed = keys.keys("destroy", "pii", "--confirm");
      assertThat(printed).contains("destroyed key 'pii'");

      try (Connection connection = keys.connect(database)) {
        try (ResultSet results = row(connection, 1)) {
          assertThat(results.getString("email")).isEqualTo(EMAIL[1]);
          assertThatThrownBy(() -> results.getString("ssn"))
              .isInstanceOf(SQLDataException.class)
              .hasMessageContaining("rot_shred.ssn")
              .hasMessageContaining("pii/" + deterministic)
              .hasMessageContaining("veil.onUndecryptable=null")
              .hasMessageNotContaining(SSN[1])
              .extracting(e -> ((SQLException) e).getSQLState())
              .isEqualTo("22V03");
          assertThatThrownBy(() -> results.getInt("age"))
              .isInstanceOf(SQLDataException.class)
              .hasMessageContaining("rot_shred.age")
              .extracting(e -> ((SQLException) e).getSQLState())
              .isEqualTo("22V03");
          assertThatThrownBy(() -> results.getObject("ssn"))
              .extracting(e -> ((SQLException) e).getSQLState())
              .isEqualTo("22V03");
        }
        assertThat(idsWhere(connection, "email", EMAIL[2])).containsExactly(2);

        assertThatThrownBy(() -> insert(connection, 3))
            .isInstanceOf(SQLException.class)
            .hasMessageContaining("key 'pii'")
            .hasMessageContaining("rot_shred.ssn")
            .hasMessageContaining("destroyed")
            .hasMessageContaining("point the column at another key")
            .hasMessageNotContaining(SSN[3]);
        assertThat(rawCount(database)).as("nothing was written").isEqualTo(2);
        assertThatThrownBy(() -> idsWhere(connection, "ssn", SSN[1]))
            .isInstanceOf(SQLException.class)
            .hasMessageContaining("key 'pii'")
            .hasMessageContaining("destroyed")
            .hasMessageNotContaining(SSN[1]);
      }

      // The connection that had the key before keeps it no longer than veil.keyCacheTtl.
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      String state = null;
      while (state == null) {
        assertThat(System.nanoTime())
            .as("the open connection to drop the key")
            .isLessThan(deadline);
        try (ResultSet results = row(live, 2)) {
          assertThat(results.getString("email")).isEqualTo(EMAIL[2]);
          assertThat(results.getString("ssn")).isEqualTo(SSN[2]);
          Thread.sleep(20);
        } catch (SQLException e) {
          state = e.getSQLState();
        }
      }
      assertThat(state).isEqualTo("22V03");
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Database.class,
      names = {"POSTGRESQL", "MARIADB"})
  void shreddedValuesReadAsNullWhenOnUndecryptableIsNull(Database database) throws Exception {
    createTable(database);
    KeyringFixture keys = KeyringFixture.create(POLICY, "pii", "other");
    try (Connection connection = keys.connect(database)) {
      insert(connection, 1);
    }
    keys.keys("destroy", "pii", "--confirm");
    try (Connection connection = keys.connect(database, "veil.onUndecryptable", "null");
        ResultSet results = row(connection, 1)) {
      assertThat(results.getString("ssn")).isNull();
      assertThat(results.wasNull()).isTrue();
      assertThat(results.getInt("age")).isZero();
      assertThat(results.wasNull()).isTrue();
      assertThat(results.getLong("age")).isZero();
      assertThat(results.wasNull()).isTrue();
      assertThat(results.getObject("ssn")).isNull();
      assertThat(results.wasNull()).isTrue();
      assertThat(results.getString("email")).isEqualTo(EMAIL[1]);
      assertThat(results.wasNull()).isFalse();
      assertThat(results.getInt("id")).isEqualTo(1);
      assertThat(results.wasNull()).isFalse();
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Database.class,
      names = {"POSTGRESQL", "MARIADB"})
  void destroyingOneRetiredVersionShredsOnlyTheValuesUnderIt(Database database) throws Exception {
    createTable(database);
    KeyringFixture keys = KeyringFixture.create(POLICY, "pii", "other");
    long oldDeterministic = keys.primary("pii", Keyring.DETERMINISTIC);
    long oldRandomized = keys.primary("pii", Keyring.RANDOMIZED);
    try (Connection connection = keys.connect(database)) {
      insert(connection, 1);
    }
    keys.keys("rotate", "pii");
    try (Connection connection = keys.connect(database)) {
      insert(connection, 2);
    }
    String old = Long.toString(oldDeterministic);
    String oldR = Long.toString(oldRandomized);
    keys.keys("retire", "pii", old, oldR);
    keys.keys("destroy", "pii", old, oldR, "--confirm");
    assertThat(
            keys.read().key("pii").orElseThrow().version(Keyring.DETERMINISTIC, oldDeterministic))
        .hasValueSatisfying(v -> assertThat(v.status()).isEqualTo("DESTROYED"));

    try (Connection connection = keys.connect(database)) {
      try (ResultSet results = row(connection, 2)) {
        assertThat(results.getString("ssn")).isEqualTo(SSN[2]);
        assertThat(results.getInt("age")).isEqualTo(AGE[2]);
        assertThat(results.getString("email")).isEqualTo(EMAIL[2]);
      }
      assertThat(idsWhere(connection, "ssn", SSN[2])).containsExactly(2);
      assertThat(idsWhere(connection, "ssn", SSN[1])).isEmpty();
      assertThat(idsWhere(connection, "email", EMAIL[1])).containsExactly(1);
      try (ResultSet results = row(connection, 1)) {
        assertThat(results.getString("email")).isEqualTo(EMAIL[1]);
        assertThatThrownBy(() -> results.getString("ssn"))
            .isInstanceOf(SQLDataException.class)
            .hasMessageContaining("pii/" + oldDeterministic)
            .hasMessageContaining("destroyed")
            .hasMessageNotContaining(SSN[1])
            .extracting(e -> ((SQLException) e).getSQLState())
            .isEqualTo("22V03");
        assertThatThrownBy(() -> results.getInt("age"))
            .hasMessageContaining("pii/" + oldRandomized)
            .extracting(e -> ((SQLException) e).getSQLState())
            .isEqualTo("22V03");
      }
      insert(connection, 3);
      assertThat(idsWhere(connection, "ssn", SSN[3])).containsExactly(3);
    }
    try (Connection connection = keys.connect(database, "veil.onUndecryptable", "null");
        ResultSet results = row(connection, 1)) {
      assertThat(results.getString("ssn")).isNull();
      assertThat(results.wasNull()).isTrue();
      assertThat(results.getInt("age")).isZero();
      assertThat(results.wasNull()).isTrue();
      assertThat(results.getString("email")).isEqualTo(EMAIL[1]);
    }
  }
}
