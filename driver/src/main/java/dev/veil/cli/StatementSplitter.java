package dev.veil.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a file of SQL statements on the semicolons that end them: those outside quotes,
 * identifiers, comments and PostgreSQL dollar-quoted strings.
 */
final class StatementSplitter {
  private StatementSplitter() {}

  /**
   * One statement of a file.
   *
   * @param sql its text, without the ending semicolon
   * @param line the 1-based line it starts on
   */
  record Located(String sql, int line) {}

  static List<Located> split(String text) {
    List<Located> statements = new ArrayList<>();
    int start = 0;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\'' || c == '"' || c == '`') {
        i = closing(text, i + 1, c);
      } else if (c == '-' && text.startsWith("--", i)) {
        i = endOfLine(text, i);
      } else if (c == '/' && text.startsWith("/*", i)) {
        int end = text.indexOf("*/", i + 2);
        i = end < 0 ? text.length() : end + 2;
      } else if (c == '$' && dollarTag(text, i) != null) {
        String tag = dollarTag(text, i);
        int end = text.indexOf(tag, i + tag.length());
        i = end < 0 ? text.length() : end + tag.length();
      } else if (c == ';') {
        add(statements, text, start, i);
        start = ++i;
      } else {
        i++;
      }
    }
    add(statements, text, start, text.length());
    return statements;
  }

  private static int closing(String text, int from, char quote) {
    int i = from;
    while (i < text.length()) {
      if (text.charAt(i) == quote) {
        if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return text.length();
  }

  private static int endOfLine(String text, int from) {
    int end = text.indexOf('\n', from);
    return end < 0 ? text.length() : end + 1;
  }

  /** The {@code $tag$} opening a dollar-quoted string at {@code i}, or {@code null}. */
  private static String dollarTag(String text, int i) {
    int j = i + 1;
    while (j < text.length()
        && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_')) {
      j++;
    }
    if (j < text.length()
        && text.charAt(j) == '$'
        && (j == i + 1 || !Character.isDigit(text.charAt(i + 1)))) {
      return text.substring(i, j + 1);
    }
    return null;
  }

  /** Keeps a statement unless it holds nothing but white space and comments. */
  private static void add(List<Located> statements, String text, int start, int end) {
    String statement = text.substring(start, end);
    String withoutComments =
        statement.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("--[^\\n]*", " ").strip();
    if (withoutComments.isEmpty()) {
      return;
    }
    int first = start;
    while (Character.isWhitespace(text.charAt(first))) {
      first++;
    }
    int line = 1;
    for (int i = 0; i < first; i++) {
      line += text.charAt(i) == '\n' ? 1 : 0;
    }
    statements.add(new Located(statement.strip(), line));
  }
}
