package dev.veil.cli;

import dev.veil.crypto.ColumnCrypto;
import dev.veil.crypto.OnUndecryptable;
import dev.veil.driver.VeilProperty;
import dev.veil.keys.Keks;
import dev.veil.keys.Keyring;
import dev.veil.policy.ColumnPolicy;
import dev.veil.policy.IdentifierCase;
import dev.veil.policy.Policy;
import dev.veil.policy.PolicyException;
import dev.veil.policy.PolicyLoader;
import dev.veil.sql.LiteralBinding;
import dev.veil.sql.ResultShape;
import dev.veil.sql.Reveal;
import dev.veil.sql.SqlAnalyzer;
import dev.veil.sql.StatementPlan;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code veil explain}: prints the plan Veil will use for each statement, or its refusal, without a
 * database or keys. Exits 1 when any statement is refused, so an application's own CI can run its
 * SQL through it.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "explain",
    description = {
      "Show what Veil does with SQL under a policy: the SQL it sends, each value it encrypts,",
      "each result column it decrypts, and what the database learns; or why it refuses.",
      "Exit status: 0 if every statement is served, 1 if any is refused, 2 on a usage error."
    })
final class ExplainCommand implements Callable<Integer> {

  /** The databases whose identifier folding Veil knows. */
  enum Dialect {
    POSTGRESQL(IdentifierCase.LOWER),
    MARIADB(IdentifierCase.MIXED),
    MYSQL(IdentifierCase.MIXED),
    H2(IdentifierCase.UPPER);

    final IdentifierCase folding;

    Dialect(IdentifierCase folding) {
      this.folding = folding;
    }
  }

  /**
   * How many stored forms a lookup on each column matches: from the keyring when one is given, else
   * one per key; a migrating column's legacy plaintext adds one either way.
   */
  private Map<ColumnPolicy, Integer> lookupWidths(Policy loaded) throws SQLException {
    Keyring ring = keyring == null ? null : Keyring.read(keyring, Keks.open(kek));
    Map<ColumnPolicy, Integer> widths = new HashMap<>();
    for (ColumnPolicy column : loaded.columns()) {
      widths.put(
          column,
          ring == null
              ? (column.migrating() ? 2 : 1)
              : ColumnCrypto.create(
                      column,
                      ring.requireKey(column.key(), column.displayName(), keyring),
                      OnUndecryptable.ERROR)
                  .lookupWidth());
    }
    return widths;
  }

  /** A statement to explain and where it came from, for the report. */
  private record Source(String sql, String where) {}

  @Spec CommandSpec spec;

  @Option(names = "--policy", required = true, description = "The policy file (YAML).")
  Path policy;

  @Option(
      names = "--dialect",
      defaultValue = "postgresql",
      description = "How unquoted names fold: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
  Dialect dialect;

  @Option(
      names = "--file",
      description = "A file of statements separated by ';'. May be given with SQL arguments.")
  List<Path> files = new ArrayList<>();

  @Option(
      names = "--show-sql",
      description =
          "Also print each statement as written. Off by default: literals in it may be the very"
              + " values the policy protects, and this output often lands in CI logs.")
  boolean showSql;

  @Option(
      names = "--keyring",
      description =
          "The keyring (with --kek): lookups are then shown as sent with its key versions, e.g."
              + " widened to IN while a key has several. Without it, one version per key.")
  Path keyring;

  @Option(names = "--kek", description = "The KEK URI that opens --keyring.")
  String kek;

  @Parameters(paramLabel = "SQL", arity = "0..*", description = "Statements to explain.")
  List<String> statements = new ArrayList<>();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Policy loaded;
    try {
      loaded = PolicyLoader.load(policy.toString());
    } catch (PolicyException e) {
      err.println("veil: " + e.getMessage());
      return 2;
    }
    List<Source> all = new ArrayList<>();
    for (int i = 0; i < statements.size(); i++) {
      all.add(new Source(statements.get(i), "argument " + (i + 1)));
    }
    for (Path file : files) {
      try {
        for (StatementSplitter.Located statement :
            StatementSplitter.split(Files.readString(file, StandardCharsets.UTF_8))) {
          all.add(new Source(statement.sql(), file + ":" + statement.line()));
        }
      } catch (IOException e) {
        err.println("veil: cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        return 2;
      }
    }
    if (all.isEmpty()) {
      err.println("veil: no statements; pass SQL as arguments or --file statements.sql");
      return 2;
    }
    Map<ColumnPolicy, Integer> widths;
    try {
      widths = lookupWidths(loaded);
    } catch (SQLException e) {
      err.println("veil: " + e.getMessage() + " (SQLState " + e.getSQLState() + ")");
      return 2;
    }
    SqlAnalyzer analyzer =
        new SqlAnalyzer(
            loaded,
            dialect.folding,
            Long.parseLong(VeilProperty.PARSE_TIMEOUT_MILLIS.defaultValue()),
            widths::get);
    int refused = 0;
    for (int i = 0; i < all.size(); i++) {
      if (i > 0) {
        out.println();
      }
      Source source = all.get(i);
      StatementPlan plan = analyzer.analyze(source.sql());
      refused += plan.isRefused() ? 1 : 0;
      out.println("STATEMENT " + (i + 1) + " (" + source.where() + ")");
      if (showSql) {
        out.println("SQL       " + oneLine(source.sql()));
      }
      print(out, source.sql(), plan);
    }
    out.println();
    out.printf(
        "%d statement%s: %d served, %d refused%n",
        all.size(), all.size() == 1 ? "" : "s", all.size() - refused, refused);
    return refused == 0 ? 0 : 1;
  }

  private static void print(PrintWriter out, String sql, StatementPlan plan) {
    if (plan.isRefused()) {
      out.println("REFUSED   " + plan.refusal());
      return;
    }
    if (!plan.touchesProtected()) {
      out.println("PASSES    sent as written: nothing in it to encrypt or decrypt");
      return;
    }
    String sent = sentSql(plan);
    out.println(
        "SENDS     " + (sent.equals(sql) ? "the statement as written: " : "") + oneLine(sent));
    List<String> encrypts = new ArrayList<>();
    plan.protectedParameters()
        .forEach(
            (index, column) ->
                encrypts.add(
                    "parameter "
                        + index
                        + (plan.arrayParameter(index) ? " (each array element)" : "")
                        + " as "
                        + describe(column)));
    for (LiteralBinding literal : plan.literals()) {
      encrypts.add(
          "literal, sent as parameter "
              + literal.sentIndex()
              + ", as "
              + describe(literal.column()));
    }
    section(out, "ENCRYPTS", encrypts);
    section(out, "DECRYPTS", decrypts(plan.result()));
    Map<String, List<String>> reveals = new LinkedHashMap<>();
    for (Reveal reveal : plan.reveals()) {
      reveals
          .computeIfAbsent(reveal.column().displayName(), k -> new ArrayList<>())
          .add(reveal.what());
    }
    List<String> lines = new ArrayList<>();
    reveals.forEach((column, what) -> lines.add(column + ": " + String.join("; ", what)));
    lines.add("every protected value: its length and whether it is NULL");
    section(out, "REVEALS", lines);
  }

  private static List<String> decrypts(ResultShape shape) {
    List<String> lines = new ArrayList<>();
    List<ResultShape.Item> items = shape.items();
    for (int i = 0; i < items.size(); i++) {
      ResultShape.Item item = items.get(i);
      if (item.isStar() && item.isProtected()) {
        lines.add(
            "item "
                + (i + 1)
                + " (*): columns labelled "
                + item.star().stream()
                    .map(c -> c.label() + " as " + describe(c.column()))
                    .collect(Collectors.joining(", ")));
      } else if (item.column() != null) {
        lines.add("column " + (i + 1) + " as " + describe(item.column()));
      }
    }
    return lines;
  }

  private static String describe(ColumnPolicy column) {
    return column.displayName()
        + " ("
        + column.mode().name().toLowerCase(Locale.ROOT)
        + ", key "
        + column.key()
        + (column.group() == null ? "" : ", group " + column.group())
        + ")";
  }

  private static void section(PrintWriter out, String title, List<String> lines) {
    if (lines.isEmpty()) {
      out.printf("%-9s %s%n", title, "nothing");
      return;
    }
    for (int i = 0; i < lines.size(); i++) {
      out.printf("%-9s %s%n", i == 0 ? title : "", lines.get(i));
    }
  }

  private static String sentSql(StatementPlan plan) {
    try {
      return plan.sql();
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("a plan that is not refused has SQL", e);
    }
  }

  private static String oneLine(String sql) {
    return sql.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
