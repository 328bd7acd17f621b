package dev.veil.sql;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides, without parsing, whether SQL text could refer to a protected table. It errs one way
 * only: any occurrence of a protected table name as a whole word, anywhere in the text (strings and
 * comments included), counts; so does anything that could spell a name the scan cannot see: a
 * PostgreSQL Unicode-escaped identifier, or a MySQL executable comment.
 */
final class QuickScan {
  private QuickScan() {}

  /**
   * Folds a name or a text for comparison in both directions, so that characters databases fold
   * differently compare equal: H2 upper-cases the long s and the dotless i to plain S and I.
   */
  static String fold(String text) {
    return text.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
  }

  /**
   * Whether {@code sql} may name one of {@code foldedNames} (each passed through {@link #fold}).
   */
  static boolean mayMention(String sql, Set<String> foldedNames) {
    String folded = fold(sql);
    if (folded.contains("u&\"") || folded.contains("/*!") || folded.contains("/*m!")) {
      return true;
    }
    for (String name : foldedNames) {
      if (containsWord(folded, name)) {
        return true;
      }
    }
    return false;
  }

  /** The protected table names the text mentions, for a refusal message. */
  static Set<String> mentioned(String sql, Set<String> foldedNames) {
    String folded = fold(sql);
    Set<String> found = new TreeSet<>();
    for (String name : foldedNames) {
      if (containsWord(folded, name)) {
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
