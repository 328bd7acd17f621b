package dev.veil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyCheckCommandTest {
  @TempDir Path dir;
  private final String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int check(String columns, String... extra) throws Exception {
    return checkTable("pc_people", columns, extra);
  }

  private int checkTable(String table, String columns, String... extra) throws Exception {
    Path policy = dir.resolve("policy.yaml");
    Files.writeString(
        policy,
        "version: 1\ntables:\n  "
            + table
            + ":\n    columns:\n"
            + columns.lines().map(line -> "      " + line + "\n").reduce("", String::concat));
    List<String> args =
        new ArrayList<>(List.of("policy", "check", "--policy", policy.toString(), "--url", url));
    args.addAll(List.of(extra));
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    return VeilCli.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
  }

  private void execute(String... statements) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  private void insert(int rows, int distinct) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url);
        PreparedStatement insert =
            connection.prepareStatement("INSERT INTO pc_people (id, ssn) VALUES (?, ?)")) {
      for (int i = 0; i < rows; i++) {
        insert.setInt(1, i);
        insert.setString(2, "stored-" + (i % distinct));
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  @Test
  void reportsAColumnThatHoldsItsLargestCiphertextAsOkAndExitsZero() throws Exception {
    // 11 characters at up to 4 UTF-8 bytes each, plus 23 bytes of overhead, in base64.
    execute("CREATE TABLE pc_people (id INT PRIMARY KEY, ssn VARCHAR(92))");

    int status = check("ssn: { encrypt: deterministic, type: string, key: pii, length: 11 }");

    assertThat(status).isZero();
    assertThat(out.toString())
        .contains("pc_people.ssn: deterministic string, column CHARACTER VARYING(92)")
        .contains("text storage, largest ciphertext 92")
        .contains(": ok")
        .contains("1 protected column(s) checked: 0 error(s), 0 warning(s)");
  }

  @Test
  void reportsColumnTooSmallWithTheSizeItNeeds() throws Exception {
    execute("CREATE TABLE pc_people (id INT PRIMARY KEY, ssn VARCHAR(11))");

    int status = check("ssn: { encrypt: deterministic, type: string, key: pii, length: 11 }");

    assertThat(status).isEqualTo(1);
    assertThat(out.toString())
        .contains("error column-too-small")
        .contains("needs CHARACTER VARYING(92) or larger");
  }

  @Test
  void sizesAPaddedColumnByItsLastBucket() throws Exception {
    // 44 bytes padded to 48, plus 23, is 71 bytes: 96 base64 characters.
    execute("CREATE TABLE pc_people (id INT PRIMARY KEY, ssn VARCHAR(95))");

    int status =
        check("ssn: { encrypt: deterministic, type: string, key: pii, length: 11, pad: 16 }");

    assertThat(status).isEqualTo(1);
    assertThat(out.toString()).contains("needs CHARACTER VARYING(96) or larger");
  }

  @Test
  void sizesAFixedSizeTypeInABinaryColumnWithoutALength() throws Exception {
    // A randomized date: 8 bytes plus 35.
    execute("CREATE TABLE pc_people (id INT PRIMARY KEY, dob VARBINARY(42))");

    int status = check("dob: { encrypt: randomized, type: date, key: pii }");

    assertThat(status).isEqualTo(1);
    assertThat(out.toString())
        .contains("binary storage, largest ciphertext 43")
        .contains("needs BINARY VARYING(43) or larger");
  }

  @Test
  void findsQuotedMixedCaseNamesAsTheDatabaseFoldsThem() throws Exception {
    execute("CREATE TABLE \"pc_Mixed\" (id INT PRIMARY KEY, \"Ssn\" VARCHAR(92))");

    int quoted =
        checkTable(
            "'\"pc_Mixed\"'",
            "'\"Ssn\"': { encrypt: deterministic, type: string, key: pii, length: 11 }");
    String quotedOut = out.toString();
    int unquoted =
        checkTable(
            "pc_mixed", "Ssn: { encrypt: deterministic, type: string, key: pii, length: 11 }");

    assertThat(quoted).as(quotedOut).isZero();
    assertThat(quotedOut).contains(": ok");
    assertThat(unquoted).isEqualTo(1);
    assertThat(out.toString()).contains("error table-missing");
  }

  @Test
  void reportsTableMissing() throws Exception {
    int status = check("ssn: { encrypt: deterministic, type: string, key: pii, length: 11 }");

    assertThat(status).isEqualTo(1);
    assertThat(out.toString()).contains("error table-missing: table pc_people does not exist");
  }

  @Test
  void reportsColumnMissing() throws Exception {
    execute("CREATE TABLE pc_people (id INT PRIMARY KEY)");

    int status = check("ssn: { encrypt: deterministic, type: string, key: pii, length: 11 }");

    assertThat(status).isEqualTo(1);
    assertThat(out.toString())
        .contains("error column-missing: column pc_people.ssn does not exist");
  }

  @Test
  void reportsTypeMismatchForAColumnThatCannotHoldCiphertext() throws Exception {
    execute("CREATE TABLE pc_people (id INT PRIMARY KEY, score INTEGER)");

    int status = check("score: { encrypt: deterministic, type: int, key: pii }");

    assertThat(status).isEqualTo(1);
    assertThat(out.toString())
        .contains("error type-mismatch: column pc_people.score is INTEGER, which cannot hold");
  }

  @Test
  void reportsStorageMismatchWhenTheDeclaredStorageDisagreesWithTheColumn() throws Exception {
    execute("CREATE TABLE pc_people (id INT PRIMARY KEY, ssn VARCHAR(200))");

    int status =
        check(
            "ssn: { encrypt: deterministic, type: string, key: pii, length: 11,"
                + " storage: binary }");

    assertThat(status).isEqualTo(1);
    assertThat(out.toString())
        .contains("error storage-mismatch: the policy says 'storage: binary'")
        .contains("which stores text");
  }

  @Test
  void warnsLengthUndeclaredForABoundedColumnAndStillExitsZero() throws Exception {
    execute("CREATE TABLE pc_people (id INT PRIMARY KEY, ssn VARCHAR(200))");

    int status = check("ssn: { encrypt: deterministic, type: string, key: pii }");

    assertThat(status).isZero();
    assertThat(out.toString())
        .contains("warning length-undeclared")
        .contains("add 'length: N' (the longest value, in characters)");
  }

  @Test
  void warnsIndexOnRandomized() throws Exception {
    execute(
        "CREATE TABLE pc_people (id INT PRIMARY KEY, note VARCHAR(1000))",
        "CREATE INDEX pc_people_note ON pc_people (note)");

    int status = check("note: { encrypt: randomized, type: string, key: pii, length: 100 }");

    assertThat(status).isZero();
    assertThat(out.toString())
        .contains("warning index-on-randomized: index PC_PEOPLE_NOTE covers randomized column");
  }

  @Test
  void reportsUniqueOnRandomizedAsAnError() throws Exception {
    execute(
        "CREATE TABLE pc_people (id INT PRIMARY KEY, note VARCHAR(1000))",
        "ALTER TABLE pc_people ADD CONSTRAINT pc_people_note_unique UNIQUE (note)");

    int status = check("note: { encrypt: randomized, type: string, key: pii, length: 100 }");

    assertThat(status).isEqualTo(1);
    assertThat(out.toString())
        .contains("error unique-on-randomized")
        .contains("uniqueness is not enforced");
  }

  @Test
  void warnsLowCardinalityDeterministicWithoutPrintingAValue() throws Exception {
    execute("CREATE TABLE pc_people (id INT PRIMARY KEY, ssn VARCHAR(1000))");
    insert(100, 2);

    int status = check("ssn: { encrypt: deterministic, type: string, key: pii, length: 100 }");

    assertThat(status).isZero();
    assertThat(out.toString())
        .contains("2 distinct in 100 sampled rows")
        .contains("warning low-cardinality-deterministic")
        .contains("Naveed, Kamara, Wright")
        .doesNotContain("stored-");
  }

  @Test
  void countsDistinctValuesOnlyOverTheSampledRows() throws Exception {
    execute("CREATE TABLE pc_people (id INT PRIMARY KEY, ssn VARCHAR(1000))");
    insert(100, 2);

    int status =
        check(
            "ssn: { encrypt: deterministic, type: string, key: pii, length: 100 }",
            "--sample-rows",
            "20",
            "--min-distinct",
            "1");

    assertThat(status).isZero();
    assertThat(out.toString())
        .contains("2 distinct in 20 sampled rows")
        .doesNotContain("low-cardinality");
  }

  @Test
  void doesNotWarnLowCardinalityWhenTheSampleIsNoLargerThanTheThreshold() throws Exception {
    execute("CREATE TABLE pc_people (id INT PRIMARY KEY, ssn VARCHAR(1000))");
    insert(32, 1);

    int status = check("ssn: { encrypt: deterministic, type: string, key: pii, length: 100 }");

    assertThat(status).isZero();
    assertThat(out.toString()).doesNotContain("low-cardinality");
  }

  @Test
  void writesOneStableJsonShapeWithEveryKeyInEveryColumn() throws Exception {
    execute("CREATE TABLE pc_people (id INT PRIMARY KEY, ssn VARCHAR(11))");

    int status =
        check(
            "ssn: { encrypt: deterministic, type: string, key: pii, length: 11 }\n"
                + "dob: { encrypt: randomized, type: date, key: pii }",
            "--format",
            "json");

    assertThat(status).isEqualTo(1);
    JsonObject root = JsonParser.parseString(out.toString()).getAsJsonObject();
    assertThat(root.keySet()).containsExactly("columns", "summary");
    JsonObject ssn = root.getAsJsonArray("columns").get(0).getAsJsonObject();
    JsonObject dob = root.getAsJsonArray("columns").get(1).getAsJsonObject();
    List<String> keys =
        List.of(
            "table",
            "column",
            "mode",
            "type",
            "tableExists",
            "columnExists",
            "sqlType",
            "size",
            "storage",
            "requiredSize",
            "sampleRows",
            "sampleDistinct",
            "findings");
    assertThat(ssn.keySet()).containsExactlyElementsOf(keys);
    assertThat(dob.keySet()).containsExactlyElementsOf(keys);
    assertThat(ssn.get("table").getAsString()).isEqualTo("pc_people");
    assertThat(ssn.get("size").getAsInt()).isEqualTo(11);
    assertThat(ssn.get("storage").getAsString()).isEqualTo("text");
    assertThat(ssn.get("requiredSize").getAsInt()).isEqualTo(92);
    assertThat(ssn.get("sampleRows").getAsLong()).isZero();
    JsonObject finding = ssn.getAsJsonArray("findings").get(0).getAsJsonObject();
    assertThat(finding.keySet()).containsExactly("severity", "code", "message");
    assertThat(finding.get("severity").getAsString()).isEqualTo("error");
    assertThat(finding.get("code").getAsString()).isEqualTo("column-too-small");
    assertThat(dob.get("columnExists").getAsBoolean()).isFalse();
    assertThat(dob.get("sqlType").isJsonNull()).isTrue();
    JsonObject summary = root.getAsJsonObject("summary");
    assertThat(summary.get("columns").getAsInt()).isEqualTo(2);
    assertThat(summary.get("errors").getAsInt()).isEqualTo(2);
    assertThat(summary.get("warnings").getAsInt()).isZero();
  }

  @Test
  void exitsTwoWhenTheDatabaseCannotBeReached() throws Exception {
    Path policy = dir.resolve("policy.yaml");
    Files.writeString(
        policy,
        "version: 1\ntables:\n  pc_people:\n    columns:\n"
            + "      ssn: { encrypt: deterministic, type: string, key: pii }\n");

    int status =
        VeilCli.run(
            new String[] {
              "policy",
              "check",
              "--policy",
              policy.toString(),
              "--url",
              "jdbc:h2:mem:x;IFEXISTS=TRUE"
            },
            new PrintWriter(out),
            new PrintWriter(err));

    assertThat(status).isEqualTo(2);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString()).startsWith("veil: ").contains("SQLState");
  }

  @Test
  void exitsTwoOnAnInvalidSampleSize() throws Exception {
    int status =
        check("ssn: { encrypt: deterministic, type: string, key: pii }", "--sample-rows", "0");

    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("--sample-rows must be >= 1");
  }
}
