package dev.veil.transport;

import java.util.List;

/** TLS protocol names as JSSE, OpenSSL, PostgreSQL and MariaDB report them, oldest first. */
final class TlsProtocols {
  /** Names Veil can order; anything else fails the minimum-version check. */
  static final List<String> KNOWN = List.of("SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");

  private TlsProtocols() {}

  /** The position of {@code protocol} in {@link #KNOWN}, or -1. */
  static int rank(String protocol) {
    return protocol == null ? -1 : KNOWN.indexOf(protocol.strip());
  }

  /** Whether {@code negotiated} is {@code minimum} or newer; unknown names never are. */
  static boolean atLeast(String negotiated, String minimum) {
    int rank = rank(negotiated);
    return rank >= 0 && rank >= rank(minimum);
  }
}
