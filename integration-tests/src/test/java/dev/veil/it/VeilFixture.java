package dev.veil.it;

import dev.veil.keys.Keks;
import dev.veil.keys.Keyring;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
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
}
