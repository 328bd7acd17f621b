package dev.veil.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veil.audit.Audit;
import dev.veil.jdbc.VeilConnection;
import dev.veil.transport.TlsSession;
import dev.veil.transport.TransportLevel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * veil.transport against a real PostgreSQL with TLS on, certificates made by this run's own CA:
 * verification, refusals before and after connecting, minimum protocol, mutual TLS, expiry
 * warnings, and what crosses the wire.
 */
class TransportSecurityTest {
  @TempDir static Path dir;
  private static TlsPostgres cluster;
  private static VeilFixture veil;
  private static Path audit;

  @BeforeAll
  static void startTls() throws Exception {
    // Ten days left on the server certificate: inside the default 30-day warning window.
    cluster = TlsPostgres.start(dir.resolve("pki"), 10);
    veil = VeilFixture.create();
    audit = dir.resolve("audit.jsonl");
    Audit.toFile(audit);
    try (Connection admin = TlsPostgres.admin();
        Statement ddl = admin.createStatement()) {
      ddl.execute("DROP TABLE IF EXISTS patients");
      ddl.execute(
          "CREATE TABLE patients (id INT PRIMARY KEY, ssn VARCHAR(1000), mrn BYTEA,"
              + " name VARCHAR(1000), dob BYTEA, balance VARCHAR(1000), note VARCHAR(100))");
      ddl.execute("GRANT ALL ON patients TO veil_app, veil_mtls");
    }
  }

  @AfterAll
  static void liftCaps() throws Exception {
    cluster.maxProtocol(null);
  }

  private static Properties properties(String user, String... settings) {
    Properties info = veil.properties(Database.POSTGRESQL);
    info.setProperty("user", user);
    info.remove("password");
    info.setProperty("veil.tls.rootCert", cluster.pki.ca.certPem().toString());
    for (int i = 0; i < settings.length; i += 2) {
      if (settings[i + 1] == null) {
        info.remove(settings[i]);
      } else {
        info.setProperty(settings[i], settings[i + 1]);
      }
    }
    return info;
  }

  private static String auditText() throws Exception {
    return Files.readString(audit);
  }

  @Test
  void connectsAtVerifyFullAndReportsTheNegotiatedSession() throws Exception {
    try (Connection connection =
        DriverManager.getConnection(
            TlsPostgres.veilUrl("localhost"),
            properties("veil_app", "veil.transport", "verify-full"))) {
      TlsSession tls = connection.unwrap(VeilConnection.class).transport();
      assertThat(tls.required()).isEqualTo(TransportLevel.VERIFY_FULL);
      assertThat(tls.protocol()).isEqualTo("TLSv1.3");
      assertThat(tls.cipher()).startsWith("TLS_");
      assertThat(tls.evidence()).isEqualTo("pg_stat_ssl, JSSE session");
      assertThat(tls.serverCertificateNotAfter())
          .isEqualTo(cluster.server.certificate().getNotAfter().toInstant());

      int id = 1 + Math.abs(UUID.randomUUID().hashCode() % 1_000_000);
      try (PreparedStatement insert =
          connection.prepareStatement("INSERT INTO patients (id, ssn) VALUES (?, ?)")) {
        insert.setInt(1, id);
        insert.setString(2, "123-45-6789");
        insert.executeUpdate();
      }
      try (PreparedStatement find =
          connection.prepareStatement("SELECT id FROM patients WHERE ssn = ?")) {
        find.setString(1, "123-45-6789");
        try (ResultSet rows = find.executeQuery()) {
          assertThat(rows.next()).isTrue();
        }
      }
    }
  }

  @Test
  void isTheDefaultForAHostThatIsNotLoopback() {
    // No veil.transport: a remote host gets verify-full, so ?sslmode=prefer is refused unsent.
    assertThatThrownBy(
            () ->
                DriverManager.getConnection(
                    "jdbc:veil:postgresql://db.example.com:5432/app?sslmode=prefer",
                    properties("veil_app")))
        .hasMessageContaining("sslmode=prefer is weaker than veil.transport=verify-full")
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo("08V01");
  }

  @Test
  void refusesVerifyFullWhenTheCertificateNamesAnotherHost() throws Exception {
    // The server certificate names localhost only; 127.0.0.1 is the same server, another name.
    assertThatThrownBy(
            () ->
                DriverManager.getConnection(
                    TlsPostgres.veilUrl("127.0.0.1"),
                    properties("veil_app", "veil.transport", "verify-full")))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("127.0.0.1");
    try (Connection connection =
        DriverManager.getConnection(
            TlsPostgres.veilUrl("127.0.0.1"),
            properties("veil_app", "veil.transport", "verify-ca"))) {
      assertThat(connection.unwrap(VeilConnection.class).transport().protocol())
          .isEqualTo("TLSv1.3");
    }
  }

  @Test
  void refusesAServerCertificateFromAnotherCa() throws Exception {
    TestPki other = TestPki.create(dir.resolve("other"), "Other CA");
    assertThatThrownBy(
            () ->
                DriverManager.getConnection(
                    TlsPostgres.veilUrl("localhost"),
                    properties(
                        "veil_app",
                        "veil.transport",
                        "verify-ca",
                        "veil.tls.rootCert",
                        other.ca.certPem().toString())))
        .isInstanceOf(SQLException.class)
        .hasStackTraceContaining("PKIX path");
  }

  @Test
  void refusesAPlaintextUrlBeforeConnecting() {
    assertThatThrownBy(
            () ->
                DriverManager.getConnection(
                    TlsPostgres.veilUrl("localhost") + "?sslmode=disable",
                    properties("veil_app", "veil.transport", "require")))
        .hasMessageContaining("sslmode=disable is weaker than veil.transport=require")
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo("08V01");
  }

  @Test
  void failsAgainstAServerWithoutTlsUnlessPlaintextIsAllowed() throws Exception {
    // The plaintext test cluster: Veil asks pgjdbc for sslmode=require, which that server refuses.
    assertThatThrownBy(
            () ->
                DriverManager.getConnection(
                    Database.POSTGRESQL.veilUrl(),
                    properties("postgres", "veil.transport", "require")))
        .hasMessageContaining("does not support SSL");
    try (Connection connection =
        DriverManager.getConnection(
            Database.POSTGRESQL.veilUrl(),
            properties("postgres", "veil.transport", "allow-plaintext"))) {
      assertThat(connection.unwrap(VeilConnection.class).transport().required())
          .isEqualTo(TransportLevel.ALLOW_PLAINTEXT);
    }
    assertThat(auditText())
        .contains("\"operation\":\"transport.plaintext\"", "postgresql://127.0.0.1");
  }

  @Test
  void closesASessionOlderThanTheMinimumProtocol() throws Exception {
    cluster.maxProtocol("TLSv1.2");
    try {
      assertThatThrownBy(
              () ->
                  DriverManager.getConnection(
                      TlsPostgres.veilUrl("localhost"),
                      properties(
                          "veil_app", "veil.transport", "verify-full", "veil.minTls", "TLSv1.3")))
          .hasMessageContaining("negotiated as TLSv1.2 (pg_stat_ssl, JSSE session)")
          .hasMessageContaining("older than veil.minTls=TLSv1.3")
          .extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("08V01");
      try (Connection connection =
          DriverManager.getConnection(
              TlsPostgres.veilUrl("localhost"),
              properties("veil_app", "veil.transport", "verify-full"))) {
        assertThat(connection.unwrap(VeilConnection.class).transport().protocol())
            .isEqualTo("TLSv1.2");
      }
      assertThat(auditText()).contains("\"operation\":\"transport.refused\"");
    } finally {
      cluster.maxProtocol(null);
    }
  }

  @Test
  void authenticatesWithAPemClientCertificate() throws Exception {
    TestPki.Issued client = cluster.pki.client("veil_mtls", 20);
    try (Connection connection =
            DriverManager.getConnection(
                TlsPostgres.veilUrl("localhost"),
                properties(
                    "veil_mtls",
                    "veil.transport",
                    "verify-full",
                    "veil.tls.clientCert",
                    client.certPem().toString(),
                    "veil.tls.clientKey",
                    client.keyPem().toString()));
        Statement sql = connection.createStatement();
        ResultSet row =
            sql.executeQuery("SELECT client_dn FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
      assertThat(row.next()).isTrue();
      assertThat(row.getString(1)).isEqualTo("/CN=veil_mtls");
    }
    assertThat(auditText())
        .contains("\"operation\":\"tls.certificate.expiring\"", "client certificate CN=veil_mtls");
  }

  @Test
  void authenticatesWithAPkcs12ClientCertificate() throws Exception {
    Path p12 =
        cluster.pki.client("veil_mtls", 365).pkcs12(dir.resolve("client.p12"), "p12-test-pass");
    try (Connection connection =
        DriverManager.getConnection(
            TlsPostgres.veilUrl("localhost"),
            properties(
                "veil_mtls",
                "veil.transport",
                "verify-full",
                "veil.tls.clientCert",
                p12.toString(),
                "veil.tls.clientKeyPassword",
                "p12-test-pass"))) {
      assertThat(connection.unwrap(VeilConnection.class).transport().encrypted()).isTrue();
    }
  }

  @Test
  void isRefusedByAServerThatRequiresAClientCertificateWhenNoneIsGiven() {
    assertThatThrownBy(
            () ->
                DriverManager.getConnection(
                    TlsPostgres.veilUrl("localhost"),
                    properties("veil_mtls", "veil.transport", "verify-full")))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("certificate");
  }

  @Test
  void warnsOnceThatTheServerCertificateExpiresSoon() throws Exception {
    for (int i = 0; i < 2; i++) {
      DriverManager.getConnection(
              TlsPostgres.veilUrl("localhost"),
              properties("veil_app", "veil.transport", "verify-full"))
          .close();
    }
    assertThat(auditText().lines().filter(line -> line.contains("server certificate CN=localhost")))
        .singleElement()
        .asString()
        .contains("\"operation\":\"tls.certificate.expiring\"", "\"outcome\":\"warning\"");
  }

  @Test
  void sendsAKnownValueOnlyInsideTlsRecords() throws Exception {
    String canary = "wire-canary-" + UUID.randomUUID();
    try (WireTap tap = new WireTap(TlsPostgres.PORT)) {
      try (Connection connection =
              DriverManager.getConnection(
                  TlsPostgres.veilUrl("localhost")
                      .replace(":" + TlsPostgres.PORT, ":" + tap.port()),
                  properties("veil_app", "veil.transport", "verify-full"));
          PreparedStatement insert =
              connection.prepareStatement("INSERT INTO patients (id, note) VALUES (?, ?)")) {
        insert.setInt(1, -Math.abs(canary.hashCode() % 1_000_000) - 1);
        insert.setString(2, canary);
        insert.executeUpdate();
      }
      byte[] sent = tap.clientBytes();
      byte[] received = tap.serverBytes();
      assertThat(contains(sent, canary)).isFalse();
      assertThat(contains(sent, "INSERT INTO patients")).isFalse();
      assertThat(contains(sent, "veil_app")).isFalse();
      // pgjdbc's 8-byte SSLRequest, the server's 'S', then nothing but whole TLS records.
      assertThat(Arrays.copyOf(sent, 8)).containsExactly(0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f);
      assertThat(received[0]).isEqualTo((byte) 'S');
      assertThat(tlsRecordBytes(sent, 8)).isEqualTo(sent.length - 8);
      assertThat(tlsRecordBytes(received, 1)).isEqualTo(received.length - 1);
    }
    try (Connection connection = TlsPostgres.admin();
        Statement sql = connection.createStatement();
        ResultSet row =
            sql.executeQuery("SELECT count(*) FROM patients WHERE note = '" + canary + "'")) {
      row.next();
      assertThat(row.getInt(1)).isEqualTo(1);
    }
  }

  @Test
  void theTapSeesPlaintextWhenPlaintextIsAllowed() throws Exception {
    String canary = "wire-canary-" + UUID.randomUUID();
    int port = Integer.parseInt(Database.POSTGRESQL.url.replaceAll(".*:(\\d+)/.*", "$1"));
    try (WireTap tap = new WireTap(port)) {
      try (Connection connection =
              DriverManager.getConnection(
                  Database.POSTGRESQL.veilUrl().replace(":" + port, ":" + tap.port()),
                  properties("postgres", "veil.transport", "allow-plaintext"));
          PreparedStatement select = connection.prepareStatement("SELECT ?")) {
        select.setString(1, canary);
        select.executeQuery().close();
      }
      assertThat(contains(tap.clientBytes(), canary)).isTrue();
    }
  }

  /** How many bytes from {@code offset} on form whole TLS records (content types 20 to 23). */
  private static int tlsRecordBytes(byte[] stream, int offset) {
    int position = offset;
    while (position + 5 <= stream.length) {
      int type = stream[position] & 0xff;
      int major = stream[position + 1] & 0xff;
      int length = ((stream[position + 3] & 0xff) << 8) | (stream[position + 4] & 0xff);
      if (type < 20 || type > 23 || major != 3 || position + 5 + length > stream.length) {
        break;
      }
      position += 5 + length;
    }
    return position - offset;
  }

  private static boolean contains(byte[] haystack, String needle) {
    return new String(haystack, StandardCharsets.ISO_8859_1).contains(needle);
  }
}
