package dev.veil.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.policy.ColumnPolicy;
import dev.veil.policy.IdentifierCase;
import dev.veil.policy.Policy;
import dev.veil.policy.PolicyException;
import dev.veil.policy.PolicyLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Runs every statement of {@code corpus.yaml} under every dialect it names and checks the whole
 * plan: refusal and SQLState, pass-through, every protected parameter, the moved literals and the
 * decrypted result items. The support matrix in {@code docs/sql-support.md} is rendered from the
 * same file, so the page cannot claim what the analyzer does not do.
 */
class SqlCorpusTest {
  private static final String CORPUS_RESOURCE = "corpus.yaml";
  private static final String CORPUS_PATH = "driver/src/test/resources/dev/veil/sql/corpus.yaml";
  private static final String WRITE_MATRIX = "veil.writeSupportMatrix";
  private static final String MATRIX_BEGIN = "<!-- corpus-matrix:begin -->";
  private static final String MATRIX_END = "<!-- corpus-matrix:end -->";
  private static final String MATRIX_HEADING = "## Matrix (generated from the corpus)";

  private static final Corpus CORPUS = Corpus.load();
  private static final Map<String, SqlAnalyzer> ANALYZERS = new ConcurrentHashMap<>();

  // ------------------------------------------------------------------ the statements

  @TestFactory
  Stream<DynamicNode> plansEveryCorpusStatementExactlyAsSpecified() {
    Map<String, List<DynamicNode>> byShape = new LinkedHashMap<>();
    for (Statement statement : CORPUS.statements()) {
      for (Dialect dialect : statement.dialects()) {
        byShape
            .computeIfAbsent(statement.shape(), shape -> new ArrayList<>())
            .add(
                DynamicTest.dynamicTest(
                    dialect.key + ": " + statement.sql(), () -> check(statement, dialect)));
      }
    }
    return byShape.entrySet().stream()
        .map(shape -> DynamicContainer.dynamicContainer(shape.getKey(), shape.getValue()));
  }

  private static void check(Statement statement, Dialect dialect) throws SQLException {
    StatementPlan plan = analyzer(statement.policy(), dialect).analyze(statement.sql());
    Outcome actual = Outcome.of(plan, statement.sql());
    Expectation expected = statement.expect();
    assertThat(actual.describeAgainst(expected))
        .as("%s: %s%s", dialect.key, statement.sql(), statement.noteSuffix())
        .isEqualTo(expected.describe());
    if (actual.kind() == Kind.PASSTHROUGH) {
      assertThat(plan.sql())
          .as("a passed-through statement is sent as written")
          .isSameAs(statement.sql());
    } else if (actual.kind() == Kind.SERVED && plan.literals().isEmpty()) {
      assertThat(plan.sql()).as("no literal moved, so sent as written").isEqualTo(statement.sql());
    } else if (actual.kind() == Kind.SERVED) {
      // Each moved literal leaves exactly one placeholder behind; counting is safe because no
      // served corpus statement has a '?' inside a string or operator.
      assertThat(placeholders(plan.sql()))
          .as("placeholders sent for %s", statement.sql())
          .isEqualTo(placeholders(statement.sql()) + plan.literals().size());
    }
  }

  @Test
  void corpusHoldsAtLeast200StatementsAndCoversEveryDialect() {
    assertThat(CORPUS.statements()).hasSizeGreaterThanOrEqualTo(200);
    Map<Dialect, Long> perDialect = CORPUS.countPerDialect();
    for (Dialect dialect : Dialect.values()) {
      assertThat(perDialect.get(dialect)).as(dialect.key).isPositive();
    }
  }

  /** A matrix cell summarises a shape per dialect, which is only honest if its statements agree. */
  @Test
  void statementsOfOneShapeAgreeOnTheirOutcomePerDialect() {
    List<String> mixed = new ArrayList<>();
    for (Map.Entry<String, Map<Dialect, List<Expectation>>> shape : CORPUS.byShape().entrySet()) {
      for (Map.Entry<Dialect, List<Expectation>> cell : shape.getValue().entrySet()) {
        Set<String> outcomes =
            cell.getValue().stream()
                .map(e -> e.kind() + (e.state() == null ? "" : " " + e.state()))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        if (outcomes.size() > 1) {
          mixed.add(shape.getKey() + " under " + cell.getKey().key + ": " + outcomes);
        }
      }
    }
    assertThat(mixed).as("shapes to split into one row per outcome").isEmpty();
  }

  // ------------------------------------------------------------------ the support matrix

  @Test
  void supportMatrixInTheDocsIsTheOneTheCorpusRenders() throws IOException {
    Path docs = docsPath();
    String page = Files.readString(docs, StandardCharsets.UTF_8);
    String rendered = renderMatrix();
    if (Boolean.getBoolean(WRITE_MATRIX)) {
      Files.writeString(docs, withMatrix(page, rendered), StandardCharsets.UTF_8);
      return;
    }
    int begin = page.indexOf(MATRIX_BEGIN);
    int end = page.indexOf(MATRIX_END);
    String regenerate =
        "; regenerate it from "
            + CORPUS_PATH
            + " with: mvn -B -o -q test -pl driver -Dtest='SqlCorpusTest#supportMatrix*' -D"
            + WRITE_MATRIX
            + "=true";
    assertThat(begin >= 0 && end > begin)
        .as("%s has no %s ... %s section%s", docs.normalize(), MATRIX_BEGIN, MATRIX_END, regenerate)
        .isTrue();
    assertThat(page.substring(begin + MATRIX_BEGIN.length(), end))
        .as("the support matrix in %s is out of date%s", docs.normalize(), regenerate)
        .isEqualTo(rendered);
  }

  private static Path docsPath() {
    // Surefire runs in the driver module and says so in basedir; the docs sit beside the module.
    return Path.of(System.getProperty("basedir", ".")).resolve("../docs/sql-support.md");
  }

  private static String withMatrix(String page, String rendered) {
    int begin = page.indexOf(MATRIX_BEGIN);
    int end = page.indexOf(MATRIX_END);
    if (begin >= 0 && end > begin) {
      return page.substring(0, begin + MATRIX_BEGIN.length()) + rendered + page.substring(end);
    }
    String separator = page.endsWith("\n") ? "\n" : "\n\n";
    return page + separator + MATRIX_HEADING + "\n\n" + MATRIX_BEGIN + rendered + MATRIX_END + "\n";
  }

  /** The markdown between the markers, starting and ending with a line break. */
  private static String renderMatrix() {
    Map<Dialect, Long> perDialect = CORPUS.countPerDialect();
    String intro =
        "Generated by `SqlCorpusTest` from `"
            + CORPUS_PATH
            + "`, which holds "
            + CORPUS.statements().size()
            + " statements ("
            + Stream.of(Dialect.values())
                .map(d -> perDialect.get(d) + " run on " + d.title)
                .collect(Collectors.joining(", "))
            + ", each with that database's identifier folding); do not edit by hand. A cell says"
            + " what every statement of that shape does there: **works** (served: protected"
            + " values encrypted, results decrypted), **passed through** (sent as written),"
            + " **refused** (SQLState: why), or — (no such statement there).";
    StringBuilder out = new StringBuilder("\n").append(wrap(intro, 100)).append("\n\n");
    out.append("| shape |");
    for (Dialect dialect : Dialect.values()) {
      out.append(' ').append(dialect.title).append(" |");
    }
    out.append("\n|---|");
    out.append("---|".repeat(Dialect.values().length)).append('\n');
    for (Map.Entry<String, Map<Dialect, List<Expectation>>> shape : CORPUS.byShape().entrySet()) {
      out.append("| ").append(markdownCell(shape.getKey())).append(" |");
      for (Dialect dialect : Dialect.values()) {
        List<Expectation> cell = shape.getValue().get(dialect);
        out.append(' ').append(cell == null ? "—" : markdownCell(summary(cell))).append(" |");
      }
      out.append('\n');
    }
    return out.toString();
  }

  /** Breaks prose at spaces so that the page keeps its line length. */
  private static String wrap(String text, int width) {
    StringBuilder out = new StringBuilder();
    int lineStart = 0;
    for (String word : text.split(" ")) {
      if (out.length() > lineStart && out.length() - lineStart + 1 + word.length() > width) {
        out.append('\n');
        lineStart = out.length();
      } else if (out.length() > lineStart) {
        out.append(' ');
      }
      out.append(word);
    }
    return out.toString();
  }

  private static String summary(List<Expectation> cell) {
    Set<String> parts = new LinkedHashSet<>();
    for (Expectation expectation : cell) {
      parts.add(
          switch (expectation.kind()) {
            case PASSTHROUGH -> "passed through";
            case SERVED -> "works";
            case REFUSED -> "refused (" + expectation.state() + ")";
          });
    }
    String outcome = String.join(" / ", parts);
    if (parts.size() == 1 && cell.stream().allMatch(Expectation::protectsNothing)) {
      // Say so, or a spelling that misses the policy would read like a protected lookup that works.
      outcome += " (nothing for Veil to encrypt or decrypt)";
    }
    if (parts.size() == 1 && cell.get(0).kind() == Kind.REFUSED) {
      Set<String> reasons = new LinkedHashSet<>();
      cell.forEach(e -> reasons.add(e.reason()));
      outcome += ": " + String.join("; ", reasons);
    }
    return outcome;
  }

  private static String markdownCell(String text) {
    return text.replace("|", "\\|").replace("*", "\\*");
  }

  // ------------------------------------------------------------------ plans in corpus notation

  private static SqlAnalyzer analyzer(String policy, Dialect dialect) {
    return ANALYZERS.computeIfAbsent(
        policy + "/" + dialect.key,
        key -> new SqlAnalyzer(CORPUS.policies().get(policy), dialect.folding, 5_000));
  }

  private static int placeholders(String sql) {
    return (int) sql.chars().filter(c -> c == '?').count();
  }

  enum Dialect {
    POSTGRESQL("postgresql", "PostgreSQL", IdentifierCase.LOWER),
    MARIADB("mariadb", "MariaDB", IdentifierCase.MIXED),
    H2("h2", "H2", IdentifierCase.UPPER);

    final String key;
    final String title;
    final IdentifierCase folding;

    Dialect(String key, String title, IdentifierCase folding) {
      this.key = key;
      this.title = title;
      this.folding = folding;
    }

    static Dialect named(String key) {
      for (Dialect dialect : values()) {
        if (dialect.key.equals(key)) {
          return dialect;
        }
      }
      throw new IllegalArgumentException("unknown dialect '" + key + "'");
    }
  }

  enum Kind {
    PASSTHROUGH,
    REFUSED,
    SERVED
  }

  /**
   * What a statement must come to, in the corpus's notation. Result items are {@code null}, a
   * column's display name, or {@code *[...]} with the star's columns sorted, since the order in
   * which a star lists its candidates does not matter.
   */
  record Expectation(
      Kind kind,
      String state,
      String reason,
      Map<Integer, String> parameters,
      List<String> literals,
      List<String> result) {

    String describe() {
      return switch (kind) {
        case PASSTHROUGH -> "passed through";
        case REFUSED -> "refused " + state + " with a message containing '" + reason + "'";
        case SERVED -> served(parameters, literals, result);
      };
    }

    /** Whether a plan could meet this expectation without encrypting or decrypting anything. */
    boolean protectsNothing() {
      return kind == Kind.SERVED
          && parameters.isEmpty()
          && literals.isEmpty()
          && result.stream().allMatch(item -> item.equals("null") || item.equals("*[]"));
    }
  }

  private static String served(
      Map<Integer, String> parameters, List<String> literals, List<String> result) {
    return "served: parameters " + parameters + ", literals " + literals + ", result " + result;
  }

  /** A plan, reduced to what the corpus specifies. */
  record Outcome(
      Kind kind,
      String state,
      String message,
      Map<Integer, String> parameters,
      List<String> literals,
      List<String> result) {

    static Outcome of(StatementPlan plan, String sql) {
      if (plan.isRefused()) {
        String state = null;
        try {
          plan.requireAllowed();
        } catch (SQLException e) {
          state = e.getSQLState();
        }
        return new Outcome(Kind.REFUSED, state, plan.refusal(), Map.of(), List.of(), List.of());
      }
      Map<Integer, String> parameters = new TreeMap<>();
      // A statement cannot have more parameters than '?' characters.
      for (int index = 1; index <= placeholders(sql) + 1; index++) {
        ColumnPolicy column = plan.parameterColumn(index);
        boolean array = plan.arrayParameter(index);
        if (column != null || array) {
          parameters.put(
              index, (column == null ? "(no column)" : column.displayName()) + (array ? "[]" : ""));
        }
      }
      List<String> literals =
          plan.literals().stream().map(literal -> literal.column().displayName()).toList();
      List<String> result = plan.result().items().stream().map(Outcome::item).toList();
      Kind kind = plan.touchesProtected() ? Kind.SERVED : Kind.PASSTHROUGH;
      return new Outcome(kind, null, null, parameters, literals, result);
    }

    private static String item(ResultShape.Item item) {
      List<ColumnPolicy> star = item.starColumns();
      if (item.isStar()) {
        return "*" + star.stream().map(ColumnPolicy::displayName).sorted().toList();
      }
      String column = item.column() == null ? "null" : item.column().displayName();
      return star.isEmpty() ? column : column + " with star columns " + star;
    }

    /**
     * This outcome in the words of {@code expected} when it meets it, so that one comparison shows
     * both sides in full when it does not.
     */
    String describeAgainst(Expectation expected) {
      if (expected.kind() == Kind.REFUSED
          && kind == Kind.REFUSED
          && expected.state().equals(state)
          && message
              .toLowerCase(Locale.ROOT)
              .contains(expected.reason().toLowerCase(Locale.ROOT))) {
        return expected.describe();
      }
      if (expected.protectsNothing() && kind == Kind.PASSTHROUGH) {
        // Sent as written with nothing to decrypt is what such a statement needs.
        return expected.describe();
      }
      return switch (kind) {
        case PASSTHROUGH -> "passed through";
        case REFUSED -> "refused " + state + ": " + message;
        case SERVED -> served(parameters, literals, result);
      };
    }
  }

  // ------------------------------------------------------------------ reading the corpus

  record Statement(
      int number,
      String shape,
      String policy,
      List<Dialect> dialects,
      String sql,
      String note,
      Expectation expect) {

    String noteSuffix() {
      return note == null ? "" : " (note: " + note + ")";
    }
  }

  record Corpus(Map<String, Policy> policies, List<Statement> statements) {

    private static final Set<String> TOP_KEYS = Set.of("policies", "defaults", "statements");
    private static final Set<String> DEFAULT_KEYS = Set.of("policy", "dialects");
    private static final Set<String> STATEMENT_KEYS =
        Set.of("shape", "policy", "dialects", "sql", "note", "expect");
    private static final Set<String> SERVED_KEYS = Set.of("parameters", "literals", "result");

    static Corpus load() {
      try (InputStream in = SqlCorpusTest.class.getResourceAsStream(CORPUS_RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(CORPUS_PATH + " is not on the test class path");
        }
        LoadSettings settings = LoadSettings.builder().setLabel(CORPUS_RESOURCE).build();
        Map<String, Object> root = map(new Load(settings).loadFromInputStream(in), "the corpus");
        requireKeys(root, TOP_KEYS, "the corpus");
        Map<String, Policy> policies = new LinkedHashMap<>();
        for (Map.Entry<String, Object> policy : map(root.get("policies"), "policies").entrySet()) {
          policies.put(
              policy.getKey(), PolicyLoader.parse(policy.getKey(), (String) policy.getValue()));
        }
        Map<String, Object> defaults = map(root.get("defaults"), "defaults");
        requireKeys(defaults, DEFAULT_KEYS, "defaults");
        List<Statement> statements = new ArrayList<>();
        for (Object entry : list(root.get("statements"), "statements")) {
          statements.add(statement(statements.size() + 1, map(entry, "a statement"), defaults));
        }
        for (Statement statement : statements) {
          if (!policies.containsKey(statement.policy())) {
            throw new IllegalStateException(
                "statement " + statement.number() + " names no known policy");
          }
        }
        return new Corpus(Map.copyOf(policies), List.copyOf(statements));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (PolicyException e) {
        throw new IllegalStateException("a corpus policy does not load", e);
      }
    }

    private static Statement statement(
        int number, Map<String, Object> entry, Map<String, Object> defaults) {
      String where = "statement " + number;
      requireKeys(entry, STATEMENT_KEYS, where);
      String sql = string(entry.get("sql"), where + " sql");
      String shape = string(entry.get("shape"), where + " shape");
      String policy = string(entry.getOrDefault("policy", defaults.get("policy")), where);
      List<Dialect> dialects = new ArrayList<>();
      for (Object dialect : list(entry.getOrDefault("dialects", defaults.get("dialects")), where)) {
        dialects.add(Dialect.named(string(dialect, where + " dialect")));
      }
      if (dialects.isEmpty()) {
        throw new IllegalStateException(where + " runs under no dialect");
      }
      String note = entry.get("note") == null ? null : string(entry.get("note"), where + " note");
      Expectation expect = expectation(map(entry.get("expect"), where + " expect"), where);
      return new Statement(number, shape, policy, List.copyOf(dialects), sql, note, expect);
    }

    private static Expectation expectation(Map<String, Object> expect, String where) {
      if (expect.containsKey("passthrough")) {
        requireKeys(expect, Set.of("passthrough"), where);
        if (!Boolean.TRUE.equals(expect.get("passthrough"))) {
          throw new IllegalStateException(where + ": passthrough can only be true");
        }
        return new Expectation(Kind.PASSTHROUGH, null, null, Map.of(), List.of(), List.of());
      }
      if (expect.containsKey("refused")) {
        requireKeys(expect, Set.of("refused", "reason"), where);
        String state = string(expect.get("refused"), where + " refused");
        String reason = string(expect.get("reason"), where + " reason");
        return new Expectation(Kind.REFUSED, state, reason, Map.of(), List.of(), List.of());
      }
      requireKeys(expect, SERVED_KEYS, where);
      Map<Integer, String> parameters = new TreeMap<>();
      if (expect.containsKey("parameters")) {
        for (Map.Entry<?, ?> parameter : map(expect.get("parameters"), where).entrySet()) {
          if (!(parameter.getKey() instanceof Integer index) || index < 1) {
            throw new IllegalStateException(where + ": parameter indexes are 1, 2, ...");
          }
          parameters.put(index, string(parameter.getValue(), where + " parameter " + index));
        }
      }
      List<String> literals = new ArrayList<>();
      for (Object literal : list(expect.getOrDefault("literals", List.of()), where)) {
        literals.add(string(literal, where + " literal"));
      }
      List<String> result = new ArrayList<>();
      for (Object item : list(expect.getOrDefault("result", List.of()), where)) {
        result.add(resultItem(item, where));
      }
      return new Expectation(
          Kind.SERVED,
          null,
          null,
          Collections.unmodifiableMap(parameters),
          List.copyOf(literals),
          List.copyOf(result));
    }

    private static String resultItem(Object item, String where) {
      if (item == null) {
        return "null";
      }
      if (item instanceof Map<?, ?> star) {
        if (star.size() != 1 || !star.containsKey("*")) {
          throw new IllegalStateException(where + ": a star result item is {\"*\": [columns]}");
        }
        List<String> columns = new ArrayList<>();
        for (Object column : list(star.get("*"), where)) {
          columns.add(string(column, where + " star column"));
        }
        return "*" + columns.stream().sorted().toList();
      }
      return string(item, where + " result item");
    }

    /** Shapes in corpus order, each with its expectations per dialect that runs it. */
    Map<String, Map<Dialect, List<Expectation>>> byShape() {
      Map<String, Map<Dialect, List<Expectation>>> shapes = new LinkedHashMap<>();
      for (Statement statement : statements) {
        Map<Dialect, List<Expectation>> cells =
            shapes.computeIfAbsent(statement.shape(), shape -> new EnumMap<>(Dialect.class));
        for (Dialect dialect : statement.dialects()) {
          cells.computeIfAbsent(dialect, d -> new ArrayList<>()).add(statement.expect());
        }
      }
      return shapes;
    }

    Map<Dialect, Long> countPerDialect() {
      Map<Dialect, Long> counts = new EnumMap<>(Dialect.class);
      for (Dialect dialect : Dialect.values()) {
        counts.put(
            dialect, statements.stream().filter(s -> s.dialects().contains(dialect)).count());
      }
      return counts;
    }

    private static void requireKeys(Map<String, Object> map, Set<String> allowed, String where) {
      for (String key : map.keySet()) {
        if (!allowed.contains(key)) {
          throw new IllegalStateException(where + ": unknown key '" + key + "'");
        }
      }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String where) {
      if (!(value instanceof Map)) {
        throw new IllegalStateException(where + " must be a mapping");
      }
      return (Map<String, Object>) value;
    }

    private static List<?> list(Object value, String where) {
      if (!(value instanceof List<?> list)) {
        throw new IllegalStateException(where + " must be a list");
      }
      return list;
    }

    private static String string(Object value, String where) {
      if (value == null) {
        throw new IllegalStateException(where + " is missing");
      }
      if (value instanceof Map || value instanceof List) {
        throw new IllegalStateException(where + " must be a scalar");
      }
      return value.toString();
    }
  }
}
