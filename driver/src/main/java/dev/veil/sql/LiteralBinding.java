package dev.veil.sql;

import dev.veil.policy.ColumnPolicy;

/**
 * A literal that was written in the SQL text against a protected column and has been replaced by a
 * parameter, so that it is sent encrypted. The plaintext is held only in memory and never printed.
 *
 * @param sentIndex the 1-based parameter index in the SQL sent to the database
 * @param width how many consecutive parameters from {@code sentIndex} it fills, one per stored form
 *     an equality lookup must match
 * @param lookup whether an equality lookup compares it with the column
 * @param column the protected column the literal is compared with or assigned to
 * @param value the literal's value: a {@code String}, {@code Long}, {@code BigInteger}, {@code
 *     BigDecimal}, {@code Boolean} or {@code java.time} value
 */
public record LiteralBinding(
    int sentIndex, int width, boolean lookup, ColumnPolicy column, Object value) {

  @Override
  public String toString() {
    return "LiteralBinding[" + sentIndex + " -> " + column.displayName() + ", value redacted]";
  }
}
