package dev.veil.sql;

import dev.veil.policy.ColumnPolicy;

/**
 * A literal against a protected column, found at {@code [begin, end)} of the SQL text, to be
 * replaced by a parameter. Its value is plaintext and is never printed.
 *
 * @param lookup whether an equality lookup compares it with the column
 */
record MovedLiteral(int begin, int end, ColumnPolicy column, Object value, boolean lookup) {

  MovedLiteral(int begin, int end, ColumnPolicy column, Object value) {
    this(begin, end, column, value, false);
  }

  MovedLiteral asLookup() {
    return new MovedLiteral(begin, end, column, value, true);
  }

  @Override
  public String toString() {
    return "MovedLiteral[" + begin + ".." + end + " -> " + column.displayName() + "]";
  }
}
