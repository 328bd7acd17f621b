package dev.veil.it;

import dev.veil.keys.Keks;
import dev.veil.keys.Keyring;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
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
}
