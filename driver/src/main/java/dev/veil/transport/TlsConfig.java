package dev.veil.transport;

/**
 * What a connection asks of its transport, from the {@code veil.transport}, {@code veil.minTls} and
 * {@code veil.tls.*} settings.
 *
 * @param level the level asked for, or {@code null} when unset (then Veil picks by host)
 * @param minTls the oldest TLS protocol accepted, e.g. {@code TLSv1.2}
 * @param rootCert a PEM file of the CA certificates that may sign the server's, or {@code null}
 * @param clientCert the client certificate for mutual TLS: a PEM file (with {@code clientKey}) or a
 *     PKCS#12 file holding certificate and key, or {@code null}
 * @param clientKey the client's private key as PEM (PKCS#8), or {@code null}
 * @param clientKeyPassword the password of the key or PKCS#12 file, or {@code null}
 * @param expiryWarnDays how many days before a certificate expires to warn about it
 */
public record TlsConfig(
    TransportLevel level,
    String minTls,
    String rootCert,
    String clientCert,
    String clientKey,
    String clientKeyPassword,
    int expiryWarnDays) {

  /** Leaves the password out. */
  @Override
  public String toString() {
    return "TlsConfig[level="
        + level
        + ", minTls="
        + minTls
        + ", rootCert="
        + rootCert
        + ", clientCert="
        + clientCert
        + ", clientKey="
        + clientKey
        + ", clientKeyPassword="
        + (clientKeyPassword == null ? "unset" : "(set)")
        + ", expiryWarnDays="
        + expiryWarnDays
        + "]";
  }

  /** Whether the client certificate file is PKCS#12 rather than PEM, judged by its name. */
  boolean clientCertIsPkcs12() {
    String name = clientCert.toLowerCase(java.util.Locale.ROOT);
    return name.endsWith(".p12") || name.endsWith(".pfx");
  }
}
