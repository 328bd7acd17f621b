package dev.veil.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veil.keys.Keks;
import dev.veil.keys.Keyring;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7: what a database-side attacker achieves by editing stored ciphertext. Every single-bit
 * flip and every truncation is detected; so is a ciphertext moved to another column or another
 * table. A ciphertext moved between rows of one column, or between members of one equality group,
 * is not: nothing binds a value to its row, and a group shares one context by design.
 */
class TamperTest {
  private static final String POLICY =
      """
      version: 1
      tables:
        patients:
          columns:
            ssn:  { encrypt: deterministic, type: string, key: pii, storage: binary, group: ssn }
            name: { encrypt: randomized,    type: string, key: pii, storage: binary }
        claims:
          columns:
            patient_ssn: { encrypt: deterministic, type: string, key: pii, storage: binary, group: ssn }
            name:        { encrypt: randomized,    type: string, key: pii, storage: binary }
      """;

  private static final String UNDECRYPTABLE = "22V01";

  /**
   * A flip in the two header bytes (magic and format version) makes the value no Veil ciphertext.
   */
  private static final String NOT_VEIL = "22V02";

  @TempDir Path dir;
  private final Properties info = new Properties();
  private String url;

  @BeforeEach
  void writeTwoTables() throws Exception {
    Path policy = dir.resolve("policy.yaml");
    Files.writeString(policy, POLICY);
    String kek = TestSetup.newKek(dir);
    Path keyring = dir.resolve("keyring.json");
    Keyring.empty().withNewKey("pii").write(keyring, Keks.open(kek));
    info.setProperty("veil.policy", policy.toString());
    info.setProperty("veil.keyring", keyring.toString());
    info.setProperty("veil.kek", kek);
    url = "h2:mem:tamper-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
    try (Connection raw = raw();
        Statement ddl = raw.createStatement()) {
      ddl.execute(
          "CREATE TABLE patients (id INT PRIMARY KEY, ssn VARBINARY(200), name VARBINARY(200))");
      ddl.execute(
          "CREATE TABLE claims (id INT PRIMARY KEY, patient_ssn VARBINARY(200), name VARBINARY(200))");
    }
    try (Connection veil = veil()) {
      for (String table : new String[] {"patients", "claims"}) {
        String ssnColumn = table.equals("patients") ? "ssn" : "patient_ssn";
        try (PreparedStatement insert =
            veil.prepareStatement(
                "INSERT INTO " + table + " (id, " + ssnColumn + ", name) VALUES (?, ?, ?)")) {
          for (int id = 1; id <= 2; id++) {
            insert.setInt(1, id);
            insert.setString(2, table + "-ssn-" + id);
            insert.setString(3, table + "-name-" + id);
            insert.executeUpdate();
          }
        }
      }
    }
  }

  @Test
  void everySingleBitFlipOfAStoredCiphertextFailsAuthentication() throws SQLException {
    byte[] stored = stored("patients", "name", 1);
    for (int bit = 0; bit < stored.length * 8; bit++) {
      byte[] flipped = stored.clone();
      flipped[bit / 8] ^= (byte) (1 << (bit % 8));
      store("patients", "name", 1, flipped);
      assertRefused("patients", "name", 1, "bit " + bit, bit < 16 ? NOT_VEIL : UNDECRYPTABLE);
    }
  }

  @Test
  void everyTruncationOfAStoredCiphertextIsRefused() throws SQLException {
    byte[] stored = stored("patients", "ssn", 1);
    for (int length = 0; length < stored.length; length++) {
      store("patients", "ssn", 1, Arrays.copyOf(stored, length));
      assertThatThrownBy(() -> read("patients", "ssn", 1), "length %d", length)
          .isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).startsWith("22V0"))
          .hasMessageNotContaining("patients-ssn-1");
    }
  }

  @Test
  void aCiphertextCopiedIntoAnotherColumnOrAnotherTableFailsAuthentication() throws SQLException {
    store("patients", "name", 1, stored("patients", "ssn", 2));
    assertUndecryptable("patients", "name", 1, "from another column of the table");
    store("patients", "name", 2, stored("claims", "name", 2));
    assertUndecryptable("patients", "name", 2, "from the same column of another table");
  }

  @Test
  void aCiphertextSwappedBetweenRowsOrWithinAnEqualityGroupIsNotDetected() throws SQLException {
    byte[] first = stored("patients", "name", 1);
    store("patients", "name", 1, stored("patients", "name", 2));
    store("patients", "name", 2, first);
    assertThat(read("patients", "name", 1))
        .as("no row binding: a swap between rows of one column reads as the other row's value")
        .isEqualTo("patients-name-2");
    assertThat(read("patients", "name", 2)).isEqualTo("patients-name-1");

    store("patients", "ssn", 1, stored("claims", "patient_ssn", 1));
    assertThat(read("patients", "ssn", 1))
        .as("members of one equality group share one context, so that joins compare ciphertexts")
        .isEqualTo("claims-ssn-1");
  }

  private void assertUndecryptable(String table, String column, int id, String what) {
    assertRefused(table, column, id, what, UNDECRYPTABLE);
  }

  private void assertRefused(String table, String column, int id, String what, String state) {
    assertThatThrownBy(() -> read(table, column, id), what)
        .isInstanceOf(SQLException.class)
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo(state))
        .hasMessageNotContaining(table + "-");
  }

  private Connection veil() throws SQLException {
    return DriverManager.getConnection("jdbc:veil:" + url, info);
  }

  private Connection raw() throws SQLException {
    return DriverManager.getConnection("jdbc:" + url);
  }

  private String read(String table, String column, int id) throws SQLException {
    try (Connection veil = veil();
        Statement select = veil.createStatement();
        ResultSet row =
            select.executeQuery("SELECT " + column + " FROM " + table + " WHERE id = " + id)) {
      row.next();
      return row.getString(1);
    }
  }

  private byte[] stored(String table, String column, int id) throws SQLException {
    try (Connection raw = raw();
        Statement select = raw.createStatement();
        ResultSet row =
            select.executeQuery("SELECT " + column + " FROM " + table + " WHERE id = " + id)) {
      row.next();
      return row.getBytes(1);
    }
  }

  private void store(String table, String column, int id, byte[] value) throws SQLException {
    try (Connection raw = raw();
        PreparedStatement update =
            raw.prepareStatement("UPDATE " + table + " SET " + column + " = ? WHERE id = " + id)) {
      update.setBytes(1, value);
      update.executeUpdate();
    }
  }
}
