package dev.veil.transport;

import java.time.Instant;

/**
 * What one physical connection's transport was found to be after connecting.
 *
 * @param required the level Veil enforced, or {@code null} where it required nothing (a loopback or
 *     embedded database with {@code veil.transport} unset)
 * @param protocol the negotiated protocol, e.g. {@code TLSv1.3}, or {@code null} where nothing was
 *     checked
 * @param cipher the negotiated cipher suite, or {@code null}
 * @param evidence where the answer came from, e.g. {@code pg_stat_ssl, JSSE session}
 * @param serverCertificateNotAfter when the server's certificate expires, where Veil could see it
 */
public record TlsSession(
    TransportLevel required,
    String protocol,
    String cipher,
    String evidence,
    Instant serverCertificateNotAfter) {

  /** A connection whose transport Veil did not check. */
  static TlsSession unchecked(TransportLevel required) {
    return new TlsSession(required, null, null, "not checked", null);
  }

  /** Whether Veil saw the session encrypted. */
  public boolean encrypted() {
    return protocol != null;
  }
}
