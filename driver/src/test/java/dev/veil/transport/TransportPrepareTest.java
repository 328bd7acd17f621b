package dev.veil.transport;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veil.audit.Audit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.Properties;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What Veil sets and refuses before connecting, per database, without any server. */
class TransportPrepareTest {
  private static final ClassLoader LOADER = TransportPrepareTest.class.getClassLoader();

  private static TlsConfig level(TransportLevel level) {
    return new TlsConfig(level, "TLSv1.2", null, null, null, null, 30);
  }

  private static Properties prepare(String url, TlsConfig config, Properties forwarded)
      throws SQLException {
    Transport.prepare(url, config, forwarded, LOADER).release();
    return forwarded;
  }

  private static Properties prepare(String url, TransportLevel level) throws SQLException {
    return prepare(url, level(level), new Properties());
  }

  private static Properties props(String... pairs) {
    Properties properties = new Properties();
    for (int i = 0; i < pairs.length; i += 2) {
      properties.setProperty(pairs[i], pairs[i + 1]);
    }
    return properties;
  }

  @Test
  void requiresVerifyFullForARemotePostgresHostByDefault() throws SQLException {
    Properties sent = prepare("jdbc:postgresql://db.example.com/app", null);

    assertThat(sent.getProperty("sslmode")).isEqualTo("verify-full");
    assertThat(sent.getProperty("sslfactory")).isEqualTo(VeilPgSslFactory.NAME);
    assertThat(sent.getProperty("sslfactoryarg")).isNotBlank();
  }

  @Test
  void leavesLoopbackAndEmbeddedConnectionsAsWrittenByDefault() throws SQLException {
    assertThat(prepare("jdbc:postgresql://127.0.0.1:5432/app", null)).isEmpty();
    assertThat(prepare("jdbc:mariadb://localhost/test", null)).isEmpty();
    assertThat(prepare("jdbc:h2:mem:test", null)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "jdbc:postgresql://db.example.com/app?sslmode=disable      | sslmode=disable",
        "jdbc:postgresql://db.example.com/app?sslmode=prefer       | sslmode=prefer",
        "jdbc:postgresql://db.example.com/app?sslmode=require      | sslmode=require",
        "jdbc:postgresql://db.example.com/app?sslmode=verify-ca    | sslmode=verify-ca",
        "jdbc:postgresql://db.example.com/app?SSLMODE=allow        | sslmode=allow",
        "jdbc:postgresql://db.example.com/app?sslmode=bogus        | sslmode=bogus",
      })
  void refusesPostgresUrlWeakerThanVerifyFullNamingTheSetting(String url, String setting) {
    assertThatThrownBy(() -> prepare(url, null))
        .isInstanceOf(SQLNonTransientConnectionException.class)
        .hasMessageContaining(setting)
        .hasMessageContaining("set sslmode=verify-full")
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo("08V01");
  }

  @Test
  void refusesAWeakSslmodeGivenAsAPropertyToo() {
    assertThatThrownBy(
            () ->
                prepare(
                    "jdbc:postgresql://db.example.com/app",
                    level(TransportLevel.REQUIRE),
                    props("sslmode", "prefer")))
        .hasMessageContaining("sslmode=prefer is weaker than veil.transport=require");
  }

  @ParameterizedTest
  @CsvSource({
    "require, require",
    "require, verify-ca",
    "verify-ca, verify-full",
    "verify-full, verify-full"
  })
  void acceptsPostgresSslmodeAtOrAboveTheLevel(String level, String sslmode) throws SQLException {
    Properties sent =
        prepare(
            "jdbc:postgresql://db.example.com/app?sslmode=" + sslmode,
            level(TransportLevel.parse(level)),
            new Properties());
    assertThat(sent.getProperty("sslmode")).isNull();
  }

  @Test
  void refusesANonValidatingFactoryWhenTheServerMustBeVerified() {
    assertThatThrownBy(
            () ->
                prepare(
                    "jdbc:postgresql://db.example.com/app?"
                        + "sslfactory=org.postgresql.ssl.NonValidatingFactory",
                    TransportLevel.VERIFY_CA))
        .hasMessageContaining("sslfactory=org.postgresql.ssl.NonValidatingFactory");
  }

  @Test
  void keepsAUsersVerifyingFactoryAndDoesNotWrapIt() throws SQLException {
    Properties sent =
        prepare(
            "jdbc:postgresql://db.example.com/app",
            level(TransportLevel.VERIFY_FULL),
            props("sslfactory", "org.postgresql.ssl.DefaultJavaSSLFactory"));
    assertThat(sent.getProperty("sslfactory"))
        .isEqualTo("org.postgresql.ssl.DefaultJavaSSLFactory");
    assertThat(sent.getProperty("sslfactoryarg")).isNull();
  }

  @Test
  void refusesACustomHostnameVerifierOnlyAtVerifyFull() throws SQLException {
    String url = "jdbc:postgresql://db.example.com/app?sslhostnameverifier=com.example.AnyHost";
    assertThatThrownBy(() -> prepare(url, TransportLevel.VERIFY_FULL))
        .hasMessageContaining("sslhostnameverifier=com.example.AnyHost");
    assertThat(prepare(url, TransportLevel.VERIFY_CA).getProperty("sslmode"))
        .isEqualTo("verify-ca");
  }

  @Test
  void passesVeilTlsFilesToPgjdbc() throws SQLException {
    Properties sent =
        prepare(
            "jdbc:postgresql://db.example.com/app",
            new TlsConfig(
                TransportLevel.VERIFY_FULL,
                "TLSv1.2",
                "/etc/veil/ca.pem",
                "/etc/veil/client.pem",
                "/etc/veil/client.key",
                "s3cret",
                30),
            new Properties());

    assertThat(sent.getProperty("sslrootcert")).isEqualTo("/etc/veil/ca.pem");
    assertThat(sent.getProperty("sslcert")).isEqualTo("/etc/veil/client.pem");
    assertThat(sent.getProperty("sslkey")).isEqualTo("/etc/veil/client.key");
    assertThat(sent.getProperty("sslpassword")).isEqualTo("s3cret");
  }

  @Test
  void passesAPkcs12ClientCertificateAsPgjdbcsKey() throws SQLException {
    Properties sent =
        prepare(
            "jdbc:postgresql://db.example.com/app",
            new TlsConfig(
                TransportLevel.VERIFY_FULL,
                "TLSv1.2",
                null,
                "/etc/veil/client.p12",
                null,
                "pw",
                30),
            new Properties());

    assertThat(sent.getProperty("sslkey")).isEqualTo("/etc/veil/client.p12");
    assertThat(sent.getProperty("sslcert")).isNull();
  }

  @Test
  void refusesTwoDifferentRootCertificatesWithoutEchoingSecrets() {
    TlsConfig config =
        new TlsConfig(
            TransportLevel.VERIFY_FULL, "TLSv1.2", "/a/ca.pem", null, null, "hunter2", 30);
    assertThatThrownBy(
            () ->
                prepare(
                    "jdbc:postgresql://db.example.com/app?sslrootcert=/b/ca.pem&password=pw1",
                    config,
                    new Properties()))
        .hasMessageContaining("veil.tls.rootCert and the driver's own sslrootcert")
        .hasMessageNotContaining("hunter2")
        .hasMessageNotContaining("pw1");
    assertThat(config.toString()).doesNotContain("hunter2");
  }

  @Test
  void requiresVerifyFullForARemoteMariaDbHostByDefault() throws SQLException {
    assertThat(prepare("jdbc:mariadb://db.example.com/test", null).getProperty("sslMode"))
        .isEqualTo("verify-full");
    assertThat(
            prepare("jdbc:mysql://db.example.com/test", TransportLevel.REQUIRE)
                .getProperty("sslMode"))
        .isEqualTo("REQUIRED");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "jdbc:mariadb://db.example.com/test?sslMode=disable                | sslMode=disable",
        "jdbc:mariadb://db.example.com/test?sslMode=trust                  | sslMode=trust",
        "jdbc:mariadb://db.example.com/test?sslMode=verify-ca              | sslMode=verify-ca",
        "jdbc:mariadb://db.example.com/test?useSsl=false                   | useSsl=false",
        "jdbc:mariadb://db.example.com/test?sslMode=verify-full&trustServerCertificate=true"
            + " | trustServerCertificate=true",
        "jdbc:mariadb://db.example.com/test?useSsl=true&disableSslHostnameVerification=true"
            + " | disableSslHostnameVerification=true",
        "jdbc:mariadb://db.example.com/test?tlsSocketType=custom           | tlsSocketType",
        "jdbc:mysql://db.example.com/test?sslMode=PREFERRED                | sslMode=PREFERRED",
        "jdbc:mysql://db.example.com/test?verifyServerCertificate=false    | "
            + "verifyServerCertificate=false",
      })
  void refusesMySqlFamilySettingsWeakerThanVerifyFull(String url, String setting) {
    assertThatThrownBy(() -> prepare(url, null))
        .isInstanceOf(SQLNonTransientConnectionException.class)
        .hasMessageContaining(setting);
  }

  @Test
  void passesAPkcs12ClientCertificateToMariaDbAndRefusesPem() throws SQLException {
    Properties sent =
        prepare(
            "jdbc:mariadb://db.example.com/test",
            new TlsConfig(
                TransportLevel.VERIFY_FULL, "TLSv1.2", "/ca.pem", "/client.p12", null, "pw", 30),
            new Properties());
    assertThat(sent)
        .containsEntry("serverSslCert", "/ca.pem")
        .containsEntry("keyStore", "/client.p12")
        .containsEntry("keyStoreType", "PKCS12")
        .containsEntry("keyStorePassword", "pw");

    assertThatThrownBy(
            () ->
                prepare(
                    "jdbc:mariadb://db.example.com/test",
                    new TlsConfig(
                        TransportLevel.VERIFY_FULL,
                        "TLSv1.2",
                        null,
                        "/client.pem",
                        "/client.key",
                        null,
                        30),
                    new Properties()))
        .hasMessageContaining("PKCS#12")
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo("F0000");
  }

  @Test
  void refusesH2TcpUnlessPlaintextIsAllowedAndH2SslAboveRequire() throws SQLException {
    assertThatThrownBy(() -> prepare("jdbc:h2:tcp://db.example.com/~/x", null))
        .hasMessageContaining("H2's tcp:// protocol is plaintext");
    assertThatThrownBy(() -> prepare("jdbc:h2:ssl://db.example.com/~/x", null))
        .hasMessageContaining("does not verify the server certificate");
    assertThat(prepare("jdbc:h2:ssl://db.example.com/~/x", TransportLevel.REQUIRE)).isEmpty();
    assertThat(prepare("jdbc:h2:tcp://db.example.com/~/x", TransportLevel.ALLOW_PLAINTEXT))
        .isEmpty();
  }

  @Test
  void acceptsAnExplicitLevelForAnInProcessDatabase() throws SQLException {
    assertThat(prepare("jdbc:h2:mem:x", TransportLevel.VERIFY_FULL)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"jdbc:oracle:thin:@db.example.com:1521:xe", "jdbc:sqlserver://db.example.com"})
  void refusesDatabasesItCannotCheckUnlessPlaintextIsAllowed(String url) throws SQLException {
    assertThatThrownBy(() -> prepare(url, null))
        .hasMessageContaining("Veil cannot check TLS for")
        .hasMessageContaining("veil.transport=allow-plaintext");
    assertThat(prepare(url, TransportLevel.ALLOW_PLAINTEXT)).isEmpty();
  }

  @Test
  void auditsAllowPlaintextOncePerDatabase(@TempDir Path dir) throws Exception {
    Path audit = dir.resolve("audit.jsonl");
    Audit.toFile(audit);
    String url = "jdbc:postgresql://plaintext-once.example.com/app";
    prepare(url, TransportLevel.ALLOW_PLAINTEXT);
    prepare(url, TransportLevel.ALLOW_PLAINTEXT);

    assertThat(Files.readAllLines(audit))
        .filteredOn(line -> line.contains("plaintext-once.example.com"))
        .singleElement(as(InstanceOfAssertFactories.STRING))
        .contains("\"operation\":\"transport.plaintext\"", "\"outcome\":\"warning\"");
  }

  @Test
  void auditsARefusedConnection(@TempDir Path dir) throws Exception {
    Path audit = dir.resolve("audit.jsonl");
    Audit.toFile(audit);
    assertThatThrownBy(
        () -> prepare("jdbc:postgresql://refused.example.com/app?sslmode=disable", null));

    assertThat(Files.readAllLines(audit))
        .filteredOn(line -> line.contains("refused.example.com"))
        .singleElement(as(InstanceOfAssertFactories.STRING))
        .contains("\"operation\":\"transport.refused\"", "sslmode=disable");
  }
}
