package dev.veil.driver;

import dev.veil.errors.VeilErrors;
import dev.veil.errors.VeilSqlState;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every configuration key Veil reads. A value comes from the connection {@code Properties}, else
 * the Java system property of the same name, else the environment variable, else the default.
 */
public enum VeilProperty {
  /**
   * Where the column policy is: file paths or {@code classpath:path/in/jar.yaml}, comma-separated
   * and merged; by default every {@code META-INF/veil/policy.yaml} on the class path.
   */
  POLICY(
      "veil.policy",
      "VEIL_POLICY",
      "classpath:META-INF/veil/policy.yaml",
      "The column policy (YAML): file paths or classpath:resource, comma-separated and merged."
          + " Unset: every META-INF/veil/policy.yaml on the class path, as veil-schema-annotations"
          + " writes it"),
  /** The keyring file holding the wrapped data keys. */
  KEYRING("veil.keyring", "VEIL_KEYRING", null, "The keyring file (JSON, keys wrapped by the KEK)"),
  /** The key-encryption key URI, served by a {@code KekProvider}. */
  KEK(
      "veil.kek",
      "VEIL_KEK",
      null,
      "The key-encryption key URI: env:NAME, file:/path, pkcs12:/path#alias, pkcs11:..., "
          + "aws-kms://arn, gcp-kms://projects/..., or one a KekProvider serves"),
  /** How long unwrapped data keys are used before the KEK is consulted again. */
  KEY_CACHE_TTL(
      "veil.keyCacheTtl",
      "VEIL_KEY_CACHE_TTL",
      "5m",
      "How long unwrapped data keys serve before the keyring is re-read and the KEK consulted"
          + " again (e.g. 30s, 5m, 1h); keyring changes reach open connections within it"),
  /** How long Veil keeps serving with keys it could not refresh. */
  KEY_CACHE_MAX_STALE(
      "veil.keyCacheMaxStale",
      "VEIL_KEY_CACHE_MAX_STALE",
      "1h",
      "How long after a successful KEK unwrap Veil keeps serving while the KEK is unavailable;"
          + " past it every statement fails until the KEK answers again"),
  /** What reading a value under a destroyed key version returns. */
  ON_UNDECRYPTABLE(
      "veil.onUndecryptable",
      "VEIL_ON_UNDECRYPTABLE",
      "error",
      "What a read of a value under a destroyed (crypto-shredded) key version returns: error"
          + " (SQLState 22V03) or null"),
  /** What a read of a column whose key the keyring does not hold returns. */
  ON_MISSING_KEY(
      "veil.onMissingKey",
      "VEIL_ON_MISSING_KEY",
      "error",
      "What a read of a protected column whose key this keyring does not hold returns: error"
          + " (SQLState 42501), null, ciphertext (raw bytes or base64) or mask (the redacted form)"),
  /** Who the connection reads as, for the policy's {@code readers:} lists. */
  PRINCIPAL(
      "veil.principal",
      "VEIL_PRINCIPAL",
      null,
      "The reading principal, matched against each column's 'readers:'; columns it is not listed"
          + " for read as their mask. Unset: no principal, so restricted columns read masked"),
  /** A JSON-lines file that receives every audit event. */
  AUDIT_FILE(
      "veil.auditFile",
      "VEIL_AUDIT_FILE",
      null,
      "A file to append audit events to as JSON lines, besides the dev.veil.audit logger"),
  /** How well the connection to the database must be protected. */
  TRANSPORT(
      "veil.transport",
      "VEIL_TRANSPORT",
      null,
      "TLS to the database: verify-full, verify-ca, require, or allow-plaintext (an explicit,"
          + " logged opt-out). Unset: verify-full for any host that is not loopback; nothing"
          + " required for loopback hosts and in-process databases"),
  /** The oldest TLS protocol a connection may negotiate. */
  MIN_TLS(
      "veil.minTls",
      "VEIL_MIN_TLS",
      "TLSv1.2",
      "Oldest TLS protocol accepted after connecting: TLSv1.2 or TLSv1.3"),
  /** The CA certificates that may sign the database server's certificate. */
  TLS_ROOT_CERT(
      "veil.tls.rootCert",
      "VEIL_TLS_ROOT_CERT",
      null,
      "PEM file of the CA certificates trusted for the server (passed on as pgjdbc sslrootcert,"
          + " MariaDB serverSslCert)"),
  /** The client certificate for mutual TLS. */
  TLS_CLIENT_CERT(
      "veil.tls.clientCert",
      "VEIL_TLS_CLIENT_CERT",
      null,
      "Client certificate for mutual TLS: a PEM file (with veil.tls.clientKey) or a PKCS#12"
          + " file (.p12/.pfx) holding certificate and key"),
  /** The client's private key for mutual TLS, as PEM. */
  TLS_CLIENT_KEY(
      "veil.tls.clientKey",
      "VEIL_TLS_CLIENT_KEY",
      null,
      "PEM (PKCS#8) private key of veil.tls.clientCert; unset for a PKCS#12 client certificate"),
  /** The password of the client key or PKCS#12 file. */
  TLS_CLIENT_KEY_PASSWORD(
      "veil.tls.clientKeyPassword",
      "VEIL_TLS_CLIENT_KEY_PASSWORD",
      null,
      "Password of the encrypted client key or PKCS#12 file (prefer the environment variable)"),
  /** How early to warn that a certificate expires. */
  TLS_EXPIRY_WARN_DAYS(
      "veil.tls.expiryWarnDays",
      "VEIL_TLS_EXPIRY_WARN_DAYS",
      "30",
      "Warn (log and audit event) when the server or client certificate expires within this"
          + " many days"),
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

  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

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

  /**
   * The value as a positive duration: a number with {@code ms}, {@code s}, {@code m}, {@code h} or
   * {@code d}, or ISO-8601 such as {@code PT5M}.
   */
  Duration resolveDuration(Properties info) throws SQLException {
    String value = resolve(info);
    Duration duration = null;
    try {
      if (value.regionMatches(true, 0, "P", 0, 1)) {
        duration = Duration.parse(value);
      } else {
        Matcher m = DURATION.matcher(value);
        if (m.matches()) {
          long n = Long.parseLong(m.group(1));
          duration =
              switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
              };
        }
      }
    } catch (RuntimeException e) {
      duration = null;
    }
    if (duration == null || duration.isNegative() || duration.isZero()) {
      throw VeilErrors.of(
          VeilSqlState.CONFIGURATION,
          key + " must be a positive duration such as 30s, 5m, 1h or PT5M, not '" + value + "'");
    }
    return duration;
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
