package dev.veil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.cli.JobCounts.Outcome;
import dev.veil.crypto.ColumnCrypto;
import dev.veil.crypto.OnUndecryptable;
import dev.veil.driver.StorageDetector;
import dev.veil.keys.Keks;
import dev.veil.keys.Keyring;
import dev.veil.policy.ColumnPolicy;
import dev.veil.policy.IdentifierCase;
import dev.veil.policy.Policy;
import dev.veil.policy.PolicyLoader;
import dev.veil.policy.Storage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EncryptExistingCommandTest {
  private static final String POLICY =
      """
      version: 1
      tables:
        job_people:
          columns:
            ssn:   { encrypt: deterministic, type: string, key: pii, migrating: true }
            dob:   { encrypt: randomized,    type: date,   key: pii, migrating: true }
            score: { encrypt: deterministic, type: int,    key: pii, migrating: true }
        job_visits:
          columns:
            ssn:   { encrypt: deterministic, type: string, key: pii, migrating: true }
        job_loose:
          columns:
            ssn:   { encrypt: deterministic, type: string, key: pii, migrating: true }
      """;

  /** The same columns enforced: reading a plaintext value through it is an error. */
  private static final String ENFORCED = POLICY.replace(", migrating: true", "");

  @TempDir Path dir;
  private JobFixture fixture;
  private Path enforced;

  @BeforeEach
  void setUp() throws Exception {
    fixture = new JobFixture(dir, POLICY);
    enforced = dir.resolve("enforced.yaml");
    Files.writeString(enforced, ENFORCED);
    fixture.execute(
        "CREATE TABLE job_people (id INT PRIMARY KEY, ssn VARCHAR(200), dob VARBINARY(200),"
            + " score VARCHAR(200), note VARCHAR(50))");
  }

  @AfterEach
  void resetTrigger() {
    FailingUpdateTrigger.ALLOWED.set(Integer.MAX_VALUE);
  }

  /** Rows 1..n in plaintext, as before Veil; every fifth SSN is NULL. */
  private void insertLegacyRows(int n) throws Exception {
    try (Connection connection = fixture.raw();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO job_people (id, ssn, dob, score, note) VALUES (?, ?, ?, ?, ?)")) {
      for (int id = 1; id <= n; id++) {
        insert.setInt(1, id);
        insert.setString(2, id % 5 == 0 ? null : ssn(id));
        insert.setBytes(3, LocalDate.of(1990, 1, 1).plusDays(id).toString().getBytes());
        insert.setString(4, Integer.toString(id * 10));
        insert.setString(5, "note " + id);
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private static String ssn(int id) {
    return String.format("123-45-%04d", id);
  }

  private void insertThroughVeil(int id) throws Exception {
    try (Connection connection = fixture.veil(null);
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO job_people (id, ssn, dob, score) VALUES (?, ?, ?, ?)")) {
      insert.setInt(1, id);
      insert.setString(2, ssn(id));
      insert.setObject(3, LocalDate.of(1990, 1, 1).plusDays(id));
      insert.setInt(4, id * 10);
      insert.executeUpdate();
    }
  }

  private Map<Integer, String> expectedSsns(int n) {
    Map<Integer, String> expected = new HashMap<>();
    for (int id = 1; id <= n; id++) {
      expected.put(id, id % 5 == 0 ? null : ssn(id));
    }
    return expected;
  }

  @Test
  void encryptsEveryPlaintextValueAndLeavesNullsAndCiphertextAlone() throws Exception {
    insertLegacyRows(25);
    insertThroughVeil(26);
    insertThroughVeil(27);
    Map<Integer, Object> before = fixture.stored("job_people", "ssn");

    assertThat(
            fixture.job(
                "encrypt-existing",
                "--table",
                "job_people",
                "--column",
                "ssn",
                "--batch-size",
                "7"))
        .as(fixture.err.toString())
        .isZero();

    assertThat(fixture.out.toString())
        .contains(
            "encrypt-existing job_people.ssn: complete",
            "rows examined: 27 in",
            "job_people.ssn: encrypted 20, already current 2, NULL skipped 5, failures 0");
    Map<Integer, Object> after = fixture.stored("job_people", "ssn");
    assertThat(after.get(26)).isEqualTo(before.get(26));
    assertThat(after.get(27)).isEqualTo(before.get(27));
    for (int id = 1; id <= 25; id++) {
      if (id % 5 == 0) {
        assertThat(after.get(id)).isNull();
      } else {
        assertThat(JobFixture.isCiphertext(after.get(id))).as("row %d", id).isTrue();
      }
    }
    Map<Integer, String> expected = expectedSsns(27);
    expected.put(26, ssn(26));
    expected.put(27, ssn(27));
    assertThat(fixture.readThroughVeil(enforced, "job_people", "ssn")).isEqualTo(expected);
    assertThat(fixture.checkpoint).as("a finished job removes its checkpoint").doesNotExist();
  }

  @Test
  void encryptsDatesInBinaryAndWholeNumbersInTextColumns() throws Exception {
    insertLegacyRows(12);
    assertThat(fixture.job("encrypt-existing", "--table", "job_people", "--column", "dob"))
        .as(fixture.err.toString())
        .isZero();
    assertThat(fixture.job("encrypt-existing", "--table", "JOB_PEOPLE", "--column", "SCORE"))
        .as(fixture.err.toString())
        .isZero();
    assertThat(fixture.out.toString()).contains("job_people.score: encrypted 12");
    try (Connection connection = fixture.veil(enforced);
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT id, dob, score, note FROM job_people ORDER BY id")) {
      for (int id = 1; id <= 12; id++) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getObject("dob", LocalDate.class))
            .isEqualTo(LocalDate.of(1990, 1, 1).plusDays(id));
        assertThat(rows.getObject("score")).isEqualTo(id * 10);
        assertThat(rows.getString("note")).isEqualTo("note " + id);
      }
    }
  }

  @Test
  void findsTheRowsByALookupOnTheEncryptedColumnAfterwards() throws Exception {
    insertLegacyRows(10);
    fixture.job("encrypt-existing", "--table", "job_people", "--column", "ssn");
    try (Connection connection = fixture.veil(enforced);
        PreparedStatement lookup =
            connection.prepareStatement("SELECT id FROM job_people WHERE ssn = ?")) {
      lookup.setString(1, ssn(7));
      try (ResultSet rows = lookup.executeQuery()) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getInt(1)).isEqualTo(7);
      }
    }
  }

  @Test
  void dryRunCountsWhatWouldChangeAndWritesNothing() throws Exception {
    insertLegacyRows(25);
    insertThroughVeil(26);
    Map<Integer, Object> before = fixture.stored("job_people", "ssn");

    assertThat(
            fixture.job(
                "encrypt-existing",
                "--table",
                "job_people",
                "--column",
                "ssn",
                "--dry-run",
                "--batch-size",
                "4"))
        .as(fixture.err.toString())
        .isZero();

    assertThat(fixture.out.toString())
        .contains(
            "dry run complete, nothing was written",
            "job_people.ssn: would encrypt 20, already current 1, NULL skipped 5");
    assertThat(fixture.stored("job_people", "ssn")).usingRecursiveComparison().isEqualTo(before);
    assertThat(fixture.checkpoint).doesNotExist();
  }

  @Test
  void resumesAfterTheLastCommittedBatchWhenABatchFailsHalfWay() throws Exception {
    insertLegacyRows(30);
    fixture.execute(
        "CREATE TRIGGER job_fail BEFORE UPDATE ON job_people FOR EACH ROW CALL \""
            + FailingUpdateTrigger.class.getName()
            + "\"");
    // Batches of 10 rows hold 8 plaintext SSNs each: the third batch fails on its fifth update.
    FailingUpdateTrigger.ALLOWED.set(20);

    assertThat(
            fixture.job(
                "encrypt-existing",
                "--table",
                "job_people",
                "--column",
                "ssn",
                "--batch-size",
                "10"))
        .isEqualTo(2);
    assertThat(fixture.err.toString())
        .contains("simulated crash", "rolled back", "resumes from " + fixture.checkpoint);
    Checkpoint saved = Checkpoint.read(fixture.checkpoint).orElseThrow();
    assertThat(saved.after()).containsExactly("20");
    assertThat(saved.examined()).isEqualTo(20);
    Map<Integer, Object> stored = fixture.stored("job_people", "ssn");
    for (int id = 1; id <= 30; id++) {
      if (id % 5 != 0) {
        assertThat(JobFixture.isCiphertext(stored.get(id))).as("row %d", id).isEqualTo(id <= 20);
      }
    }

    FailingUpdateTrigger.ALLOWED.set(Integer.MAX_VALUE);
    assertThat(
            fixture.job(
                "encrypt-existing",
                "--table",
                "job_people",
                "--column",
                "ssn",
                "--batch-size",
                "10"))
        .as(fixture.err.toString())
        .isZero();
    assertThat(fixture.err.toString()).contains("resuming from checkpoint", "20 rows examined");
    assertThat(fixture.out.toString())
        .contains(
            "rows examined: 10 in",
            "after 20 examined by earlier runs",
            "job_people.ssn: encrypted 8, already current 0, NULL skipped 2");
    assertThat(fixture.readThroughVeil(enforced, "job_people", "ssn")).isEqualTo(expectedSsns(30));
  }

  @Test
  void aStaleCheckpointMakesTheJobReexamineRowsButNeverEncryptThemTwice() throws Exception {
    insertLegacyRows(20);
    fixture.job("encrypt-existing", "--table", "job_people", "--column", "ssn");
    // As if the job had crashed between committing its batches and writing its checkpoint.
    new Checkpoint(
            "encrypt-existing",
            Checkpoint.fingerprint(fixture.url),
            "job_people",
            List.of("ssn"),
            List.of("ID"),
            List.of("3"),
            3,
            Instant.now())
        .write(fixture.checkpoint);
    Map<Integer, Object> before = fixture.stored("job_people", "ssn");

    assertThat(fixture.job("encrypt-existing", "--table", "job_people", "--column", "ssn"))
        .as(fixture.err.toString())
        .isZero();

    assertThat(fixture.out.toString())
        .contains("rows examined: 17 in", "encrypted 0, already current 13, NULL skipped 4");
    assertThat(fixture.stored("job_people", "ssn")).usingRecursiveComparison().isEqualTo(before);
    assertThat(fixture.readThroughVeil(enforced, "job_people", "ssn")).isEqualTo(expectedSsns(20));
  }

  @Test
  void stopsOnceTheBatchInProgressCommitsAndResumesFromItsCheckpoint() throws Exception {
    insertLegacyRows(30);
    Policy policy = PolicyLoader.load(fixture.policy.toString());
    ColumnPolicy column = policy.columns().get(0);
    try (Connection connection = fixture.raw()) {
      IdentifierCase folding = StorageDetector.folding(connection.getMetaData());
      JobTable table = JobTable.resolve(connection, column.table(), List.of(column), folding);
      ColumnPolicy readsBoth =
          new ColumnPolicy(
              column.table(),
              column.column(),
              column.mode(),
              column.type(),
              column.key(),
              column.storage(),
              column.group(),
              true);
      ColumnCrypto crypto =
          ColumnCrypto.create(
              readsBoth,
              Keyring.read(fixture.keyring, Keks.open(fixture.kek)).key("pii").orElseThrow(),
              OnUndecryptable.ERROR);
      JobColumn jobColumn =
          new JobColumn(column, table.column(column), Storage.TEXT, crypto, crypto.primaryKeyId());
      Checkpoint start =
          new Checkpoint(
              "encrypt-existing",
              Checkpoint.fingerprint(fixture.url),
              "job_people",
              List.of("ssn"),
              List.of("ID"),
              List.of(),
              0,
              Instant.now());
      List<Long> committed = new ArrayList<>();
      BulkJob[] job = new BulkJob[1];
      job[0] =
          new BulkJob(
              connection,
              BulkJob.Kind.ENCRYPT_EXISTING,
              table,
              List.of(jobColumn),
              7,
              false,
              start,
              fixture.checkpoint,
              new BulkJob.Listener() {
                @Override
                public void committed(long examined) {
                  committed.add(examined);
                  job[0].requestStop();
                }

                @Override
                public void failed(String row, String reason) {
                  throw new AssertionError(row + " " + reason);
                }
              });

      BulkJob.Result result = job[0].run();

      assertThat(result.complete()).isFalse();
      assertThat(committed).containsExactly(7L);
      assertThat(result.counts().get(column, Outcome.CONVERTED)).isEqualTo(6);
      assertThat(Checkpoint.read(fixture.checkpoint).orElseThrow().after()).containsExactly("7");
    }
    assertThat(fixture.job("encrypt-existing", "--table", "job_people", "--column", "ssn"))
        .isZero();
    assertThat(fixture.out.toString())
        .contains("rows examined: 23 in", "after 7 examined by earlier runs", "encrypted 18");
    assertThat(fixture.readThroughVeil(enforced, "job_people", "ssn")).isEqualTo(expectedSsns(30));
  }

  @Test
  void reportsAValueThatDoesNotAuthenticateByItsPrimaryKeyOnlyAndLeavesItAlone() throws Exception {
    insertLegacyRows(3);
    insertThroughVeil(4);
    String stored = (String) fixture.stored("job_people", "ssn").get(4);
    byte[] bytes = Base64.getDecoder().decode(stored);
    bytes[bytes.length - 1] ^= 1;
    String tampered = Base64.getEncoder().encodeToString(bytes);
    fixture.execute("UPDATE job_people SET ssn = '" + tampered + "' WHERE id = 4");

    assertThat(fixture.job("encrypt-existing", "--table", "job_people", "--column", "ssn"))
        .isEqualTo(1);

    assertThat(fixture.err.toString())
        .contains("row (ID=4) left alone", "job_people.ssn failed authentication")
        .doesNotContain(ssn(4), tampered);
    assertThat(fixture.out.toString())
        .contains("encrypted 3, already current 0, NULL skipped 0, failures 1")
        .doesNotContain(ssn(4));
    assertThat(fixture.stored("job_people", "ssn").get(4)).isEqualTo(tampered);
  }

  @Test
  void reportsLegacyPlaintextThatIsNotAValueOfTheDeclaredType() throws Exception {
    insertLegacyRows(3);
    fixture.execute("UPDATE job_people SET score = 'ten' WHERE id = 2");

    assertThat(fixture.job("encrypt-existing", "--table", "job_people", "--column", "score"))
        .isEqualTo(1);

    assertThat(fixture.err.toString())
        .contains("row (ID=2) left alone", "is not a valid int")
        .doesNotContain("'ten'");
    assertThat(fixture.stored("job_people", "score").get(2)).isEqualTo("ten");
    assertThat(fixture.out.toString()).contains("encrypted 2", "failures 1");
  }

  @Test
  void leavesCiphertextUnderAnOlderKeyVersionForReencrypt() throws Exception {
    insertThroughVeil(1);
    assertThat(fixture.run("keys", "rotate", "pii")).isZero();
    fixture.execute("INSERT INTO job_people (id, ssn) VALUES (2, '" + ssn(2) + "')");
    Object old = fixture.stored("job_people", "ssn").get(1);

    assertThat(fixture.job("encrypt-existing", "--table", "job_people", "--column", "ssn"))
        .isZero();

    assertThat(fixture.out.toString())
        .contains("encrypted 1, already current 0", "under an older key version 1");
    assertThat(fixture.stored("job_people", "ssn").get(1)).isEqualTo(old);
  }

  @Test
  void pagesByACompositePrimaryKeyOfTextAndNumbers() throws Exception {
    fixture.execute(
        "CREATE TABLE job_visits (region VARCHAR(10), seq INT, ssn VARCHAR(200),"
            + " PRIMARY KEY (region, seq))");
    try (Connection connection = fixture.raw();
        PreparedStatement insert =
            connection.prepareStatement("INSERT INTO job_visits VALUES (?, ?, ?)")) {
      for (String region : List.of("north", "south", "west")) {
        for (int seq = 1; seq <= 10; seq++) {
          insert.setString(1, region);
          insert.setInt(2, seq);
          insert.setString(3, region + "-" + seq);
          insert.executeUpdate();
        }
      }
    }

    assertThat(
            fixture.job(
                "encrypt-existing",
                "--table",
                "job_visits",
                "--column",
                "ssn",
                "--batch-size",
                "4"))
        .as(fixture.err.toString())
        .isZero();

    assertThat(fixture.out.toString()).contains("rows examined: 30 in", "encrypted 30");
    try (Connection connection = fixture.veil(enforced);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT region, seq, ssn FROM job_visits")) {
      int count = 0;
      while (rows.next()) {
        assertThat(rows.getString("ssn"))
            .isEqualTo(rows.getString("region") + "-" + rows.getInt("seq"));
        count++;
      }
      assertThat(count).isEqualTo(30);
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "INT            | %d",
        "BIGINT         | %d000000000",
        "DECIMAL(10, 2) | %d.5",
        "VARCHAR(10)    | 'k%02d'",
        "UUID           | '00000000-0000-0000-0000-0000000000%02d'",
        "DATE           | DATE '2000-01-%02d'",
        "TIMESTAMP      | TIMESTAMP '2000-01-01 00:00:%02d.123456'",
        "VARBINARY(4)   | X'00%02d'"
      })
  void pagesByEveryKindOfPrimaryKeyItSupports(String type, String literal) throws Exception {
    fixture.execute("CREATE TABLE job_visits (k " + type + " PRIMARY KEY, ssn VARCHAR(200))");
    for (int i = 1; i <= 12; i++) {
      fixture.execute(
          "INSERT INTO job_visits VALUES (" + String.format(literal, i) + ", 'ssn-" + i + "')");
    }

    assertThat(
            fixture.job(
                "encrypt-existing",
                "--table",
                "job_visits",
                "--column",
                "ssn",
                "--batch-size",
                "5"))
        .as(fixture.err.toString())
        .isZero();

    assertThat(fixture.out.toString()).contains("rows examined: 12 in", "encrypted 12");
    try (Connection connection = fixture.veil(enforced);
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT COUNT(*) FROM job_visits WHERE ssn = 'ssn-7'")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getInt(1)).isEqualTo(1);
    }
  }

  @Test
  void worksOnTheSchemaNamedOnTheCommandLineWhenThePolicyNamesNone() throws Exception {
    insertLegacyRows(3);
    fixture.execute(
        "CREATE SCHEMA archive",
        "CREATE TABLE archive.job_people (id INT PRIMARY KEY, ssn VARBINARY(200), dob"
            + " VARBINARY(200), score VARCHAR(200), note VARCHAR(50))",
        "INSERT INTO archive.job_people (id, ssn) VALUES (1, CAST('archived' AS VARBINARY))");

    assertThat(fixture.job("encrypt-existing", "--table", "archive.job_people", "--column", "ssn"))
        .as(fixture.err.toString())
        .isZero();

    assertThat(fixture.out.toString())
        .contains("encrypt-existing archive.job_people.ssn: complete", "encrypted 1");
    assertThat(JobFixture.isCiphertext(fixture.stored("archive.job_people", "ssn").get(1)))
        .as("stored as bytes, as the archive's binary column wants, not as base64 text")
        .isTrue();
    assertThat(fixture.stored("job_people", "ssn").get(1)).isEqualTo(ssn(1));
    assertThat(fixture.readThroughVeil(enforced, "archive.job_people", "ssn"))
        .containsEntry(1, "archived");
  }

  @Test
  void refusesATableWithoutAPrimaryKey() throws Exception {
    fixture.execute("CREATE TABLE job_loose (id INT, ssn VARCHAR(200))");
    assertThat(fixture.job("encrypt-existing", "--table", "job_loose", "--column", "ssn"))
        .isEqualTo(2);
    assertThat(fixture.err.toString())
        .contains("table job_loose has no primary key", "ADD PRIMARY KEY", "SQLState F0000");
  }

  @Test
  void refusesAVeilUrlAColumnThePolicyDoesNotProtectAndAnEmptyBatch() throws Exception {
    assertThat(
            fixture.run(
                "encrypt-existing",
                "--url",
                "jdbc:veil:" + fixture.url.substring(5),
                "--table",
                "job_people",
                "--column",
                "ssn"))
        .isEqualTo(2);
    assertThat(fixture.err.toString()).contains("not jdbc:veil:");

    assertThat(fixture.job("encrypt-existing", "--table", "job_people", "--column", "note"))
        .isEqualTo(2);
    assertThat(fixture.err.toString())
        .contains("does not protect column note of table job_people", "[ssn, dob, score]");

    assertThat(fixture.job("encrypt-existing", "--table", "job_nothing", "--column", "ssn"))
        .isEqualTo(2);
    assertThat(fixture.err.toString()).contains("protects no table job_nothing");

    assertThat(
            fixture.job(
                "encrypt-existing",
                "--table",
                "job_people",
                "--column",
                "ssn",
                "--batch-size",
                "0"))
        .isEqualTo(2);
    assertThat(fixture.err.toString()).contains("--batch-size must be at least 1");
  }

  @Test
  void refusesACheckpointWrittenForAnotherJobOrDatabase() throws Exception {
    insertLegacyRows(3);
    new Checkpoint(
            "reencrypt",
            Checkpoint.fingerprint("jdbc:h2:mem:elsewhere"),
            "job_people",
            List.of("ssn"),
            List.of("ID"),
            List.of("2"),
            2,
            Instant.now())
        .write(fixture.checkpoint);

    assertThat(fixture.job("encrypt-existing", "--table", "job_people", "--column", "ssn"))
        .isEqualTo(2);

    assertThat(fixture.err.toString())
        .contains("was written for job reencrypt, another database URL", "delete it");
    assertThat(JobFixture.isCiphertext(fixture.stored("job_people", "ssn").get(1))).isFalse();
  }

  @Test
  void notesWhenTheColumnIsNotMarkedMigrating() throws Exception {
    insertLegacyRows(2);
    Files.writeString(fixture.policy, ENFORCED);
    assertThat(fixture.job("encrypt-existing", "--table", "job_people", "--column", "ssn"))
        .isZero();
    assertThat(fixture.err.toString())
        .contains("job_people.ssn is not marked 'migrating: true'", "fail on the rows");
  }

  @Test
  void printsHelpForBothJobs() {
    assertThat(fixture.run("encrypt-existing", "--help")).isZero();
    assertThat(fixture.out.toString()).contains("Usage:", "--column", "--dry-run", "--checkpoint");
    assertThat(fixture.run("reencrypt", "--help")).isZero();
    assertThat(fixture.out.toString()).contains("Usage:", "veil keys retire", "--batch-size");
  }
}
