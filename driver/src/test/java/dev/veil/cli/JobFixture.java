package dev.veil.cli;

import dev.veil.crypto.CiphertextFormat;
import dev.veil.keys.Keks;
import dev.veil.keys.KeyMetadata;
import dev.veil.keys.Keyring;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/** An in-memory H2 database, a KEK, a keyring with key {@code pii}, and a policy file. */
final class JobFixture {
  final Path dir;
  final Path policy;
  final Path keyring;
  final String kek;
  final String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
  final Path checkpoint;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  JobFixture(Path dir, String policyYaml) throws Exception {
    this.dir = dir;
    policy = dir.resolve("policy.yaml");
    Files.writeString(policy, policyYaml);
    Path kekFile = dir.resolve("kek");
    Files.writeString(kekFile, Keks.generate());
    Files.setPosixFilePermissions(kekFile, PosixFilePermissions.fromString("rw-------"));
    kek = "file:" + kekFile;
    keyring = dir.resolve("keyring.json");
    Keyring.empty().withNewKey("pii").write(keyring, Keks.open(kek));
    checkpoint = dir.resolve("job-checkpoint.json");
  }

  /** Runs the command line, with the keyring, KEK and policy options added. */
  int run(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    List<String> all = new ArrayList<>(List.of(args));
    if (!all.contains("--help")) {
      all.addAll(List.of("--keyring", keyring.toString(), "--kek", kek));
      if (all.get(0).equals("encrypt-existing") || all.get(0).equals("reencrypt")) {
        all.addAll(List.of("--policy", policy.toString(), "--progress", "none"));
      }
    }
    return VeilCli.run(all.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
  }

  /** Runs a bulk job on this database with its checkpoint file. */
  int job(String command, String... args) {
    List<String> all =
        new ArrayList<>(List.of(command, "--url", url, "--checkpoint", checkpoint.toString()));
    all.addAll(List.of(args));
    return run(all.toArray(String[]::new));
  }

  Connection raw() throws SQLException {
    return DriverManager.getConnection(url);
  }

  /** A connection through Veil, with {@code policyFile} or the fixture's policy. */
  Connection veil(Path policyFile) throws SQLException {
    Properties info = new Properties();
    info.setProperty("veil.policy", (policyFile == null ? policy : policyFile).toString());
    info.setProperty("veil.keyring", keyring.toString());
    info.setProperty("veil.kek", kek);
    return DriverManager.getConnection("jdbc:veil:" + url.substring("jdbc:".length()), info);
  }

  void execute(String... statements) throws SQLException {
    try (Connection connection = raw();
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  /** The stored values of one column by id, as the database holds them (String or byte[]). */
  Map<Integer, Object> stored(String table, String column) throws SQLException {
    Map<Integer, Object> values = new LinkedHashMap<>();
    try (Connection connection = raw();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT id, " + column + " FROM " + table + " ORDER BY id")) {
      while (rows.next()) {
        values.put(rows.getInt(1), rows.getObject(2));
      }
    }
    return values;
  }

  /** The values of one column by id, read through Veil as strings. */
  Map<Integer, String> readThroughVeil(Path policyFile, String table, String column)
      throws SQLException {
    Map<Integer, String> values = new LinkedHashMap<>();
    try (Connection connection = veil(policyFile);
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT id, " + column + " FROM " + table + " ORDER BY id")) {
      while (rows.next()) {
        values.put(rows.getInt(1), rows.getString(2));
      }
    }
    return values;
  }

  /** Whether a stored value carries Veil's header. */
  static boolean isCiphertext(Object stored) {
    if (stored instanceof byte[] bytes) {
      return CiphertextFormat.isVeilCiphertext(bytes);
    }
    try {
      return CiphertextFormat.isVeilCiphertext(Base64.getDecoder().decode((String) stored));
    } catch (IllegalArgumentException notBase64) {
      return false;
    }
  }

  /** The Tink key id in a stored ciphertext (after the header and Tink's version byte). */
  static long keyId(Object stored) {
    byte[] bytes = stored instanceof byte[] b ? b : Base64.getDecoder().decode((String) stored);
    long id = 0;
    for (int i = 3; i < 7; i++) {
      id = (id << 8) | (bytes[i] & 0xff);
    }
    return id;
  }

  /** The versions of key {@code pii} for one purpose, primary first. */
  List<Long> versions(String purpose) throws SQLException {
    List<Long> ids = new ArrayList<>();
    for (KeyMetadata version :
        Keyring.read(keyring, Keks.open(kek)).key("pii").orElseThrow().versions()) {
      if (version.purpose().equals(purpose)) {
        if (version.primary()) {
          ids.add(0, version.keyId());
        } else {
          ids.add(version.keyId());
        }
      }
    }
    return ids;
  }
}
