package dev.veil.sql;

import dev.veil.audit.Audit;
import dev.veil.audit.AuditEvent;
import dev.veil.audit.AuditOperation;
import dev.veil.errors.VeilErrors;
import dev.veil.errors.VeilSqlState;
import dev.veil.policy.ColumnPolicy;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What Veil does with one SQL text: the SQL to send, which parameters carry which protected column,
 * which literals were moved into parameters, and which result columns must be decrypted. Or the
 * refusal, when the statement cannot be served safely. Immutable and shared between threads.
 */
public final class StatementPlan {
  private final String sql;
  private final String refusal;
  private final VeilSqlState refusalState;
  private final ColumnPolicy[] parameterColumns;
  private final boolean[] arrayParameters;
  private final boolean[] lookupParameters;
  private final int[] sentIndex;
  private final int[] sentWidth;
  private final List<LiteralBinding> literals;
  private final ResultShape result;
  private final ResultShape generatedKeys;
  private final boolean touchesProtected;
  private final List<Reveal> reveals;
  private final Object keys;
  private final String refusedTables;

  private StatementPlan(
      String sql,
      String refusal,
      VeilSqlState refusalState,
      ColumnPolicy[] parameterColumns,
      boolean[] arrayParameters,
      boolean[] lookupParameters,
      int[] sentIndex,
      int[] sentWidth,
      List<LiteralBinding> literals,
      ResultShape result,
      ResultShape generatedKeys,
      boolean touchesProtected,
      List<Reveal> reveals,
      Object keys,
      String refusedTables) {
    this.sql = sql;
    this.refusal = refusal;
    this.refusalState = refusalState;
    this.parameterColumns = parameterColumns;
    this.arrayParameters = arrayParameters;
    this.lookupParameters = lookupParameters;
    this.reveals = List.copyOf(reveals);
    this.sentIndex = sentIndex;
    this.sentWidth = sentWidth;
    this.literals = List.copyOf(literals);
    this.result = result;
    this.generatedKeys = generatedKeys;
    this.touchesProtected = touchesProtected;
    this.keys = keys;
    this.refusedTables = refusedTables;
  }

  /** A statement that touches no protected column: sent as written. */
  static StatementPlan passthrough(String sql) {
    return withoutProtection(sql, null, null, false);
  }

  /** A statement Veil will not send; the message names columns and reasons, never values. */
  static StatementPlan refused(VeilSqlState state, String message) {
    return withoutProtection(null, message, state, true);
  }

  private static StatementPlan withoutProtection(
      String sql, String refusal, VeilSqlState state, boolean touchesProtected) {
    return new StatementPlan(
        sql,
        refusal,
        state,
        new ColumnPolicy[1],
        new boolean[1],
        new boolean[1],
        null,
        null,
        List.of(),
        ResultShape.NONE,
        ResultShape.NONE,
        touchesProtected,
        List.of(),
        null,
        null);
  }

  /**
   * A statement that touches protected columns.
   *
   * @param sql the SQL to send
   * @param parameters protected column by the application's 1-based parameter index
   * @param arrayParameters the indexes of parameters that are arrays of values of their column
   * @param lookupParameters the indexes of parameters an equality lookup compares with their column
   * @param sentIndex the sent parameter index by the application's index, or {@code null} when they
   *     are the same (no literal was moved)
   * @param sentWidth how many sent parameters each application parameter fills, or {@code null}
   *     when every one fills one (no lookup was widened)
   */
  static StatementPlan protectedPlan(
      String sql,
      Map<Integer, ColumnPolicy> parameters,
      Set<Integer> arrayParameters,
      Set<Integer> lookupParameters,
      int[] sentIndex,
      int[] sentWidth,
      List<LiteralBinding> literals,
      ResultShape result,
      ResultShape generatedKeys,
      List<Reveal> reveals) {
    int max = parameters.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
    ColumnPolicy[] columns = new ColumnPolicy[max + 1];
    parameters.forEach((index, column) -> columns[index] = column);
    boolean[] arrays = new boolean[max + 1];
    arrayParameters.forEach(index -> arrays[index] = true);
    boolean[] lookups = new boolean[max + 1];
    lookupParameters.forEach(index -> lookups[index] = true);
    return new StatementPlan(
        sql,
        null,
        null,
        columns,
        arrays,
        lookups,
        sentIndex,
        sentWidth,
        literals,
        result,
        generatedKeys,
        true,
        reveals,
        null,
        null);
  }

  /**
   * This plan, remembering the keys it was made for: its lookups have room for as many stored forms
   * as those keys give. Opaque here; the driver hands it back in {@link #keys()}.
   */
  StatementPlan withKeys(Object keys) {
    if (!touchesProtected || refusal != null) {
      return this;
    }
    return new StatementPlan(
        sql,
        refusal,
        refusalState,
        parameterColumns,
        arrayParameters,
        lookupParameters,
        sentIndex,
        sentWidth,
        literals,
        result,
        generatedKeys,
        touchesProtected,
        reveals,
        keys,
        null);
  }

  /**
   * This refusal, naming the protected tables the statement mentions, for the audit event; names
   * only, as the policy writes them.
   */
  StatementPlan refusedIn(Set<String> tables) {
    if (refusal == null || tables.isEmpty()) {
      return this;
    }
    return new StatementPlan(
        sql,
        refusal,
        refusalState,
        parameterColumns,
        arrayParameters,
        lookupParameters,
        sentIndex,
        sentWidth,
        literals,
        result,
        generatedKeys,
        touchesProtected,
        reveals,
        keys,
        String.join(",", tables));
  }

  /** The keys this plan was made for, as given to its {@link PlanCache}, or {@code null}. */
  public Object keys() {
    return keys;
  }

  /** The SQL to send; throws the refusal if the statement was refused. */
  public String sql() throws SQLException {
    requireAllowed();
    return sql;
  }

  /** Throws the refusal, if any. */
  public void requireAllowed() throws SQLException {
    if (refusal != null) {
      Audit.record(
          AuditEvent.failed(
              AuditOperation.STATEMENT_REFUSED,
              null,
              null,
              refusedTables,
              null,
              refusalState.code() + " " + refusal));
      throw VeilErrors.of(refusalState, refusal);
    }
  }

  /** Whether the statement is refused. */
  public boolean isRefused() {
    return refusal != null;
  }

  /** The refusal message, or {@code null}. */
  public String refusal() {
    return refusal;
  }

  /** Whether the statement reads or writes any protected table; false means sent untouched. */
  public boolean touchesProtected() {
    return touchesProtected;
  }

  /** The protected column bound at the application's 1-based parameter index, or {@code null}. */
  public ColumnPolicy parameterColumn(int index) {
    return index > 0 && index < parameterColumns.length ? parameterColumns[index] : null;
  }

  /** Every protected parameter: column by the application's 1-based index, in index order. */
  public SortedMap<Integer, ColumnPolicy> protectedParameters() {
    SortedMap<Integer, ColumnPolicy> all = new TreeMap<>();
    for (int i = 1; i < parameterColumns.length; i++) {
      if (parameterColumns[i] != null) {
        all.put(i, parameterColumns[i]);
      }
    }
    return all;
  }

  /**
   * Whether the parameter at the application's index is an array ({@code col = ANY(?)}) whose
   * elements are each encrypted for {@link #parameterColumn}.
   */
  public boolean arrayParameter(int index) {
    return index > 0 && index < arrayParameters.length && arrayParameters[index];
  }

  /**
   * Whether the parameter at the application's index is compared with its column by an equality
   * lookup, which must match every stored form of the value: the plan has room for {@link
   * #sentWidth} of them, as many as the keys gave when it was made.
   */
  public boolean lookupParameter(int index) {
    return index > 0 && index < lookupParameters.length && lookupParameters[index];
  }

  /** What the database learns from this statement about each protected column it touches. */
  public List<Reveal> reveals() {
    return reveals;
  }

  /**
   * The parameter index to use on the delegate for the application's index. When literals were
   * moved, an index the application's SQL does not have is refused: passed through, it could land
   * on a moved literal's slot and replace its ciphertext with plaintext.
   */
  public int sentIndex(int index) throws SQLException {
    if (sentIndex == null) {
      return index;
    }
    if (index < 1 || index >= sentIndex.length) {
      throw VeilErrors.of(
          VeilSqlState.INVALID_PARAMETER_INDEX,
          "parameter index "
              + index
              + " is out of range: the statement has "
              + (sentIndex.length - 1)
              + " parameters");
    }
    return sentIndex[index];
  }

  /**
   * How many consecutive sent parameters, from {@link #sentIndex}, the application's parameter
   * fills: more than one for an equality lookup on a column whose key has several enabled versions
   * (or that is migrating), which the SQL sent matches with {@code IN} against every stored form.
   */
  public int sentWidth(int index) {
    return sentWidth == null || index < 1 || index >= sentWidth.length ? 1 : sentWidth[index];
  }

  /**
   * Whether the SQL sent numbers its parameters differently from the SQL written (literals moved
   * out, lookups widened).
   */
  public boolean renumbersParameters() {
    return sentIndex != null;
  }

  /** How many parameters the SQL as written has, when {@link #renumbersParameters}. */
  public int parameterCount() {
    return sentIndex == null ? 0 : sentIndex.length - 1;
  }

  /** Whether the SQL sent differs from the SQL written because literals were moved out. */
  public boolean hasLiterals() {
    return !literals.isEmpty();
  }

  /** The literals moved into parameters, bound encrypted before every execution. */
  public List<LiteralBinding> literals() {
    return literals;
  }

  /** The result columns to decrypt. */
  public ResultShape result() {
    return result;
  }

  /**
   * The columns to decrypt in {@code getGeneratedKeys()} after a write: its RETURNING list when it
   * has one, else any column of the statement's tables (pgjdbc returns every column, of the tables
   * of UPDATE ... FROM and DELETE ... USING too), matched by label.
   */
  public ResultShape generatedKeys() {
    return generatedKeys;
  }

  @Override
  public String toString() {
    if (refusal != null) {
      return "StatementPlan[refused: " + refusal + "]";
    }
    return "StatementPlan[protected parameters="
        + Arrays.toString(parameterColumns)
        + ", literals="
        + literals.size()
        + ", result="
        + result
        + "]";
  }
}
