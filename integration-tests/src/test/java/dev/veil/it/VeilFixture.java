package dev.veil.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.keys.Keks;
import dev.veil.keys.Keyring;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;

/**
 * A keyring under a fresh KEK (in a file), and the test policy: what an application team sets up
 * with {@code veil kek new} and {@code veil keys init/add}.
 */
final class VeilFixture {
  final Path keyring;
  final String kekUri;
  final String policy = "classpath:it-policy.yaml";

  private VeilFixture(Path keyring, String kekUri) {
    this.keyring = keyring;
    this.kekUri = kekUri;
  }

  static VeilFixture create() {
    try {
      Path dir = Files.createTempDirectory("veil-it");
      Path kek = dir.resolve("kek");
      Files.writeString(kek, Keks.generate(), StandardCharsets.US_ASCII);
      Files.setPosixFilePermissions(kek, PosixFilePermissions.fromString("rw-------"));
      String kekUri = "file:" + kek;
      Path keyring = dir.resolve("keyring.json");
      Keyring.empty().withNewKey("pii").withNewKey("finance").write(keyring, Keks.open(kekUri));
      return new VeilFixture(keyring, kekUri);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Connection properties for Veil on {@code database}. */
  Properties properties(Database database) {
    Properties info = database.credentials();
    info.setProperty("veil.policy", policy);
    info.setProperty("veil.keyring", keyring.toString());
    info.setProperty("veil.kek", kekUri);
    return info;
  }

  /** A stored value's bytes: a binary column's as they are, a text column's in UTF-8. */
  static byte[] storedBytes(Object stored) {
    return stored instanceof byte[] b ? b : stored.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Every way a plaintext could hide in a stored value: as text, bytes, hex or base64. */
  static List<String> plaintextViews(Object stored) {
    byte[] bytes = storedBytes(stored);
    List<String> views = new ArrayList<>();
    views.add(new String(bytes, StandardCharsets.ISO_8859_1));
    views.add(new String(bytes, StandardCharsets.UTF_8));
    views.add(HexFormat.of().formatHex(bytes));
    if (stored instanceof String text) {
      try {
        views.add(new String(Base64.getDecoder().decode(text), StandardCharsets.ISO_8859_1));
      } catch (IllegalArgumentException notBase64) {
        views.add(text);
      }
    }
    return views;
  }

  /**
   * Plain JDBC, no Veil: every stored value of {@code columns} in {@code table} is a Veil
   * ciphertext in which {@code plaintext} shows in no view, and looking {@code plaintext} up in the
   * first column finds nothing.
   */
  static void assertStoredAsCiphertext(
      Database database, String table, String plaintext, String... columns) throws SQLException {
    List<Object> stored = new ArrayList<>();
    try (Connection raw = database.raw();
        Statement select = raw.createStatement();
        ResultSet rows =
            select.executeQuery("SELECT " + String.join(", ", columns) + " FROM " + table)) {
      while (rows.next()) {
        for (int i = 1; i <= columns.length; i++) {
          stored.add(rows.getObject(i));
        }
      }
    }
    assertThat(stored).as("rows in %s", table).isNotEmpty();
    for (Object cell : stored) {
      if (cell == null) {
        continue;
      }
      assertThat(storedBytes(cell)[0] == 0x56 || cell.toString().startsWith("Vg"))
          .as("a Veil ciphertext")
          .isTrue();
      assertThat(plaintextViews(cell))
          .allSatisfy(view -> assertThat(view).doesNotContain(plaintext));
    }
    try (Connection raw = database.raw();
        PreparedStatement find =
            raw.prepareStatement(
                "SELECT COUNT(*) FROM " + table + " WHERE " + columns[0] + " = ?")) {
      find.setString(1, plaintext);
      try (ResultSet count = find.executeQuery()) {
        count.next();
        assertThat(count.getInt(1)).as("the plaintext finds nothing without Veil").isZero();
      }
    }
  }
}
