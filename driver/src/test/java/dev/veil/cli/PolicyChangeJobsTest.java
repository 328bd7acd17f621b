package dev.veil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code veil policy diff} promises about the bulk jobs, proven on a database: reencrypt
 * cannot carry values across a mode or key change, and it does re-pad a deterministic column.
 */
class PolicyChangeJobsTest {
  private static final String POLICY =
      """
      version: 1
      tables:
        job_people:
          columns:
            ssn: { encrypt: deterministic, type: string, key: pii, pad: 16 }
      """;

  @TempDir Path dir;
  private JobFixture fixture;

  @BeforeEach
  void setUp() throws Exception {
    fixture = new JobFixture(dir, POLICY);
    fixture.execute("CREATE TABLE job_people (id INT PRIMARY KEY, ssn VARBINARY(400))");
    try (Connection connection = fixture.veil(null);
        PreparedStatement insert =
            connection.prepareStatement("INSERT INTO job_people (id, ssn) VALUES (?, ?)")) {
      for (int id = 1; id <= 5; id++) {
        insert.setInt(1, id);
        insert.setString(2, "ssn-" + id);
        insert.executeUpdate();
      }
    }
  }

  private void changePolicy(String column) throws Exception {
    Files.writeString(
        fixture.policy,
        "version: 1\ntables:\n  job_people:\n    columns:\n      ssn: " + column + "\n");
  }

  private int rowsFound(String ssn) throws Exception {
    try (Connection connection = fixture.veil(null);
        PreparedStatement query =
            connection.prepareStatement("SELECT COUNT(*) FROM job_people WHERE ssn = ?")) {
      query.setString(1, ssn);
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    }
  }

  /** Runs reencrypt under the changed column policy and proves it converted nothing. */
  private void assertReencryptLeavesEveryValueAsStored(String column) throws Exception {
    Map<Integer, Object> before = fixture.stored("job_people", "ssn");
    changePolicy(column);

    assertThat(fixture.job("reencrypt", "--table", "job_people")).isEqualTo(1);

    assertThat(fixture.out.toString()).contains("re-encrypted 0", "failures 5");
    assertThat(fixture.stored("job_people", "ssn")).usingRecursiveComparison().isEqualTo(before);
  }

  @Test
  void reencryptCannotChangeAColumnsModeAndLeavesEveryValueAsStored() throws Exception {
    fixture.run("keys", "rotate", "pii");
    assertReencryptLeavesEveryValueAsStored(
        "{ encrypt: randomized, type: string, key: pii, pad: 16 }");
  }

  @Test
  void reencryptCannotMoveValuesToAnotherKeyAndLeavesEveryValueAsStored() throws Exception {
    assertThat(fixture.run("keys", "add", "other")).as(fixture.err.toString()).isZero();
    assertReencryptLeavesEveryValueAsStored(
        "{ encrypt: deterministic, type: string, key: other, pad: 16 }");
  }

  @Test
  void rotatingThenReencryptingRepadsADeterministicColumnSoLookupsFindItAgain() throws Exception {
    changePolicy("{ encrypt: deterministic, type: string, key: pii, pad: 64 }");
    assertThat(rowsFound("ssn-3")).as("lookups under the new padding miss old values").isZero();

    assertThat(fixture.run("keys", "rotate", "pii")).isZero();
    assertThat(fixture.job("reencrypt", "--table", "job_people"))
        .as(fixture.err.toString())
        .isZero();

    assertThat(fixture.out.toString()).contains("re-encrypted 5");
    assertThat(rowsFound("ssn-3")).isEqualTo(1);
  }
}
