package dev.veil.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.cli.VeilCli;
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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code veil encrypt-existing} and {@code veil reencrypt} on real databases, each run as its own
 * JVM from the shaded jar, the way an operator runs them: while the application keeps writing
 * through Veil, killed with SIGKILL half-way, and as a dry run.
 */
class BulkJobsTest {
  private static final Path JAR = Path.of("..", "driver", "target", "veil.jar");
  private static final String PASSWORD_VARIABLE = "VEIL_IT_JOB_PASSWORD";
  private static final LocalDate EPOCH = LocalDate.of(1950, 1, 1);

  @TempDir Path dir;

  private Path keyring;
  private String kek;

  private void keys() throws Exception {
    Path kekFile = dir.resolve("kek");
    Files.writeString(kekFile, Keks.generate());
    Files.setPosixFilePermissions(kekFile, PosixFilePermissions.fromString("rw-------"));
    kek = "file:" + kekFile;
    keyring = dir.resolve("keyring.json");
    Keyring.empty().withNewKey("pii").write(keyring, Keks.open(kek));
  }

  private Path policy(String name, String table, boolean migrating) throws Exception {
    String flag = migrating ? ", migrating: true" : "";
    Path file = dir.resolve(name);
    Files.writeString(
        file,
        "version: 1\ntables:\n  "
            + table
            + ":\n    columns:\n"
            + "      ssn: { encrypt: deterministic, type: string, key: pii"
            + flag
            + " }\n"
            + "      dob: { encrypt: randomized, type: date, key: pii"
            + flag
            + " }\n");
    return file;
  }

  private Connection veil(Database database, Path policy) throws SQLException {
    Properties info = database.credentials();
    info.setProperty("veil.policy", policy.toString());
    info.setProperty("veil.keyring", keyring.toString());
    info.setProperty("veil.kek", kek);
    return DriverManager.getConnection(database.veilUrl(), info);
  }

  private static void recreate(Database database, String table) throws SQLException {
    try (Connection connection = database.raw();
        Statement ddl = connection.createStatement()) {
      ddl.execute("DROP TABLE IF EXISTS " + table);
      ddl.execute(
          "CREATE TABLE "
              + table
              + " (id INT PRIMARY KEY, ssn VARCHAR(255), dob "
              + database.binaryType
              + ", note VARCHAR(50))");
    }
  }

  private static String ssn(int id) {
    return id % 10 == 0 ? null : "ssn-" + id;
  }

  /** Rows 1..n as they were before Veil: plaintext, every tenth SSN NULL. */
  private static void insertLegacy(Database database, String table, int rows) throws SQLException {
    try (Connection connection = database.raw()) {
      insert(connection, table, rows, true);
    }
  }

  private static void insert(Connection connection, String table, int rows, boolean legacy)
      throws SQLException {
    connection.setAutoCommit(false);
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO " + table + " (id, ssn, dob, note) VALUES (?, ?, ?, ?)")) {
      for (int id = 1; id <= rows; id++) {
        insert.setInt(1, id);
        insert.setString(2, ssn(id));
        LocalDate dob = EPOCH.plusDays(id);
        if (legacy) {
          insert.setBytes(3, dob.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } else {
          insert.setObject(3, dob);
        }
        insert.setString(4, "note " + id);
        insert.addBatch();
        if (id % 1000 == 0 || id == rows) {
          insert.executeBatch();
        }
      }
    }
    connection.commit();
    connection.setAutoCommit(true);
  }

  /** Every stored value of a column by id, bytes as hex, so that snapshots compare as strings. */
  private static Map<Integer, String> snapshot(Database database, String table, String column)
      throws SQLException {
    Map<Integer, String> values = new HashMap<>();
    try (Connection connection = database.raw();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT id, " + column + " FROM " + table)) {
      while (rows.next()) {
        Object stored = rows.getObject(2);
        values.put(
            rows.getInt(1),
            stored instanceof byte[] bytes
                ? "0x" + HexFormat.of().formatHex(bytes)
                : (String) stored);
      }
    }
    return values;
  }

  private static byte[] bytes(String snapshotValue) {
    return snapshotValue.startsWith("0x")
        ? HexFormat.of().parseHex(snapshotValue.substring(2))
        : Base64.getDecoder().decode(snapshotValue);
  }

  private static boolean isCiphertext(String snapshotValue) {
    try {
      return CiphertextFormat.isVeilCiphertext(bytes(snapshotValue));
    } catch (IllegalArgumentException notBase64) {
      return false;
    }
  }

  /** The Tink key id after Veil's header and Tink's version byte. */
  private static long keyId(String snapshotValue) {
    byte[] bytes = bytes(snapshotValue);
    long id = 0;
    for (int i = 3; i < 7; i++) {
      id = (id << 8) | (bytes[i] & 0xff);
    }
    return id;
  }

  private List<KeyMetadata> versions() throws SQLException {
    return Keyring.read(keyring, Keks.open(kek)).key("pii").orElseThrow().versions();
  }

  private int cli(String... args) {
    StringWriter out = new StringWriter();
    int exit = VeilCli.run(args, new PrintWriter(out), new PrintWriter(out));
    assertThat(exit).as(out.toString()).isZero();
    return exit;
  }

  private record Run(int exit, String out, String err) {}

  /** Starts {@code java -cp veil.jar:<JDBC driver> dev.veil.cli.VeilCli ...} with the database. */
  private Process start(Database database, Path policy, String... args) throws Exception {
    Class<?> jdbcDriver = DriverManager.getDriver(database.url).getClass();
    Path driverJar =
        Path.of(jdbcDriver.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                JAR + java.io.File.pathSeparator + driverJar,
                "dev.veil.cli.VeilCli"));
    command.addAll(List.of(args));
    command.addAll(
        List.of(
            "--url",
            database.url,
            "--user",
            database.user,
            "--password-env",
            PASSWORD_VARIABLE,
            "--policy",
            policy.toString(),
            "--keyring",
            keyring.toString(),
            "--kek",
            kek,
            "--progress",
            "lines"));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectOutput(dir.resolve("job.out").toFile())
            .redirectError(dir.resolve("job.err").toFile());
    builder.environment().put(PASSWORD_VARIABLE, database.password);
    return builder.start();
  }

  private Run finish(Process process) throws Exception {
    assertThat(process.waitFor(300, TimeUnit.SECONDS)).as("the job finishes").isTrue();
    return new Run(
        process.exitValue(),
        Files.readString(dir.resolve("job.out")),
        Files.readString(dir.resolve("job.err")));
  }

  @ParameterizedTest
  @EnumSource(
      value = Database.class,
      names = {"POSTGRESQL", "MARIADB"})
  void encryptExistingConvertsATableWhileTheApplicationKeepsWritingThroughVeil(Database database)
      throws Exception {
    database.raw().close();
    keys();
    String table = "job_live";
    Path migrating = policy("migrating.yaml", table, true);
    Path enforced = policy("enforced.yaml", table, false);
    recreate(database, table);
    int legacyRows = 20_000;
    insertLegacy(database, table, legacyRows);
    Map<Integer, String> expected = new HashMap<>();
    for (int id = 1; id <= legacyRows; id++) {
      expected.put(id, ssn(id));
    }
    Path checkpoint = dir.resolve("live.json");

    AtomicBoolean jobRunning = new AtomicBoolean(true);
    AtomicReference<Throwable> writerFailure = new AtomicReference<>();
    int[] writesDuringJob = new int[1];
    List<String> missedLookups = new ArrayList<>();
    Thread writer =
        new Thread(
            () -> {
              Random random = new Random(42);
              int nextId = legacyRows + 1;
              try (Connection app = veil(database, migrating);
                  PreparedStatement update =
                      app.prepareStatement("UPDATE " + table + " SET ssn = ? WHERE id = ?");
                  PreparedStatement insert =
                      app.prepareStatement(
                          "INSERT INTO " + table + " (id, ssn, dob) VALUES (?, ?, ?)");
                  PreparedStatement lookup =
                      app.prepareStatement("SELECT id FROM " + table + " WHERE ssn = ?")) {
                for (int n = 0; jobRunning.get(); n++) {
                  boolean during = Files.exists(checkpoint);
                  int op = random.nextInt(3);
                  if (op == 0) {
                    int id = 1 + random.nextInt(legacyRows);
                    String value = "upd-" + id + "-" + n;
                    update.setString(1, value);
                    update.setInt(2, id);
                    update.executeUpdate();
                    expected.put(id, value);
                  } else if (op == 1) {
                    int id = nextId++;
                    insert.setInt(1, id);
                    insert.setString(2, "new-" + id);
                    insert.setObject(3, EPOCH.plusDays(id));
                    insert.executeUpdate();
                    expected.put(id, "new-" + id);
                  } else {
                    int id = 1 + random.nextInt(legacyRows);
                    String value = expected.get(id);
                    if (value != null) {
                      lookup.setString(1, value);
                      try (ResultSet found = lookup.executeQuery()) {
                        if (!found.next() || found.getInt(1) != id) {
                          missedLookups.add("id " + id);
                        }
                      }
                    }
                  }
                  if (during && op != 2) {
                    writesDuringJob[0]++;
                  }
                }
              } catch (Throwable e) {
                writerFailure.set(e);
              }
            },
            "application-writer");
    writer.start();

    Run run;
    try {
      run =
          finish(
              start(
                  database,
                  migrating,
                  "encrypt-existing",
                  "--table",
                  table,
                  "--column",
                  "ssn",
                  "--batch-size",
                  "100",
                  "--checkpoint",
                  checkpoint.toString()));
    } finally {
      jobRunning.set(false);
      writer.join(60_000);
    }

    assertThat(writerFailure.get()).isNull();
    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("encrypt-existing " + table + ".ssn: complete", "failures 0");
    assertThat(writesDuringJob[0]).as("application writes while the job ran").isPositive();
    assertThat(missedLookups).as("lookups that missed their row during the migration").isEmpty();

    Map<Integer, String> stored = snapshot(database, table, "ssn");
    assertThat(stored).hasSameSizeAs(expected);
    stored.forEach(
        (id, value) -> {
          if (value != null) {
            assertThat(isCiphertext(value)).as("row %d is ciphertext", id).isTrue();
          }
        });
    Map<Integer, String> read = new HashMap<>();
    try (Connection connection = veil(database, enforced);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT id, ssn FROM " + table)) {
      while (rows.next()) {
        read.put(rows.getInt(1), rows.getString(2));
      }
    }
    assertThat(read).isEqualTo(expected);
  }

  @ParameterizedTest
  @EnumSource(
      value = Database.class,
      names = {"POSTGRESQL", "MARIADB"})
  void reencryptKilledWithSigkillMidRunResumesAndEveryRowReadsAfterTheOldKeyIsRetired(
      Database database) throws Exception {
    database.raw().close();
    keys();
    String table = "job_rotate";
    Path policy = policy("policy.yaml", table, false);
    recreate(database, table);
    int rows = 20_000;
    try (Connection connection = veil(database, policy)) {
      insert(connection, table, rows, false);
    }
    List<Long> old = versions().stream().map(KeyMetadata::keyId).toList();
    cli("keys", "rotate", "pii", "--keyring", keyring.toString(), "--kek", kek);
    Map<String, Long> primary = new HashMap<>();
    for (KeyMetadata version : versions()) {
      if (version.primary()) {
        primary.put(version.purpose(), version.keyId());
      }
    }
    Path checkpoint = dir.resolve("rotate.json");
    String[] job = {
      "reencrypt", "--table", table, "--batch-size", "50", "--checkpoint", checkpoint.toString()
    };

    Process first = start(database, policy, job);
    long examinedAtKill = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    Pattern examined = Pattern.compile("\"examined\":(\\d+)");
    while (examinedAtKill < 2_000 && System.nanoTime() < deadline && first.isAlive()) {
      if (Files.exists(checkpoint)) {
        Matcher matcher = examined.matcher(Files.readString(checkpoint));
        examinedAtKill = matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
      }
      Thread.sleep(5);
    }
    assertThat(first.isAlive()).as("the job is still running when it is killed").isTrue();
    first.destroyForcibly();
    assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(first.exitValue()).as("killed by SIGKILL").isEqualTo(137);

    Map<Integer, String> atKill = snapshot(database, table, "dob");
    long convertedAtKill =
        atKill.values().stream()
            .filter(value -> keyId(value) == primary.get(Keyring.RANDOMIZED))
            .count();
    assertThat(convertedAtKill)
        .as("some but not all rows were re-encrypted when the job was killed")
        .isBetween(examinedAtKill, rows - 1L);

    Run second = finish(start(database, policy, job));
    assertThat(second.exit()).as(second.out() + second.err()).isZero();
    assertThat(second.err()).contains("resuming from checkpoint " + checkpoint);
    assertThat(second.out()).contains("reencrypt " + table + ": complete", "failures 0");
    Matcher resumed =
        Pattern.compile("rows examined: (\\d+) in .* after (\\d+) examined").matcher(second.out());
    assertThat(resumed.find()).as(second.out()).isTrue();
    assertThat(Long.parseLong(resumed.group(2))).isGreaterThanOrEqualTo(examinedAtKill);
    assertThat(Long.parseLong(resumed.group(1)) + Long.parseLong(resumed.group(2)))
        .as("the two runs together examined every row once, give or take the batch the kill cut")
        .isBetween((long) rows, rows + 50L);
    assertThat(checkpoint).doesNotExist();

    Map<Integer, String> ssns = snapshot(database, table, "ssn");
    Map<Integer, String> dobs = snapshot(database, table, "dob");
    assertThat(ssns).hasSize(rows);
    for (int id = 1; id <= rows; id++) {
      assertThat(keyId(dobs.get(id))).isEqualTo(primary.get(Keyring.RANDOMIZED));
      if (ssns.get(id) != null) {
        assertThat(keyId(ssns.get(id))).isEqualTo(primary.get(Keyring.DETERMINISTIC));
      }
    }

    List<String> retire =
        new ArrayList<>(
            List.of("keys", "retire", "pii", "--keyring", keyring.toString(), "--kek", kek));
    old.forEach(id -> retire.add(Long.toString(id)));
    cli(retire.toArray(String[]::new));
    try (Connection connection = veil(database, policy);
        Statement statement = connection.createStatement();
        ResultSet results =
            statement.executeQuery("SELECT id, ssn, dob, note FROM " + table + " ORDER BY id")) {
      for (int id = 1; id <= rows; id++) {
        assertThat(results.next()).isTrue();
        assertThat(results.getInt("id")).isEqualTo(id);
        assertThat(results.getString("ssn")).isEqualTo(ssn(id));
        assertThat(results.getObject("dob", LocalDate.class)).isEqualTo(EPOCH.plusDays(id));
        assertThat(results.getString("note")).isEqualTo("note " + id);
      }
      assertThat(results.next()).isFalse();
    }
    try (Connection connection = veil(database, policy);
        PreparedStatement lookup =
            connection.prepareStatement("SELECT id FROM " + table + " WHERE ssn = ?")) {
      lookup.setString(1, ssn(12_345));
      try (ResultSet found = lookup.executeQuery()) {
        assertThat(found.next()).isTrue();
        assertThat(found.getInt(1)).isEqualTo(12_345);
      }
    }
  }

  @Test
  void reencryptsTheDemoDatabaseOfTheRotationRunbookWithTheShadedJarAlone() throws Exception {
    Path demo = dir.resolve("demo");
    String[] keyring = {"--keyring", demo.resolve("keyring.json").toString(), "--kek"};
    String kekUri = "file:" + demo.resolve("kek");
    assertThat(jar("demo", "--dir", demo.toString()).exit()).isZero();
    assertThat(jar("keys", "rotate", "pii", keyring[0], keyring[1], keyring[2], kekUri).exit())
        .isZero();

    Run run =
        jar(
            "reencrypt",
            "--url",
            "jdbc:h2:" + demo.resolve("demo"),
            "--policy",
            demo.resolve("policy.yaml").toString(),
            keyring[0],
            keyring[1],
            keyring[2],
            kekUri,
            "--table",
            "patients",
            "--progress",
            "none");

    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    assertThat(run.out())
        .contains(
            "reencrypt patients: complete",
            "patients.ssn: re-encrypted 3",
            "patients.balance: re-encrypted 0");
    assertThat(jar("demo", "--dir", demo.toString()).out()).contains("->  Alan Turing");
  }

  /** {@code java -jar veil.jar ...}, as the runbook runs it. */
  private Run jar(String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                JAR.toString()));
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(dir.resolve("job.out").toFile())
            .redirectError(dir.resolve("job.err").toFile())
            .start();
    return finish(process);
  }

  @ParameterizedTest
  @EnumSource(
      value = Database.class,
      names = {"POSTGRESQL", "MARIADB"})
  void dryRunsReportWhatWouldChangeAndChangeNothing(Database database) throws Exception {
    database.raw().close();
    keys();
    String table = "job_dry";
    Path policy = policy("policy.yaml", table, true);
    recreate(database, table);
    insertLegacy(database, table, 500);
    try (Connection connection = veil(database, policy);
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO " + table + " (id, ssn, dob) VALUES (?, ?, ?)")) {
      for (int id = 501; id <= 520; id++) {
        insert.setInt(1, id);
        insert.setString(2, "ssn-" + id);
        insert.setObject(3, EPOCH.plusDays(id));
        insert.executeUpdate();
      }
    }
    cli("keys", "rotate", "pii", "--keyring", keyring.toString(), "--kek", kek);
    Map<Integer, String> ssns = snapshot(database, table, "ssn");
    Map<Integer, String> dobs = snapshot(database, table, "dob");
    Path checkpoint = dir.resolve("dry.json");

    Run encrypt =
        finish(
            start(
                database,
                policy,
                "encrypt-existing",
                "--table",
                table,
                "--column",
                "dob",
                "--dry-run",
                "--batch-size",
                "64",
                "--checkpoint",
                checkpoint.toString()));
    Run reencrypt =
        finish(
            start(
                database,
                policy,
                "reencrypt",
                "--table",
                table,
                "--dry-run",
                "--checkpoint",
                checkpoint.toString()));

    assertThat(encrypt.exit()).as(encrypt.out() + encrypt.err()).isZero();
    assertThat(encrypt.out())
        .contains(
            "dry run complete, nothing was written",
            table
                + ".dob: would encrypt 500, already current 0, NULL skipped 0, failures 0,"
                + " under an older key version 20");
    assertThat(reencrypt.exit()).as(reencrypt.out() + reencrypt.err()).isZero();
    assertThat(reencrypt.out())
        .contains(
            table
                + ".ssn: would re-encrypt 20, already current 0, NULL skipped 50, failures 0,"
                + " plaintext 450",
            table
                + ".dob: would re-encrypt 20, already current 0, NULL skipped 0, failures 0,"
                + " plaintext 500");
    assertThat(snapshot(database, table, "ssn")).isEqualTo(ssns);
    assertThat(snapshot(database, table, "dob")).isEqualTo(dobs);
    assertThat(checkpoint).doesNotExist();
  }
}
