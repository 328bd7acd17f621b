package dev.veil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.veil.keys.Keks;
import dev.veil.keys.Keyring;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanCommandTest {
  private static final String POLICY =
      """
      version: 1
      tables:
        sc_people:
          columns:
            ssn: { encrypt: deterministic, type: string, key: pii }
            alt: { encrypt: deterministic, type: string, key: pii }
      """;

  private static final String SSN = "123-45-6789";

  @TempDir Path dir;
  private JobFixture fixture;

  @BeforeEach
  void setUp() throws Exception {
    fixture = new JobFixture(dir, POLICY);
    fixture.execute(
        "CREATE TABLE sc_people (id INT PRIMARY KEY, ssn VARCHAR(200), alt VARCHAR(200))");
  }

  /** Writes a row through Veil, so both columns hold ciphertext under the current primary. */
  private void writeThroughVeil(int id, String ssn, String alt) throws Exception {
    try (Connection connection = fixture.veil(null);
        PreparedStatement insert =
            connection.prepareStatement("INSERT INTO sc_people (id, ssn, alt) VALUES (?, ?, ?)")) {
      insert.setInt(1, id);
      insert.setString(2, ssn);
      insert.setString(3, alt);
      insert.executeUpdate();
    }
  }

  private void setStoredSsn(int id, String stored) throws Exception {
    try (Connection connection = fixture.raw();
        PreparedStatement update =
            connection.prepareStatement("UPDATE sc_people SET ssn = ? WHERE id = ?")) {
      update.setString(1, stored);
      update.setInt(2, id);
      update.executeUpdate();
    }
  }

  private int scan(String... extra) {
    String[] args = new String[4 + extra.length];
    args[0] = "scan";
    args[1] = "--url";
    args[2] = fixture.url;
    args[3] = "--policy=" + fixture.policy;
    System.arraycopy(extra, 0, args, 4, extra.length);
    return fixture.run(args);
  }

  private String out() {
    return fixture.out.toString();
  }

  private void rotate(Keyring keyring) throws Exception {
    keyring.write(fixture.keyring, Keks.open(fixture.kek));
  }

  private Keyring keyring() throws Exception {
    return Keyring.read(fixture.keyring, Keks.open(fixture.kek));
  }

  @Test
  void conformingColumnsExitZeroWithCountsAndVersionAges() throws Exception {
    writeThroughVeil(1, SSN, "a");
    writeThroughVeil(2, null, "b");

    assertEquals(0, scan(), fixture.err.toString());

    assertTrue(out().contains("sc_people.ssn (key pii): 2 rows, 1 NULL"), out());
    assertTrue(out().contains("(primary) enabled, 0 days old: 1 value"), out());
    assertTrue(out().contains("0 errors, 0 warnings"), out());
  }

  @Test
  void rawPlaintextIsAnErrorNamedByPrimaryKeyWithoutTheValue() throws Exception {
    writeThroughVeil(1, SSN, "a");
    fixture.execute("INSERT INTO sc_people (id, ssn, alt) VALUES (2, '" + SSN + "', NULL)");

    assertEquals(1, scan("--show-rows"));

    assertTrue(out().contains("error plaintext-value: 1 value"), out());
    assertTrue(out().contains("(ID=2)"), out());
    assertFalse(out().contains(SSN), out());
    assertFalse(fixture.err.toString().contains(SSN));
  }

  @Test
  void plaintextInAMigratingColumnIsOnlyAWarning() throws Exception {
    Files.writeString(fixture.policy, POLICY.replace("key: pii }", "key: pii, migrating: true }"));
    fixture.execute("INSERT INTO sc_people (id, ssn, alt) VALUES (1, '" + SSN + "', NULL)");

    assertEquals(0, scan());

    assertTrue(out().contains("warning plaintext-value: 1 value"), out());
    assertFalse(out().contains(SSN), out());
  }

  @Test
  void ciphertextCopiedFromAnotherColumnFailsAuthentication() throws Exception {
    writeThroughVeil(1, SSN, "other");
    Object alt = fixture.stored("sc_people", "alt").get(1);
    setStoredSsn(1, (String) alt);

    assertEquals(1, scan("--show-rows"));

    assertTrue(out().contains("error authentication-failed: 1 value"), out());
    assertTrue(out().contains("(ID=1)"), out());
  }

  @Test
  void aFlippedByteFailsAuthentication() throws Exception {
    writeThroughVeil(1, SSN, "a");
    byte[] bytes = Base64.getDecoder().decode((String) fixture.stored("sc_people", "ssn").get(1));
    bytes[bytes.length - 1] ^= 0x01;
    setStoredSsn(1, Base64.getEncoder().encodeToString(bytes));

    assertEquals(1, scan());

    assertTrue(out().contains("error authentication-failed: 1 value"), out());
  }

  @Test
  void valuesUnderARetiredVersionAreAWarningAndUnderADestroyedOneAnError() throws Exception {
    writeThroughVeil(1, SSN, "a");
    long old = fixture.versions(Keyring.DETERMINISTIC).get(0);
    rotate(keyring().rotate("pii"));
    writeThroughVeil(2, SSN, "b");
    rotate(keyring().retire("pii", old));

    assertEquals(0, scan());
    assertTrue(out().contains("warning retired-key: 1 value"), out());
    assertTrue(out().contains("version " + old + " retired"), out());

    rotate(keyring().destroy("pii", old));

    assertEquals(1, scan());
    assertTrue(out().contains("error destroyed-key: 1 value"), out());
  }

  @Test
  void aValueUnderAKeyTheKeyringDoesNotHoldIsAnUnknownKey() throws Exception {
    Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
    JobFixture foreign = new JobFixture(elsewhere, POLICY);
    foreign.execute(
        "CREATE TABLE sc_people (id INT PRIMARY KEY, ssn VARCHAR(200), alt VARCHAR(200))");
    try (Connection connection = foreign.veil(null);
        PreparedStatement insert =
            connection.prepareStatement("INSERT INTO sc_people (id, ssn) VALUES (1, ?)")) {
      insert.setString(1, SSN);
      insert.executeUpdate();
    }
    fixture.execute("INSERT INTO sc_people (id) VALUES (1)");
    setStoredSsn(1, (String) foreign.stored("sc_people", "ssn").get(1));

    assertEquals(1, scan());

    assertTrue(out().contains("error unknown-key: 1 value"), out());
  }

  @Test
  void jsonHasAStableShapeAndListsRowsOnlyWhenAsked() throws Exception {
    writeThroughVeil(1, SSN, "a");
    fixture.execute("INSERT INTO sc_people (id, ssn, alt) VALUES (2, '" + SSN + "', NULL)");

    assertEquals(1, scan("--format", "json", "--show-rows"));
    assertFalse(out().contains(SSN), out());
    JsonObject report = JsonParser.parseString(out()).getAsJsonObject();
    assertEquals(1, report.get("errors").getAsInt());
    assertEquals(0, report.get("warnings").getAsInt());
    JsonArray columns = report.getAsJsonArray("columns");
    assertEquals(2, columns.size());
    JsonObject ssn = columns.get(0).getAsJsonObject();
    assertEquals("sc_people", ssn.get("table").getAsString());
    assertEquals("ssn", ssn.get("column").getAsString());
    assertEquals("pii", ssn.get("key").getAsString());
    assertEquals(2, ssn.get("rows").getAsLong());
    assertEquals(0, ssn.get("nulls").getAsLong());
    JsonObject version = ssn.getAsJsonArray("versions").get(0).getAsJsonObject();
    assertEquals(1, version.get("values").getAsLong());
    assertEquals("ENABLED", version.get("status").getAsString());
    assertTrue(version.get("primary").getAsBoolean());
    assertEquals(0, version.get("ageDays").getAsLong());
    assertTrue(version.has("keyId"));
    JsonObject finding = ssn.getAsJsonArray("findings").get(0).getAsJsonObject();
    assertEquals("plaintext-value", finding.get("finding").getAsString());
    assertEquals("error", finding.get("severity").getAsString());
    assertEquals(1, finding.get("count").getAsLong());
    assertEquals("(ID=2)", finding.getAsJsonArray("rows").get(0).getAsString());

    assertEquals(1, scan("--format", "json"));
    JsonObject withoutRows =
        JsonParser.parseString(out())
            .getAsJsonObject()
            .getAsJsonArray("columns")
            .get(0)
            .getAsJsonObject()
            .getAsJsonArray("findings")
            .get(0)
            .getAsJsonObject();
    assertFalse(withoutRows.has("rows"));
  }

  @Test
  void showRowsNamesAtMostTwentyRowsPerFinding() throws Exception {
    for (int id = 1; id <= 25; id++) {
      fixture.execute("INSERT INTO sc_people (id, ssn) VALUES (" + id + ", 'x" + id + "')");
    }

    assertEquals(1, scan("--show-rows"));

    assertTrue(out().contains("(ID=20)"), out());
    assertFalse(out().contains("(ID=21)"), out());
    assertTrue(out().contains("... and 5 more"), out());
  }

  @Test
  void oneAuditEventPerColumnCarriesTheCountsAndNoValue() throws Exception {
    fixture.execute("INSERT INTO sc_people (id, ssn, alt) VALUES (1, '" + SSN + "', NULL)");
    Path audit = dir.resolve("audit.jsonl");

    assertEquals(1, scan("--audit-file", audit.toString()));

    String events = Files.readString(audit);
    assertEquals(2, events.lines().filter(line -> line.contains("column.scan")).count(), events);
    assertTrue(events.contains("scan rows 1, null 0, plaintext-value 1"), events);
    assertTrue(events.contains("scan rows 1, null 1\""), events);
    assertFalse(events.contains(SSN), events);
  }

  @Test
  void aVeilUrlOrAnUnknownTableIsAUsageErrorWithExitTwo() {
    String[] veilUrl = {
      "scan", "--url", "jdbc:veil:h2:mem:x", "--policy", fixture.policy.toString()
    };
    assertEquals(2, fixture.run(veilUrl));

    assertEquals(2, scan("--table", "sc_nowhere"));
    assertTrue(
        fixture.err.toString().contains("protects no table sc_nowhere"), fixture.err.toString());
  }

  @Test
  void scanningChangesNoStoredValue() throws Exception {
    fixture.execute("INSERT INTO sc_people (id, ssn, alt) VALUES (1, '" + SSN + "', NULL)");
    writeThroughVeil(2, SSN, "a");
    var before = fixture.stored("sc_people", "ssn");

    scan("--table", "sc_people");

    assertEquals(before.get(1), fixture.stored("sc_people", "ssn").get(1));
    assertEquals(before.get(2), fixture.stored("sc_people", "ssn").get(2));
  }
}
