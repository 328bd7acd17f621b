package dev.veil.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veil.keys.Keks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 4, the KEK at run time: unwrapped data keys serve for {@code veil.keyCacheTtl}; a KEK that
 * becomes unavailable is tolerated up to {@code veil.keyCacheMaxStale}, then every statement fails
 * with SQLState 58030 until it is back; a KEK unavailable at start-up fails {@code getConnection}.
 */
class KekAvailabilityTest {
  private static final Database DATABASE = Database.POSTGRESQL;
  private static final String POLICY =
      """
      version: 1
      tables:
        rot_kek:
          columns:
            ssn: { encrypt: deterministic, type: string, key: pii }
      """;
  private static final Duration TTL = Duration.ofMillis(300);
  private static final Duration MAX_STALE = Duration.ofSeconds(2);

  private static KeyringFixture fixture() throws SQLException {
    KeyringFixture.recreate(DATABASE, "rot_kek", "id INT PRIMARY KEY, ssn VARCHAR(1000)");
    return KeyringFixture.create(POLICY, "pii");
  }

  private static void insert(Connection connection, int id, String ssn) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement("INSERT INTO rot_kek (id, ssn) VALUES (?, ?)")) {
      insert.setInt(1, id);
      insert.setString(2, ssn);
      assertThat(insert.executeUpdate()).isEqualTo(1);
    }
  }

  private static List<Integer> find(Connection connection, String ssn) throws SQLException {
    try (PreparedStatement find =
        connection.prepareStatement("SELECT id FROM rot_kek WHERE ssn = ? ORDER BY id")) {
      find.setString(1, ssn);
      List<Integer> ids = new ArrayList<>();
      try (ResultSet results = find.executeQuery()) {
        while (results.next()) {
          ids.add(results.getInt(1));
        }
      }
      return ids;
    }
  }

  @Test
  void statementsKeepWorkingUntilKeyCacheMaxStaleThenFailUntilTheKekIsBack() throws Exception {
    KeyringFixture keys = fixture();
    Path away = keys.kekFile.resolveSibling("kek.away");
    try (Connection connection =
        keys.connect(
            DATABASE,
            "veil.keyCacheTtl",
            TTL.toMillis() + "ms",
            "veil.keyCacheMaxStale",
            MAX_STALE.toSeconds() + "s")) {
      insert(connection, 1, "123-45-6789");
      // Statements keep the key cache refreshed, so the last unwrap is at most a TTL old.
      long warm = System.nanoTime() + TTL.multipliedBy(2).toNanos();
      while (System.nanoTime() < warm) {
        assertThat(find(connection, "123-45-6789")).containsExactly(1);
        Thread.sleep(20);
      }

      Files.move(keys.kekFile, away);
      long gone = System.nanoTime();
      int served = 0;
      SQLException failure = null;
      while (failure == null) {
        assertThat(System.nanoTime() - gone)
            .as("statements must fail once the keys are older than veil.keyCacheMaxStale")
            .isLessThan(Duration.ofSeconds(10).toNanos());
        try {
          assertThat(find(connection, "123-45-6789")).containsExactly(1);
          served++;
        } catch (SQLException e) {
          failure = e;
        }
        Thread.sleep(20);
      }
      Duration failedAfter = Duration.ofNanos(System.nanoTime() - gone);
      assertThat(served).as("statements served while the KEK was away").isGreaterThan(10);
      assertThat(failedAfter)
          .isGreaterThanOrEqualTo(MAX_STALE.minus(TTL).minusMillis(200))
          .isLessThan(MAX_STALE.plusSeconds(1));
      assertThat(failure.getSQLState()).isEqualTo("58030");
      assertThat(failure.getMessage())
          .contains("veil.keyCacheMaxStale")
          .contains("restore access to the KEK " + keys.kekUri)
          .contains(keys.kekFile.toString());
      assertThatThrownBy(() -> insert(connection, 2, "987-65-4321"))
          .isInstanceOf(SQLException.class)
          .extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("58030");
      assertThat(connection.isValid(2)).as("the connection itself stays usable").isTrue();

      Files.move(away, keys.kekFile);
      long back = System.nanoTime();
      List<Integer> found = null;
      while (found == null) {
        assertThat(System.nanoTime() - back)
            .as("statements must work again once the KEK is back")
            .isLessThan(Duration.ofSeconds(5).toNanos());
        try {
          found = find(connection, "123-45-6789");
        } catch (SQLException e) {
          assertThat(e.getSQLState()).isEqualTo("58030");
          Thread.sleep(20);
        }
      }
      assertThat(found).containsExactly(1);
      insert(connection, 2, "987-65-4321");
      assertThat(find(connection, "987-65-4321")).containsExactly(2);
    }
  }

  @Test
  void aKekUnavailableAtStartupFailsGetConnectionWithAClearMessage() throws Exception {
    KeyringFixture keys = fixture();
    Path away = keys.kekFile.resolveSibling("kek.away");
    Files.move(keys.kekFile, away);
    assertThatThrownBy(() -> keys.connect(DATABASE))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("KEK")
        .hasMessageContaining(keys.kekFile.toString())
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo("58030");

    Files.writeString(keys.kekFile, Keks.generate(), StandardCharsets.US_ASCII);
    Files.setPosixFilePermissions(keys.kekFile, PosixFilePermissions.fromString("rw-------"));
    assertThatThrownBy(() -> keys.connect(DATABASE))
        .as("another KEK than the keyring was written with")
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("cannot open keyring " + keys.keyring)
        .hasMessageContaining("not the KEK the keyring was written with")
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo("58030");

    Files.move(away, keys.kekFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    try (Connection connection = keys.connect(DATABASE)) {
      insert(connection, 1, "123-45-6789");
      assertThat(find(connection, "123-45-6789")).containsExactly(1);
    }
  }

  @Test
  void aKekFileReadableByGroupOrOthersIsRefused() throws Exception {
    KeyringFixture keys = fixture();
    Files.setPosixFilePermissions(keys.kekFile, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> keys.connect(DATABASE).close())
        .as("issue 4: a file: KEK readable by group or others is refused with a clear message")
        .isInstanceOf(SQLException.class)
        .hasMessageContaining(keys.kekFile.toString())
        .hasMessageContaining("group or others may read or write it")
        .hasMessageContaining("chmod 600");
  }
}
