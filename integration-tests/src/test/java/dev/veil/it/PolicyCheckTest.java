package dev.veil.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.veil.cli.VeilCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code veil policy check} against the metadata and SQL dialect of real servers. */
class PolicyCheckTest {
  private static final String POLICY =
      """
      version: 1
      tables:
        pc_check:
          columns:
            ssn:     { encrypt: deterministic, type: string, key: pii, length: 11 }
            dob:     { encrypt: randomized,    type: date,   key: pii }
            score:   { encrypt: deterministic, type: int,    key: pii }
            state:   { encrypt: deterministic, type: string, key: pii, length: 2 }
            note:    { encrypt: randomized,    type: string, key: pii, length: 50 }
            tag:     { encrypt: randomized,    type: string, key: pii, length: 50 }
            missing: { encrypt: randomized,    type: string, key: pii, length: 100 }
        pc_absent:
          columns:
            ssn:     { encrypt: deterministic, type: string, key: pii, length: 11 }
      """;

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(
      value = Database.class,
      names = {"POSTGRESQL", "MARIADB"})
  void reportsEveryFindingFromTheServersOwnMetadata(Database database) throws Exception {
    database.raw().close();
    KeyringFixture.recreate(
        database,
        "pc_check",
        "id INT PRIMARY KEY, ssn VARCHAR(11), dob "
            + database.binaryType
            + ", score INTEGER, state VARCHAR(200), note VARCHAR(500), tag VARCHAR(500)");
    try (Connection raw = database.raw();
        Statement ddl = raw.createStatement()) {
      ddl.execute("CREATE UNIQUE INDEX pc_check_note ON pc_check (note)");
      ddl.execute("CREATE INDEX pc_check_tag ON pc_check (tag)");
      try (PreparedStatement insert =
          raw.prepareStatement("INSERT INTO pc_check (id, state) VALUES (?, ?)")) {
        for (int i = 0; i < 100; i++) {
          insert.setInt(1, i);
          insert.setString(2, i % 2 == 0 ? "even" : "odd");
          insert.addBatch();
        }
        insert.executeBatch();
      }
    }
    try (Connection raw = database.raw();
        Statement ddl = raw.createStatement()) {
      ddl.execute("DROP TABLE IF EXISTS pc_absent");
    }
    Path policy = dir.resolve("policy.yaml");
    Files.writeString(policy, POLICY);
    List<String> args =
        new ArrayList<>(
            List.of(
                "policy",
                "check",
                "--policy",
                policy.toString(),
                "--url",
                database.url,
                "--user",
                database.user,
                "--format",
                "json"));
    // Database reads the password from this variable when it is not empty.
    String variable =
        database == Database.POSTGRESQL ? "VEIL_IT_PG_PASSWORD" : "VEIL_IT_MARIADB_PASSWORD";
    if (!database.password.isEmpty()) {
      args.addAll(List.of("--password-env", variable));
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int status =
        VeilCli.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));

    assertThat(status).as(err.toString()).isEqualTo(1);
    JsonObject root = JsonParser.parseString(out.toString()).getAsJsonObject();
    Map<String, List<String>> codes = new HashMap<>();
    Map<String, JsonObject> columns = new HashMap<>();
    for (JsonElement element : root.getAsJsonArray("columns")) {
      JsonObject column = element.getAsJsonObject();
      String name = column.get("table").getAsString() + "." + column.get("column").getAsString();
      columns.put(name, column);
      List<String> found = new ArrayList<>();
      JsonArray findings = column.getAsJsonArray("findings");
      findings.forEach(f -> found.add(f.getAsJsonObject().get("code").getAsString()));
      codes.put(name, found);
    }
    assertThat(codes.get("pc_check.ssn")).containsExactly("column-too-small");
    assertThat(findingMessage(columns.get("pc_check.ssn"))).contains("needs VARCHAR(92) or larger");
    assertThat(codes.get("pc_check.dob")).isEmpty();
    assertThat(columns.get("pc_check.dob").get("storage").getAsString()).isEqualTo("binary");
    assertThat(columns.get("pc_check.dob").get("requiredSize").getAsInt()).isEqualTo(43);
    assertThat(codes.get("pc_check.score")).containsExactly("type-mismatch");
    assertThat(codes.get("pc_check.state")).containsExactly("low-cardinality-deterministic");
    assertThat(columns.get("pc_check.state").get("sampleRows").getAsLong()).isEqualTo(100);
    assertThat(columns.get("pc_check.state").get("sampleDistinct").getAsLong()).isEqualTo(2);
    assertThat(codes.get("pc_check.note")).containsExactly("unique-on-randomized");
    assertThat(codes.get("pc_check.tag")).containsExactly("index-on-randomized");
    assertThat(codes.get("pc_check.missing")).containsExactly("column-missing");
    assertThat(codes.get("pc_absent.ssn")).containsExactly("table-missing");
    assertThat(out.toString()).doesNotContain("even").doesNotContain("odd");
    JsonObject summary = root.getAsJsonObject("summary");
    assertThat(summary.get("errors").getAsInt()).isEqualTo(5);
    assertThat(summary.get("warnings").getAsInt()).isEqualTo(2);
  }

  private static String findingMessage(JsonObject column) {
    return column.getAsJsonArray("findings").get(0).getAsJsonObject().get("message").getAsString();
  }
}
