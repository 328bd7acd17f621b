package dev.veil.errors;

/**
 * The SQLStates Veil raises. Statement refusals are never in class {@code 08}: a refusal is a
 * property of one statement, and pools such as HikariCP evict the whole connection on a
 * connection-class state. Only {@link #TRANSPORT_INSECURE}, which refuses the connection itself,
 * is.
 */
public enum VeilSqlState {
  /**
   * An operation the encryption cannot serve correctly (range, LIKE, ORDER BY, functions...).
   * Deliberately not {@code 0A000} (feature not supported): HikariCP treats that state as fatal and
   * evicts the connection, so one refused statement would cost the pool a connection.
   */
  REFUSED_OPERATION("42V01"),
  /** SQL that mentions a protected table but that Veil cannot parse or resolve. */
  REFUSED_SYNTAX("42601"),
  /** A column reference that could name more than one protected column. */
  REFUSED_AMBIGUOUS("42702"),
  /** A parameter index the statement does not have. */
  INVALID_PARAMETER_INDEX("07009"),
  /** A value that cannot be encoded as the column's declared type. */
  INVALID_VALUE("22023"),
  /** A ciphertext that failed authentication: tampered, truncated or copied from elsewhere. */
  DECRYPTION_FAILED("22V01"),
  /** A stored value that is not a Veil ciphertext where one is required. */
  NOT_A_CIPHERTEXT("22V02"),
  /** A value under a key version that was destroyed: unreadable by design (crypto-shredding). */
  VALUE_SHREDDED("22V03"),
  /**
   * A connection whose transport is weaker than {@code veil.transport} asks: refused before
   * connecting, or closed right after. Class {@code 08} on purpose: no connection was made.
   */
  TRANSPORT_INSECURE("08V01"),
  /** The policy, keyring or KEK configuration is missing or malformed. */
  CONFIGURATION("F0000"),
  /**
   * A protected column whose key this Veil instance's keyring does not hold, read with {@code
   * veil.onMissingKey=error}, or written or looked up: the standard "insufficient privilege".
   */
  KEY_NOT_GRANTED("42501"),
  /** The KEK or keyring could not be read or used. */
  KEY_ACCESS("58030");

  private final String code;

  VeilSqlState(String code) {
    this.code = code;
  }

  /** The five-character SQLState. */
  public String code() {
    return code;
  }
}
