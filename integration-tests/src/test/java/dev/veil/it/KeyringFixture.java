package dev.veil.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.veil.cli.VeilCli;
import dev.veil.keys.Keks;
import dev.veil.keys.KeyMetadata;
import dev.veil.keys.Keyring;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One test's own KEK file (owner-only), keyring and policy file in a fresh directory: what an
 * operator manages with {@code veil kek new} and {@code veil keys}. Key changes go through the
 * {@code veil} command line, as in production.
 */
final class KeyringFixture {
  final Path directory;
  final Path keyring;
  final Path kekFile;
  final String kekUri;
  private final AtomicInteger policies = new AtomicInteger();
  private Path policy;

  private KeyringFixture(Path directory) {
    this.directory = directory;
    this.keyring = directory.resolve("keyring.json");
    this.kekFile = directory.resolve("kek");
    this.kekUri = "file:" + kekFile;
  }

  /** A fresh KEK, a keyring holding {@code keys}, and {@code policyYaml} as the policy. */
  static KeyringFixture create(String policyYaml, String... keys) {
    try {
      KeyringFixture fixture = new KeyringFixture(Files.createTempDirectory("veil-keys-it"));
      Files.writeString(fixture.kekFile, Keks.generate(), StandardCharsets.US_ASCII);
      Files.setPosixFilePermissions(fixture.kekFile, PosixFilePermissions.fromString("rw-------"));
      Keyring keyring = Keyring.empty();
      for (String key : keys) {
        keyring = keyring.withNewKey(key);
      }
      keyring.write(fixture.keyring, Keks.open(fixture.kekUri));
      fixture.usePolicy(policyYaml);
      return fixture;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes {@code yaml} to a new policy file, which connections opened from now on use. */
  void usePolicy(String yaml) {
    try {
      Path next = directory.resolve("policy-" + policies.incrementAndGet() + ".yaml");
      Files.writeString(next, yaml, StandardCharsets.UTF_8);
      policy = next;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Veil's connection properties on {@code database}, plus {@code settings} as name, value. */
  Properties properties(Database database, String... settings) {
    Properties info = database.credentials();
    info.setProperty("veil.policy", policy.toString());
    info.setProperty("veil.keyring", keyring.toString());
    info.setProperty("veil.kek", kekUri);
    for (int i = 0; i < settings.length; i += 2) {
      info.setProperty(settings[i], settings[i + 1]);
    }
    return info;
  }

  /**
   * A HikariCP pool of at most {@code size} Veil connections to {@code database}, configured by
   * {@code jdbcUrl} with Veil's settings, plus {@code settings} as name, value, as data-source
   * properties, as integrations.md shows.
   */
  HikariDataSource pool(Database database, int size, String... settings) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(database.veilUrl());
    properties(database, settings)
        .forEach((name, value) -> config.addDataSourceProperty((String) name, value));
    config.setMaximumPoolSize(size);
    return new HikariDataSource(config);
  }

  /** A Veil connection to {@code database} with extra {@code settings} (name, value, ...). */
  Connection connect(Database database, String... settings) throws SQLException {
    return DriverManager.getConnection(database.veilUrl(), properties(database, settings));
  }

  /**
   * Runs {@code veil keys ...} on this keyring and returns what it printed; fails the test unless
   * it exits 0.
   */
  String keys(String... arguments) {
    List<String> args = new ArrayList<>();
    args.add("keys");
    args.addAll(List.of(arguments));
    args.addAll(List.of("--keyring", keyring.toString(), "--kek", kekUri));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status =
        VeilCli.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err));
    assertThat(status).as("veil %s: %s", args, err).isZero();
    return out.toString();
  }

  /** The keyring as it is on disk now. */
  Keyring read() throws SQLException {
    return Keyring.read(keyring, Keks.open(kekUri));
  }

  /** The key id of the primary version of {@code key} for {@code purpose}. */
  long primary(String key, String purpose) throws SQLException {
    return read().describe().stream()
        .filter(v -> v.name().equals(key) && v.purpose().equals(purpose) && v.primary())
        .mapToLong(KeyMetadata::keyId)
        .findFirst()
        .orElseThrow();
  }

  /**
   * The key id a stored value names, read the way an auditor would: {@code byte[]} as stored, text
   * as base64; Veil's header {@code 0x56 0x01}, Tink's prefix byte {@code 0x01}, then four bytes of
   * key id.
   */
  static long storedKeyId(Object stored) {
    byte[] bytes =
        stored instanceof byte[] b ? b : Base64.getDecoder().decode(stored.toString().strip());
    assertThat(bytes.length).isGreaterThan(7);
    assertThat(bytes[0]).as("Veil header").isEqualTo((byte) 0x56);
    assertThat(bytes[1]).as("Veil format version").isEqualTo((byte) 0x01);
    assertThat(bytes[2]).as("Tink prefix").isEqualTo((byte) 0x01);
    long id = 0;
    for (int i = 3; i < 7; i++) {
      id = (id << 8) | (bytes[i] & 0xff);
    }
    return id;
  }

  /**
   * A select-list expression that returns the text of the statement the database is running, so a
   * test can see what Veil sent: PostgreSQL's {@code current_query()}, MariaDB's own process-list
   * entry (with the client-side bound values in it).
   */
  static String sentSqlExpression(Database database) {
    return switch (database) {
      case POSTGRESQL -> "current_query()";
      case MARIADB ->
          "(SELECT info FROM information_schema.processlist WHERE id = CONNECTION_ID())";
      case H2 -> throw new IllegalArgumentException("H2 does not show the running statement");
    };
  }

  /**
   * How many stored forms the sent statement compares {@code column} with: 1 for {@code column =
   * ?}, n for {@code (column IN (?, ..., ?))}. Bound values in the text (MariaDB) are base64 and
   * hold no comma or parenthesis.
   */
  static int lookupWidth(String sent, String column) {
    String widened = column + " IN (";
    int start = sent.indexOf(widened);
    if (start < 0) {
      assertThat(sent).contains(column + " = ");
      return 1;
    }
    String list = sent.substring(start + widened.length(), sent.indexOf(')', start));
    return list.split(",", -1).length;
  }

  /** Drops {@code table} if it exists and creates it with {@code columns} on {@code database}. */
  static void recreate(Database database, String table, String columns) throws SQLException {
    try (Connection raw = database.raw();
        Statement ddl = raw.createStatement()) {
      ddl.execute("DROP TABLE IF EXISTS " + table);
      ddl.execute("CREATE TABLE " + table + " (" + columns + ")");
    }
  }
}
