package dev.veil.sql;

import dev.veil.policy.ColumnPolicy;

/**
 * A literal against a protected column, found at {@code [begin, end)} of the SQL text, to be
 * replaced by a parameter. Its value is plaintext and is never printed.
 */
record MovedLiteral(int begin, int end, ColumnPolicy column, Object value) {

  @Override
  public String toString() {
    return "MovedLiteral[" + begin + ".." + end + " -> " + column.displayName() + "]";
  }
}
