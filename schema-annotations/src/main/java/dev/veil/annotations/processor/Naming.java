package dev.veil.annotations.processor;

import java.util.Locale;
import java.util.Optional;

/**
 * The physical naming strategy the JPA provider applies to table, schema and column names, chosen
 * with the processor option {@code -Aveil.naming}: the policy must name the columns the provider
 * writes, or it would write them in the clear.
 */
enum Naming {
  /** Names as written, as Hibernate's default {@code PhysicalNamingStrategyStandardImpl}. */
  STANDARD("standard"),
  /**
   * Hibernate's {@code PhysicalNamingStrategySnakeCaseImpl}, which Spring Boot uses by default (as
   * {@code CamelCaseToUnderscoresNamingStrategy}): {@code totalDue} becomes {@code total_due}.
   */
  SNAKE_CASE("snake-case");

  /** The processor option that selects the strategy. */
  static final String OPTION = "veil.naming";

  private final String spelling;

  Naming(String spelling) {
    this.spelling = spelling;
  }

  /** The strategy {@code value} names; {@link #STANDARD} when it is unset, empty when unknown. */
  static Optional<Naming> of(String value) {
    if (value == null) {
      return Optional.of(STANDARD);
    }
    for (Naming naming : values()) {
      if (naming.spelling.equals(value.strip())) {
        return Optional.of(naming);
      }
    }
    return Optional.empty();
  }

  /** How the option is written, for messages. */
  static String choices() {
    return STANDARD.spelling + " (the default) or " + SNAKE_CASE.spelling;
  }

  /**
   * The physical name of {@code name}. Quoted names are kept as written by both strategies; snake
   * case puts an underscore before an upper-case letter that has a lower-case letter or digit on
   * each side, then lower-cases the whole name.
   */
  SqlName apply(SqlName name) {
    if (this == STANDARD || name.quoted()) {
      return name;
    }
    StringBuilder out = new StringBuilder(name.text());
    for (int i = 1; i < out.length() - 1; i++) {
      if (lowerOrDigit(out.charAt(i - 1))
          && Character.isUpperCase(out.charAt(i))
          && lowerOrDigit(out.charAt(i + 1))) {
        out.insert(i++, '_');
      }
    }
    return new SqlName(out.toString().toLowerCase(Locale.ROOT), false);
  }

  private static boolean lowerOrDigit(char c) {
    return Character.isLowerCase(c) || Character.isDigit(c);
  }
}
