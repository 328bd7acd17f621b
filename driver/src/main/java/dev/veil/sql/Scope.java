package dev.veil.sql;

import dev.veil.errors.VeilSqlState;
import dev.veil.policy.ColumnPolicy;
import dev.veil.policy.Identifier;
import dev.veil.policy.TableName;
import dev.veil.policy.TablePolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;

/**
 * The names one query level brings into play: the tables and derived tables it reads with their
 * aliases, the common table expressions it may read, and how each column reference resolves against
 * them and, for correlated references, against the enclosing levels. All levels of a statement
 * share one count of every name the walk consumed, which the token invariant compares with the
 * text.
 */
final class Scope {
  private final SqlAnalyzer analyzer;
  private final Scope parent;
  private final Shared shared;
  private final List<TableRef> refs = new ArrayList<>();
  private final List<TableRef> ctes = new ArrayList<>();
  private final List<Identifier> unresolvedInSubqueries = new ArrayList<>();

  /** What every level of one statement shares. */
  private static final class Shared {
    final Map<String, Integer> accounted = new HashMap<>();
    final Map<Column, ColumnPolicy> resolved = new IdentityHashMap<>();
    final Set<String> guarded = new HashSet<>();
  }

  /**
   * One table of a query level.
   *
   * @param name the table, or {@code null} for a derived table known only by its alias
   * @param alias the alias, or {@code null}
   * @param policy its protected columns, or {@code null} when it has none or is derived
   * @param outputs for a derived table or common table expression, the columns it returns, or
   *     {@code null} for a stored table
   * @param rowAlias whether this is another name for a written table's row ({@code EXCLUDED},
   *     {@code OLD}, {@code NEW}), which {@code *} does not return
   */
  record TableRef(
      TableName name,
      Identifier alias,
      TablePolicy policy,
      List<ResultShape.Item> outputs,
      boolean rowAlias) {

    /** The protected column that {@code column} of this table holds, or {@code null}. */
    ColumnPolicy column(Identifier column, SqlAnalyzer analyzer) {
      if (policy != null) {
        return policy.column(column, analyzer.folding).orElse(null);
      }
      if (outputs == null) {
        return null;
      }
      for (ResultShape.Item item : outputs) {
        if (!item.isStar()
            && item.label() != null
            && item.label().matches(column, analyzer.folding)) {
          return item.column();
        }
      }
      for (ResultShape.Item item : outputs) {
        for (ResultShape.Item starred : item.isStar() ? item.star() : List.<ResultShape.Item>of()) {
          if (starred.label().matches(column, analyzer.folding)) {
            return starred.column();
          }
        }
      }
      return null;
    }

    /**
     * The protected columns {@code *} returns from this table, each with its label and the names a
     * driver may report as its table (H2 and MariaDB report an alias, a derived table's or a common
     * table expression's name; PostgreSQL the stored table).
     */
    List<ResultShape.Item> starColumns() {
      List<ResultShape.Item> columns = new ArrayList<>();
      if (policy != null) {
        for (ColumnPolicy column : policy.columns()) {
          columns.add(ResultShape.Item.column(column, column.column()).through(alias));
        }
      } else if (outputs != null) {
        for (ResultShape.Item item : outputs) {
          if (item.isStar()) {
            item.star().forEach(starred -> columns.add(starred.through(alias)));
          } else if (item.column() != null) {
            columns.add(item.through(alias));
          }
        }
      }
      return columns;
    }

    boolean carriesProtection() {
      return policy != null
          || (outputs != null && outputs.stream().anyMatch(ResultShape.Item::isProtected));
    }

    /**
     * Whether a qualifier {@code name} refers to this table: its alias, or its name when it has no
     * alias (an alias hides the table's own name in PostgreSQL, MySQL and H2).
     */
    boolean isNamed(Identifier name, SqlAnalyzer analyzer) {
      if (alias != null) {
        return alias.matches(name, analyzer.folding);
      }
      return this.name != null && this.name.table().matches(name, analyzer.folding);
    }

    /** Whether a bare {@code name} could stand for this table's whole row: alias or name. */
    boolean mayBeNamed(Identifier name, SqlAnalyzer analyzer) {
      return (alias != null && alias.matches(name, analyzer.folding))
          || (this.name != null && this.name.table().matches(name, analyzer.folding));
    }
  }

  /** The outermost level of a statement. */
  Scope(SqlAnalyzer analyzer) {
    this(analyzer, null, new Shared());
  }

  private Scope(SqlAnalyzer analyzer, Scope parent, Shared shared) {
    this.analyzer = analyzer;
    this.parent = parent;
    this.shared = shared;
  }

  /** A nested query level that may refer to this one's tables (a subquery in an expression). */
  Scope child() {
    return new Scope(analyzer, this, shared);
  }

  /**
   * A query level in this one's FROM clause: without LATERAL it cannot see this level's tables,
   * only the enclosing ones, but it sees the common table expressions.
   */
  Scope derived(boolean lateral) {
    Scope scope = new Scope(analyzer, lateral ? this : parent, shared);
    scope.ctes.addAll(visibleCtes());
    return scope;
  }

  /** How many times the walk consumed each folded name. */
  Map<String, Integer> accounted() {
    return shared.accounted;
  }

  /** Declares a common table expression, visible to the rest of this level and its children. */
  void addCte(Identifier name, List<ResultShape.Item> outputs) {
    // H2 reports a CTE's own name as the table of its columns, even when FROM gives it an alias.
    List<ResultShape.Item> named = new ArrayList<>();
    for (ResultShape.Item output : outputs) {
      named.add(
          output.isStar()
              ? ResultShape.Item.star(output.star().stream().map(c -> c.through(name)).toList())
              : output.through(name));
    }
    TableRef cte = new TableRef(null, name, null, named, false);
    if (cte.carriesProtection()) {
      guard(name);
      guardLabels(outputs);
    }
    ctes.add(0, cte);
  }

  /** Adds a derived table (a subquery in FROM) with the columns it returns. */
  TableRef addDerived(Identifier alias, List<ResultShape.Item> outputs) {
    TableRef ref = new TableRef(null, alias, null, outputs, false);
    if (ref.carriesProtection()) {
      if (alias != null) {
        guard(alias);
      }
      guardLabels(outputs);
    }
    refs.add(ref);
    return ref;
  }

  /**
   * Adds a name that stands for a written table's row without being in FROM: PostgreSQL's {@code
   * EXCLUDED} in {@code ON CONFLICT DO UPDATE}, and {@code OLD} and {@code NEW} in {@code
   * RETURNING}.
   */
  void addRowAlias(Identifier alias, TablePolicy policy) {
    refs.add(new TableRef(null, alias, policy, null, true));
  }

  /** A level that sees only {@code ref} (MERGE's source in WHEN NOT MATCHED THEN INSERT). */
  Scope only(TableRef ref) {
    Scope scope = new Scope(analyzer, parent, shared);
    scope.ctes.addAll(ctes);
    scope.refs.add(ref);
    return scope;
  }

  private void guardLabels(List<ResultShape.Item> outputs) {
    for (ResultShape.Item item : outputs) {
      if (item.column() != null && item.label() != null) {
        guard(item.label());
      }
    }
  }

  /** Whether any table of this level may hold protected values. */
  boolean anyProtected() {
    return refs.stream().anyMatch(TableRef::carriesProtection);
  }

  /** The protected columns {@code *} returns at this level, in table order, with their labels. */
  List<ResultShape.Item> starColumns() {
    List<ResultShape.Item> columns = new ArrayList<>();
    for (TableRef ref : refs) {
      if (!ref.rowAlias()) {
        columns.addAll(ref.starColumns());
      }
    }
    return columns;
  }

  /** Adds a table named in FROM, JOIN or USING: a common table expression of that name first. */
  TableRef addTable(Table table) throws Refusal {
    return add(table, true);
  }

  /**
   * Adds the table an INSERT, UPDATE, DELETE or MERGE writes: always a stored table, since a common
   * table expression of the same name is never a write target.
   */
  TableRef addTarget(Table table) throws Refusal {
    return add(table, false);
  }

  private TableRef add(Table table, boolean mayBeCte) throws Refusal {
    if (table == null || table.getName() == null) {
      throw new Refusal(VeilSqlState.REFUSED_SYNTAX, "a statement without a table name");
    }
    account(table.getName());
    if (table.getSchemaName() != null) {
      account(table.getSchemaName());
    }
    Identifier alias = null;
    if (table.getAlias() != null) {
      account(table.getAlias().getName());
      alias = Identifier.parse(table.getAlias().getName());
    }
    boolean renamesColumns =
        table.getAlias() != null
            && table.getAlias().getAliasColumns() != null
            && !table.getAlias().getAliasColumns().isEmpty();
    TableRef ref;
    TableRef cte =
        mayBeCte && table.getSchemaName() == null ? cte(Identifier.parse(table.getName())) : null;
    if (cte != null) {
      ref = new TableRef(null, alias != null ? alias : cte.alias(), null, cte.outputs(), false);
      if (ref.carriesProtection()) {
        guard(ref.alias());
      }
    } else {
      TableName name = tableName(table);
      ref =
          new TableRef(
              name, alias, analyzer.policy.table(name, analyzer.folding).orElse(null), null, false);
      if (ref.policy() != null && alias != null) {
        guard(alias);
      }
    }
    if (ref.carriesProtection() && renamesColumns) {
      throw Refusal.operation(
          "renaming the columns of "
              + table.getName()
              + " in an alias is not supported when it holds protected columns");
    }
    refs.add(ref);
    return ref;
  }

  private TableRef cte(Identifier name) {
    for (TableRef cte : visibleCtes()) {
      if (cte.alias().matches(name, analyzer.folding)) {
        return cte;
      }
    }
    return null;
  }

  private List<TableRef> visibleCtes() {
    List<TableRef> visible = new ArrayList<>(ctes);
    if (parent != null) {
      visible.addAll(parent.visibleCtes());
    }
    return visible;
  }

  private static TableName tableName(Table table) {
    return new TableName(
        table.getSchemaName() == null ? null : Identifier.parse(table.getSchemaName()),
        Identifier.parse(table.getName()));
  }

  /**
   * The table a qualifier such as {@code p} or {@code public.patients} refers to: at this level,
   * else at an enclosing one (a correlated reference).
   */
  TableRef reference(Table qualifier) throws Refusal {
    account(qualifier.getName());
    if (qualifier.getSchemaName() != null) {
      account(qualifier.getSchemaName());
    }
    for (Scope level = this; level != null; level = level.parent) {
      TableRef found = level.find(qualifier);
      if (found != null) {
        return found;
      }
    }
    throw new Refusal(
        VeilSqlState.REFUSED_SYNTAX,
        "the qualifier "
            + qualifier.getName()
            + " names no table of this statement; qualify columns with a table or alias in FROM");
  }

  /**
   * The one table of this level a qualifier names. Two matches (MySQL's case-sensitive aliases
   * {@code p} and {@code P} under case-insensitive matching, say) are refused, not guessed.
   */
  private TableRef find(Table qualifier) throws Refusal {
    Identifier name = Identifier.parse(qualifier.getName());
    TableName wanted = qualifier.getSchemaName() == null ? null : tableName(qualifier);
    TableRef found = null;
    for (TableRef ref : refs) {
      boolean matches =
          wanted == null
              ? ref.isNamed(name, analyzer)
              : ref.name() != null && ref.name().matches(wanted, analyzer.folding);
      if (matches && found != null && found != ref) {
        throw new Refusal(
            VeilSqlState.REFUSED_AMBIGUOUS,
            "the qualifier "
                + qualifier.getName()
                + " may name two tables of this statement; give them aliases that differ in more"
                + " than case");
      }
      found = matches ? ref : found;
    }
    return found;
  }

  /** Resolves a column reference; each node is resolved and counted once. */
  ColumnPolicy resolve(Column column) throws Refusal {
    if (shared.resolved.containsKey(column)) {
      return shared.resolved.get(column);
    }
    account(column.getColumnName());
    Identifier name = Identifier.parse(column.getColumnName());
    Table qualifier = column.getTable();
    ColumnPolicy found;
    if (qualifier != null && qualifier.getName() != null) {
      found = reference(qualifier).column(name, analyzer);
    } else {
      requireNotWholeRow(name);
      found = unqualified(name);
      if (found == null) {
        requireNotOuterProtected(name);
        for (Scope level = parent; level != null; level = level.parent) {
          level.unresolvedInSubqueries.add(name);
        }
      }
    }
    shared.resolved.put(column, found);
    return found;
  }

  private ColumnPolicy unqualified(Identifier name) throws Refusal {
    ColumnPolicy found = null;
    for (TableRef ref : refs) {
      ColumnPolicy candidate = ref.column(name, analyzer);
      if (candidate != null && found != null && !candidate.equals(found)) {
        throw new Refusal(
            VeilSqlState.REFUSED_AMBIGUOUS,
            "a column may be "
                + found.displayName()
                + " or "
                + candidate.displayName()
                + "; qualify it with its table");
      }
      found = candidate != null ? candidate : found;
    }
    return found;
  }

  /**
   * Resolves a column that a write assigns: an unqualified name is a column of the written table,
   * whatever else FROM brings in (PostgreSQL UPDATE ... FROM, MERGE, ON CONFLICT).
   */
  ColumnPolicy resolveTarget(Column column, TableRef target) throws Refusal {
    if (column.getTable() != null && column.getTable().getName() != null) {
      return resolve(column);
    }
    if (shared.resolved.containsKey(column)) {
      return shared.resolved.get(column);
    }
    account(column.getColumnName());
    ColumnPolicy found = target.column(Identifier.parse(column.getColumnName()), analyzer);
    shared.resolved.put(column, found);
    return found;
  }

  /**
   * MySQL lets a subquery name a select-list alias of an enclosing query. Once this level's select
   * list is known, an unqualified name a subquery could not resolve must not be the label of a
   * protected column here.
   */
  void requireNoSubqueryUseOfProtectedLabel(List<ResultShape.Item> items) throws Refusal {
    for (Identifier name : unresolvedInSubqueries) {
      for (ResultShape.Item item : items) {
        if (item.column() != null
            && item.label() != null
            && item.label().matches(name, analyzer.folding)) {
          throw new Refusal(
              VeilSqlState.REFUSED_AMBIGUOUS,
              "a subquery names "
                  + name
                  + ", which may be the enclosing query's label for protected column "
                  + item.column().displayName()
                  + "; qualify the column or rename the label");
        }
      }
    }
  }

  /**
   * An unqualified name that matches a protected column only at an enclosing level means that
   * column unless a table of this level has a column of the same name, which only the database
   * knows; Veil cannot tell which one it will encrypt for.
   */
  private void requireNotOuterProtected(Identifier name) throws Refusal {
    for (Scope level = parent; level != null; level = level.parent) {
      ColumnPolicy outer = level.unqualified(name);
      if (outer != null) {
        throw new Refusal(
            VeilSqlState.REFUSED_AMBIGUOUS,
            "in a subquery, an unqualified "
                + name
                + " may be protected column "
                + outer.displayName()
                + " of the enclosing query or a column of the subquery's own tables;"
                + " qualify it with its table");
      }
    }
  }

  /**
   * PostgreSQL reads a bare table name or alias as the whole row ({@code to_jsonb(p)}, {@code
   * p::text}), which would carry every protected column past the walk.
   */
  private void requireNotWholeRow(Identifier name) throws Refusal {
    for (Scope level = this; level != null; level = level.parent) {
      for (TableRef ref : level.refs) {
        if (ref.carriesProtection() && ref.mayBeNamed(name, analyzer)) {
          throw Refusal.operation(
              "a whole-row reference to "
                  + name
                  + " would expose its protected columns; name the columns instead");
        }
      }
    }
  }

  void account(String rawName) {
    if (rawName == null || rawName.isEmpty()) {
      return;
    }
    shared.accounted.merge(QuickScan.fold(Identifier.parse(rawName).text()), 1, Integer::sum);
  }

  /** Adds a name that stands for protected values to the names the token invariant checks. */
  void guard(Identifier name) {
    shared.guarded.add(QuickScan.fold(name.text()));
  }

  /**
   * The names whose every occurrence in the text the walk must have consumed: protected tables and
   * columns, and the aliases, derived tables, common table expressions and labels that stand for
   * protected values (a bare table or alias is a whole-row reference in PostgreSQL).
   */
  Set<String> guardedNames() {
    Set<String> names = new HashSet<>(analyzer.protectedTableNames);
    names.addAll(analyzer.protectedColumnNames);
    names.addAll(shared.guarded);
    return names;
  }
}
