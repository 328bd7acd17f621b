package dev.veil.transport;

import dev.veil.errors.VeilErrors;
import dev.veil.errors.VeilSqlState;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * MariaDB Connector/J ({@code jdbc:mariadb:}) and MySQL Connector/J ({@code jdbc:mysql:}): {@code
 * sslMode} carries the level, older {@code useSsl} and friends can still lower it. The session is
 * checked with {@code SHOW SESSION STATUS}, which also gives the server certificate's expiry.
 */
final class MySqlFamilyTls implements DatabaseTls {
  private static final DateTimeFormatter OPENSSL_TIME =
      DateTimeFormatter.ofPattern("MMM d HH:mm:ss yyyy 'GMT'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private final boolean mariadb;

  MySqlFamilyTls(boolean mariadb) {
    this.mariadb = mariadb;
  }

  @Override
  public void prepare(TransportLevel level, TlsConfig config, DelegateSettings settings)
      throws SQLException {
    mapFiles(config, settings);
    if (!level.atLeast(TransportLevel.REQUIRE)) {
      return;
    }
    if (!settings.isSet("sslMode")) {
      for (String legacy : new String[] {"useSsl", "requireSSL"}) {
        if (settings.isSet(legacy) && !settings.anyTrue(legacy)) {
          throw Transport.refused(
              legacy
                  + "=false turns TLS off, which veil.transport="
                  + level
                  + " forbids; remove it and Veil sets sslMode="
                  + modeName(level));
        }
      }
    }
    settings.requireMode("sslMode", level, modeName(level), MySqlFamilyTls::strength);
    if (level.atLeast(TransportLevel.VERIFY_CA)) {
      if (settings.anyTrue("trustServerCertificate")) {
        throw Transport.refused(
            "trustServerCertificate=true skips the server certificate check that veil.transport="
                + level
                + " requires; remove it");
      }
      if (settings.isSet("verifyServerCertificate")
          && !settings.anyTrue("verifyServerCertificate")) {
        throw Transport.refused(
            "verifyServerCertificate=false skips the server certificate check that"
                + " veil.transport="
                + level
                + " requires; remove it");
      }
      if (settings.isSet("tlsSocketType")) {
        throw Transport.refused(
            "tlsSocketType replaces the driver's certificate checks, which veil.transport="
                + level
                + " requires; remove it");
      }
    }
    if (level == TransportLevel.VERIFY_FULL && settings.anyTrue("disableSslHostnameVerification")) {
      throw Transport.refused(
          "disableSslHostnameVerification=true skips the host name check that"
              + " veil.transport=verify-full requires; remove it, or use veil.transport=verify-ca");
    }
  }

  private void mapFiles(TlsConfig config, DelegateSettings settings) throws SQLException {
    if (config.rootCert() == null && config.clientCert() == null && config.clientKey() == null) {
      return;
    }
    if (!mariadb) {
      throw VeilErrors.of(
          VeilSqlState.CONFIGURATION,
          "veil.tls.* files are passed on to pgjdbc and MariaDB Connector/J only; for MySQL"
              + " Connector/J set trustCertificateKeyStoreUrl and clientCertificateKeyStoreUrl");
    }
    settings.map("veil.tls.rootCert", "serverSslCert", config.rootCert());
    if (config.clientKey() != null
        || (config.clientCert() != null && !config.clientCertIsPkcs12())) {
      throw VeilErrors.of(
          VeilSqlState.CONFIGURATION,
          "MariaDB Connector/J reads a client certificate and key only from a key store; give"
              + " veil.tls.clientCert a PKCS#12 file (.p12), e.g. made with openssl pkcs12"
              + " -export -in client.crt -inkey client.key -out client.p12, and leave"
              + " veil.tls.clientKey unset");
    }
    if (config.clientCert() != null) {
      settings.map("veil.tls.clientCert", "keyStore", config.clientCert());
      settings.setIfAbsent("keyStoreType", "PKCS12");
      if (config.clientKeyPassword() != null) {
        settings.setIfAbsent("keyStorePassword", config.clientKeyPassword());
      }
    }
  }

  private String modeName(TransportLevel level) {
    if (mariadb) {
      return level == TransportLevel.REQUIRE ? "trust" : level.setting();
    }
    return switch (level) {
      case REQUIRE -> "REQUIRED";
      case VERIFY_CA -> "VERIFY_CA";
      default -> "VERIFY_IDENTITY";
    };
  }

  /** What an sslMode value guarantees under either driver, or {@code null} if unknown. */
  static TransportLevel strength(String sslMode) {
    return switch (sslMode.strip().toLowerCase(Locale.ROOT)) {
      case "disable", "disabled", "0", "false", "preferred" -> TransportLevel.ALLOW_PLAINTEXT;
      case "trust", "required" -> TransportLevel.REQUIRE;
      case "verify-ca", "verify_ca" -> TransportLevel.VERIFY_CA;
      case "verify-full", "verify_full", "verify_identity", "1", "true" ->
          TransportLevel.VERIFY_FULL;
      default -> null;
    };
  }

  @Override
  public ServerView ask(Connection connection) throws SQLException {
    Map<String, String> status = new HashMap<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SHOW SESSION STATUS LIKE 'Ssl\\_%'")) {
      while (rows.next()) {
        status.put(rows.getString(1).toLowerCase(Locale.ROOT), rows.getString(2));
      }
    }
    String version = blankToNull(status.get("ssl_version"));
    return new ServerView(
        version != null,
        version,
        blankToNull(status.get("ssl_cipher")),
        "SHOW SESSION STATUS",
        notAfter(status.get("ssl_server_not_after")));
  }

  /** OpenSSL prints certificate times as {@code Dec 5 11:27:05 2027 GMT}. */
  static Instant notAfter(String text) {
    String value = blankToNull(text);
    if (value == null) {
      return null;
    }
    try {
      return OPENSSL_TIME.parse(value.replaceAll("\\s+", " "), Instant::from);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
