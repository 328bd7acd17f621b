package dev.veil.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.veil.driver.VeilDataSource;
import dev.veil.jdbc.VeilConnection;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The v0 contract end to end, on every {@link Database}: the same suite, the same assertions. */
class VeilEndToEndTest {
  private static final VeilFixture VEIL = VeilFixture.create();

  /** Every plaintext the suite writes; none may appear in what the database stores. */
  private static final List<String> SECRETS =
      List.of(
          "123-45-6789",
          "987-65-4321",
          "Ada Lovelace",
          "Alan Turing",
          "1815-12-10",
          "1024.50",
          "4242424242",
          "secret-string",
          "c0ffee00-1234-5678-9abc-def012345678");

  private static Connection veil(Database database) throws SQLException {
    database.raw().close();
    return DriverManager.getConnection(database.veilUrl(), VEIL.properties(database));
  }

  private static void insertPatients(Connection connection) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO patients (id, ssn, mrn, name, dob, balance, note)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      insert.setInt(1, 1);
      insert.setString(2, "123-45-6789");
      insert.setLong(3, 4242424242L);
      insert.setString(4, "Ada Lovelace");
      insert.setDate(5, java.sql.Date.valueOf("1815-12-10"));
      insert.setBigDecimal(6, new BigDecimal("1024.50"));
      insert.setString(7, "first");
      insert.addBatch();
      insert.setInt(1, 2);
      insert.setString(2, "987-65-4321");
      insert.setInt(3, 7);
      insert.setString(4, "Alan Turing");
      insert.setObject(5, LocalDate.of(1912, 6, 23));
      insert.setNull(6, Types.DECIMAL);
      insert.setString(7, "second");
      insert.addBatch();
      assertThat(insert.executeBatch()).containsExactly(1, 1);
    }
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void roundTripsProtectedColumnsThroughDriverManager(Database database) throws SQLException {
    database.reset();
    try (Connection connection = veil(database)) {
      insertPatients(connection);
      try (Statement select = connection.createStatement();
          ResultSet results =
              select.executeQuery(
                  "SELECT id, ssn, mrn, name, dob, balance, note FROM patients ORDER BY id")) {
        assertThat(results.next()).isTrue();
        assertThat(results.getString("ssn")).isEqualTo("123-45-6789");
        assertThat(results.getLong(3)).isEqualTo(4242424242L);
        assertThat(results.getString("NAME")).isEqualTo("Ada Lovelace");
        assertThat(results.getDate(5)).isEqualTo(java.sql.Date.valueOf("1815-12-10"));
        assertThat(results.getObject("dob", LocalDate.class)).isEqualTo(LocalDate.of(1815, 12, 10));
        assertThat(results.getBigDecimal("balance")).isEqualByComparingTo("1024.50");
        assertThat(results.getObject(6)).isEqualTo(new BigDecimal("1024.5"));
        assertThat(results.getString("note")).isEqualTo("first");
        assertThat(results.next()).isTrue();
        assertThat(results.getInt("mrn")).isEqualTo(7);
        assertThat(results.getBigDecimal("balance")).isNull();
        assertThat(results.wasNull()).isTrue();
        assertThat(results.getDouble("balance")).isZero();
        assertThat(results.next()).isFalse();
      }
    }
    assertNoPlaintextStored(database);
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void roundTripsEveryDeclaredType(Database database) throws SQLException {
    database.reset();
    LocalDateTime timestamp = LocalDateTime.of(2026, 11, 23, 9, 30, 15, 123_456_000);
    UUID uuid = UUID.fromString("c0ffee00-1234-5678-9abc-def012345678");
    byte[] bytes = "secret-bytes".getBytes(StandardCharsets.UTF_8);
    try (Connection connection = veil(database)) {
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO samples (id, c_string, c_int, c_long, c_decimal, c_double, c_boolean,"
                  + " c_date, c_time, c_timestamp, c_bytes, c_uuid)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        insert.setInt(1, 1);
        insert.setString(2, "secret-string");
        insert.setShort(3, (short) -5);
        insert.setLong(4, Long.MIN_VALUE);
        insert.setBigDecimal(5, new BigDecimal("-0.000100"));
        insert.setDouble(6, Math.PI);
        insert.setBoolean(7, true);
        insert.setObject(8, LocalDate.of(2000, 2, 29));
        insert.setTime(9, java.sql.Time.valueOf("23:59:58"));
        insert.setTimestamp(10, java.sql.Timestamp.valueOf(timestamp));
        insert.setBytes(11, bytes);
        insert.setObject(12, uuid);
        assertThat(insert.executeUpdate()).isEqualTo(1);
      }
      try (PreparedStatement select =
          connection.prepareStatement("SELECT * FROM samples WHERE c_uuid = ? AND c_int = ?")) {
        select.setString(1, uuid.toString());
        select.setLong(2, -5L);
        try (ResultSet results = select.executeQuery()) {
          assertThat(results.next()).isTrue();
          assertThat(results.getString("c_string")).isEqualTo("secret-string");
          assertThat(results.getInt("c_int")).isEqualTo(-5);
          assertThat(results.getLong("c_long")).isEqualTo(Long.MIN_VALUE);
          assertThat(results.getBigDecimal("c_decimal")).isEqualByComparingTo("-0.0001");
          assertThat(results.getDouble("c_double")).isEqualTo(Math.PI);
          assertThat(results.getBoolean("c_boolean")).isTrue();
          assertThat(results.getObject("c_date", LocalDate.class))
              .isEqualTo(LocalDate.of(2000, 2, 29));
          assertThat(results.getObject("c_time", LocalTime.class))
              .isEqualTo(LocalTime.of(23, 59, 58));
          assertThat(results.getTimestamp("c_timestamp").toLocalDateTime()).isEqualTo(timestamp);
          assertThat(results.getBytes("c_bytes")).isEqualTo(bytes);
          assertThat(results.getObject("c_uuid")).isEqualTo(uuid);
          ResultSetMetaData metaData = results.getMetaData();
          int decimal = results.findColumn("c_decimal");
          assertThat(metaData.getColumnType(decimal)).isEqualTo(Types.DECIMAL);
          assertThat(metaData.getColumnClassName(results.findColumn("c_date")))
              .isEqualTo("java.sql.Date");
          assertThat(metaData.getColumnType(results.findColumn("id"))).isEqualTo(Types.INTEGER);
          assertThat(results.next()).isFalse();
        }
      }
      try (PreparedStatement lookup =
          connection.prepareStatement(
              "SELECT id FROM samples WHERE c_decimal = ? AND c_timestamp = ? AND c_boolean = ?")) {
        lookup.setString(1, "-1.0E-4");
        lookup.setObject(2, timestamp);
        lookup.setInt(3, 1);
        try (ResultSet results = lookup.executeQuery()) {
          assertThat(results.next()).as("canonical equality across setters").isTrue();
        }
      }
    }
    try (Connection raw = database.raw();
        Statement select = raw.createStatement();
        ResultSet results = select.executeQuery("SELECT c_bytes, c_uuid FROM samples")) {
      results.next();
      assertThat(new String(results.getBytes(1), StandardCharsets.ISO_8859_1))
          .doesNotContain("secret-bytes");
      assertThat(results.getString(2)).doesNotContain(uuid.toString());
    }
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void findsRowsByEqualityOnDeterministicColumns(Database database) throws SQLException {
    database.reset();
    try (Connection connection = veil(database)) {
      insertPatients(connection);
      try (PreparedStatement find =
          connection.prepareStatement("SELECT p.id, p.name FROM patients p WHERE p.ssn = ?")) {
        find.setString(1, "987-65-4321");
        try (ResultSet results = find.executeQuery()) {
          assertThat(results.next()).isTrue();
          assertThat(results.getInt(1)).isEqualTo(2);
          assertThat(results.getString(2)).isEqualTo("Alan Turing");
          assertThat(results.next()).isFalse();
        }
      }
      try (PreparedStatement find =
          connection.prepareStatement("SELECT id FROM patients WHERE mrn IN (?, ?) ORDER BY id")) {
        find.setInt(1, 4242424242L > 0 ? 7 : 0);
        find.setString(2, "4242424242");
        assertThat(ids(find.executeQuery())).containsExactly(1, 2);
      }
      try (Statement statement = connection.createStatement()) {
        assertThat(
                ids(
                    statement.executeQuery(
                        "SELECT id FROM patients WHERE ssn = '123-45-6789' AND mrn = 4242424242")))
            .containsExactly(1);
        assertThat(
                statement.executeUpdate(
                    "UPDATE patients SET note = 'found' WHERE ssn = '987-65-4321'"))
            .isEqualTo(1);
        assertThat(ids(statement.executeQuery("SELECT id FROM patients WHERE note = 'found'")))
            .containsExactly(2);
        assertThat(
                statement.executeUpdate(
                    "INSERT INTO patients (id, ssn, name) VALUES (3, 'secret-string', 'Ada Lovelace')"))
            .isEqualTo(1);
        assertThat(
                ids(
                    statement.executeQuery(
                        "SELECT id FROM patients WHERE ssn = 'secret-string' AND name IS NOT NULL")))
            .containsExactly(3);
        assertThat(ids(statement.executeQuery("SELECT id FROM patients WHERE dob IS NULL")))
            .containsExactly(3);
      }
      try (PreparedStatement delete =
          connection.prepareStatement("DELETE FROM patients WHERE ssn = ?")) {
        delete.setString(1, "123-45-6789");
        assertThat(delete.executeUpdate()).isEqualTo(1);
      }
    }
    assertNoPlaintextStored(database);
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void decryptsStarSelects(Database database) throws SQLException {
    database.reset();
    try (Connection connection = veil(database)) {
      insertPatients(connection);
      try (Statement select = connection.createStatement();
          ResultSet results = select.executeQuery("SELECT * FROM patients WHERE id = 1")) {
        assertThat(results.next()).isTrue();
        assertThat(results.getString("ssn")).isEqualTo("123-45-6789");
        assertThat(results.getString("name")).isEqualTo("Ada Lovelace");
        assertThat(results.getString("note")).isEqualTo("first");
        assertThat(results.getMetaData().getColumnType(results.findColumn("dob")))
            .isEqualTo(Types.DATE);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void roundTripsThroughHikariWithJdbcUrlAndWithDataSourceClassName(Database database)
      throws SQLException {
    database.reset();
    HikariConfig byUrl = new HikariConfig();
    byUrl.setJdbcUrl(database.veilUrl());
    byUrl.setDataSourceProperties(VEIL.properties(database));
    byUrl.setMaximumPoolSize(1);
    HikariConfig byClass = new HikariConfig();
    byClass.setDataSourceClassName(VeilDataSource.class.getName());
    byClass.addDataSourceProperty("url", database.veilUrl());
    byClass.addDataSourceProperty("user", database.user);
    byClass.addDataSourceProperty("password", database.password);
    byClass.addDataSourceProperty("policy", VEIL.policy);
    byClass.addDataSourceProperty("keyring", VEIL.keyring.toString());
    byClass.addDataSourceProperty("kek", VEIL.kekUri);
    byClass.setMaximumPoolSize(1);
    database.raw().close();
    try (HikariDataSource first = new HikariDataSource(byUrl);
        HikariDataSource second = new HikariDataSource(byClass)) {
      try (Connection connection = first.getConnection()) {
        insertPatients(connection);
      }
      for (HikariDataSource pool : List.of(first, second)) {
        VeilConnection physical = null;
        for (int round = 0; round < 3; round++) {
          try (Connection connection = pool.getConnection()) {
            VeilConnection veil = connection.unwrap(VeilConnection.class);
            assertThat(physical == null || physical == veil)
                .as("a refused statement must not make the pool evict the connection")
                .isTrue();
            physical = veil;
            assertThatThrownBy(
                    () ->
                        connection
                            .createStatement()
                            .executeQuery("SELECT id FROM patients WHERE name LIKE 'Ada%'"))
                .isInstanceOf(SQLException.class);
            try (PreparedStatement find =
                connection.prepareStatement("SELECT name, dob FROM patients WHERE ssn = ?")) {
              find.setString(1, "123-45-6789");
              try (ResultSet results = find.executeQuery()) {
                assertThat(results.next()).isTrue();
                assertThat(results.getString(1)).isEqualTo("Ada Lovelace");
                assertThat(results.getObject(2, LocalDate.class))
                    .isEqualTo(LocalDate.of(1815, 12, 10));
              }
            }
          }
        }
      }
    }
    assertNoPlaintextStored(database);
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void refusesUnsafeStatementsBeforeSendingAnything(Database database) throws SQLException {
    database.reset();
    try (Connection connection = veil(database)) {
      insertPatients(connection);
      String[] refused = {
        "UPDATE patients SET note = 'changed' WHERE ssn LIKE '123%'",
        "UPDATE patients SET note = 'changed' WHERE name = 'Ada Lovelace'",
        "UPDATE patients SET note = 'changed' WHERE dob > '1800-01-01'",
        "UPDATE patients SET note = 'changed', balance = balance + 1",
        "UPDATE patients SET note = 'changed' WHERE ssn = note",
      };
      for (String sql : refused) {
        try (Statement statement = connection.createStatement()) {
          assertThatThrownBy(() -> statement.executeUpdate(sql))
              .as(sql)
              .isInstanceOf(SQLException.class)
              .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42V01"))
              .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Ada", "123", "1800"));
        }
        assertThatThrownBy(() -> connection.prepareStatement(sql)).isInstanceOf(SQLException.class);
      }
      try (Connection raw = database.raw();
          Statement select = raw.createStatement()) {
        assertThat(ids(select.executeQuery("SELECT id FROM patients WHERE note = 'changed'")))
            .isEmpty();
      }
      assertThat(connection.isValid(2)).isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void refusesCiphertextCopiedIntoAnotherColumnOrTampered(Database database) throws SQLException {
    database.reset();
    try (Connection connection = veil(database)) {
      insertPatients(connection);
    }
    try (Connection raw = database.raw();
        Statement statement = raw.createStatement()) {
      statement.executeUpdate("UPDATE patients SET name = ssn WHERE id = 1");
      statement.executeUpdate(
          "UPDATE patients SET dob = (SELECT dob FROM patients WHERE id = 2)" + " WHERE id = 1");
    }
    try (Connection connection = veil(database);
        Statement select = connection.createStatement();
        ResultSet results =
            select.executeQuery("SELECT name, dob, ssn FROM patients WHERE id = 1")) {
      assertThat(results.next()).isTrue();
      assertThatThrownBy(() -> results.getString(1))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("failed authentication")
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22V01"));
      assertThat(results.getObject(2, LocalDate.class))
          .as("a ciphertext moved between rows of one column is not detected without row binding")
          .isEqualTo(LocalDate.of(1912, 6, 23));
      assertThat(results.getString(3)).isEqualTo("123-45-6789");
    }
    try (Connection raw = database.raw();
        Statement statement = raw.createStatement()) {
      statement.executeUpdate("UPDATE patients SET note = NULL, ssn = 'plain text' WHERE id = 2");
    }
    try (Connection connection = veil(database);
        Statement select = connection.createStatement();
        ResultSet results = select.executeQuery("SELECT ssn FROM patients WHERE id = 2")) {
      assertThat(results.next()).isTrue();
      assertThatThrownBy(() -> results.getString(1))
          .hasMessageContaining("not a Veil ciphertext")
          .hasMessageNotContaining("plain text");
    }
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void leavesUnprotectedStatementsAndWrappersBehindVeil(Database database) throws SQLException {
    database.reset();
    try (Connection connection = veil(database)) {
      assertThat(connection.getMetaData().getConnection()).isSameAs(connection);
      try (Statement statement = connection.createStatement()) {
        assertThat(statement.getConnection()).isSameAs(connection);
        statement.execute("CREATE TABLE IF NOT EXISTS visits (id INT, kind VARCHAR(20))");
        statement.execute("DELETE FROM visits");
        statement.executeUpdate("INSERT INTO visits (id, kind) VALUES (1, 'check-up')");
        try (ResultSet results = statement.executeQuery("SELECT kind FROM visits WHERE id = 1")) {
          assertThat(results.getStatement()).isSameAs(statement);
          assertThat(results.next()).isTrue();
          assertThat(results.getString(1)).isEqualTo("check-up");
        }
        statement.execute("DROP TABLE visits");
      }
      try (ResultSet tables = connection.getMetaData().getTables(null, null, "%", null)) {
        assertThat(tables.getStatement()).isNull();
      }
      assertThat(connection.isWrapperFor(Connection.class)).isTrue();
      assertThat(connection.unwrap(Connection.class)).isSameAs(connection);
    }
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void decryptsProtectedColumnsAmongGeneratedKeys(Database database) throws SQLException {
    database.reset();
    try (Connection connection = veil(database);
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO patients (id, ssn, name) VALUES (?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
      insert.setInt(1, 5);
      insert.setString(2, "123-45-6789");
      insert.setString(3, "Ada Lovelace");
      insert.executeUpdate();
      try (ResultSet keys = insert.getGeneratedKeys()) {
        // MariaDB reports AUTO_INCREMENT keys only, and this table has none.
        boolean row = keys.next();
        assertThat(row || database == Database.MARIADB).isTrue();
        if (!row) {
          return;
        }
        List<String> labels = new ArrayList<>();
        ResultSetMetaData metaData = keys.getMetaData();
        for (int i = 1; i <= metaData.getColumnCount(); i++) {
          labels.add(metaData.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT));
        }
        if (database == Database.POSTGRESQL) {
          assertThat(labels).as("pgjdbc returns every column").contains("ssn", "name");
        }
        if (labels.contains("ssn")) {
          assertThat(keys.getString("ssn")).isEqualTo("123-45-6789");
          assertThat(keys.getString("name")).isEqualTo("Ada Lovelace");
        }
        assertThat(keys.getInt(labels.indexOf("id") + 1)).isEqualTo(5);
      }
    }
  }

  private static List<Integer> ids(ResultSet results) throws SQLException {
    List<Integer> ids = new ArrayList<>();
    try (results) {
      while (results.next()) {
        ids.add(results.getInt(1));
      }
    }
    return ids;
  }

  /** Reads every protected column without Veil and checks no test plaintext is in it. */
  private static void assertNoPlaintextStored(Database database) throws SQLException {
    try (Connection raw = database.raw();
        Statement select = raw.createStatement();
        ResultSet results =
            select.executeQuery("SELECT ssn, mrn, name, dob, balance FROM patients")) {
      int cells = 0;
      while (results.next()) {
        for (int column = 1; column <= 5; column++) {
          Object stored = results.getObject(column);
          if (stored == null) {
            continue;
          }
          cells++;
          for (String view : VeilFixture.plaintextViews(stored)) {
            for (String secret : SECRETS) {
              assertThat(view).as("raw column %d", column).doesNotContain(secret);
            }
          }
        }
      }
      assertThat(cells).isPositive();
    }
  }
}
