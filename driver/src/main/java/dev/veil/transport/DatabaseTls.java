package dev.veil.transport;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/** How Veil sets, checks and verifies one database driver's TLS. */
interface DatabaseTls {

  /**
   * Sets the delegate's TLS settings for {@code level} where the URL and properties leave them
   * unset, checks those that are set, and passes the {@code veil.tls.*} files on. Refuses settings
   * weaker than {@code level}, naming the one to change.
   */
  void prepare(TransportLevel level, TlsConfig config, DelegateSettings settings)
      throws SQLException;

  /**
   * Whether {@link #ask} names the negotiated protocol; where it cannot, the minimum version rests
   * on the JVM's own {@code jdk.tls.disabledAlgorithms}.
   */
  default boolean reportsProtocol() {
    return true;
  }

  /** The server's own account of the session, asked on the new connection. */
  ServerView ask(Connection connection) throws SQLException;

  /**
   * The session as the server reports it.
   *
   * @param encrypted whether the server says the session is encrypted
   * @param protocol the protocol, e.g. {@code TLSv1.3}, or {@code null}
   * @param cipher the cipher suite, or {@code null}
   * @param evidence what was asked, e.g. {@code pg_stat_ssl}
   * @param serverCertificateNotAfter when the server's certificate expires, or {@code null}
   */
  record ServerView(
      boolean encrypted,
      String protocol,
      String cipher,
      String evidence,
      Instant serverCertificateNotAfter) {}
}
