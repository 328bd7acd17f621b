package dev.veil.policy;

import java.util.Locale;

/** How a database folds unquoted identifiers, as reported by its {@code DatabaseMetaData}. */
public enum IdentifierCase {
  /** PostgreSQL: unquoted names are stored lower case. */
  LOWER,
  /** H2, Oracle and the SQL standard: unquoted names are stored upper case. */
  UPPER,
  /**
   * MySQL, MariaDB and unknown databases: names are compared case-insensitively, which errs towards
   * treating a column as protected.
   */
  MIXED;

  /** Folds an unquoted name the way the database does. */
  public String fold(String unquoted) {
    return switch (this) {
      case LOWER -> unquoted.toLowerCase(Locale.ROOT);
      case UPPER -> unquoted.toUpperCase(Locale.ROOT);
      case MIXED -> unquoted;
    };
  }
}
