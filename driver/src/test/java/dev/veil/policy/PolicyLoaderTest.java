package dev.veil.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyLoaderTest {
  static final String SAMPLE =
      """
      version: 1
      tables:
        patients:
          columns:
            ssn:     { encrypt: deterministic, type: string, key: pii }
            name:    { encrypt: randomized,    type: string, key: pii }
            dob:     { encrypt: randomized,    type: date,   key: pii, storage: binary }
            balance: { encrypt: randomized,    type: decimal, key: finance }
        billing."Invoices":
          columns:
            total: { encrypt: randomized, type: decimal, key: finance, storage: text }
      """;

  @Test
  void readsTheDocumentedExample() throws PolicyException {
    Policy policy = PolicyLoader.parse("policy.yaml", SAMPLE);
    assertThat(policy.tables()).hasSize(2);
    ColumnPolicy ssn =
        policy
            .table(new TableName(null, Identifier.parse("PATIENTS")), IdentifierCase.UPPER)
            .orElseThrow()
            .column(Identifier.parse("SSN"), IdentifierCase.UPPER)
            .orElseThrow();
    assertThat(ssn.mode()).isEqualTo(EncryptionMode.DETERMINISTIC);
    assertThat(ssn.type()).isEqualTo(ColumnType.STRING);
    assertThat(ssn.key()).isEqualTo("pii");
    assertThat(ssn.storage()).isEqualTo(Storage.AUTO);
    assertThat(policy.columns())
        .extracting(ColumnPolicy::displayName)
        .containsExactly(
            "patients.ssn",
            "patients.name",
            "patients.dob",
            "patients.balance",
            "billing.\"Invoices\".total");
  }

  @Test
  void matchesUnquotedNamesCaseInsensitivelyAndQuotedNamesExactly() throws PolicyException {
    Policy policy = PolicyLoader.parse("p", SAMPLE);
    TableName invoices =
        new TableName(Identifier.parse("BILLING"), Identifier.parse("\"Invoices\""));
    assertThat(policy.table(invoices, IdentifierCase.UPPER)).isPresent();
    TableName folded = new TableName(Identifier.parse("billing"), Identifier.parse("invoices"));
    assertThat(policy.table(folded, IdentifierCase.LOWER)).isEmpty();
    TableName otherSchema =
        new TableName(Identifier.parse("audit"), Identifier.parse("\"Invoices\""));
    assertThat(policy.table(otherSchema, IdentifierCase.LOWER)).isEmpty();
    TableName unqualified = new TableName(null, Identifier.parse("\"Invoices\""));
    assertThat(policy.table(unqualified, IdentifierCase.LOWER)).isPresent();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          5 | unknown key 'colour'       | ssn: { encrypt: deterministic, type: string, key: pii, colour: red }
          5 | unknown encrypt 'reversible' | ssn: { encrypt: reversible, type: string, key: pii }
          5 | unknown type 'varchar'     | ssn: { encrypt: deterministic, type: varchar, key: pii }
          5 | needs 'key:'               | ssn: { encrypt: deterministic, type: string }
          5 | needs 'encrypt:'           | ssn: { type: string, key: pii }
          5 | unknown storage 'auto'     | ssn: { encrypt: deterministic, type: string, key: pii, storage: auto }
          5 | key name 'p i i'           | ssn: { encrypt: deterministic, type: string, key: p i i }
          6 | not valid YAML             | ssn: { encrypt: deterministic, type: string, key: pii
          5 | has 'mask:' but no 'readers:' | ssn: { encrypt: deterministic, type: string, key: pii, mask: last4 }
          5 | unknown mask 'stars'       | ssn: { encrypt: deterministic, type: string, key: pii, readers: [a], mask: stars }
          5 | mask 'last4' works on text; a date column can use mask: redact (read as NULL) | ssn: { encrypt: randomized, type: date, key: pii, readers: [a], mask: last4 }
          5 | a int column can use mask: redact (read as NULL) or hash | ssn: { encrypt: deterministic, type: int, key: pii, readers: [a], mask: email }
          5 | mask 'hash' shows which rows hold equal values | ssn: { encrypt: randomized, type: string, key: pii, readers: [a], mask: hash }
          5 | needs both 'pattern:' and 'replace:' | ssn: { encrypt: deterministic, type: string, key: pii, readers: [a], mask: { pattern: x } }
          5 | the mask pattern is not a valid regular expression | ssn: { encrypt: deterministic, type: string, key: pii, readers: [a], mask: { pattern: '(', replace: x } }
          5 | refers to group 2, but the pattern has 1 | ssn: { encrypt: deterministic, type: string, key: pii, readers: [a], mask: { pattern: '(.)', replace: '$2' } }
          5 | unknown key 'with' in      | ssn: { encrypt: deterministic, type: string, key: pii, readers: [a], mask: { pattern: x, replace: y, with: z } }
          5 | 'readers:' is a list of principal names | ssn: { encrypt: deterministic, type: string, key: pii, readers: billing }
          5 | reader 'bad name' must be  | ssn: { encrypt: deterministic, type: string, key: pii, readers: [bad name] }
          5 | reader 'a' is listed twice | ssn: { encrypt: deterministic, type: string, key: pii, readers: [a, a] }
          5 | 'pad:' is a whole number from 2 to 4096, not 1 | ssn: { encrypt: randomized, type: string, key: pii, pad: 1 }
          5 | 'pad:' is a whole number from 2 to 4096, not 4097 | ssn: { encrypt: randomized, type: string, key: pii, pad: 4097 }
          5 | 'pad:' is a whole number from 2 to 4096, not lots | ssn: { encrypt: randomized, type: string, key: pii, pad: lots }
          5 | every date value already has the same length | ssn: { encrypt: randomized, type: date, key: pii, pad: 16 }
          5 | 'length:' is a whole number from 1 to 1073741824, not 0 | ssn: { encrypt: randomized, type: string, key: pii, length: 0 }
          """)
  void reportsFileLineAndProblem(int line, String problem, String columnLine) {
    String yaml = "version: 1\ntables:\n  patients:\n    columns:\n      " + columnLine + "\n";
    assertThatThrownBy(() -> PolicyLoader.parse("policy.yaml", yaml))
        .isInstanceOf(PolicyException.class)
        .hasMessageStartingWith("policy.yaml:" + line + ": ")
        .hasMessageContaining(problem);
  }

  @Test
  void reportsStructuralProblems() {
    assertThatThrownBy(() -> PolicyLoader.parse("p.yaml", "tables: {}\n"))
        .hasMessageContaining("missing 'version: 1'");
    assertThatThrownBy(() -> PolicyLoader.parse("p.yaml", "version: 2\ntables: {}\n"))
        .hasMessageStartingWith("p.yaml:1: ")
        .hasMessageContaining("unsupported version");
    assertThatThrownBy(() -> PolicyLoader.parse("p.yaml", "version: 1\ntable: {}\n"))
        .hasMessageStartingWith("p.yaml:2: ")
        .hasMessageContaining("unknown key 'table'");
    assertThatThrownBy(() -> PolicyLoader.parse("p.yaml", "")).hasMessageContaining("empty");
    assertThatThrownBy(
            () ->
                PolicyLoader.parse(
                    "p.yaml",
                    "version: 1\ntables:\n  t:\n    columns:\n      a: {encrypt: randomized, type:"
                        + " int, key: k}\n      A: {encrypt: randomized, type: int, key: k}\n"))
        .hasMessageStartingWith("p.yaml:6: ")
        .hasMessageContaining("listed twice");
    assertThatThrownBy(
            () -> PolicyLoader.parse("p.yaml", "version: 1\ntables:\n  t:\n    columns: {}\n"))
        .hasMessageContaining("lists no columns");
  }

  @Test
  void loadsFromFileAndClassPathAndNamesMissingOnes(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("policy.yaml");
    Files.writeString(file, SAMPLE);
    assertThat(PolicyLoader.load(file.toString()).columns()).hasSize(5);
    assertThat(PolicyLoader.load("classpath:dev/veil/cli/demo-policy.yaml").columns()).hasSize(4);
    assertThatThrownBy(() -> PolicyLoader.load(dir.resolve("none.yaml").toString()))
        .hasMessageContaining("none.yaml");
    assertThatThrownBy(() -> PolicyLoader.load("classpath:nothing/here.yaml"))
        .hasMessageContaining("no such resource");
  }

  private static final String MEMBER =
      "encrypt: deterministic, type: string, key: pii, storage: binary, group: ssn";

  private static String grouped(String patientsSsn, String claimsSsn) {
    return "version: 1\ntables:\n"
        + "  patients:\n    columns:\n      ssn: { "
        + patientsSsn
        + " }\n"
        + "  claims:\n    columns:\n      patient_ssn: { "
        + claimsSsn
        + " }\n";
  }

  @Test
  void groupMembersShareOneContext() throws PolicyException {
    List<ColumnPolicy> columns = PolicyLoader.parse("p", grouped(MEMBER, MEMBER)).columns();
    assertThat(columns.get(0).sharesContextWith(columns.get(1))).isTrue();
    assertThat(columns.get(1).group()).isEqualTo("ssn");
  }

  @Test
  void ungroupedColumnsShareContextOnlyWithThemselves() throws PolicyException {
    List<ColumnPolicy> columns = PolicyLoader.parse("p", SAMPLE).columns();
    assertThat(columns.get(0).sharesContextWith(columns.get(0))).isTrue();
    assertThat(columns.get(0).sharesContextWith(columns.get(1))).isFalse();
  }

  @Test
  void refusesGroupsWhoseMembersWouldEncryptDifferently() {
    assertThatThrownBy(
            () -> PolicyLoader.parse("p.yaml", grouped(MEMBER, MEMBER.replace("pii", "other"))))
        .hasMessageStartingWith("p.yaml:8: ")
        .hasMessageContaining("must have the same type, key, storage and pad");
    assertThatThrownBy(
            () -> PolicyLoader.parse("p.yaml", grouped(MEMBER, MEMBER.replace("binary", "text"))))
        .hasMessageContaining("must have the same type, key, storage and pad");
    assertThatThrownBy(
            () ->
                PolicyLoader.parse(
                    "p.yaml", grouped(MEMBER, MEMBER.replace(", storage: binary", ""))))
        .hasMessageContaining("needs an explicit 'storage:'");
    assertThatThrownBy(
            () ->
                PolicyLoader.parse(
                    "p.yaml", grouped(MEMBER.replace("deterministic", "randomized"), MEMBER)))
        .hasMessageContaining("only deterministic columns can join an equality group");
  }

  @Test
  void readsReadersMasksPaddingAndLength() throws PolicyException {
    Policy policy =
        PolicyLoader.parse(
            "p.yaml",
            """
            version: 1
            tables:
              patients:
                columns:
                  ssn:   { encrypt: deterministic, type: string, key: pii, readers: [billing, audit], mask: last4, length: 11 }
                  token: { encrypt: deterministic, type: string, key: pii, readers: [], mask: hash }
                  phone: { encrypt: randomized, type: string, key: pii, readers: [billing], mask: { pattern: '(\\d{3}).*', replace: '$1-***' } }
                  dob:   { encrypt: randomized, type: date, key: pii, readers: [billing] }
                  notes: { encrypt: randomized, type: string, key: pii, pad: 64 }
            """);
    ColumnPolicy ssn = policy.columns().get(0);
    assertThat(ssn.access().readers()).containsExactlyInAnyOrder("billing", "audit");
    assertThat(ssn.access().clearFor("audit")).isTrue();
    assertThat(ssn.access().clearFor("support")).isFalse();
    assertThat(ssn.access().clearFor(null)).isFalse();
    assertThat(ssn.access().mask()).isEqualTo(Mask.of(Mask.Kind.LAST4));
    assertThat(ssn.length()).isEqualTo(11);
    ColumnPolicy token = policy.columns().get(1);
    assertThat(token.access().restricted()).isTrue();
    assertThat(token.access().clearFor("billing")).as("readers: [] lets nobody read").isFalse();
    assertThat(token.access().mask().kind()).isEqualTo(Mask.Kind.HASH);
    Mask phone = policy.columns().get(2).access().mask();
    assertThat(phone.policyText()).isEqualTo("pattern (\\d{3}).* -> $1-***");
    assertThat(policy.columns().get(3).access().mask())
        .as("restricted without a mask: redact")
        .isEqualTo(Mask.REDACT);
    ColumnPolicy notes = policy.columns().get(4);
    assertThat(notes.access()).isEqualTo(ReadAccess.OPEN);
    assertThat(notes.pad()).isEqualTo(64);
    assertThat(notes.length()).as("undeclared").isZero();
  }

  @Test
  void refusesMergingAColumnWhoseReadersDifferBetweenFiles() throws PolicyException {
    Policy first =
        PolicyLoader.parse(
            "a.yaml",
            "version: 1\ntables:\n  patients:\n    columns:\n      ssn: { encrypt: deterministic,"
                + " type: string, key: pii, readers: [billing] }\n");
    Policy second =
        PolicyLoader.parse(
            "b.yaml",
            "version: 1\ntables:\n  patients:\n    columns:\n      ssn: { encrypt: deterministic,"
                + " type: string, key: pii, readers: [billing, support] }\n");
    assertThatThrownBy(() -> PolicyLoader.merge(List.of(first, second)))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("patients.ssn is defined differently in a.yaml and b.yaml");
    assertThat(PolicyLoader.merge(List.of(first, first)).columns()).hasSize(1);
  }
}
