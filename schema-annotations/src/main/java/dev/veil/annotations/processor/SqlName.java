package dev.veil.annotations.processor;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One SQL identifier as JPA spells it in an annotation: {@code patients}, or quoted as {@code
 * "Patients"} or {@code `Patients`}. It mirrors the driver's {@code dev.veil.policy.Identifier}
 * (whose parsing the generated file goes through) without depending on the driver, so that an
 * application's annotation processor path stays this one small jar.
 *
 * @param text the name without its quotes
 * @param quoted whether JPA will quote it in SQL
 */
record SqlName(String text, boolean quoted) {

  /**
   * What an unquoted name may hold: a Java identifier's characters. A dot would split it into a
   * schema and a table, and spaces or quotes are not one identifier.
   */
  private static final Pattern PLAIN = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_$]*");

  /** Reads {@code spelling}, or returns empty when it is not one identifier. */
  static Optional<SqlName> parse(String spelling) {
    int last = spelling.length() - 1;
    if (last > 0) {
      char first = spelling.charAt(0);
      if ((first == '"' || first == '`') && spelling.charAt(last) == first) {
        String inner = spelling.substring(1, last);
        return inner.isBlank() || inner.indexOf(first) >= 0
            ? Optional.empty()
            : Optional.of(new SqlName(inner, true));
      }
    }
    return PLAIN.matcher(spelling).matches()
        ? Optional.of(new SqlName(spelling, false))
        : Optional.empty();
  }

  /** The spelling the policy file uses: double quotes for a quoted name, none otherwise. */
  String policySpelling() {
    return quoted ? '"' + text + '"' : text;
  }

  /** The name as the driver compares policy entries: unquoted names fold to lower case. */
  String canonical() {
    return quoted ? '"' + text + '"' : text.toLowerCase(Locale.ROOT);
  }
}
