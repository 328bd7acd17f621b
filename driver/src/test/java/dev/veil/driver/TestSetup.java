package dev.veil.driver;

import dev.veil.keys.Keks;
import dev.veil.keys.Keyring;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.util.Properties;

/** A policy file, a keyring and a KEK file in a temporary directory. */
final class TestSetup {
  static final String POLICY =
      """
      version: 1
      tables:
        patients:
          columns:
            ssn:  { encrypt: deterministic, type: string, key: pii }
            name: { encrypt: randomized,    type: string, key: pii }
      """;

  final Path policy;
  final Path keyring;
  final String kek;

  TestSetup(Path dir) throws IOException, SQLException {
    policy = dir.resolve("policy.yaml");
    Files.writeString(policy, POLICY);
    kek = newKek(dir);
    keyring = dir.resolve("keyring.json");
    Keyring.empty().withNewKey("pii").write(keyring, Keks.open(kek));
  }

  /** A new file KEK in {@code dir}, readable by its owner only, as a {@code file:} URI. */
  static String newKek(Path dir) throws IOException {
    Path kekFile = dir.resolve("kek");
    Files.writeString(kekFile, Keks.generate());
    Files.setPosixFilePermissions(kekFile, PosixFilePermissions.fromString("rw-------"));
    return "file:" + kekFile;
  }

  Properties properties() {
    Properties info = new Properties();
    info.setProperty("veil.policy", policy.toString());
    info.setProperty("veil.keyring", keyring.toString());
    info.setProperty("veil.kek", kek);
    return info;
  }
}
