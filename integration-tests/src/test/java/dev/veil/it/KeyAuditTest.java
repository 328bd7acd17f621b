package dev.veil.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.veil.keys.Keyring;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Issue 4, audit: with {@code veil.auditFile} set, key operations, KEK unwraps (successful and
 * failed), refused statements and failed decryptions are appended as JSON lines that name keys,
 * tables and columns but never hold a value.
 */
class KeyAuditTest {
  private static final Database DATABASE = Database.POSTGRESQL;
  private static final String POLICY =
      """
      version: 1
      tables:
        rot_audit:
          columns:
            ssn:   { encrypt: deterministic, type: string, key: pii }
            email: { encrypt: deterministic, type: string, key: pii }
            note:  { encrypt: randomized,    type: string, key: pii }
      """;
  private static final String SSN = "739-04-2817";
  private static final String EMAIL = "whistleblower@example.org";
  private static final String NOTE = "Quarterly diagnosis: confidential";
  private static final List<String> SECRETS = List.of(SSN, EMAIL, NOTE, "739042817", "Quarterly");

  private static List<JsonObject> events(Path audit) throws Exception {
    List<JsonObject> events = new ArrayList<>();
    for (String line : Files.readAllLines(audit, StandardCharsets.UTF_8)) {
      events.add(JsonParser.parseString(line).getAsJsonObject());
    }
    return events;
  }

  private static List<JsonObject> withOperation(List<JsonObject> events, String operation) {
    return events.stream().filter(e -> e.get("operation").getAsString().equals(operation)).toList();
  }

  private static String field(JsonObject event, String name) {
    return event.has(name) ? event.get(name).getAsString() : null;
  }

  @Test
  void theAuditFileRecordsKeyEventsRefusalsAndFailedDecryptionsWithoutAnyValue() throws Exception {
    KeyringFixture.recreate(
        DATABASE,
        "rot_audit",
        "id INT PRIMARY KEY, ssn VARCHAR(1000), email VARCHAR(1000), note BYTEA");
    KeyringFixture keys = KeyringFixture.create(POLICY, "pii");
    Path audit = keys.directory.resolve("audit.jsonl");
    List<Object> stored = new ArrayList<>();
    try (Connection connection =
        keys.connect(DATABASE, "veil.auditFile", audit.toString(), "veil.keyCacheTtl", "200ms")) {
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO rot_audit (id, ssn, email, note) VALUES (?, ?, ?, ?)")) {
        insert.setInt(1, 1);
        insert.setString(2, SSN);
        insert.setString(3, EMAIL);
        insert.setString(4, NOTE);
        insert.addBatch();
        insert.setInt(1, 2);
        insert.setString(2, "000-00-0000");
        insert.setString(3, "nobody@example.org");
        insert.setString(4, "nothing");
        insert.addBatch();
        insert.executeBatch();
      }

      List<String> refused =
          List.of(
              "SELECT id FROM rot_audit WHERE ssn LIKE '%" + SSN + "%'",
              "SELECT id FROM rot_audit WHERE ssn > '" + SSN + "'",
              "SELECT id FROM rot_audit WHERE note = '" + NOTE + "'",
              "SELECT id FROM rot_audit WHERE email = '" + EMAIL + "' AND (",
              "UPDATE rot_audit SET ssn = UPPER('" + SSN + "') WHERE id = 1");
      try (Statement statement = connection.createStatement()) {
        for (String sql : refused) {
          assertThatThrownBy(() -> statement.executeQuery(sql))
              .as(sql)
              .isInstanceOf(SQLException.class)
              .satisfies(
                  e -> {
                    for (String secret : SECRETS) {
                      assertThat(e.getMessage()).doesNotContain(secret);
                    }
                  });
        }
      }

      // A ciphertext copied into another column fails authentication there.
      try (Connection raw = DATABASE.raw();
          Statement copy = raw.createStatement()) {
        assertThat(copy.executeUpdate("UPDATE rot_audit SET email = ssn WHERE id = 2"))
            .isEqualTo(1);
        try (ResultSet results = copy.executeQuery("SELECT ssn, email, note FROM rot_audit")) {
          while (results.next()) {
            stored.add(results.getString(1));
            stored.add(results.getString(2));
            stored.add(results.getBytes(3));
          }
        }
      }
      try (PreparedStatement select =
          connection.prepareStatement("SELECT email FROM rot_audit WHERE id = ?")) {
        select.setInt(1, 2);
        try (ResultSet results = select.executeQuery()) {
          assertThat(results.next()).isTrue();
          assertThatThrownBy(() -> results.getString(1))
              .extracting(e -> ((SQLException) e).getSQLState())
              .isEqualTo("22V01");
        }
      }

      // A refresh after the TTL consults the KEK again; one while the KEK is away fails.
      Thread.sleep(300);
      assertThat(lookup(connection, SSN)).containsExactly(1);
      Path away = keys.kekFile.resolveSibling("kek.away");
      Files.move(keys.kekFile, away);
      try {
        // Refreshes run in the background: keep the connection busy until one has failed.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Files.readString(audit, StandardCharsets.UTF_8)
            .contains("\"operation\":\"kek.unwrap\",\"outcome\":\"failed\"")) {
          assertThat(System.nanoTime()).as("a failed refresh within 10 s").isLessThan(deadline);
          assertThat(lookup(connection, SSN)).as("served from the cache").containsExactly(1);
          Thread.sleep(50);
        }
      } finally {
        Files.move(away, keys.kekFile);
      }
    }
    keys.keys("rotate", "pii", "--audit-file", audit.toString());
    long rotated = keys.primary("pii", Keyring.DETERMINISTIC);

    String text = Files.readString(audit, StandardCharsets.UTF_8);
    List<JsonObject> events = events(audit);

    List<JsonObject> refusals = withOperation(events, "statement.refused");
    assertThat(refusals).hasSizeGreaterThanOrEqualTo(5);
    assertThat(refusals).allMatch(e -> "failed".equals(field(e, "outcome")));
    assertThat(refusals).anyMatch(e -> field(e, "detail").contains("rot_audit.ssn"));

    List<JsonObject> decryptions = withOperation(events, "decrypt.failed");
    assertThat(decryptions)
        .anyMatch(
            e ->
                "rot_audit".equals(field(e, "table"))
                    && "email".equals(field(e, "column"))
                    && "pii".equals(field(e, "key"))
                    && e.has("keyId"));

    List<JsonObject> unwraps = withOperation(events, "kek.unwrap");
    assertThat(unwraps)
        .filteredOn(e -> "ok".equals(field(e, "outcome")) && keys.kekUri.equals(field(e, "detail")))
        .as("the unwrap at start-up and at least one refresh")
        .hasSizeGreaterThanOrEqualTo(2);
    assertThat(unwraps)
        .filteredOn(
            e ->
                "failed".equals(field(e, "outcome"))
                    && field(e, "detail").contains(keys.kekFile.toString()))
        .isNotEmpty();

    assertThat(withOperation(events, "key.rotate"))
        .anyMatch(e -> "pii".equals(field(e, "key")) && e.get("keyId").getAsLong() == rotated);

    for (String secret : SECRETS) {
      assertThat(text.toLowerCase(Locale.ROOT))
          .as("the audit file holds no value")
          .doesNotContain(secret.toLowerCase(Locale.ROOT));
    }
    for (Object value : stored) {
      String form =
          value instanceof byte[] bytes
              ? Base64.getEncoder().encodeToString(bytes)
              : value.toString();
      assertThat(text).as("the audit file holds no ciphertext").doesNotContain(form);
    }
  }

  @Test
  void everyKeyCommandRecordsItsKekUnwrapAndItsOperation() throws Exception {
    KeyringFixture keys = KeyringFixture.create(POLICY, "pii");
    Path audit = keys.directory.resolve("cli-audit.jsonl");
    keys.keys("rotate", "pii", "--audit-file", audit.toString());
    long rotated = keys.primary("pii", Keyring.DETERMINISTIC);
    int afterRotate = events(audit).size();
    keys.keys("list", "--audit-file", audit.toString());
    List<JsonObject> events = events(audit);

    assertThat(withOperation(events.subList(0, afterRotate), "key.rotate"))
        .anyMatch(e -> "pii".equals(field(e, "key")) && e.get("keyId").getAsLong() == rotated);
    assertThat(withOperation(events.subList(0, afterRotate), "kek.unwrap"))
        .as("issue 4: an audit event for every KEK unwrap; 'veil keys rotate' unwraps the keyring")
        .anyMatch(e -> "ok".equals(field(e, "outcome")));
    assertThat(withOperation(events.subList(afterRotate, events.size()), "kek.unwrap"))
        .as("'veil keys list' unwraps the keyring")
        .anyMatch(e -> "ok".equals(field(e, "outcome")));
  }

  @Test
  void aStoredValueThatIsNotCiphertextIsAuditedAsAFailedDecryption() throws Exception {
    KeyringFixture.recreate(
        DATABASE,
        "rot_audit",
        "id INT PRIMARY KEY, ssn VARCHAR(1000), email VARCHAR(1000), note BYTEA");
    KeyringFixture keys = KeyringFixture.create(POLICY, "pii");
    Path audit = keys.directory.resolve("plaintext-audit.jsonl");
    try (Connection raw = DATABASE.raw();
        Statement written = raw.createStatement()) {
      written.execute("INSERT INTO rot_audit (id, ssn) VALUES (1, '" + SSN + "')");
    }
    try (Connection connection = keys.connect(DATABASE, "veil.auditFile", audit.toString());
        Statement select = connection.createStatement();
        ResultSet results = select.executeQuery("SELECT ssn FROM rot_audit WHERE id = 1")) {
      assertThat(results.next()).isTrue();
      assertThatThrownBy(() -> results.getString(1))
          .extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("22V02");
    }
    assertThat(Files.readString(audit, StandardCharsets.UTF_8)).doesNotContain(SSN);
    assertThat(withOperation(events(audit), "decrypt.failed"))
        .as(
            "issue 4: an audit event for every failed decryption, including plaintext found in an"
                + " enforced column")
        .anyMatch(e -> "rot_audit".equals(field(e, "table")) && "ssn".equals(field(e, "column")));
  }

  private static List<Integer> lookup(Connection connection, String ssn) throws SQLException {
    try (PreparedStatement find =
        connection.prepareStatement("SELECT id FROM rot_audit WHERE ssn = ?")) {
      find.setString(1, ssn);
      List<Integer> ids = new ArrayList<>();
      try (ResultSet results = find.executeQuery()) {
        while (results.next()) {
          ids.add(results.getInt(1));
        }
      }
      return ids;
    }
  }
}
