package dev.veil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PolicyReportCommandTest {
  /** A quoted identifier and a mask pattern carrying every character the formats must escape. */
  private static final String POLICY =
      """
      version: 1
      tables:
        people:
          columns:
            ssn:  { encrypt: deterministic, type: string, key: pii, pad: 16, length: 11,
                    readers: [billing, audit], mask: last4 }
            note: { encrypt: randomized, type: string, key: pii }
            born: { encrypt: randomized, type: date, key: pii }
            '"a<b>&c""d|e`f"': { encrypt: randomized, type: string, key: pii, readers: [ops],
                    mask: { pattern: '<(x)>&"|`', replace: '<$1>' } }
      """;

  @TempDir Path dir;
  private Path policy;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void setUp() throws Exception {
    policy = dir.resolve("policy.yaml");
    Files.writeString(policy, POLICY);
  }

  private int report(String... options) {
    List<String> args =
        new ArrayList<>(List.of("policy", "export-report", "--policy", policy.toString()));
    args.addAll(List.of(options));
    return VeilCli.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
  }

  private String sha256() throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(policy)));
  }

  @Test
  void markdownHeaderNamesThePolicyItsHashTheTimeAndTheVeilVersion() throws Exception {
    PolicyReportCommand command = new PolicyReportCommand();
    command.clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
    CommandLine commandLine = new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    assertThat(commandLine.execute("--policy", policy.toString())).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("Policy file: " + policy.toString().replace("_", "\\_"))
        .contains("SHA-256: " + sha256())
        .contains("Generated: 2026-01-02T03:04:05Z")
        .contains("Veil version: " + VeilCli.VERSION);
  }

  @Test
  void markdownListsEveryProtectedColumnWithItsSettingsAndLeaks() {
    assertThat(report()).isZero();
    assertThat(out.toString())
        .contains(
            "| people | ssn | string | deterministic | pii |  | auto | 16 | 11 | audit, billing"
                + " | last4 | equality and frequency of values; length to a 16-byte bucket;"
                + " NULL or not; key id |")
        .contains(
            "| people | note | string | randomized | pii |  | auto |  |  | everyone |  |"
                + " exact length; NULL or not; key id |")
        .contains("nothing about length (fixed for date); NULL or not; key id |");
  }

  @Test
  void markdownEscapesPipesBackticksAndAngleBracketsInCells() {
    assertThat(report("--format", "markdown")).isZero();
    String row = out.toString().lines().filter(l -> l.contains("ops")).findFirst().orElseThrow();
    assertThat(row).contains("\\|e\\`f").contains("a&lt;b&gt;&amp;c").doesNotContain("<");
    // Twelve cells: the escaped pipes inside them do not split the row.
    assertThat(row.split("(?<!\\\\)\\|", -1)).hasSize(14);
  }

  @Test
  void htmlEscapesAHostileQuotedIdentifierAndMaskPattern() {
    assertThat(report("--format", "html")).isZero();
    String html = out.toString();
    assertThat(html)
        .startsWith("<!DOCTYPE html>")
        .contains("<td>&quot;a&lt;b&gt;&amp;c&quot;&quot;d|e`f&quot;</td>")
        .contains("pattern &lt;(x)&gt;&amp;&quot;|` -&gt; &lt;$1&gt;")
        .doesNotContain("<b>")
        .doesNotContain("<(x)>")
        .doesNotContain("<$1>");
  }

  @Test
  void outWritesTheReportToAFileAndNothingToStandardOut() throws Exception {
    Path file = dir.resolve("report.html");
    assertThat(report("--format", "html", "--out", file.toString())).isZero();
    assertThat(out.toString()).isEmpty();
    assertThat(Files.readString(file, StandardCharsets.UTF_8))
        .contains("SHA-256: " + sha256())
        .contains("<td>ssn</td>");
  }

  @Test
  void anInvalidPolicyIsAnErrorWithExitTwo() throws Exception {
    Files.writeString(policy, "version: 1\ntables: [oops\n");
    assertThat(report()).isEqualTo(2);
    assertThat(err.toString()).startsWith("veil:");
  }
}
