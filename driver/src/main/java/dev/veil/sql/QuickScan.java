package dev.veil.sql;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides, without parsing, whether SQL text could refer to a protected table. It errs one way
 * only: any occurrence of a protected table name as a whole word, anywhere in the text (strings and
 * comments included), counts; so does a PostgreSQL Unicode-escaped identifier, which could spell
 * any name.
 */
final class QuickScan {
  private QuickScan() {}

  static boolean mayMention(String sql, Set<String> tableNames) {
    String lower = sql.toLowerCase(Locale.ROOT);
    if (lower.contains("u&\"")) {
      return true;
    }
    for (String name : tableNames) {
      if (containsWord(lower, name)) {
        return true;
      }
    }
    return false;
  }

  /** The protected table names the text mentions, for a refusal message. */
  static Set<String> mentioned(String sql, Set<String> tableNames) {
    String lower = sql.toLowerCase(Locale.ROOT);
    Set<String> found = new TreeSet<>();
    for (String name : tableNames) {
      if (containsWord(lower, name)) {
        found.add(name);
      }
    }
    return found;
  }

  private static boolean containsWord(String text, String word) {
    for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
      int end = at + word.length();
      if ((at == 0 || !isWordChar(text.charAt(at - 1)))
          && (end == text.length() || !isWordChar(text.charAt(end)))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }
}
