package dev.veil.transport;

import dev.veil.audit.Audit;
import dev.veil.audit.AuditEvent;
import dev.veil.audit.AuditOperation;
import dev.veil.errors.VeilErrors;
import dev.veil.errors.VeilSqlState;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transport requirement of one connect: {@link #prepare} sets or checks the delegate driver's
 * TLS settings before anything is sent, and {@link #verify} asks the new connection whether it
 * really is encrypted at the required level, once per physical connection.
 *
 * <h2>Security guarantees</h2>
 *
 * With a level of {@code require} or stronger, a connection whose driver settings could fall back
 * to plaintext or skip a required check is refused before connecting, and a connection the server
 * reports as unencrypted, or on a protocol older than {@code veil.minTls}, is refused after the
 * handshake. Certificate and host name verification themselves are the delegate driver's, which
 * Veil configures but does not redo.
 *
 * <h2>Warning</h2>
 *
 * {@code allow-plaintext} turns all of this off; Veil then logs and audits it once per database.
 */
public final class Transport {
  private static final Logger LOG = LoggerFactory.getLogger(Transport.class);
  private static final Set<String> PLAINTEXT_REPORTED = ConcurrentHashMap.newKeySet();

  private final TransportLevel level;
  private final DatabaseTls tls;
  private final TlsConfig config;
  private final String target;
  private final String captureToken;
  private final List<String> clientCertFiles;

  private Transport(
      TransportLevel level,
      DatabaseTls tls,
      TlsConfig config,
      String target,
      String captureToken,
      List<String> clientCertFiles) {
    this.level = level;
    this.tls = tls;
    this.config = config;
    this.target = target;
    this.captureToken = captureToken;
    this.clientCertFiles = clientCertFiles;
  }

  /**
   * Decides the level for {@code delegateUrl} and adjusts {@code forwarded}, the properties about
   * to be handed to the delegate driver, for it.
   *
   * @param driverLoader the delegate driver's class loader, which must see Veil's pgjdbc factory
   *     for Veil to read the session from the JVM's side
   * @throws SQLException {@code 08V01} for settings weaker than the level, {@code F0000} for {@code
   *     veil.tls.*} files the driver cannot take
   */
  public static Transport prepare(
      String delegateUrl, TlsConfig config, Properties forwarded, ClassLoader driverLoader)
      throws SQLException {
    DatabaseUrl url = DatabaseUrl.parse(delegateUrl);
    String target = url.subprotocol() + "://" + String.join(",", url.hosts());
    DelegateSettings settings = new DelegateSettings(url, forwarded);
    DatabaseTls tls = forDatabase(url);
    TransportLevel level = config.level();
    if (level == null && url.network() && !url.loopbackOnly()) {
      level = TransportLevel.VERIFY_FULL;
    }
    if (level == null || !url.network()) {
      if (tls != null) {
        tls.prepare(TransportLevel.ALLOW_PLAINTEXT, config, settings);
      }
      return new Transport(null, null, config, target, null, List.of());
    }
    try {
      if (level == TransportLevel.ALLOW_PLAINTEXT) {
        if (tls != null) {
          tls.prepare(level, config, settings);
        }
        reportPlaintext(target);
        return new Transport(level, null, config, target, null, List.of());
      }
      if (tls == null) {
        throw refused(
            "Veil cannot check TLS for jdbc:"
                + url.subprotocol()
                + ": URLs; configure the driver's TLS yourself and set"
                + " veil.transport=allow-plaintext to take that responsibility");
      }
      tls.prepare(level, config, settings);
      String token = null;
      if (tls instanceof PostgresTls && canCapture(settings, driverLoader)) {
        token = HandshakeCapture.newToken();
        forwarded.setProperty("sslfactory", VeilPgSslFactory.NAME);
        forwarded.setProperty("sslfactoryarg", token);
      }
      return new Transport(level, tls, config, target, token, clientCertFiles(config, settings));
    } catch (SQLException e) {
      auditRefusal(target, e);
      throw e;
    }
  }

  /**
   * Checks the new connection against the level, once: the server's own report, and where Veil made
   * the socket, the JVM's. Also warns of certificates near expiry.
   *
   * @throws SQLException {@code 08V01} when the session is not encrypted or too old a protocol; the
   *     caller closes the connection
   */
  public TlsSession verify(Connection delegate) throws SQLException {
    if (tls == null) {
      return TlsSession.unchecked(level);
    }
    try {
      DatabaseTls.ServerView server = tls.ask(delegate);
      SSLSocket socket = captureToken == null ? null : HandshakeCapture.take(captureToken);
      SSLSession session = socket == null ? null : socket.getSession();
      if (!server.encrypted()) {
        throw refused(
            "the server reports this session as not encrypted ("
                + server.evidence()
                + "), though veil.transport="
                + level
                + " requires TLS; the connection was closed");
      }
      String evidence = server.evidence() + (session == null ? "" : ", JSSE session");
      String protocol = server.protocol() != null ? server.protocol() : protocolOf(session);
      if (tls.reportsProtocol()) {
        checkProtocol(protocol, evidence);
        if (session != null) {
          checkProtocol(session.getProtocol(), "JSSE session");
        }
      }
      Instant notAfter = server.serverCertificateNotAfter();
      X509Certificate serverCertificate = serverCertificate(session);
      if (serverCertificate != null) {
        notAfter = serverCertificate.getNotAfter().toInstant();
      }
      CertificateExpiry.check(
          "server",
          serverCertificate == null
              ? "of " + target
              : serverCertificate.getSubjectX500Principal().getName(),
          notAfter,
          config.expiryWarnDays());
      for (String file : clientCertFiles) {
        CertificateExpiry.checkClientFile(
            file, config.clientKeyPassword(), config.expiryWarnDays());
      }
      String cipher = server.cipher() != null ? server.cipher() : cipherOf(session);
      LOG.debug("{} over {} {} ({})", target, protocol, cipher, evidence);
      return new TlsSession(level, protocol, cipher, evidence, notAfter);
    } catch (SQLException e) {
      auditRefusal(target, e);
      throw e;
    }
  }

  /** Forgets what the delegate's TLS socket left behind; call once the connect has ended. */
  public void release() {
    if (captureToken != null) {
      HandshakeCapture.take(captureToken);
    }
  }

  /** A transport refusal with a message that says what to change. */
  static SQLException refused(String message) {
    return VeilErrors.of(VeilSqlState.TRANSPORT_INSECURE, message);
  }

  private void checkProtocol(String protocol, String evidence) throws SQLException {
    if (protocol == null) {
      throw refused(
          "the session's TLS protocol could not be read ("
              + evidence
              + "), so veil.minTls="
              + config.minTls()
              + " cannot be checked; the connection was closed");
    }
    if (!TlsProtocols.atLeast(protocol, config.minTls())) {
      throw refused(
          "the session was negotiated as "
              + protocol
              + " ("
              + evidence
              + "), older than veil.minTls="
              + config.minTls()
              + "; enable "
              + config.minTls()
              + " or newer on the server (PostgreSQL ssl_min_protocol_version, MariaDB"
              + " tls_version); the connection was closed");
    }
  }

  private static DatabaseTls forDatabase(DatabaseUrl url) {
    return switch (url.subprotocol()) {
      case "postgresql" -> new PostgresTls();
      case "mariadb" -> new MySqlFamilyTls(true);
      case "mysql" -> new MySqlFamilyTls(false);
      case "h2" -> new H2Tls(url);
      default -> null;
    };
  }

  /**
   * Veil's factory wraps pgjdbc's default one, so it stands in only where no factory was chosen,
   * and only where the driver's class loader resolves it to this very class.
   */
  private static boolean canCapture(DelegateSettings settings, ClassLoader driverLoader) {
    if (settings.isSet("sslfactory") || settings.isSet("sslfactoryarg") || driverLoader == null) {
      return false;
    }
    try {
      Class<?> seen = Class.forName(VeilPgSslFactory.NAME, false, driverLoader);
      return seen.getClassLoader() == Transport.class.getClassLoader();
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  private static List<String> clientCertFiles(TlsConfig config, DelegateSettings settings) {
    if (config.clientCert() != null) {
      return List.of(config.clientCert());
    }
    return settings.values("sslcert");
  }

  private static X509Certificate serverCertificate(SSLSession session) {
    if (session == null) {
      return null;
    }
    try {
      Certificate[] chain = session.getPeerCertificates();
      return chain.length > 0 && chain[0] instanceof X509Certificate x509 ? x509 : null;
    } catch (SSLPeerUnverifiedException e) {
      return null;
    }
  }

  private static String protocolOf(SSLSession session) {
    return session == null ? null : session.getProtocol();
  }

  private static String cipherOf(SSLSession session) {
    return session == null ? null : session.getCipherSuite();
  }

  private static void reportPlaintext(String target) {
    if (PLAINTEXT_REPORTED.add(target)) {
      String detail =
          "veil.transport=allow-plaintext: connections to "
              + target
              + " may carry SQL, unprotected columns and credentials in plaintext";
      LOG.warn("{}", detail);
      Audit.record(AuditEvent.warning(AuditOperation.TRANSPORT_PLAINTEXT, detail));
    }
  }

  private static void auditRefusal(String target, SQLException e) {
    Audit.record(
        AuditEvent.failed(
            AuditOperation.TRANSPORT_REFUSED,
            null,
            null,
            null,
            null,
            target + ": " + e.getMessage()));
  }
}
