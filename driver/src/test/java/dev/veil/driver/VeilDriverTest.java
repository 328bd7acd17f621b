package dev.veil.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veil.jdbc.VeilConnection;
import dev.veil.sql.PlanCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VeilDriverTest {
  @TempDir Path dir;
  private TestSetup setup;
  private String h2;

  @BeforeEach
  void setUp() throws Exception {
    setup = new TestSetup(dir);
    h2 = "h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    try (Connection raw = DriverManager.getConnection("jdbc:" + h2);
        Statement ddl = raw.createStatement()) {
      ddl.execute(
          "CREATE TABLE patients (id INT PRIMARY KEY, ssn VARCHAR(200),"
              + " name VARBINARY(200), note VARCHAR(50))");
    }
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:veil:" + h2, setup.properties());
  }

  @Test
  void answersNullForUrlsThatAreNotVeils() throws SQLException {
    VeilDriver driver = new VeilDriver();
    assertThat(driver.connect("jdbc:h2:mem:x", new Properties())).isNull();
    assertThat(driver.acceptsURL("jdbc:h2:mem:x")).isFalse();
    assertThat(driver.acceptsURL("jdbc:veil:")).isFalse();
    assertThat(driver.acceptsURL(null)).isFalse();
    assertThat(driver.acceptsURL("jdbc:veil:postgresql://db/app")).isTrue();
  }

  @Test
  void rewritesOnlyTheLeadingPrefix() {
    assertThat(VeilDriver.delegateUrl("jdbc:veil:h2:mem:jdbc:veil:x"))
        .isEqualTo("jdbc:h2:mem:jdbc:veil:x");
  }

  @Test
  void encryptsOnlyTheLengthAStreamSetterWasGiven() throws SQLException {
    try (Connection connection = connect()) {
      try (PreparedStatement insert =
          connection.prepareStatement("INSERT INTO patients (id, ssn, name) VALUES (?, ?, ?)")) {
        insert.setInt(1, 40);
        insert.setCharacterStream(2, new java.io.StringReader("123-45-6789 and more"), 11);
        insert.setNCharacterStream(3, new java.io.StringReader("Ada Lovelace, Countess"), 12L);
        insert.executeUpdate();
      }
      try (PreparedStatement find =
          connection.prepareStatement("SELECT name FROM patients WHERE ssn = ?")) {
        find.setString(1, "123-45-6789");
        try (ResultSet rows = find.executeQuery()) {
          assertThat(rows.next()).isTrue();
          assertThat(rows.getString(1)).isEqualTo("Ada Lovelace");
        }
      }
    }
  }

  @Test
  void exposesPlanCacheCountsThroughUnwrap() throws SQLException {
    try (Connection connection = connect()) {
      String sql = "SELECT id FROM patients WHERE ssn = ? AND id = " + System.nanoTime();
      PlanCache.Statistics before = connection.unwrap(VeilConnection.class).planCacheStatistics();
      connection.prepareStatement(sql).close();
      connection.prepareStatement(sql).close();
      PlanCache.Statistics after = connection.unwrap(VeilConnection.class).planCacheStatistics();
      assertThat(after.misses() - before.misses()).isEqualTo(1);
      assertThat(after.hits() - before.hits()).isEqualTo(1);
    }
  }

  @Test
  void isRegisteredThroughServiceLoader() throws SQLException {
    assertThat(DriverManager.getDriver("jdbc:veil:h2:mem:x")).isInstanceOf(VeilDriver.class);
  }

  @Test
  void namesTheMissingSettingWhenUnconfigured() {
    Properties info = new Properties();
    info.setProperty("veil.keyring", setup.keyring.toString());
    info.setProperty("veil.kek", setup.kek);
    assertThatThrownBy(() -> DriverManager.getConnection("jdbc:veil:" + h2, info))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("veil.policy")
        .hasMessageContaining("VEIL_POLICY")
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("F0000"));
  }

  @Test
  void failsTheConnectionOnAMalformedPolicyWithFileAndLine() throws Exception {
    Files.writeString(setup.policy, TestSetup.POLICY.replace("randomized", "scrambled"));
    assertThatThrownBy(this::connect)
        .hasMessageContaining(setup.policy + ":6: ")
        .hasMessageContaining("unknown encrypt 'scrambled'");
  }

  @Test
  void connectsWithoutAKeyTheKeyringLacksButRefusesToWriteItsColumn() throws Exception {
    Files.writeString(setup.policy, TestSetup.POLICY.replace("key: pii }\n", "key: hr }\n"));
    try (Connection connection = connect();
        PreparedStatement insert =
            connection.prepareStatement("INSERT INTO patients (id, ssn, name) VALUES (?, ?, ?)")) {
      insert.setInt(1, 41);
      assertThatThrownBy(() -> insert.setString(2, "123-45-6789"))
          .isInstanceOf(java.sql.SQLSyntaxErrorException.class)
          .hasMessageContaining("holds no key 'hr'")
          .hasMessageContaining("patients.ssn")
          .hasMessageNotContaining("6789")
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
    }
  }

  @Test
  void failsWhenTheKekIsWrong() throws Exception {
    Properties wrongKek = setup.properties();
    Path other = dir.resolve("other-kek");
    Files.writeString(other, dev.veil.keys.Keks.generate());
    Files.setPosixFilePermissions(
        other, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    wrongKek.setProperty("veil.kek", "file:" + other);
    assertThatThrownBy(() -> DriverManager.getConnection("jdbc:veil:" + h2, wrongKek))
        .hasMessageContaining("cannot open keyring");
  }

  @Test
  void doesNotEchoTheUrlOfAnUnknownDatabase() {
    assertThatThrownBy(
            () ->
                DriverManager.getConnection(
                    "jdbc:veil:nosuchdb://host/db?password=hunter2", setup.properties()))
        .hasMessageContaining("jdbc:nosuchdb:")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void describesEveryPropertyForTools() {
    DriverPropertyInfo[] infos =
        new VeilDriver().getPropertyInfo("jdbc:veil:h2:mem:x", setup.properties());
    assertThat(Arrays.stream(infos).map(i -> i.name))
        .containsExactly(
            Arrays.stream(VeilProperty.values()).map(VeilProperty::key).toArray(String[]::new));
    assertThat(infos[0].value).isEqualTo(setup.policy.toString());
  }

  @Test
  void prefersConnectionPropertiesOverSystemProperties() {
    System.setProperty("veil.planCacheSize", "77");
    try {
      Properties info = new Properties();
      assertThat(VeilProperty.PLAN_CACHE_SIZE.resolve(info)).isEqualTo("77");
      info.setProperty("veil.planCacheSize", "5");
      assertThat(VeilProperty.PLAN_CACHE_SIZE.resolve(info)).isEqualTo("5");
    } finally {
      System.clearProperty("veil.planCacheSize");
    }
    assertThat(VeilProperty.PLAN_CACHE_SIZE.resolve(new Properties())).isEqualTo("10000");
  }

  @Test
  void worksThroughTheDataSource() throws SQLException {
    VeilDataSource source = new VeilDataSource();
    source.setUrl("jdbc:veil:" + h2);
    source.setPolicy(setup.policy.toString());
    source.setKeyring(setup.keyring.toString());
    source.setKek(setup.kek);
    try (Connection connection = source.getConnection();
        PreparedStatement insert =
            connection.prepareStatement("INSERT INTO patients (id, ssn, name) VALUES (?, ?, ?)")) {
      insert.setInt(1, 1);
      insert.setString(2, "123-45-6789");
      insert.setString(3, "Ada");
      assertThat(insert.executeUpdate()).isEqualTo(1);
    }
    source.setPlanCacheSize("0");
    assertThatThrownBy(source::getConnection).hasMessageContaining("veil.planCacheSize");
    source.setPlanCacheSize("500");
    source.setParseTimeoutMillis("2000");
    source.getConnection().close();
    source.setUrl("jdbc:h2:mem:x");
    assertThatThrownBy(source::getConnection).hasMessageContaining("jdbc:veil:");
  }

  @Test
  void loadsAChangedPolicyForNewConnectionsOnly() throws Exception {
    try (Connection before = connect()) {
      Files.writeString(
          setup.policy,
          TestSetup.POLICY + "      note: { encrypt: randomized, type: string, key: pii }\n");
      Files.setLastModifiedTime(
          setup.policy,
          java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5_000));
      try (Connection after = connect();
          Statement statement = after.createStatement()) {
        assertThatThrownBy(() -> statement.executeQuery("SELECT id FROM patients WHERE note = 'x'"))
            .hasMessageContaining("randomized column patients.note");
      }
      try (Statement statement = before.createStatement()) {
        statement.executeQuery("SELECT id FROM patients WHERE note = 'x'").close();
      }
    }
  }

  @Test
  void neverHandsOutTheRawConnectionOrStatement() throws SQLException {
    try (Connection connection = connect()) {
      assertThat(connection.unwrap(VeilConnection.class)).isSameAs(connection);
      assertThatThrownBy(() -> connection.unwrap(org.h2.jdbc.JdbcConnection.class))
          .hasMessageContaining("bypass encryption");
      assertThat(connection.isWrapperFor(org.h2.jdbc.JdbcConnection.class)).isFalse();
      try (PreparedStatement statement = connection.prepareStatement("SELECT 1")) {
        assertThatThrownBy(() -> statement.unwrap(org.h2.jdbc.JdbcPreparedStatement.class))
            .isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> statement.execute("DELETE FROM patients WHERE ssn = 'x'"))
            .hasMessageContaining("does not take SQL text");
        assertThat(statement.getConnection()).isSameAs(connection);
      }
    }
  }

  @Test
  void detectsStorageInTheConnectionsSchemaWhenTheTableExistsInSeveral() throws SQLException {
    try (Connection raw = DriverManager.getConnection("jdbc:" + h2);
        Statement ddl = raw.createStatement()) {
      ddl.execute("CREATE SCHEMA archive");
      ddl.execute("CREATE TABLE archive.patients (id INT, ssn VARBINARY(200), name VARCHAR(200))");
      assertThat(StorageDetector.folding(raw.getMetaData()))
          .isEqualTo(dev.veil.policy.IdentifierCase.UPPER);
    }
    try (Connection connection = connect();
        PreparedStatement insert =
            connection.prepareStatement("INSERT INTO patients (id, ssn) VALUES (?, ?)")) {
      insert.setInt(1, 1);
      insert.setString(2, "123-45-6789");
      insert.executeUpdate();
    }
    try (Connection raw = DriverManager.getConnection("jdbc:" + h2);
        ResultSet stored = raw.createStatement().executeQuery("SELECT ssn FROM patients")) {
      assertThat(stored.next()).isTrue();
      assertThat(stored.getObject(1)).as("text column gets base64 text").isInstanceOf(String.class);
    }
  }

  @Test
  void readsBackWhatWasBoundWithACalendarInThatCalendarsZone() throws SQLException {
    try (Connection raw = DriverManager.getConnection("jdbc:" + h2);
        Statement ddl = raw.createStatement()) {
      ddl.execute("CREATE TABLE events (id INT, at_ts VARCHAR(200), on_day VARBINARY(100))");
    }
    Properties info = setup.properties();
    Path policy = dir.resolve("events.yaml");
    try {
      Files.writeString(
          policy,
          "version: 1\ntables:\n  events:\n    columns:\n"
              + "      at_ts: { encrypt: randomized, type: timestamp, key: pii }\n"
              + "      on_day: { encrypt: deterministic, type: date, key: pii }\n");
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    info.setProperty("veil.policy", policy.toString());
    java.util.Calendar tokyo =
        java.util.Calendar.getInstance(java.util.TimeZone.getTimeZone("Asia/Tokyo"));
    java.sql.Timestamp instant = java.sql.Timestamp.valueOf("2026-11-23 23:30:00.123456789");
    java.sql.Date day = java.sql.Date.valueOf("2026-11-23");
    try (Connection connection = DriverManager.getConnection("jdbc:veil:" + h2, info)) {
      try (PreparedStatement insert =
          connection.prepareStatement("INSERT INTO events (id, at_ts, on_day) VALUES (1, ?, ?)")) {
        insert.setTimestamp(1, instant, tokyo);
        insert.setDate(2, day, tokyo);
        insert.executeUpdate();
      }
      try (ResultSet results =
          connection.createStatement().executeQuery("SELECT at_ts, on_day FROM events")) {
        assertThat(results.next()).isTrue();
        assertThat(results.getTimestamp(1, tokyo)).isEqualTo(instant);
        assertThat(results.getObject(2, java.time.LocalDate.class))
            .isEqualTo(java.time.LocalDate.of(2026, 11, 23));
        assertThat(results.getDate(2, tokyo).getTime())
            .as("midnight in the calendar's zone, as JDBC specifies")
            .isEqualTo(
                java.time.LocalDate.of(2026, 11, 23)
                    .atStartOfDay(java.time.ZoneId.of("Asia/Tokyo"))
                    .toInstant()
                    .toEpochMilli());
        assertThat(results.getObject(1, java.time.LocalDateTime.class))
            .isEqualTo(
                instant.toInstant().atZone(java.time.ZoneId.of("Asia/Tokyo")).toLocalDateTime());
      }
    }
  }

  @Test
  void decryptsProtectedColumnsInGeneratedKeys() throws SQLException {
    try (Connection connection = connect();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO patients (id, ssn, note) VALUES (?, ?, 'n')",
                new String[] {"ID", "SSN"})) {
      insert.setInt(1, 9);
      insert.setString(2, "123-45-6789");
      insert.executeUpdate();
      try (ResultSet keys = insert.getGeneratedKeys()) {
        assertThat(keys.next()).isTrue();
        assertThat(keys.getInt("ID")).isEqualTo(9);
        assertThat(keys.getString("SSN")).isEqualTo("123-45-6789");
      }
    }
  }

  @Test
  void refusesANumericSettingThatIsNotAPositiveNumber() {
    Properties info = setup.properties();
    info.setProperty("veil.planCacheSize", "-3");
    assertThatThrownBy(() -> DriverManager.getConnection("jdbc:veil:" + h2, info))
        .hasMessageContaining("veil.planCacheSize must be a positive whole number");
  }

  @Test
  void answersForABatchFromTheBatchNotFromAnEarlierLiteralExecution() throws Exception {
    try (Connection raw = DriverManager.getConnection("jdbc:" + h2);
        Statement ddl = raw.createStatement()) {
      ddl.execute("CREATE TABLE staff (id INT PRIMARY KEY, ssn VARCHAR(200))");
    }
    Files.writeString(
        setup.policy,
        TestSetup.POLICY
            + "  staff:\n    columns:\n"
            + "      ssn: { encrypt: deterministic, type: string, key: pii }\n");
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.executeUpdate("INSERT INTO patients (id, ssn) VALUES (1, 'literal')");
      statement.addBatch("INSERT INTO patients (id, note) VALUES (2, 'a')");
      statement.addBatch("INSERT INTO patients (id, note) VALUES (3, 'b')");
      assertThat(statement.executeBatch()).containsExactly(1, 1);
      statement.getGeneratedKeys().close();
      statement.addBatch("INSERT INTO patients (id, note) VALUES (4, 'c')");
      statement.addBatch("INSERT INTO staff (id) VALUES (1)");
      statement.executeBatch();
      assertThatThrownBy(statement::getGeneratedKeys)
          .hasMessageContaining("more than one protected table");
    }
  }

  @Test
  void fallsThroughBlankConnectionProperties() {
    System.setProperty("veil.planCacheSize", "77");
    try {
      Properties info = new Properties();
      info.setProperty("veil.planCacheSize", " ");
      assertThat(VeilProperty.PLAN_CACHE_SIZE.resolve(info)).isEqualTo("77");
    } finally {
      System.clearProperty("veil.planCacheSize");
    }
  }

  @Test
  void refusesAParameterIndexTheStatementDoesNotHaveOnceLiteralsWereMoved() throws SQLException {
    try (Connection connection = connect();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO patients (id, ssn) VALUES (?, '111-11-1111')")) {
      insert.setInt(1, 1);
      assertThatThrownBy(() -> insert.setString(2, "999-99-9999"))
          .isInstanceOf(SQLException.class)
          .hasMessageNotContaining("999")
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("07009"));
      assertThatThrownBy(() -> insert.setNull(0, java.sql.Types.VARCHAR))
          .isInstanceOf(SQLException.class);
    }
  }

  @Test
  void neverHandsOutAnObjectThatCastsBackToTheRawConnection() throws SQLException {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      Object vendor = connection.unwrap(org.h2.engine.CastDataProvider.class);
      assertThat(vendor).isNotInstanceOf(Connection.class);
      assertThatThrownBy(() -> connection.unwrap(org.h2.message.TraceObject.class))
          .hasMessageContaining("bypass encryption");
      assertThatThrownBy(() -> statement.unwrap(org.h2.message.TraceObject.class))
          .hasMessageContaining("bypass encryption");
      assertThat(connection.isWrapperFor(org.h2.message.TraceObject.class)).isFalse();
      assertThatThrownBy(() -> connection.getMetaData().unwrap(org.h2.message.TraceObject.class))
          .hasMessageContaining("bypass encryption");
    }
  }

  @Test
  void decryptsQuotedProtectedColumnsInStarSelects() throws Exception {
    try (Connection raw = DriverManager.getConnection("jdbc:" + h2);
        Statement ddl = raw.createStatement()) {
      ddl.execute("CREATE TABLE \"qp\" (id INT PRIMARY KEY, \"ssn\" VARCHAR(200))");
      ddl.execute("CREATE TABLE mixed (id INT PRIMARY KEY, \"Ssn\" VARCHAR(200))");
    }
    Files.writeString(
        setup.policy,
        TestSetup.POLICY
            + "  '\"qp\"':\n    columns:\n"
            + "      '\"ssn\"': { encrypt: deterministic, type: string, key: pii }\n"
            + "  mixed:\n    columns:\n"
            + "      '\"Ssn\"': { encrypt: deterministic, type: string, key: pii }\n");
    try (Connection connection = connect()) {
      for (String table : new String[] {"\"qp\"", "mixed"}) {
        String column = table.equals("mixed") ? "\"Ssn\"" : "\"ssn\"";
        try (PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO " + table + " (id, " + column + ") VALUES (?, ?)")) {
          insert.setInt(1, 1);
          insert.setString(2, "222-22-2222");
          insert.executeUpdate();
        }
        for (String select :
            new String[] {"SELECT * FROM " + table, "SELECT q.* FROM " + table + " q"}) {
          try (ResultSet results = connection.createStatement().executeQuery(select)) {
            assertThat(results.next()).isTrue();
            assertThat(results.getString(2)).as(select).isEqualTo("222-22-2222");
            assertThat(results.getMetaData().getColumnType(2)).isEqualTo(java.sql.Types.VARCHAR);
          }
        }
      }
    }
  }

  @Test
  void refusesUpdatableResultSetsOverProtectedColumns() throws SQLException {
    try (Connection connection = connect()) {
      assertThatThrownBy(
              () ->
                  connection.prepareStatement(
                      "SELECT id, ssn FROM patients",
                      ResultSet.TYPE_FORWARD_ONLY,
                      ResultSet.CONCUR_UPDATABLE))
          .hasMessageContaining("updatable result sets");
      try (Statement statement =
          connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_UPDATABLE)) {
        assertThatThrownBy(() -> statement.executeQuery("SELECT id, name FROM patients"))
            .hasMessageContaining("updatable result sets");
        statement.executeQuery("SELECT id, note FROM patients").close();
      }
    }
  }

  @Test
  void runsStatementBatchesWithProtectedLiteralsOneByOneInOrder() throws SQLException {
    try (Connection connection = connect()) {
      try (Statement statement = connection.createStatement()) {
        statement.addBatch("INSERT INTO patients (id, ssn) VALUES (1, 'secret')");
        statement.addBatch("INSERT INTO patients (id, note) VALUES (5, 'plain')");
        statement.addBatch("UPDATE patients SET note = 'seen' WHERE ssn = 'secret'");
        assertThat(statement.executeBatch()).containsExactly(1, 1, 1);
        assertThatThrownBy(statement::getGeneratedKeys)
            .hasMessageContaining("PreparedStatement batch");
        try (ResultSet rows =
            statement.executeQuery("SELECT ssn, note FROM patients WHERE id = 1")) {
          assertThat(rows.next()).isTrue();
          assertThat(rows.getString(1)).isEqualTo("secret");
          assertThat(rows.getString(2)).isEqualTo("seen");
        }
        statement.addBatch("INSERT INTO patients (id, ssn) VALUES (6, 'another')");
        statement.addBatch("INSERT INTO patients (id, ssn) VALUES (1, 'duplicate key')");
        statement.addBatch("INSERT INTO patients (id, ssn) VALUES (7, 'never')");
        assertThatThrownBy(statement::executeBatch)
            .isInstanceOfSatisfying(
                BatchUpdateException.class, e -> assertThat(e.getUpdateCounts()).containsExactly(1))
            .hasMessageNotContaining("duplicate key");
      }
      try (Statement plain = connection.createStatement();
          ResultSet raw = plain.executeQuery("SELECT count(*) FROM patients WHERE id = 7")) {
        raw.next();
        assertThat(raw.getInt(1)).as("the batch stopped at the failure").isZero();
      }
      try (PreparedStatement update =
          connection.prepareStatement("UPDATE patients SET ssn = 'fixed' WHERE id = ?")) {
        update.setInt(1, 1);
        assertThat(update.executeUpdate()).isEqualTo(1);
        update.clearParameters();
        update.setInt(1, 1);
        assertThat(update.executeUpdate()).as("literals are bound again after clear").isEqualTo(1);
      }
      try (PreparedStatement find =
          connection.prepareStatement("SELECT note FROM patients WHERE ssn = ?")) {
        find.setString(1, "fixed");
        try (ResultSet results = find.executeQuery()) {
          assertThat(results.next()).isTrue();
          assertThat(results.getString(1)).isEqualTo("seen");
        }
      }
    }
  }
}
