package dev.veil.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 7: the policy file and the keyring edited, broken and repaired on disk while an application
 * runs. A change applies to connections opened afterwards, never to a connection half way. A broken
 * policy refuses new connections; a policy naming a key the keyring lacks refuses what needs that
 * key; a broken keyring leaves a loaded runtime serving with the keys it holds. Every failure is an
 * {@code SQLException}.
 */
class FilesChangedOnDiskTest {
  private static final String SSN_ONLY =
      """
      version: 1
      tables:
        od_patients:
          columns:
            ssn: { encrypt: deterministic, type: string, key: pii }
      """;

  private static final String SSN_AND_NOTE =
      SSN_ONLY + "      note: { encrypt: randomized, type: string, key: pii }\n";

  private static KeyringFixture freshTable(Database database) throws SQLException {
    KeyringFixture.recreate(
        database, "od_patients", "id INT PRIMARY KEY, ssn VARCHAR(200), note VARCHAR(400)");
    return KeyringFixture.create(SSN_ONLY, "pii");
  }

  @ParameterizedTest
  @EnumSource(
      value = Database.class,
      names = {"POSTGRESQL", "MARIADB"})
  void aPolicyEditedOnDiskAppliesToNewConnectionsAndABrokenOneRefusesThem(Database database)
      throws Exception {
    KeyringFixture keys = freshTable(database);
    Path policy = Path.of(keys.properties(database).getProperty("veil.policy"));
    try (Connection before = keys.connect(database)) {
      insert(before, 1, "111-11-1111", "note one");

      Files.writeString(policy, SSN_AND_NOTE, StandardCharsets.UTF_8);
      try (Connection after = keys.connect(database)) {
        insert(before, 2, "222-22-2222", "note two");
        insert(after, 3, "333-33-3333", "note three");
        assertThat(storedNote(database, 2))
            .as("a connection keeps the policy it opened with")
            .isEqualTo("note two");
        assertThat(storedNote(database, 3))
            .as("the new policy encrypts note")
            .isNotEqualTo("note three");
        assertThat(note(after, "333-33-3333")).isEqualTo("note three");

        Files.writeString(
            policy, SSN_AND_NOTE.substring(0, SSN_AND_NOTE.length() - 12), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> keys.connect(database).close())
            .isInstanceOf(SQLException.class)
            .hasMessageContaining(policy.toString());
        Files.writeString(
            policy,
            SSN_AND_NOTE.replace("key: pii }\n", "key: missing }\n"),
            StandardCharsets.UTF_8);
        try (Connection partial = keys.connect(database)) {
          assertThatThrownBy(() -> insert(partial, 4, "444-44-4444", "note four"))
              .as("a keyring may hold only some keys; what needs an absent one is refused")
              .isInstanceOf(SQLException.class)
              .hasMessageContaining("missing")
              .hasMessageNotContaining("note four");
        }

        assertThat(note(before, "111-11-1111"))
            .as("open connections serve on")
            .isEqualTo("note one");
        assertThat(note(after, "333-33-3333")).isEqualTo("note three");
      }
      Files.writeString(policy, SSN_AND_NOTE, StandardCharsets.UTF_8);
      try (Connection repaired = keys.connect(database)) {
        assertThat(note(repaired, "333-33-3333")).isEqualTo("note three");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Database.class,
      names = {"POSTGRESQL", "MARIADB"})
  void aCorruptedOrTruncatedKeyringLeavesARunningRuntimeServingAndRefusesAFreshOne(
      Database database) throws Exception {
    KeyringFixture keys = freshTable(database);
    byte[] intact = Files.readAllBytes(keys.keyring);
    try (Connection running = keys.connect(database)) {
      insert(running, 1, "111-11-1111", "kept");
      byte[] flipped = intact.clone();
      flipped[flipped.length / 2] ^= 0x20;
      for (byte[] broken :
          new byte[][] {new byte[0], java.util.Arrays.copyOf(intact, intact.length / 2), flipped}) {
        Files.write(keys.keyring, broken);
        try (Connection next = keys.connect(database)) {
          assertThat(note(next, "111-11-1111"))
              .as("the loaded keys keep serving while the file is broken")
              .isEqualTo("kept");
        }
        assertThatThrownBy(() -> keys.connect(database, "veil.planCacheSize", "17").close())
            .as("a configuration loaded for the first time needs a readable keyring")
            .isInstanceOf(SQLException.class)
            .hasMessageContaining(keys.keyring.toString());
      }
      assertThat(note(running, "111-11-1111")).isEqualTo("kept");
    }
    Files.write(keys.keyring, intact);
    try (Connection repaired = keys.connect(database, "veil.planCacheSize", "17")) {
      assertThat(note(repaired, "111-11-1111")).isEqualTo("kept");
    }
  }

  private static void insert(Connection connection, int id, String ssn, String note)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement("INSERT INTO od_patients (id, ssn, note) VALUES (?, ?, ?)")) {
      insert.setInt(1, id);
      insert.setString(2, ssn);
      insert.setString(3, note);
      insert.executeUpdate();
    }
  }

  private static String note(Connection connection, String ssn) throws SQLException {
    try (PreparedStatement find =
        connection.prepareStatement("SELECT note FROM od_patients WHERE ssn = ?")) {
      find.setString(1, ssn);
      try (ResultSet row = find.executeQuery()) {
        assertThat(row.next()).isTrue();
        return row.getString(1);
      }
    }
  }

  private static String storedNote(Database database, int id) throws SQLException {
    try (Connection raw = database.raw();
        Statement select = raw.createStatement();
        ResultSet row = select.executeQuery("SELECT note FROM od_patients WHERE id = " + id)) {
      row.next();
      return row.getString(1);
    }
  }
}
