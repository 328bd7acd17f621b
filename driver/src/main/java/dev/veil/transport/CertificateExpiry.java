package dev.veil.transport;

import dev.veil.audit.Audit;
import dev.veil.audit.AuditEvent;
import dev.veil.audit.AuditOperation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns, on the log and in the audit trail, once per certificate and JVM, when a server or client
 * certificate expires within {@code veil.tls.expiryWarnDays}.
 */
final class CertificateExpiry {
  private static final Logger LOG = LoggerFactory.getLogger(CertificateExpiry.class);
  private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();
  private static final Set<String> FILES_READ = ConcurrentHashMap.newKeySet();

  private CertificateExpiry() {}

  /** Warns if {@code notAfter} is within {@code warnDays} of now. */
  static void check(String whose, String subject, Instant notAfter, int warnDays) {
    if (notAfter == null) {
      return;
    }
    Instant now = Instant.now();
    if (notAfter.isAfter(now.plus(Duration.ofDays(warnDays)))) {
      return;
    }
    if (!WARNED.add(whose + "|" + subject + "|" + notAfter)) {
      return;
    }
    long days = Duration.between(now, notAfter).toDays();
    String detail =
        whose
            + " certificate "
            + subject
            + (notAfter.isBefore(now) ? " expired at " : " expires at ")
            + notAfter
            + (notAfter.isBefore(now) ? "" : " (in " + days + " days)")
            + "; renew it";
    LOG.warn("{}", detail);
    Audit.record(AuditEvent.warning(AuditOperation.CERTIFICATE_EXPIRING, detail));
  }

  /**
   * Checks the certificates of a PEM or PKCS#12 client certificate file, once per version of it.
   */
  static void checkClientFile(String file, String password, int warnDays) {
    Path path = Path.of(file);
    try {
      String version = path.toAbsolutePath() + "|" + Files.getLastModifiedTime(path).toMillis();
      if (!FILES_READ.add(version)) {
        return;
      }
      for (X509Certificate certificate : read(path, password)) {
        check(
            "client",
            certificate.getSubjectX500Principal().getName(),
            certificate.getNotAfter().toInstant(),
            warnDays);
      }
    } catch (IOException | GeneralSecurityException e) {
      // The driver reads the same file and reports a broken one with its own error.
      LOG.debug("cannot read client certificate {} to check its expiry: {}", file, e.toString());
    }
  }

  private static List<X509Certificate> read(Path path, String password)
      throws IOException, GeneralSecurityException {
    String name = path.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    List<X509Certificate> certificates = new ArrayList<>();
    try (InputStream in = Files.newInputStream(path)) {
      if (name.endsWith(".p12") || name.endsWith(".pfx")) {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(in, password == null ? new char[0] : password.toCharArray());
        for (String alias : Collections.list(store.aliases())) {
          Certificate certificate = store.getCertificate(alias);
          if (certificate instanceof X509Certificate x509) {
            certificates.add(x509);
          }
        }
      } else {
        for (Certificate certificate :
            CertificateFactory.getInstance("X.509").generateCertificates(in)) {
          if (certificate instanceof X509Certificate x509) {
            certificates.add(x509);
          }
        }
      }
    }
    return certificates;
  }
}
