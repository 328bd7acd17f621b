package dev.veil.policy;

import java.util.Locale;

/**
 * A SQL identifier as written: its text without delimiters, and whether it was quoted. Quoted
 * identifiers keep their case; unquoted ones are folded the way the database folds them.
 *
 * @param text the name without quotes, brackets or backticks
 * @param quoted whether it was delimited
 */
public record Identifier(String text, boolean quoted) {

  public Identifier {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("an identifier needs a name");
    }
  }

  /**
   * Reads one identifier as SQL spells it: {@code ssn}, {@code "Ssn"}, {@code `ssn`} or {@code
   * [ssn]}.
   */
  public static Identifier parse(String sql) {
    int last = sql.length() - 1;
    if (last > 0) {
      char first = sql.charAt(0);
      char end = sql.charAt(last);
      if ((first == '"' && end == '"') || (first == '`' && end == '`')) {
        String quote = String.valueOf(first);
        return new Identifier(sql.substring(1, last).replace(quote + quote, quote), true);
      }
      if (first == '[' && end == ']') {
        return new Identifier(sql.substring(1, last), true);
      }
    }
    return new Identifier(sql, false);
  }

  /** The name as the database stores it. */
  public String folded(IdentifierCase folding) {
    return quoted ? text : folding.fold(text);
  }

  /** Whether this and {@code other} name the same object on a database that folds as given. */
  public boolean matches(Identifier other, IdentifierCase folding) {
    if (folding == IdentifierCase.MIXED) {
      return text.equalsIgnoreCase(other.text);
    }
    return folded(folding).equals(other.folded(folding));
  }

  /**
   * A spelling independent of any database, used in associated data: unquoted names lower-cased,
   * quoted ones kept exactly and marked as quoted.
   */
  public String canonical() {
    return quoted ? '"' + text + '"' : text.toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return quoted ? '"' + text.replace("\"", "\"\"") + '"' : text;
  }
}
