package dev.veil.sql;

import dev.veil.errors.VeilSqlState;
import dev.veil.policy.ColumnPolicy;
import dev.veil.policy.IdentifierCase;
import dev.veil.policy.Policy;
import java.util.HashSet;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * Turns SQL text into a {@link StatementPlan} under one policy, for one database's identifier
 * folding. Thread-safe; plans are meant to be cached by SQL text ({@link PlanCache}).
 *
 * <p>Statements whose text cannot name a protected table are passed through without parsing.
 * Everything else is parsed, and served only if every reference to a protected column, every
 * parameter and every literal is accounted for; otherwise it is refused, and nothing is sent.
 */
public final class SqlAnalyzer {
  final Policy policy;
  final IdentifierCase folding;
  final Set<String> protectedColumnNames;
  final Set<String> protectedTableNames;
  private final long parseTimeoutMillis;
  private final ToIntFunction<ColumnPolicy> lookupWidths;

  /**
   * An analyzer for columns whose lookups each match one stored form.
   *
   * @param policy the protected columns
   * @param folding how the target database folds unquoted identifiers
   * @param parseTimeoutMillis the longest one parse may take before the statement is refused
   */
  public SqlAnalyzer(Policy policy, IdentifierCase folding, long parseTimeoutMillis) {
    this(policy, folding, parseTimeoutMillis, column -> 1);
  }

  /**
   * @param policy the protected columns
   * @param folding how the target database folds unquoted identifiers
   * @param parseTimeoutMillis the longest one parse may take before the statement is refused
   * @param lookupWidths how many stored forms an equality lookup on each column must match (see
   *     {@link dev.veil.crypto.ColumnCrypto#lookupWidth()}); the plans of a keyring state are only
   *     valid for that state
   */
  public SqlAnalyzer(
      Policy policy,
      IdentifierCase folding,
      long parseTimeoutMillis,
      ToIntFunction<ColumnPolicy> lookupWidths) {
    this.lookupWidths = lookupWidths;
    this.policy = policy;
    this.folding = folding;
    this.parseTimeoutMillis = parseTimeoutMillis;
    Set<String> tables = new HashSet<>();
    for (String table : policy.tableNamesLowerCase()) {
      tables.add(QuickScan.fold(table));
    }
    this.protectedTableNames = Set.copyOf(tables);
    Set<String> columns = new HashSet<>();
    for (ColumnPolicy column : policy.columns()) {
      columns.add(QuickScan.fold(column.column().text()));
    }
    this.protectedColumnNames = Set.copyOf(columns);
  }

  int lookupWidth(ColumnPolicy column) {
    return lookupWidths.applyAsInt(column);
  }

  /** The plan for {@code sql}: pass through, protect, or refuse. Never throws for bad SQL. */
  public StatementPlan analyze(String sql) {
    StatementPlan plan = plan(sql);
    return plan.isRefused() ? plan.refusedIn(QuickScan.mentioned(sql, protectedTableNames)) : plan;
  }

  private StatementPlan plan(String sql) {
    if (!QuickScan.mayMention(sql, protectedTableNames)) {
      return StatementPlan.passthrough(sql);
    }
    ParsedSql parsed = ParsedSql.parse(sql, parseTimeoutMillis);
    if (parsed == null) {
      Set<String> mentioned = QuickScan.mentioned(sql, protectedTableNames);
      return StatementPlan.refused(
          VeilSqlState.REFUSED_SYNTAX,
          "Veil cannot parse this statement, and it "
              + (mentioned.isEmpty()
                  ? "may name a protected table in a way the scan cannot read"
                  : "mentions protected table " + String.join(", ", mentioned))
              + ", so it is not sent; rewrite it in standard SQL or split it up");
    }
    if (parsed.statements.isEmpty()) {
      return StatementPlan.refused(
          VeilSqlState.REFUSED_SYNTAX,
          "the text holds no statement, only comments, and mentions a protected table");
    }
    if (parsed.statements.size() != 1) {
      return StatementPlan.refused(
          VeilSqlState.REFUSED_SYNTAX,
          "several statements in one string touch a protected table; send them one at a time");
    }
    try {
      return new Analysis(this, sql, parsed).run(parsed.statements.get(0));
    } catch (Refusal refusal) {
      return StatementPlan.refused(refusal.state, refusal.getMessage());
    } catch (RuntimeException | StackOverflowError e) {
      // JSqlParser's AST throws on some shapes (a cast inside Insert.getValues, for one), and a
      // long enough OR chain overflows any recursive walk; a statement Veil could not walk is
      // refused, never sent unexamined.
      return StatementPlan.refused(
          VeilSqlState.REFUSED_SYNTAX,
          "Veil could not analyse this statement, which mentions a protected table ("
              + e.getClass().getSimpleName()
              + "), so it is not sent");
    }
  }
}
