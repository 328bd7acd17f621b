package dev.veil.driver;

import dev.veil.crypto.OnMissingKey;
import dev.veil.crypto.OnUndecryptable;
import dev.veil.errors.VeilErrors;
import dev.veil.errors.VeilSqlState;
import dev.veil.transport.TlsConfig;
import dev.veil.transport.TransportLevel;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Collectors;

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
 * @param onMissingKey what a read of a column whose key the keyring does not hold returns
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
    OnMissingKey onMissingKey,
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
    return new VeilConfig(
        VeilProperty.POLICY.resolve(info),
        required(VeilProperty.KEYRING, info),
        required(VeilProperty.KEK, info),
        VeilProperty.PLAN_CACHE_SIZE.resolvePositive(info),
        VeilProperty.PARSE_TIMEOUT_MILLIS.resolvePositive(info),
        ttl,
        maxStale,
        choice(VeilProperty.ON_UNDECRYPTABLE, info, OnUndecryptable.class),
        choice(VeilProperty.ON_MISSING_KEY, info, OnMissingKey.class),
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

  /** The value of {@code property} as one of {@code type}'s constants, named in lower case. */
  private static <E extends Enum<E>> E choice(VeilProperty property, Properties info, Class<E> type)
      throws SQLException {
    String value = property.resolve(info);
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(value)) {
        return constant;
      }
    }
    throw VeilErrors.of(
        VeilSqlState.CONFIGURATION,
        property.key()
            + " must be "
            + Arrays.stream(type.getEnumConstants())
                .map(c -> c.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "))
            + ", not '"
            + value
            + "'");
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
