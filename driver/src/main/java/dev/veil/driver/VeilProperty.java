package dev.veil.driver;

import dev.veil.errors.VeilErrors;
import dev.veil.errors.VeilSqlState;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Every configuration key Veil reads. A value comes from the connection {@code Properties}, else
 * the Java system property of the same name, else the environment variable, else the default.
 */
public enum VeilProperty {
  /** Where the column policy is: a file path, or {@code classpath:path/in/jar.yaml}. */
  POLICY(
      "veil.policy",
      "VEIL_POLICY",
      null,
      "The column policy (YAML): a file path, or classpath:resource"),
  /** The keyring file holding the wrapped data keys. */
  KEYRING("veil.keyring", "VEIL_KEYRING", null, "The keyring file (JSON, keys wrapped by the KEK)"),
  /** The key-encryption key: {@code env:NAME} or {@code file:/path}. */
  KEK(
      "veil.kek",
      "VEIL_KEK",
      null,
      "The key-encryption key URI: env:NAME or file:/path (base64 of 32 bytes)"),
  /** How many distinct SQL texts keep their analysed plan. */
  PLAN_CACHE_SIZE(
      "veil.planCacheSize",
      "VEIL_PLAN_CACHE_SIZE",
      "10000",
      "Maximum number of statement plans kept; beyond it, Caffeine evicts the least useful"),
  /** The longest one SQL parse may take before the statement is refused. */
  PARSE_TIMEOUT_MILLIS(
      "veil.parseTimeoutMillis",
      "VEIL_PARSE_TIMEOUT_MILLIS",
      "5000",
      "Longest time in milliseconds one statement may take to parse; longer ones are refused");

  private final String key;
  private final String environmentVariable;
  private final String defaultValue;
  private final String description;

  VeilProperty(String key, String environmentVariable, String defaultValue, String description) {
    this.key = key;
    this.environmentVariable = environmentVariable;
    this.defaultValue = defaultValue;
    this.description = description;
  }

  /** The property name, e.g. {@code veil.policy}. */
  public String key() {
    return key;
  }

  /** The environment variable consulted last, e.g. {@code VEIL_POLICY}. */
  public String environmentVariable() {
    return environmentVariable;
  }

  /** The value used when nothing is set, or {@code null}. */
  public String defaultValue() {
    return defaultValue;
  }

  /** What the property does. */
  public String description() {
    return description;
  }

  /** The value in force for a connection with these properties. */
  public String resolve(Properties info) {
    String value = info == null ? null : info.getProperty(key);
    if (value == null || value.isBlank()) {
      value = System.getProperty(key);
    }
    if (value == null || value.isBlank()) {
      value = System.getenv(environmentVariable);
    }
    return value == null || value.isBlank() ? defaultValue : value.strip();
  }

  /** The value as a positive number. */
  long resolvePositive(Properties info) throws SQLException {
    String value = resolve(info);
    try {
      long number = Long.parseLong(value);
      if (number > 0) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw VeilErrors.of(
        VeilSqlState.CONFIGURATION, key + " must be a positive whole number, not '" + value + "'");
  }

  /** The entry for {@code Driver.getPropertyInfo}. */
  DriverPropertyInfo info(Properties info) {
    DriverPropertyInfo property = new DriverPropertyInfo(key, resolve(info));
    property.description = description + " (env " + environmentVariable + ")";
    property.required = defaultValue == null;
    return property;
  }

  /** Whether a connection property is Veil's, and so not passed to the database driver. */
  static boolean isVeilKey(Object key) {
    return key instanceof String name && name.startsWith("veil.");
  }
}
