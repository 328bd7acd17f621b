package dev.veil.driver;

import dev.veil.errors.VeilErrors;
import dev.veil.errors.VeilSqlState;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The configuration one connection asks for, resolved through {@link VeilProperty}.
 *
 * @param policy the policy location
 * @param keyring the keyring file
 * @param kek the KEK URI
 * @param planCacheSize plans kept per database dialect
 * @param parseTimeoutMillis the bound on one parse
 */
record VeilConfig(
    String policy, String keyring, String kek, long planCacheSize, long parseTimeoutMillis) {

  static VeilConfig from(Properties info) throws SQLException {
    return new VeilConfig(
        required(VeilProperty.POLICY, info),
        required(VeilProperty.KEYRING, info),
        required(VeilProperty.KEK, info),
        VeilProperty.PLAN_CACHE_SIZE.resolvePositive(info),
        VeilProperty.PARSE_TIMEOUT_MILLIS.resolvePositive(info));
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
