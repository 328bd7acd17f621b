package dev.veil.driver;

import dev.veil.crypto.OnUndecryptable;
import dev.veil.errors.VeilErrors;
import dev.veil.errors.VeilSqlState;
import dev.veil.transport.TlsConfig;
import dev.veil.transport.TransportLevel;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * The configuration one connection asks for, resolved through {@link VeilProperty}.
 *
 * @param policy the policy location
 * @param keyring the keyring file
 * @param kek the KEK URI
 * @param planCacheSize plans kept per database dialect
 * @param parseTimeoutMillis the bound on one parse
 * @param keyCacheTtl how long unwrapped keys serve before the KEK is consulted again
 * @param keyCacheMaxStale how long keys serve while the KEK cannot be consulted
 * @param onUndecryptable what a read of a value under a destroyed key version returns
 * @param auditFile a JSON-lines file for audit events, or {@code null}
 */
record VeilConfig(
    String policy,
    String keyring,
    String kek,
    long planCacheSize,
    long parseTimeoutMillis,
    Duration keyCacheTtl,
    Duration keyCacheMaxStale,
    OnUndecryptable onUndecryptable,
    String auditFile) {

  static VeilConfig from(Properties info) throws SQLException {
    Duration ttl = VeilProperty.KEY_CACHE_TTL.resolveDuration(info);
    Duration maxStale = VeilProperty.KEY_CACHE_MAX_STALE.resolveDuration(info);
    if (maxStale.compareTo(ttl) < 0) {
      throw VeilErrors.of(
          VeilSqlState.CONFIGURATION,
          VeilProperty.KEY_CACHE_MAX_STALE.key()
              + " ("
              + maxStale
              + ") must not be shorter than "
              + VeilProperty.KEY_CACHE_TTL.key()
              + " ("
              + ttl
              + ")");
    }
    String onUndecryptable = VeilProperty.ON_UNDECRYPTABLE.resolve(info);
    OnUndecryptable mode;
    try {
      mode = OnUndecryptable.parse(onUndecryptable);
    } catch (IllegalArgumentException e) {
      throw VeilErrors.of(
          VeilSqlState.CONFIGURATION,
          VeilProperty.ON_UNDECRYPTABLE.key()
              + " must be error or null, not '"
              + onUndecryptable
              + "'");
    }
    return new VeilConfig(
        required(VeilProperty.POLICY, info),
        required(VeilProperty.KEYRING, info),
        required(VeilProperty.KEK, info),
        VeilProperty.PLAN_CACHE_SIZE.resolvePositive(info),
        VeilProperty.PARSE_TIMEOUT_MILLIS.resolvePositive(info),
        ttl,
        maxStale,
        mode,
        VeilProperty.AUDIT_FILE.resolve(info));
  }

  /** The transport settings of one connect, checked for shape but not yet applied. */
  static TlsConfig tls(Properties info) throws SQLException {
    String transport = VeilProperty.TRANSPORT.resolve(info);
    TransportLevel level = null;
    if (transport != null) {
      level = TransportLevel.parse(transport);
      if (level == null) {
        throw VeilErrors.of(
            VeilSqlState.CONFIGURATION,
            VeilProperty.TRANSPORT.key()
                + " must be verify-full, verify-ca, require or allow-plaintext, not '"
                + transport
                + "'");
      }
    }
    String minTls = VeilProperty.MIN_TLS.resolve(info);
    if (!minTls.equals("TLSv1.2") && !minTls.equals("TLSv1.3")) {
      throw VeilErrors.of(
          VeilSqlState.CONFIGURATION,
          VeilProperty.MIN_TLS.key() + " must be TLSv1.2 or TLSv1.3, not '" + minTls + "'");
    }
    long warnDays = VeilProperty.TLS_EXPIRY_WARN_DAYS.resolvePositive(info);
    return new TlsConfig(
        level,
        minTls,
        VeilProperty.TLS_ROOT_CERT.resolve(info),
        VeilProperty.TLS_CLIENT_CERT.resolve(info),
        VeilProperty.TLS_CLIENT_KEY.resolve(info),
        VeilProperty.TLS_CLIENT_KEY_PASSWORD.resolve(info),
        (int) Math.min(warnDays, 36_500));
  }

  private static String required(VeilProperty property, Properties info) throws SQLException {
    String value = property.resolve(info);
    if (value == null) {
      throw VeilErrors.of(
          VeilSqlState.CONFIGURATION,
          "Veil needs "
              + property.key()
              + " (a connection property, a system property, or the environment variable "
              + property.environmentVariable()
              + "): "
              + property.description());
    }
    return value;
  }
}
