package dev.veil.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veil.jdbc.VeilConnection;
import dev.veil.transport.TlsSession;
import dev.veil.transport.TransportLevel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * veil.transport against the MariaDB TLS server that {@code scripts/test-databases.sh} starts on
 * 127.0.0.1:3307: this run's certificates are written into its tls/ directory and loaded with
 * {@code FLUSH SSL}. {@code veil_app} must use TLS, {@code veil_x509} a client certificate.
 */
class MariaDbTransportSecurityTest {
  private static final String URL =
      System.getenv().getOrDefault("VEIL_IT_MARIADB_TLS_URL", "jdbc:mariadb://127.0.0.1:3307/test");
  private static final Path TLS_DIR =
      Path.of(
          System.getenv().getOrDefault("VEIL_IT_MARIADB_TLS_DIR", "/var/lib/veil-mariadb-tls/tls"));

  @TempDir static Path dir;
  private static TestPki pki;
  private static TestPki.Issued server;
  private static VeilFixture veil;

  @BeforeAll
  static void installCertificates() throws Exception {
    pki = TestPki.create(dir, "Veil MariaDB Test CA");
    server = pki.server("localhost", 10);
    veil = VeilFixture.create();
    // mysqld reads these as another account: throwaway test files, readable by all.
    Files.writeString(TLS_DIR.resolve("ca.crt"), Files.readString(pki.ca.certPem()));
    Files.writeString(TLS_DIR.resolve("server.crt"), server.certificatePem());
    Files.writeString(TLS_DIR.resolve("server.key"), server.keyPemText());
    try (Connection admin = admin();
        Statement sql = admin.createStatement()) {
      sql.execute("FLUSH SSL");
    }
  }

  private static Connection admin() throws SQLException {
    Properties info = new Properties();
    info.setProperty("user", "root");
    info.setProperty("password", "");
    info.setProperty("sslMode", "disable");
    return Database.connect("the MariaDB TLS server", URL, info, "scripts/test-databases.sh");
  }

  private static String veilUrl(String host) {
    return "jdbc:veil:" + URL.substring("jdbc:".length()).replace("127.0.0.1", host);
  }

  private static Properties properties(String user, String... settings) {
    Properties info = veil.properties(Database.MARIADB);
    info.setProperty("user", user);
    info.setProperty("password", "");
    info.setProperty("veil.tls.rootCert", pki.ca.certPem().toString());
    for (int i = 0; i < settings.length; i += 2) {
      info.setProperty(settings[i], settings[i + 1]);
    }
    return info;
  }

  @Test
  void connectsAtVerifyFullAndReadsTheSessionFromTheServer() throws Exception {
    try (Connection connection =
        DriverManager.getConnection(
            veilUrl("localhost"), properties("veil_app", "veil.transport", "verify-full"))) {
      TlsSession tls = connection.unwrap(VeilConnection.class).transport();
      assertThat(tls.required()).isEqualTo(TransportLevel.VERIFY_FULL);
      assertThat(tls.protocol()).isEqualTo("TLSv1.3");
      assertThat(tls.cipher()).isNotBlank();
      assertThat(tls.evidence()).isEqualTo("SHOW SESSION STATUS");
      // OpenSSL prints whole seconds.
      assertThat(tls.serverCertificateNotAfter())
          .isEqualTo(server.certificate().getNotAfter().toInstant());
    }
  }

  @Test
  void refusesVerifyFullWhenTheCertificateNamesAnotherHost() throws Exception {
    assertThatThrownBy(
            () ->
                DriverManager.getConnection(
                    veilUrl("127.0.0.1"), properties("veil_app", "veil.transport", "verify-full")))
        .isInstanceOf(SQLException.class);
    try (Connection connection =
        DriverManager.getConnection(
            veilUrl("127.0.0.1"), properties("veil_app", "veil.transport", "verify-ca"))) {
      assertThat(connection.unwrap(VeilConnection.class).transport().encrypted()).isTrue();
    }
  }

  @Test
  void refusesAPlaintextOrTrustingUrlBeforeConnecting() {
    assertThatThrownBy(
            () ->
                DriverManager.getConnection(
                    veilUrl("localhost") + "?sslMode=disable",
                    properties("veil_app", "veil.transport", "require")))
        .hasMessageContaining("sslMode=disable is weaker than veil.transport=require")
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo("08V01");
    assertThatThrownBy(
            () ->
                DriverManager.getConnection(
                    veilUrl("localhost") + "?trustServerCertificate=true",
                    properties("veil_app", "veil.transport", "verify-ca")))
        .hasMessageContaining("trustServerCertificate=true");
  }

  @Test
  void authenticatesWithAPkcs12ClientCertificate() throws Exception {
    Path p12 = pki.client("veil_x509", 365).pkcs12(dir.resolve("x509.p12"), "p12-test-pass");
    try (Connection connection =
            DriverManager.getConnection(
                veilUrl("localhost"),
                properties(
                    "veil_x509",
                    "veil.transport",
                    "verify-full",
                    "veil.tls.clientCert",
                    p12.toString(),
                    "veil.tls.clientKeyPassword",
                    "p12-test-pass"));
        Statement sql = connection.createStatement();
        ResultSet row = sql.executeQuery("SELECT CURRENT_USER()")) {
      row.next();
      assertThat(row.getString(1)).isEqualTo("veil_x509@127.0.0.1");
    }
    assertThatThrownBy(
            () ->
                DriverManager.getConnection(
                    veilUrl("localhost"), properties("veil_x509", "veil.transport", "verify-full")))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("Access denied");
  }
}
