package dev.veil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyDiffCommandTest {
  private static final String BASE =
      """
      version: 1
      tables:
        people:
          columns:
            ssn:  { encrypt: deterministic, type: string, key: pii, pad: 16, length: 11 }
            note: { encrypt: randomized,    type: string, key: pii }
      """;

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int diff(String before, String after, String... options) throws Exception {
    Path old = dir.resolve("old.yaml");
    Path updated = dir.resolve("new.yaml");
    Files.writeString(old, before);
    Files.writeString(updated, after);
    List<String> args =
        new ArrayList<>(List.of("policy", "diff", old.toString(), updated.toString()));
    args.addAll(List.of(options));
    return VeilCli.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
  }

  private static String columns(String ssn, String note) {
    return """
        version: 1
        tables:
          people:
            columns:
        """
        + (ssn == null ? "" : "      ssn:  " + ssn + "\n")
        + (note == null ? "" : "      note: " + note + "\n");
  }

  private static final String SSN =
      "{ encrypt: deterministic, type: string, key: pii, pad: 16, length: 11 }";
  private static final String NOTE = "{ encrypt: randomized,    type: string, key: pii }";

  /** The one change's kind and severity, read from the JSON output. */
  private JsonObject onlyChange(String after) throws Exception {
    diff(BASE, after, "--format", "json");
    JsonArray changes =
        JsonParser.parseString(out.toString()).getAsJsonObject().getAsJsonArray("changes");
    assertThat(changes).as(out.toString()).hasSize(1);
    return changes.get(0).getAsJsonObject();
  }

  private void assertOnly(String after, String kind, String severity, int exit) throws Exception {
    JsonObject change = onlyChange(after);
    assertThat(change.get("change").getAsString()).isEqualTo(kind);
    assertThat(change.get("severity").getAsString()).isEqualTo(severity);
    out.getBuffer().setLength(0);
    assertThat(diff(BASE, after)).as(out.toString()).isEqualTo(exit);
  }

  @Test
  void identicalPoliciesHaveNoChangesAndExitZero() throws Exception {
    assertThat(diff(BASE, BASE)).isZero();
    assertThat(out.toString()).contains("No changes.");
  }

  @Test
  void aNewlyProtectedColumnIsDataWorkWithMigratingAndEncryptExisting() throws Exception {
    String after = BASE + "      email: { encrypt: randomized, type: string, key: pii }\n";
    assertOnly(after, "column-protected", "data-work", 3);
    assertThat(out.toString())
        .contains("migrating: true")
        .contains("veil encrypt-existing")
        .contains("--table people --column email")
        .contains("migrating: false");
  }

  @Test
  void aColumnNoLongerProtectedIsBreakingAndSaysToCopyTheValuesOutThroughVeil() throws Exception {
    assertOnly(columns(SSN, null), "column-unprotected", "breaking", 1);
    assertThat(out.toString()).contains("no job that decrypts").contains("through Veil");
  }

  @Test
  void anAddedTableIsDataWorkForEachOfItsColumns() throws Exception {
    String after =
        BASE
            + """
              cards:
                columns:
                  pan: { encrypt: deterministic, type: string, key: pii }
                  cvv: { encrypt: randomized, type: string, key: pii }
            """;
    assertThat(diff(BASE, after, "--format", "json")).isEqualTo(3);
    JsonObject root = JsonParser.parseString(out.toString()).getAsJsonObject();
    assertThat(root.getAsJsonObject("summary").get("dataWork").getAsInt()).isEqualTo(2);
    assertThat(root.getAsJsonArray("changes"))
        .allSatisfy(
            c ->
                assertThat(c.getAsJsonObject().get("change").getAsString())
                    .isEqualTo("table-added"));
  }

  @Test
  void aRemovedTableIsBreakingForEachOfItsColumns() throws Exception {
    String none = "version: 1\ntables: {}\n";
    assertThat(diff(BASE, none, "--format", "json")).isEqualTo(1);
    JsonObject root = JsonParser.parseString(out.toString()).getAsJsonObject();
    assertThat(root.getAsJsonObject("summary").get("breaking").getAsInt()).isEqualTo(2);
  }

  @Test
  void aModeChangeIsBreaking() throws Exception {
    assertOnly(
        columns(SSN, "{ encrypt: deterministic, type: string, key: pii }"), "mode", "breaking", 1);
  }

  @Test
  void aKeyChangeIsBreakingBecauseReencryptOnlyMovesBetweenVersionsOfOneKey() throws Exception {
    assertOnly(
        columns(SSN, "{ encrypt: randomized, type: string, key: other }"), "key", "breaking", 1);
    assertThat(out.toString()).contains("versions of one key");
  }

  @Test
  void aGroupChangeIsBreaking() throws Exception {
    String before =
        columns("{ encrypt: deterministic, type: string, key: pii, storage: binary }", NOTE);
    String after =
        columns(
            "{ encrypt: deterministic, type: string, key: pii, storage: binary, group: g }", NOTE);
    assertThat(diff(before, after)).as(out.toString() + err).isEqualTo(1);
    assertThat(out.toString()).contains("[breaking] people.ssn: group (none) -> g");
  }

  @Test
  void aTypeChangeIsBreaking() throws Exception {
    assertOnly(
        columns(SSN, "{ encrypt: randomized, type: bytes, key: pii }"), "type", "breaking", 1);
  }

  @Test
  void aColumnRespelledWithQuotesIsBreaking() throws Exception {
    String after =
        columns(SSN, null) + "      '\"NOTE\"': { encrypt: randomized, type: string, key: pii }\n";
    assertOnly(after, "spelling", "breaking", 1);
  }

  @Test
  void aStorageChangeIsBreakingForStoredValues() throws Exception {
    assertOnly(
        columns(SSN, "{ encrypt: randomized, type: string, key: pii, storage: text }"),
        "storage",
        "breaking",
        1);
    assertThat(out.toString()).contains("base64");
  }

  @Test
  void aPadChangeOnADeterministicColumnIsDataWorkRotateThenReencrypt() throws Exception {
    assertOnly(
        columns("{ encrypt: deterministic, type: string, key: pii, pad: 32, length: 11 }", NOTE),
        "pad",
        "data-work",
        3);
    String text = out.toString();
    assertThat(text.indexOf("veil keys rotate pii")).isPositive();
    assertThat(text.indexOf("veil reencrypt --url"))
        .isGreaterThan(text.indexOf("veil keys rotate pii"));
  }

  @Test
  void aPadChangeOnARandomizedColumnNeedsNoDataWork() throws Exception {
    assertOnly(
        columns(SSN, "{ encrypt: randomized, type: string, key: pii, pad: 8 }"), "pad", "none", 0);
    assertThat(out.toString()).contains("stay readable");
  }

  @Test
  void aLengthChangeNeedsNoDataWorkButAPolicyCheck() throws Exception {
    assertOnly(
        columns("{ encrypt: deterministic, type: string, key: pii, pad: 16, length: 40 }", NOTE),
        "length",
        "none",
        0);
    assertThat(out.toString()).contains("veil policy check");
  }

  @Test
  void endingAMigrationIsDataWorkAndStartingOneIsNone() throws Exception {
    String migrating =
        columns(SSN, "{ encrypt: randomized, type: string, key: pii, migrating: true }");
    assertOnly(migrating, "migrating", "none", 0);
    out.getBuffer().setLength(0);
    assertThat(diff(migrating, BASE)).isEqualTo(3);
    assertThat(out.toString()).contains("veil encrypt-existing");
  }

  @Test
  void readersAndMaskChangesArePresentationOnly() throws Exception {
    String after =
        columns(
            SSN,
            "{ encrypt: randomized, type: string, key: pii, readers: [support], mask: last4 }");
    assertThat(diff(BASE, after, "--format", "json")).isZero();
    JsonObject root = JsonParser.parseString(out.toString()).getAsJsonObject();
    assertThat(root.getAsJsonObject("summary").get("none").getAsInt()).isEqualTo(2);
    assertThat(out.toString())
        .contains("\"readers\"")
        .contains("\"mask\"")
        .contains("presentation only");
  }

  @Test
  void textListsBreakingChangesBeforeDataWorkAndNone() throws Exception {
    String after =
        columns("{ encrypt: deterministic, type: string, key: pii, pad: 32, length: 40 }", null);
    assertThat(diff(BASE, after)).isEqualTo(1);
    String text = out.toString();
    assertThat(text.indexOf("[breaking]")).isPositive();
    assertThat(text.indexOf("[data work]")).isGreaterThan(text.indexOf("[breaking]"));
    assertThat(text.indexOf("[none]")).isGreaterThan(text.indexOf("[data work]"));
  }

  @Test
  void jsonHasAStableShapeWithEveryKeyInEveryChange() throws Exception {
    assertThat(diff(BASE, columns(SSN, null), "--format", "json")).isEqualTo(1);
    JsonObject root = JsonParser.parseString(out.toString()).getAsJsonObject();
    assertThat(root.keySet())
        .containsExactly("old", "new", "severity", "exitCode", "summary", "changes");
    assertThat(root.get("severity").getAsString()).isEqualTo("breaking");
    assertThat(root.get("exitCode").getAsInt()).isEqualTo(1);
    JsonObject change = root.getAsJsonArray("changes").get(0).getAsJsonObject();
    assertThat(change.keySet())
        .containsExactly("table", "column", "change", "severity", "from", "to", "why", "steps");
    assertThat(change.get("to").isJsonNull()).isTrue();
    assertThat(change.get("steps").isJsonArray()).isTrue();
  }

  @Test
  void anUnreadablePolicyIsAnErrorWithExitTwo() throws Exception {
    assertThat(diff(BASE, "version: 1\ntables: [oops\n")).isEqualTo(2);
    assertThat(err.toString()).contains("veil:");
  }
}
