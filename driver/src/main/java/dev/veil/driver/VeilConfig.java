package dev.veil.driver;

import dev.veil.crypto.OnUndecryptable;
import dev.veil.errors.VeilErrors;
import dev.veil.errors.VeilSqlState;
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
