package dev.veil.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.veil.cli.VeilCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code veil scan} on real databases: plaintext and ciphertext copied between tables are found and
 * named by primary key, and no value reaches the report.
 */
class ScanTest {
  private static final String SSN = "123-45-6789";

  private static final String POLICY =
      """
      version: 1
      tables:
        sc_people:
          columns:
            ssn: { encrypt: deterministic, type: string, key: pii }
        sc_visits:
          columns:
            ssn: { encrypt: deterministic, type: string, key: pii }
      """;

  @ParameterizedTest
  @EnumSource(
      value = Database.class,
      names = {"POSTGRESQL", "MARIADB"})
  void findsPlaintextAndCiphertextMovedBetweenTablesWithoutShowingValues(Database database)
      throws Exception {
    KeyringFixture keys = KeyringFixture.create(POLICY, "pii");
    KeyringFixture.recreate(
        database, "sc_people", "id INT PRIMARY KEY, ssn " + database.binaryType);
    KeyringFixture.recreate(
        database, "sc_visits", "id INT PRIMARY KEY, ssn " + database.binaryType);
    try (Connection veil = keys.connect(database)) {
      for (String table : List.of("sc_people", "sc_visits")) {
        try (PreparedStatement insert =
            veil.prepareStatement("INSERT INTO " + table + " (id, ssn) VALUES (?, ?)")) {
          for (int id = 1; id <= 3; id++) {
            insert.setInt(1, id);
            insert.setString(2, id == 3 ? null : SSN);
            insert.executeUpdate();
          }
        }
      }
    }
    try (Connection raw = database.raw()) {
      byte[] visit;
      try (PreparedStatement select =
              raw.prepareStatement("SELECT ssn FROM sc_visits WHERE id = 1");
          ResultSet rows = select.executeQuery()) {
        rows.next();
        visit = rows.getBytes(1);
      }
      try (PreparedStatement update =
          raw.prepareStatement("UPDATE sc_people SET ssn = ? WHERE id = ?")) {
        update.setBytes(1, visit);
        update.setInt(2, 1);
        update.executeUpdate();
        update.setBytes(1, SSN.getBytes(StandardCharsets.UTF_8));
        update.setInt(2, 2);
        update.executeUpdate();
      }
    }
    Path policy = keys.directory.resolve("scan-policy.yaml");
    Files.writeString(policy, POLICY);

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> args =
        new ArrayList<>(
            List.of(
                "scan",
                "--url",
                database.url,
                "--user",
                database.user,
                "--policy",
                policy.toString(),
                "--keyring",
                keys.keyring.toString(),
                "--kek",
                keys.kekUri,
                "--format",
                "json",
                "--show-rows"));
    int status =
        VeilCli.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));

    assertThat(status).as("%s", err).isEqualTo(1);
    assertThat(out.toString()).doesNotContain(SSN);
    Map<String, JsonObject> columns = new TreeMap<>();
    JsonParser.parseString(out.toString())
        .getAsJsonObject()
        .getAsJsonArray("columns")
        .forEach(
            c -> columns.put(c.getAsJsonObject().get("table").getAsString(), c.getAsJsonObject()));
    JsonObject people = columns.get("sc_people");
    assertThat(people.get("rows").getAsLong()).isEqualTo(3);
    assertThat(people.get("nulls").getAsLong()).isEqualTo(1);
    Map<String, String> findings = new TreeMap<>();
    people
        .getAsJsonArray("findings")
        .forEach(
            f ->
                findings.put(
                    f.getAsJsonObject().get("finding").getAsString(),
                    f.getAsJsonObject().getAsJsonArray("rows").get(0).getAsString()));
    assertThat(findings)
        .containsOnlyKeys("authentication-failed", "plaintext-value")
        .containsValue("(id=1)")
        .containsValue("(id=2)");
    assertThat(columns.get("sc_visits").getAsJsonArray("findings")).isEmpty();
  }
}
