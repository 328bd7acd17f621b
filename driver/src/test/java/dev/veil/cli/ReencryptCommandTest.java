package dev.veil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.keys.Keyring;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReencryptCommandTest {
  private static final String POLICY =
      """
      version: 1
      tables:
        job_people:
          columns:
            ssn: { encrypt: deterministic, type: string, key: pii }
            dob: { encrypt: randomized,    type: date,   key: pii }
      """;

  @TempDir Path dir;
  private JobFixture fixture;

  @BeforeEach
  void setUp() throws Exception {
    fixture = new JobFixture(dir, POLICY);
    fixture.execute(
        "CREATE TABLE job_people (id INT PRIMARY KEY, ssn VARCHAR(200), dob VARBINARY(200))");
  }

  private void insertThroughVeil(int from, int to) throws Exception {
    try (Connection connection = fixture.veil(null);
        PreparedStatement insert =
            connection.prepareStatement("INSERT INTO job_people (id, ssn, dob) VALUES (?, ?, ?)")) {
      for (int id = from; id <= to; id++) {
        insert.setInt(1, id);
        insert.setString(2, id % 4 == 0 ? null : "ssn-" + id);
        insert.setObject(3, LocalDate.of(2000, 1, 1).plusDays(id));
        insert.executeUpdate();
      }
    }
  }

  private void assertEveryRowReads(int rows) throws Exception {
    try (Connection connection = fixture.veil(null);
        Statement statement = connection.createStatement();
        ResultSet results =
            statement.executeQuery("SELECT id, ssn, dob FROM job_people ORDER BY id")) {
      for (int id = 1; id <= rows; id++) {
        assertThat(results.next()).isTrue();
        assertThat(results.getString("ssn")).isEqualTo(id % 4 == 0 ? null : "ssn-" + id);
        assertThat(results.getObject("dob", LocalDate.class))
            .isEqualTo(LocalDate.of(2000, 1, 1).plusDays(id));
      }
      assertThat(results.next()).isFalse();
    }
  }

  @Test
  void rewritesEveryColumnUnderThePrimaryVersionSoTheOldVersionsCanBeRetired() throws Exception {
    insertThroughVeil(1, 20);
    List<Long> oldDeterministic = fixture.versions(Keyring.DETERMINISTIC);
    List<Long> oldRandomized = fixture.versions(Keyring.RANDOMIZED);
    assertThat(fixture.run("keys", "rotate", "pii")).isZero();
    insertThroughVeil(21, 24);
    long newDeterministic = fixture.versions(Keyring.DETERMINISTIC).get(0);
    long newRandomized = fixture.versions(Keyring.RANDOMIZED).get(0);

    assertThat(fixture.job("reencrypt", "--table", "job_people", "--batch-size", "6"))
        .as(fixture.err.toString())
        .isZero();

    assertThat(fixture.out.toString())
        .contains(
            "reencrypt job_people: complete",
            "rows examined: 24 in",
            "job_people.ssn: re-encrypted 15, already current 3, NULL skipped 6, failures 0",
            "job_people.dob: re-encrypted 20, already current 4, NULL skipped 0, failures 0");
    assertThat(fixture.err.toString()).contains("key 'pii' was rotated less than 5 minutes ago");
    for (Object stored : fixture.stored("job_people", "ssn").values()) {
      if (stored != null) {
        assertThat(JobFixture.keyId(stored)).isEqualTo(newDeterministic);
      }
    }
    for (Object stored : fixture.stored("job_people", "dob").values()) {
      assertThat(JobFixture.keyId(stored)).isEqualTo(newRandomized);
    }
    List<String> retire = new ArrayList<>(List.of("keys", "retire", "pii"));
    oldDeterministic.forEach(id -> retire.add(id.toString()));
    oldRandomized.forEach(id -> retire.add(id.toString()));
    assertThat(fixture.run(retire.toArray(String[]::new))).as(fixture.err.toString()).isZero();
    assertEveryRowReads(24);
  }

  @Test
  void runningAgainChangesNothing() throws Exception {
    insertThroughVeil(1, 10);
    fixture.run("keys", "rotate", "pii");
    fixture.job("reencrypt", "--table", "job_people", "--column", "ssn");
    Map<Integer, Object> once = fixture.stored("job_people", "ssn");

    assertThat(fixture.job("reencrypt", "--table", "job_people", "--column", "ssn")).isZero();

    assertThat(fixture.out.toString())
        .contains("reencrypt job_people.ssn: complete", "re-encrypted 0, already current 8");
    assertThat(fixture.stored("job_people", "ssn")).usingRecursiveComparison().isEqualTo(once);
  }

  @Test
  void leavesPlaintextForEncryptExistingAndSaysSo() throws Exception {
    insertThroughVeil(1, 3);
    fixture.execute("INSERT INTO job_people (id, ssn) VALUES (4, 'legacy')");

    assertThat(fixture.job("reencrypt", "--table", "job_people", "--column", "ssn")).isZero();

    assertThat(fixture.out.toString())
        .contains("already current 3", "plaintext 1 (run 'veil encrypt-existing')");
    assertThat(fixture.err.toString()).as("a key never rotated").doesNotContain("rotated");
    assertThat(fixture.stored("job_people", "ssn").get(4)).isEqualTo("legacy");
  }

  @Test
  void reportsValuesUnderARetiredVersionAndExitsOneSoNobodyRetiresKeysTooEarly() throws Exception {
    insertThroughVeil(1, 3);
    long old = fixture.versions(Keyring.DETERMINISTIC).get(0);
    fixture.run("keys", "rotate", "pii");
    fixture.run("keys", "retire", "pii", Long.toString(old));

    assertThat(fixture.job("reencrypt", "--table", "job_people", "--column", "ssn")).isEqualTo(1);

    assertThat(fixture.err.toString())
        .contains("row (ID=1) left alone", "is under retired version pii/" + old)
        .doesNotContain("ssn-1");
    assertThat(fixture.out.toString()).contains("re-encrypted 0", "failures 3");
  }

  @Test
  void dryRunCountsWhatWouldBeReencryptedAndWritesNothing() throws Exception {
    insertThroughVeil(1, 8);
    fixture.run("keys", "rotate", "pii");
    Map<Integer, Object> before = fixture.stored("job_people", "dob");

    assertThat(fixture.job("reencrypt", "--table", "job_people", "--dry-run")).isZero();

    assertThat(fixture.out.toString())
        .contains(
            "dry run complete, nothing was written",
            "job_people.ssn: would re-encrypt 6",
            "job_people.dob: would re-encrypt 8");
    assertThat(fixture.stored("job_people", "dob")).usingRecursiveComparison().isEqualTo(before);
  }
}
