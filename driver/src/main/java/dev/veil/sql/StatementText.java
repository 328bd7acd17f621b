package dev.veil.sql;

import dev.veil.errors.VeilSqlState;
import dev.veil.policy.ColumnPolicy;
import dev.veil.policy.Identifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.parser.CCJSqlParserConstants;
import net.sf.jsqlparser.parser.Node;
import net.sf.jsqlparser.parser.Token;
import net.sf.jsqlparser.statement.Statement;

/**
 * The text of one statement and the parser's tokens over it: where a node stands in the text, the
 * two invariants checked after the walk, and the SQL to send with moved literals spliced out. It
 * works on what the parser lexed, never on '?' characters counted in the raw string.
 */
final class StatementText {
  private final String sql;
  private final List<Token> tokens;

  StatementText(String sql, List<Token> tokens) {
    this.sql = sql;
    this.tokens = tokens;
  }

  /** The [begin, end) offsets of an expression in the SQL text, from its parser tokens. */
  int[] range(Expression expression) throws Refusal {
    Node node = expression.getASTNode();
    if (node == null) {
      throw new Refusal(
          VeilSqlState.REFUSED_SYNTAX, "Veil cannot locate a literal in the statement text");
    }
    Token first = node.jjtGetFirstToken();
    Token last = node.jjtGetLastToken();
    int begin = locate(first);
    int end = locate(last);
    if (begin < 0 || end < begin) {
      throw new Refusal(
          VeilSqlState.REFUSED_SYNTAX, "Veil cannot locate a literal in the statement text");
    }
    return new int[] {begin, end + last.image.length()};
  }

  /** Where a token starts in the SQL text, checked against its image; -1 if it does not agree. */
  int locate(Token token) {
    for (int candidate : new int[] {token.absoluteBegin - 1, token.absoluteBegin}) {
      if (candidate >= 0 && sql.startsWith(token.image, candidate)) {
        return candidate;
      }
    }
    return -1;
  }

  /**
   * Refuses text that the parser and some database would split into tokens differently, since then
   * a value or a '?' could sit in a string for one and in the statement for the other.
   *
   * <ul>
   *   <li>a backslash in any token: MySQL reads it as an escape inside strings ({@code 'a\'},
   *       {@code N'a\'}, {@code "a\"}), PostgreSQL only inside {@code E''} strings;
   *   <li>{@code U&"..."} names, which can spell a protected column without its letters;
   *   <li>MySQL executable comments (slash, star, bang), whose content MySQL runs;
   *   <li>a block comment inside a block comment, which PostgreSQL nests and MySQL does not;
   *   <li>{@code --} not followed by an ASCII space or control character, a comment for the parser
   *       but a double minus for MySQL;
   *   <li>{@code //} and {@code #}, line comments for some databases only;
   *   <li>tagged dollar quotes, which PostgreSQL reads as strings and the parser does not;
   *   <li>control characters other than tab and line ends, and a CR without LF (it ends a line
   *       comment for the parser, not for MySQL);
   *   <li>any text after the point where the parser stopped.
   * </ul>
   *
   * <p>Adversarial reviews confirmed each of these against a real database; the checks on the raw
   * text also fire inside string literals, which costs a refusal, never a leak.
   */
  void requireUnambiguousLexing() throws Refusal {
    for (Token token : tokens) {
      String image = token.image;
      if (image.indexOf('\\') >= 0) {
        throw lexing(
            "a backslash in a string or name reads differently across databases;"
                + " bind the value as a parameter");
      }
    }
    String folded = sql.toLowerCase(Locale.ROOT);
    // The parser lexes U&"x" as three tokens, so the raw text is what tells.
    if (folded.contains("u&\"") || folded.contains("u&'")) {
      throw lexing(
          "U&\"...\" escaped names and strings are not supported on statements that touch"
              + " protected tables");
    }
    if (folded.contains("/*!") || folded.contains("/*m!")) {
      throw lexing(
          "MySQL executable comments are not supported on statements that touch"
              + " protected tables");
    }
    for (int open = sql.indexOf("/*"); open >= 0; open = sql.indexOf("/*", open + 2)) {
      int close = sql.indexOf("*/", open + 2);
      int inner = sql.indexOf("/*", open + 2);
      if (inner >= 0 && (close < 0 || inner < close)) {
        throw lexing("nested block comments are read differently across databases");
      }
    }
    for (int dash = sql.indexOf("--"); dash >= 0; dash = sql.indexOf("--", dash + 2)) {
      int next = dash + 2;
      // MySQL starts a comment only at '--' followed by an ASCII space or control character.
      if (next < sql.length() && sql.charAt(next) > ' ') {
        throw lexing(
            "'--' not followed by a space is a comment for some databases and"
                + " arithmetic for others; add a space or remove it");
      }
    }
    if (sql.contains("//") || sql.indexOf('#') >= 0) {
      throw lexing(
          "'//' and '#' start comments for some databases and not for others; remove them from"
              + " statements that touch protected tables");
    }
    if (hasTaggedDollarQuote()) {
      throw lexing(
          "tagged dollar quotes ($tag$...$tag$) are not read by Veil's parser; use '...' or $$...$$");
    }
    for (int i = 0; i < sql.length(); i++) {
      char c = sql.charAt(i);
      boolean lineEnd =
          c == '\n' || (c == '\r' && i + 1 < sql.length() && sql.charAt(i + 1) == '\n');
      if (c < ' ' && c != '\t' && !lineEnd) {
        // A lone CR ends a '--' comment for the parser and PostgreSQL but not for MySQL.
        throw lexing(
            "control characters, and a CR without LF, are read differently across databases;"
                + " remove them");
      }
    }
    requireWholeTextParsed();
  }

  /**
   * PostgreSQL accepts {@code $tag$...$tag$} with any letter, including non-ASCII ones, in the tag;
   * the parser reads only {@code $$...$$} as a string. Untagged dollar strings are skipped whole,
   * then any {@code $} that opens a tag (not a digit, space or {@code $}) closed by another {@code
   * $} counts.
   */
  private boolean hasTaggedDollarQuote() {
    int i = 0;
    while (i < sql.length()) {
      int dollar = sql.indexOf('$', i);
      if (dollar < 0 || dollar + 1 >= sql.length()) {
        return false;
      }
      char next = sql.charAt(dollar + 1);
      if (next == '$') {
        int close = sql.indexOf("$$", dollar + 2);
        if (close < 0) {
          return false;
        }
        i = close + 2;
        continue;
      }
      if (!Character.isDigit(next) && !Character.isWhitespace(next)) {
        for (int j = dollar + 1; j < sql.length(); j++) {
          char c = sql.charAt(j);
          if (c == '$') {
            return true;
          }
          if (Character.isWhitespace(c)) {
            break;
          }
        }
      }
      i = dollar + 1;
    }
    return false;
  }

  /**
   * The parser may stop at text its lexer cannot read and still return the statement before it; the
   * database would run the whole text. Only white space, comments and semicolons may follow the
   * last token.
   */
  private void requireWholeTextParsed() throws Refusal {
    int at = 0;
    if (!tokens.isEmpty()) {
      Token last = tokens.get(tokens.size() - 1);
      int begin = locate(last);
      if (begin < 0) {
        throw lexing("Veil cannot locate the end of the statement in its text");
      }
      at = begin + last.image.length();
    }
    while (at < sql.length()) {
      char c = sql.charAt(at);
      if (Character.isWhitespace(c) || c == ';') {
        at++;
      } else if (sql.startsWith("--", at)) {
        int end = sql.indexOf('\n', at);
        at = end < 0 ? sql.length() : end + 1;
      } else if (sql.startsWith("/*", at)) {
        int end = sql.indexOf("*/", at + 2);
        at = end < 0 ? sql.length() : end + 2;
      } else {
        throw lexing(
            "Veil's parser stopped before the end of the text, so part of the statement would"
                + " go unexamined");
      }
    }
  }

  /**
   * Schema changes pass through, except a part of one (a column definition, a constraint, an index
   * predicate, a comment) that names a protected column together with a value or an expression: a
   * {@code DEFAULT '...'}, a {@code CHECK}, a partial index's {@code WHERE} or a {@code COMMENT ...
   * IS '...'} would put plaintext in the catalog or run on ciphertext. Parts are split at commas
   * outside nested parentheses.
   */
  void requireNoValuesOnProtectedColumns(Set<String> protectedColumnNames, boolean comment)
      throws Refusal {
    int depth = 0;
    boolean namesProtected = false;
    boolean carriesValue = comment;
    for (Token token : tokens) {
      String image = token.image;
      if (image.equals("(")) {
        depth++;
      } else if (image.equals(")")) {
        depth--;
      } else if (image.equals(",") && depth <= 1) {
        namesProtected = false;
        carriesValue = comment;
        continue;
      }
      namesProtected |=
          protectedColumnNames.contains(QuickScan.fold(Identifier.parse(image).text()));
      String upper = image.toUpperCase(Locale.ROOT);
      carriesValue |=
          image.indexOf('\'') >= 0
              || image.startsWith("$")
              || upper.equals("USING")
              || upper.equals("DEFAULT")
              || upper.equals("CHECK")
              || upper.equals("WHERE")
              || upper.equals("GENERATED");
      if (namesProtected && carriesValue) {
        throw Refusal.operation(
            "a schema change that gives a protected column a default, a check, a comment, an"
                + " index predicate or a USING expression would store or evaluate plaintext; apply"
                + " it without Veil and keep plaintext out of it");
      }
    }
  }

  private static Refusal lexing(String message) {
    return new Refusal(VeilSqlState.REFUSED_SYNTAX, message);
  }

  /**
   * MySQL and MariaDB read {@code "..."} as a string unless ANSI_QUOTES is set, where Veil's parser
   * reads a name; a value there would be sent in the clear. Where names fold as on MySQL, refuse.
   */
  void requireNoDoubleQuotes() throws Refusal {
    for (Token token : tokens) {
      if (token.image != null && token.image.startsWith("\"")) {
        throw lexing(
            "double quotes make a string on MySQL and MariaDB and a name elsewhere; write names"
                + " with backquotes and strings with single quotes");
      }
    }
  }

  /**
   * The ORDER of ORDER BY and the GROUP of GROUP BY: a keyword followed by BY is never a name, so
   * it is not a use of a protected column called {@code "order"} or {@code "group"}. Other keywords
   * are counted, since JSqlParser accepts many of them as names.
   */
  private boolean isClauseKeyword(int index) {
    Token token = tokens.get(index);
    return token.kind != CCJSqlParserConstants.S_IDENTIFIER
        && token.kind != CCJSqlParserConstants.S_QUOTED_IDENTIFIER
        && index + 1 < tokens.size()
        && "BY".equalsIgnoreCase(tokens.get(index + 1).image);
  }

  /** Every token that names a protected table or column must have been consumed by the walk. */
  void requireEveryReferenceAccounted(Set<String> guardedNames, Map<String, Integer> accounted)
      throws Refusal {
    Map<String, Integer> mentioned = new TreeMap<>();
    for (int t = 0; t < tokens.size(); t++) {
      Token token = tokens.get(t);
      if (token.image == null || token.image.isEmpty() || isClauseKeyword(t)) {
        continue;
      }
      // Names arrive one token per part today; splitting dotted images keeps the count right
      // should a grammar change ever lex a qualified name as one token.
      for (String part : token.image.split("\\.", -1)) {
        if (part.isEmpty()) {
          continue;
        }
        String name = QuickScan.fold(Identifier.parse(part).text());
        if (guardedNames.contains(name)) {
          mentioned.merge(name, 1, Integer::sum);
        }
      }
    }
    for (Map.Entry<String, Integer> entry : mentioned.entrySet()) {
      if (entry.getValue() > accounted.getOrDefault(entry.getKey(), 0)) {
        throw new Refusal(
            VeilSqlState.REFUSED_SYNTAX,
            "Veil cannot account for every use of the protected name '"
                + entry.getKey()
                + "' (it appears in a clause Veil does not analyse, or in a view or CREATE TABLE AS), so the"
                + " statement is not sent");
      }
    }
  }

  /**
   * Every {@code ?} token must be a JDBC parameter, and protected parameters must carry the index
   * the delegate driver will give them. Returns the placeholder offsets in text order.
   */
  List<Integer> requireParametersAccounted(
      Statement statement,
      List<JdbcParameter> clauseParameters,
      List<JdbcParameter> protectedParameters)
      throws Refusal {
    List<Integer> placeholders = new ArrayList<>();
    for (Token token : tokens) {
      if ("?".equals(token.image)) {
        placeholders.add(locate(token));
      } else if (token.image.indexOf('?') >= 0 && token.image.indexOf('\'') < 0) {
        // '?|' and '?&' are one operator token here, but a placeholder and an operator to pgjdbc.
        throw lexing(
            "an operator containing '?' is read differently by the parser and the"
                + " database driver, so it is not sent");
      }
    }
    for (int i = 1; i < placeholders.size(); i++) {
      if (placeholders.get(i) == placeholders.get(i - 1) + 1) {
        // pgjdbc reads '??' as an escaped '?' operator, not as two parameters.
        throw new Refusal(
            VeilSqlState.REFUSED_SYNTAX,
            "'??' is read differently by the parser and the database driver, so it is not sent");
      }
    }
    Set<Integer> parameterOffsets = new HashSet<>();
    List<JdbcParameter> all = new ArrayList<>(ParameterCollector.collect(statement));
    all.addAll(clauseParameters);
    for (JdbcParameter parameter : all) {
      parameterOffsets.add(offset(parameter));
    }
    if (placeholders.contains(-1) || !new HashSet<>(placeholders).equals(parameterOffsets)) {
      throw new Refusal(
          VeilSqlState.REFUSED_SYNTAX,
          "Veil cannot match every '?' in this statement to a parameter (an operator such as"
              + " PostgreSQL's jsonb '?' would shift the indexes), so it is not sent");
    }
    Collections.sort(placeholders);
    for (JdbcParameter parameter : protectedParameters) {
      if (placeholders.indexOf(offset(parameter)) + 1 != parameter.getIndex()) {
        throw new Refusal(
            VeilSqlState.REFUSED_SYNTAX,
            "Veil cannot establish the index of a protected parameter, so it is not sent");
      }
    }
    return placeholders;
  }

  private int offset(JdbcParameter parameter) throws Refusal {
    Node node = parameter.getASTNode();
    int offset = node == null ? -1 : locate(node.jjtGetFirstToken());
    if (offset < 0) {
      throw new Refusal(
          VeilSqlState.REFUSED_SYNTAX, "Veil cannot locate a parameter in the statement text");
    }
    return offset;
  }

  /**
   * The plan: the SQL as written when nothing moves, else with each literal replaced by a parameter
   * and each widened lookup by its parameters, and every application parameter mapped to the sent
   * parameters it fills.
   */
  StatementPlan build(
      List<Integer> placeholders,
      Map<Integer, ColumnPolicy> parameters,
      Set<Integer> arrayParameters,
      Set<Integer> lookupParameters,
      List<MovedLiteral> literals,
      List<Widening> widenings,
      ResultShape result,
      ResultShape generatedKeys,
      List<Reveal> reveals)
      throws Refusal {
    if (literals.isEmpty() && widenings.isEmpty()) {
      return StatementPlan.protectedPlan(
          sql,
          parameters,
          arrayParameters,
          lookupParameters,
          null,
          null,
          List.of(),
          result,
          generatedKeys,
          reveals);
    }
    List<MovedLiteral> moved = new ArrayList<>(literals);
    moved.sort((a, b) -> Integer.compare(a.begin(), b.begin()));
    List<Widening> widened = new ArrayList<>(widenings);
    widened.sort((a, b) -> Integer.compare(a.begin(), b.begin()));
    int[] sentIndex = new int[placeholders.size() + 1];
    int[] sentWidth = widened.isEmpty() ? null : new int[placeholders.size() + 1];
    List<LiteralBinding> bindings = new ArrayList<>();
    StringBuilder out = new StringBuilder(sql.length() + 16 * widened.size());
    int cursor = 0;
    int sent = 0;
    int p = 0;
    int l = 0;
    int w = 0;
    while (p < placeholders.size() || l < moved.size()) {
      int placeholder = p < placeholders.size() ? placeholders.get(p) : Integer.MAX_VALUE;
      int literal = l < moved.size() ? moved.get(l).begin() : Integer.MAX_VALUE;
      Widening widening = w < widened.size() ? widened.get(w) : null;
      if (widening != null && widening.begin() <= Math.min(placeholder, literal)) {
        boolean isParameter = placeholder < widening.end();
        boolean isLiteral = literal < widening.end();
        int next = isParameter ? p + 1 : p;
        int nextLiteral = isLiteral ? l + 1 : l;
        if (isParameter == isLiteral
            || (next < placeholders.size() && placeholders.get(next) < widening.end())
            || (nextLiteral < moved.size() && moved.get(nextLiteral).begin() < widening.end())) {
          throw Refusal.operation(
              "an equality lookup whose column side holds parameters or literals cannot be"
                  + " matched against every key version; compare the column itself");
        }
        out.append(sql, cursor, widening.begin()).append(widening.prefix());
        for (int slot = 0; slot < widening.width(); slot++) {
          out.append(slot == 0 ? "?" : ", ?");
        }
        out.append(widening.suffix());
        cursor = widening.end();
        if (isParameter) {
          sentIndex[++p] = sent + 1;
          sentWidth[p] = widening.width();
        } else {
          MovedLiteral value = moved.get(l++);
          bindings.add(
              new LiteralBinding(
                  sent + 1, widening.width(), value.lookup(), value.column(), value.value()));
        }
        sent += widening.width();
        w++;
      } else if (placeholder < literal) {
        sentIndex[++p] = ++sent;
        if (sentWidth != null) {
          sentWidth[p] = 1;
        }
      } else {
        MovedLiteral value = moved.get(l++);
        out.append(sql, cursor, value.begin()).append('?');
        cursor = value.end();
        bindings.add(new LiteralBinding(++sent, 1, value.lookup(), value.column(), value.value()));
      }
    }
    out.append(sql, cursor, sql.length());
    return StatementPlan.protectedPlan(
        out.toString(),
        parameters,
        arrayParameters,
        lookupParameters,
        sentIndex,
        sentWidth,
        bindings,
        result,
        generatedKeys,
        reveals);
  }
}
