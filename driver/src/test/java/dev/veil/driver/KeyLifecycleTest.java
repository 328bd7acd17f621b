package dev.veil.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veil.keys.Keks;
import dev.veil.keys.KeyMetadata;
import dev.veil.keys.Keyring;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key rotation, refresh, KEK outages and crypto-shredding as a running application sees them. */
class KeyLifecycleTest {
  @TempDir Path dir;
  private TestSetup setup;
  private String h2;

  @BeforeEach
  void createTable() throws Exception {
    setup = new TestSetup(dir);
    h2 = "h2:mem:lifecycle-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    try (Connection raw = DriverManager.getConnection("jdbc:" + h2);
        Statement statement = raw.createStatement()) {
      statement.execute(
          "CREATE TABLE patients (id INT PRIMARY KEY, ssn VARBINARY(200), name VARBINARY(200))");
    }
  }

  private Connection connect(String... settings) throws SQLException {
    Properties info = setup.properties();
    for (int i = 0; i < settings.length; i += 2) {
      info.setProperty(settings[i], settings[i + 1]);
    }
    return DriverManager.getConnection("jdbc:veil:" + h2, info);
  }

  private static void insert(Connection connection, int id, String ssn) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement("INSERT INTO patients (id, ssn, name) VALUES (?, ?, ?)")) {
      insert.setInt(1, id);
      insert.setString(2, ssn);
      insert.setString(3, "name " + id);
      insert.executeUpdate();
    }
  }

  private static List<Integer> lookup(Connection connection, String ssn) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT id FROM patients WHERE ssn = ? ORDER BY id")) {
      select.setString(1, ssn);
      List<Integer> ids = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getInt(1));
        }
      }
      return ids;
    }
  }

  private Keyring keyring() throws SQLException {
    return Keyring.read(setup.keyring, Keks.open(setup.kek));
  }

  private void save(Keyring keyring) throws SQLException {
    keyring.write(setup.keyring, Keks.open(setup.kek));
  }

  private long oldestDeterministic() throws SQLException {
    return keyring().describe().stream()
        .filter(v -> v.purpose().equals(Keyring.DETERMINISTIC))
        .findFirst()
        .orElseThrow()
        .keyId();
  }

  /** Polls for a condition that a key-cache refresh makes true; never asserts on time. */
  private static void eventually(Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.call()) {
      assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  @Test
  void lookupsFindRowsWrittenUnderTheOldAndTheNewVersionAfterARotation() throws Exception {
    try (Connection before = connect()) {
      insert(before, 1, "111-11-1111");
    }
    save(keyring().rotate("pii"));
    try (Connection after = connect()) {
      insert(after, 2, "111-11-1111");
      assertThat(lookup(after, "111-11-1111")).containsExactly(1, 2);
      try (PreparedStatement update =
          after.prepareStatement("UPDATE patients SET ssn = ? WHERE ssn = ?")) {
        update.setString(1, "222-22-2222");
        update.setString(2, "111-11-1111");
        assertThat(update.executeUpdate()).isEqualTo(2);
      }
      long old = oldestDeterministic();
      save(keyring().retire("pii", old));
    }
    try (Connection retired = connect()) {
      assertThat(lookup(retired, "222-22-2222")).containsExactly(1, 2);
      try (ResultSet rows = retired.createStatement().executeQuery("SELECT name FROM patients")) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getString(1)).startsWith("name ");
      }
    }
  }

  @Test
  void anOpenConnectionPicksUpARotationWithinTheKeyCacheTtl() throws Exception {
    try (Connection open = connect("veil.keyCacheTtl", "100ms");
        Connection other = connect("veil.keyCacheTtl", "100ms")) {
      insert(open, 1, "333-33-3333");
      save(keyring().rotate("pii"));
      try (Connection fresh = connect()) {
        insert(fresh, 2, "333-33-3333");
      }
      eventually(() -> lookup(open, "333-33-3333").size() == 2);
      insert(other, 3, "333-33-3333");
      assertThat(lookup(open, "333-33-3333")).containsExactly(1, 2, 3);
    }
  }

  @Test
  void keepsServingWhileTheKekIsGoneUntilTheHardLimitThenRecovers() throws Exception {
    Path kekFile = Path.of(setup.kek.substring("file:".length()));
    Path hidden = dir.resolve("kek.hidden");
    try (Connection connection =
        connect("veil.keyCacheTtl", "50ms", "veil.keyCacheMaxStale", "400ms")) {
      insert(connection, 1, "444-44-4444");
      Files.move(kekFile, hidden);
      assertThat(lookup(connection, "444-44-4444")).containsExactly(1);
      eventually(
          () -> {
            try {
              lookup(connection, "444-44-4444");
              return false;
            } catch (SQLException e) {
              assertThat(e.getSQLState()).isEqualTo("58030");
              assertThat(e.getMessage())
                  .contains("veil.keyCacheMaxStale")
                  .contains("restore access to the KEK");
              return true;
            }
          });
      Files.move(hidden, kekFile);
      eventually(
          () -> {
            try {
              return lookup(connection, "444-44-4444").equals(List.of(1));
            } catch (SQLException e) {
              return false;
            }
          });
    }
  }

  @Test
  void aLookupPreparedBeforeARotationStillFindsTheRowsItWasPreparedFor() throws Exception {
    try (Connection open = connect("veil.keyCacheTtl", "50ms")) {
      insert(open, 1, "777-77-7777");
      try (PreparedStatement held =
          open.prepareStatement("SELECT id FROM patients WHERE ssn = ? ORDER BY id")) {
        save(keyring().rotate("pii"));
        try (Connection fresh = connect()) {
          insert(fresh, 2, "777-77-7777");
        }
        eventually(() -> lookup(open, "777-77-7777").size() == 2);
        held.setString(1, "777-77-7777");
        List<Integer> ids = new ArrayList<>();
        try (ResultSet rows = held.executeQuery()) {
          while (rows.next()) {
            ids.add(rows.getInt(1));
          }
        }
        assertThat(ids).containsExactly(1);
      }
    }
  }

  @Test
  void keepsConnectingWithTheKeysInHandWhenTheKeyringWasRewrappedUnderAnotherKek()
      throws Exception {
    try (Connection open = connect()) {
      insert(open, 1, "888-88-8888");
    }
    Path newKek = dir.resolve("kek2");
    Files.writeString(newKek, Keks.generate());
    Files.setPosixFilePermissions(newKek, PosixFilePermissions.fromString("rw-------"));
    keyring().write(setup.keyring, Keks.open("file:" + newKek));
    try (Connection after = connect()) {
      assertThat(lookup(after, "888-88-8888")).containsExactly(1);
    }
  }

  @Test
  void unprotectedStatementsNeverWaitForTheKek() throws Exception {
    Path kekFile = Path.of(setup.kek.substring("file:".length()));
    try (Connection connection =
        connect("veil.keyCacheTtl", "50ms", "veil.keyCacheMaxStale", "100ms")) {
      connection.createStatement().execute("CREATE TABLE visits (id INT)");
      Files.delete(kekFile);
      eventually(
          () -> {
            try {
              lookup(connection, "x");
              return false;
            } catch (SQLException e) {
              return e.getSQLState().equals("58030");
            }
          });
      assertThat(connection.createStatement().executeUpdate("INSERT INTO visits VALUES (1)"))
          .isEqualTo(1);
    }
  }

  @Test
  void describesParametersByTheApplicationsIndexesWhenLookupsAreWidened() throws Exception {
    save(keyring().rotate("pii"));
    try (Connection connection = connect();
        PreparedStatement select =
            connection.prepareStatement("SELECT name FROM patients WHERE ssn = ? AND id > ?")) {
      assertThat(select.getParameterMetaData().getParameterCount()).isEqualTo(2);
      assertThat(select.getParameterMetaData().getParameterType(2))
          .isEqualTo(java.sql.Types.INTEGER);
    }
  }

  @Test
  void refusesToStartWithoutItsKek() throws Exception {
    Files.delete(Path.of(setup.kek.substring("file:".length())));
    assertThatThrownBy(this::connect)
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("cannot read the KEK file");
  }

  @Test
  void readsShreddedValuesAsAnErrorOrAsNullWithWasNull() throws Exception {
    try (Connection connection = connect()) {
      insert(connection, 1, "555-55-5555");
    }
    Keyring keyring = keyring().rotate("pii");
    for (KeyMetadata version : keyring.describe()) {
      if (!version.primary()) {
        keyring = keyring.retire("pii", version.keyId()).destroy("pii", version.keyId());
      }
    }
    save(keyring);
    try (Connection strict = connect();
        ResultSet rows = strict.createStatement().executeQuery("SELECT ssn FROM patients")) {
      assertThat(rows.next()).isTrue();
      assertThatThrownBy(() -> rows.getString(1))
          .extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("22V03");
    }
    try (Connection lenient = connect("veil.onUndecryptable", "null");
        ResultSet rows =
            lenient.createStatement().executeQuery("SELECT ssn, name, id FROM patients")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(1)).isNull();
      assertThat(rows.wasNull()).isTrue();
      assertThat(rows.getObject("name")).isNull();
      assertThat(rows.wasNull()).isTrue();
      assertThat(rows.getInt(3)).isEqualTo(1);
      assertThat(rows.wasNull()).isFalse();
    }
  }

  @Test
  void refusesAnUnknownOnUndecryptableOrAKeyCacheLimitShorterThanItsTtl() {
    assertThatThrownBy(() -> connect("veil.onUndecryptable", "garbage"))
        .hasMessageContaining("veil.onUndecryptable must be error, null");
    assertThatThrownBy(() -> connect("veil.keyCacheTtl", "10m", "veil.keyCacheMaxStale", "1m"))
        .hasMessageContaining("must not be shorter than veil.keyCacheTtl");
    assertThatThrownBy(() -> connect("veil.keyCacheTtl", "soon"))
        .hasMessageContaining("positive duration");
  }

  @Test
  void writesAuditEventsWithoutValues() throws Exception {
    Path audit = dir.resolve("audit.jsonl");
    try (Connection connection = connect("veil.auditFile", audit.toString())) {
      insert(connection, 1, "666-66-6666");
      assertThatThrownBy(
              () ->
                  connection
                      .createStatement()
                      .executeQuery("SELECT id FROM patients WHERE ssn LIKE '666%'"))
          .isInstanceOf(SQLException.class);
      try (Connection raw = DriverManager.getConnection("jdbc:" + h2)) {
        raw.createStatement().executeUpdate("UPDATE patients SET ssn = name");
      }
      try (ResultSet rows = connection.createStatement().executeQuery("SELECT ssn FROM patients")) {
        rows.next();
        assertThatThrownBy(() -> rows.getString(1)).isInstanceOf(SQLException.class);
      }
    }
    String events = Files.readString(audit);
    assertThat(events)
        .contains("\"operation\":\"kek.unwrap\"")
        .contains(
            "\"operation\":\"statement.refused\",\"outcome\":\"failed\",\"table\":\"patients\"")
        .contains("\"operation\":\"decrypt.failed\"")
        .contains("\"table\":\"patients\"")
        .doesNotContain("666-66-6666")
        .doesNotContain("666%");
  }
}
