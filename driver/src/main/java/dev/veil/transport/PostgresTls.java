package dev.veil.transport;

import dev.veil.errors.VeilErrors;
import dev.veil.errors.VeilSqlState;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Set;

/**
 * pgjdbc: {@code sslmode} carries the level; {@code sslfactory} and {@code sslhostnameverifier} can
 * undo verification, so only pgjdbc's own verifying classes are accepted with them. The session is
 * checked in {@code pg_stat_ssl}.
 */
final class PostgresTls implements DatabaseTls {
  /** Factories that verify the server certificate as sslmode asks. */
  private static final Set<String> VERIFYING_FACTORIES =
      Set.of(
          "org.postgresql.ssl.LibPQFactory",
          "org.postgresql.ssl.jdbc4.LibPQFactory",
          "org.postgresql.ssl.DefaultJavaSSLFactory",
          "org.postgresql.ssl.SingleCertValidatingFactory",
          VeilPgSslFactory.NAME);

  private static final String QUERY =
      "SELECT ssl, version, cipher FROM pg_stat_ssl WHERE pid = pg_backend_pid()";

  @Override
  public void prepare(TransportLevel level, TlsConfig config, DelegateSettings settings)
      throws SQLException {
    mapFiles(config, settings);
    if (!level.atLeast(TransportLevel.REQUIRE)) {
      return;
    }
    settings.requireMode("sslmode", level, level.setting(), PostgresTls::strength);
    if (level.atLeast(TransportLevel.VERIFY_CA)) {
      for (String factory : settings.values("sslfactory")) {
        if (!VERIFYING_FACTORIES.contains(factory.strip())) {
          throw Transport.refused(
              "sslfactory="
                  + factory
                  + " may not verify the server certificate, which veil.transport="
                  + level
                  + " requires; remove sslfactory to use pgjdbc's verifying LibPQFactory");
        }
      }
    }
    if (level == TransportLevel.VERIFY_FULL) {
      for (String verifier : settings.values("sslhostnameverifier")) {
        if (!verifier.strip().equals("org.postgresql.ssl.PGjdbcHostnameVerifier")) {
          throw Transport.refused(
              "sslhostnameverifier="
                  + verifier
                  + " replaces pgjdbc's host name check, which veil.transport=verify-full"
                  + " requires; remove sslhostnameverifier, or use veil.transport=verify-ca");
        }
      }
    }
  }

  private static void mapFiles(TlsConfig config, DelegateSettings settings) throws SQLException {
    settings.map("veil.tls.rootCert", "sslrootcert", config.rootCert());
    if (config.clientCert() != null) {
      if (config.clientCertIsPkcs12()) {
        if (config.clientKey() != null) {
          throw VeilErrors.of(
              VeilSqlState.CONFIGURATION,
              "veil.tls.clientCert is a PKCS#12 file, which holds the key too; leave"
                  + " veil.tls.clientKey unset");
        }
        // pgjdbc reads certificate and key from a PKCS#12 file named as its sslkey.
        settings.map("veil.tls.clientCert", "sslkey", config.clientCert());
      } else {
        if (config.clientKey() == null) {
          throw VeilErrors.of(
              VeilSqlState.CONFIGURATION,
              "veil.tls.clientCert is a PEM certificate; set veil.tls.clientKey to its PEM"
                  + " private key, or give a PKCS#12 file (.p12) holding both");
        }
        settings.map("veil.tls.clientCert", "sslcert", config.clientCert());
        settings.map("veil.tls.clientKey", "sslkey", config.clientKey());
      }
    } else if (config.clientKey() != null) {
      throw VeilErrors.of(
          VeilSqlState.CONFIGURATION,
          "veil.tls.clientKey is set without veil.tls.clientCert; set both");
    }
    if (config.clientKeyPassword() != null) {
      settings.setIfAbsent("sslpassword", config.clientKeyPassword());
    }
  }

  /** What a pgjdbc sslmode guarantees, or {@code null} for a value pgjdbc does not know. */
  static TransportLevel strength(String sslmode) {
    return switch (sslmode.strip().toLowerCase(Locale.ROOT)) {
      case "disable", "allow", "prefer" -> TransportLevel.ALLOW_PLAINTEXT;
      case "require" -> TransportLevel.REQUIRE;
      case "verify-ca" -> TransportLevel.VERIFY_CA;
      case "verify-full" -> TransportLevel.VERIFY_FULL;
      default -> null;
    };
  }

  @Override
  public ServerView ask(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(QUERY)) {
      if (!row.next()) {
        return new ServerView(false, null, null, "pg_stat_ssl (no row for this backend)", null);
      }
      return new ServerView(
          row.getBoolean(1), row.getString(2), row.getString(3), "pg_stat_ssl", null);
    }
  }
}
