package dev.veil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VeilCliTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    return VeilCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  @Test
  void printsAFreshKekOfThirtyTwoBytes() {
    assertThat(run("kek", "new")).isZero();
    String first = out.toString().strip();
    assertThat(Base64.getDecoder().decode(first)).hasSize(32);
    run("kek", "new");
    assertThat(out.toString().strip()).isNotEqualTo(first);
  }

  @Test
  void createsAddsAndListsKeysWithoutShowingKeyMaterial(@TempDir Path dir) throws Exception {
    Path kek = dir.resolve("kek");
    run("kek", "new");
    Files.writeString(kek, out.toString());
    Files.setPosixFilePermissions(kek, PosixFilePermissions.fromString("rw-------"));
    String keyring = dir.resolve("keyring.json").toString();
    String kekUri = "file:" + kek;
    assertThat(run("keys", "init", "--keyring", keyring, "--kek", kekUri)).isZero();
    assertThat(run("keys", "add", "pii", "--keyring", keyring, "--kek", kekUri)).isZero();
    assertThat(run("keys", "add", "finance", "--keyring", keyring, "--kek", kekUri)).isZero();
    assertThat(run("keys", "list", "--keyring", keyring, "--kek", kekUri)).isZero();
    assertThat(out.toString())
        .contains("NAME", "pii", "finance", "deterministic", "randomized", "ENABLED")
        .doesNotContain("keyValue", "encryptedKeyset");
    assertThat(out.toString().lines()).hasSize(5);

    assertThat(run("keys", "init", "--keyring", keyring, "--kek", kekUri)).isEqualTo(2);
    assertThat(err.toString()).contains("already exists");
    assertThat(run("keys", "add", "pii", "--keyring", keyring, "--kek", kekUri)).isEqualTo(2);
    assertThat(err.toString()).contains("already holds a key named 'pii'");
    assertThat(run("keys", "list", "--keyring", keyring, "--kek", "env:VEIL_TEST_UNSET_KEK"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("VEIL_TEST_UNSET_KEK");
  }

  @Test
  void everyCommandHasHelp() {
    for (String[] command :
        new String[][] {
          {"--help"},
          {"keys", "--help"},
          {"keys", "add", "--help"},
          {"kek", "new", "--help"},
          {"demo", "--help"},
          {"explain", "--help"}
        }) {
      assertThat(run(command)).as(String.join(" ", command)).isZero();
      assertThat(out.toString()).contains("Usage:");
    }
  }

  @Test
  void demoShowsCiphertextInTheDatabaseAndPlaintextToTheApplication() {
    assertThat(run("demo")).isZero();
    String text = out.toString();
    assertThat(text)
        .contains(
            "1. What the application wrote",
            "2. What the database stores",
            "3. What the application reads back",
            "->  Alan Turing",
            "SQLState 42V01");
    String stored = text.substring(text.indexOf("2. What"), text.indexOf("3. What"));
    assertThat(stored)
        .doesNotContain("123-45-6789", "Ada Lovelace", "1815-12-10")
        .contains("VgEB", "0x5601");
  }

  private static final String POLICY =
      """
      version: 1
      tables:
        patients:
          columns:
            ssn:  { encrypt: deterministic, type: string, key: pii, storage: binary, group: ssn }
            name: { encrypt: randomized,    type: string, key: pii }
        claims:
          columns:
            patient_ssn: { encrypt: deterministic, type: string, key: pii, storage: binary, group: ssn }
      """;

  @Test
  void explainsWhatIsSentEncryptedDecryptedAndRevealed(@TempDir Path dir) throws Exception {
    Path policy = dir.resolve("policy.yaml");
    Files.writeString(policy, POLICY);
    assertThat(
            run(
                "explain",
                "--policy",
                policy.toString(),
                "SELECT p.name, c.id FROM patients p JOIN claims c ON c.patient_ssn = p.ssn"
                    + " WHERE p.ssn = '123-45-6789'"))
        .isZero();
    assertThat(out.toString())
        .contains(
            "SENDS     SELECT p.name, c.id FROM patients p JOIN claims c ON c.patient_ssn = p.ssn"
                + " WHERE p.ssn = ?",
            "ENCRYPTS  literal, sent as parameter 1, as patients.ssn (deterministic, key pii,"
                + " group ssn)",
            "DECRYPTS  column 1 as patients.name (randomized, key pii)",
            "patients.ssn: equality with claims.patient_ssn; equality with a value the application"
                + " supplies",
            "1 statement: 1 served, 0 refused");
    assertThat(out.toString())
        .as("literals may be the protected values themselves")
        .doesNotContain("123-45-6789");
  }

  @Test
  void explainExitsNonZeroWhenAnyStatementOfAFileIsRefused(@TempDir Path dir) throws Exception {
    Path policy = dir.resolve("policy.yaml");
    Files.writeString(policy, POLICY);
    Path statements = dir.resolve("statements.sql");
    Files.writeString(
        statements,
        """
        -- the application's queries
        SELECT 1;
        INSERT INTO patients (id, ssn) VALUES (?, 'a;b');
        SELECT id FROM patients ORDER BY ssn; /* trailing */
        """);
    assertThat(run("explain", "--policy", policy.toString(), "--file", statements.toString()))
        .isEqualTo(1);
    assertThat(out.toString())
        .contains(
            "STATEMENT 1 (" + statements + ":1)",
            "PASSES    sent as written",
            "STATEMENT 2 (" + statements + ":3)",
            "SENDS     INSERT INTO patients (id, ssn) VALUES (?, ?)",
            "ENCRYPTS  literal, sent as parameter 2, as patients.ssn",
            "STATEMENT 3 (" + statements + ":4)",
            "REFUSED   ORDER BY on protected column patients.ssn",
            "3 statements: 2 served, 1 refused")
        .doesNotContain("a;b");
    assertThat(
            run(
                "explain",
                "--policy",
                policy.toString(),
                "--show-sql",
                "--file",
                statements.toString()))
        .isEqualTo(1);
    assertThat(out.toString())
        .contains("SQL       INSERT INTO patients (id, ssn) VALUES (?, 'a;b')");
  }

  @Test
  void explainRefusesToRunWithoutStatementsAnUnknownDialectOrAMissingFile(@TempDir Path dir)
      throws Exception {
    Path policy = dir.resolve("policy.yaml");
    Files.writeString(policy, POLICY);
    assertThat(run("explain", "--policy", policy.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("no statements");
    assertThat(run("explain", "--policy", policy.toString(), "--dialect", "oracle", "SELECT 1"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--dialect", "oracle", "POSTGRESQL");
    assertThat(run("explain", "--policy", policy.toString(), "--dialect", "H2", "SELECT 1"))
        .isZero();
    assertThat(
            run(
                "explain",
                "--policy",
                policy.toString(),
                "--file",
                dir.resolve("missing.sql").toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("cannot read", "missing.sql");
  }
}
