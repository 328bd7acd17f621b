package dev.veil.transport;

import dev.veil.errors.VeilErrors;
import dev.veil.errors.VeilSqlState;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * H2's client-server mode: {@code tcp://} is plaintext; {@code ssl://} is TLS that H2 configures
 * itself (anonymous cipher suites allowed, no host name check), so it meets {@code require} and
 * nothing stronger. H2 cannot be asked about the session, so the URL is the evidence.
 */
final class H2Tls implements DatabaseTls {
  private final boolean ssl;

  H2Tls(DatabaseUrl url) {
    this.ssl = url.values("h2.transport").contains("ssl");
  }

  @Override
  public void prepare(TransportLevel level, TlsConfig config, DelegateSettings settings)
      throws SQLException {
    if (config.rootCert() != null || config.clientCert() != null || config.clientKey() != null) {
      throw VeilErrors.of(
          VeilSqlState.CONFIGURATION,
          "H2 takes no veil.tls.* files; configure its TLS with the javax.net.ssl system"
              + " properties");
    }
    if (!ssl && level.atLeast(TransportLevel.REQUIRE)) {
      throw Transport.refused(
          "H2's tcp:// protocol is plaintext and veil.transport="
              + level
              + " requires TLS; use jdbc:veil:h2:ssl://...");
    }
    if (level.atLeast(TransportLevel.VERIFY_CA)) {
      throw Transport.refused(
          "H2's ssl:// protocol does not verify the server certificate, which veil.transport="
              + level
              + " requires; use veil.transport=require for H2");
    }
  }

  @Override
  public boolean reportsProtocol() {
    return false;
  }

  @Override
  public ServerView ask(Connection connection) {
    return new ServerView(ssl, null, null, "H2 ssl:// URL (H2 reports no TLS details)", null);
  }
}
