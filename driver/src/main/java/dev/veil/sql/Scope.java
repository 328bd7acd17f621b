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
 * The names one statement brings into play: the tables it reads and writes with their aliases, how
 * each column reference resolves against them, and a count of every name the walk consumed, which
 * the token invariant compares with the text.
 */
final class Scope {
  private final SqlAnalyzer analyzer;
  private final List<TableRef> refs = new ArrayList<>();
  private final Map<String, Integer> accounted = new HashMap<>();
  private final Map<Column, ColumnPolicy> resolved = new IdentityHashMap<>();

  /**
   * One table of the statement.
   *
   * @param name the table, or {@code null} for a derived table known only by its alias
   * @param alias the alias, or {@code null}
   * @param policy its protected columns, or {@code null} when it has none
   */
  record TableRef(TableName name, Identifier alias, TablePolicy policy) {}

  Scope(SqlAnalyzer analyzer) {
    this.analyzer = analyzer;
  }

  /** How many times the walk consumed each folded name. */
  Map<String, Integer> accounted() {
    return accounted;
  }

  /** Adds a derived table (a subquery or function in FROM) known only by its alias. */
  void addDerived(String alias) {
    account(alias);
    refs.add(new TableRef(null, Identifier.parse(alias), null));
  }

  /** Whether any table of the statement is protected. */
  boolean anyProtected() {
    return refs.stream().anyMatch(ref -> ref.policy() != null);
  }

  /** Every protected column of every table of the statement, as {@code *} would return them. */
  List<ColumnPolicy> protectedColumns() {
    List<ColumnPolicy> columns = new ArrayList<>();
    for (TableRef ref : refs) {
      if (ref.policy() != null) {
        columns.addAll(ref.policy().columns());
      }
    }
    return columns;
  }

  /** The protected table names, and the names and aliases of protected tables in scope. */
  Set<String> protectedNames() {
    Set<String> names = new HashSet<>(analyzer.protectedTableNames);
    for (TableRef ref : refs) {
      if (ref.policy() != null) {
        names.add(QuickScan.fold(ref.name().table().text()));
        if (ref.alias() != null) {
          names.add(QuickScan.fold(ref.alias().text()));
        }
      }
    }
    return names;
  }

  TableRef addTable(Table table) throws Refusal {
    if (table == null || table.getName() == null) {
      throw new Refusal(VeilSqlState.REFUSED_SYNTAX, "a statement without a table name");
    }
    account(table.getName());
    if (table.getSchemaName() != null) {
      account(table.getSchemaName());
    }
    TableName name = tableName(table);
    Identifier alias = null;
    if (table.getAlias() != null) {
      account(table.getAlias().getName());
      alias = Identifier.parse(table.getAlias().getName());
    }
    TableRef ref =
        new TableRef(name, alias, analyzer.policy.table(name, analyzer.folding).orElse(null));
    if (ref.policy() != null
        && table.getAlias() != null
        && table.getAlias().getAliasColumns() != null
        && !table.getAlias().getAliasColumns().isEmpty()) {
      throw Refusal.operation(
          "renaming the columns of protected table " + name + " in an alias is not supported");
    }
    refs.add(ref);
    return ref;
  }

  private static TableName tableName(Table table) {
    return new TableName(
        table.getSchemaName() == null ? null : Identifier.parse(table.getSchemaName()),
        Identifier.parse(table.getName()));
  }

  /** The table a qualifier such as {@code p} or {@code public.patients} refers to. */
  TableRef reference(Table qualifier) throws Refusal {
    account(qualifier.getName());
    Identifier name = Identifier.parse(qualifier.getName());
    if (qualifier.getSchemaName() == null) {
      for (TableRef ref : refs) {
        if (ref.alias() != null && ref.alias().matches(name, analyzer.folding)) {
          return ref;
        }
      }
    } else {
      account(qualifier.getSchemaName());
    }
    TableName wanted = tableName(qualifier);
    for (TableRef ref : refs) {
      if (ref.name() != null && ref.name().matches(wanted, analyzer.folding)) {
        return ref;
      }
    }
    throw new Refusal(
        VeilSqlState.REFUSED_SYNTAX, "a column qualifier names no table of this statement");
  }

  /** Resolves a column reference against the statement's tables; each node is counted once. */
  ColumnPolicy resolve(Column column) throws Refusal {
    if (resolved.containsKey(column)) {
      return resolved.get(column);
    }
    account(column.getColumnName());
    Identifier name = Identifier.parse(column.getColumnName());
    Table qualifier = column.getTable();
    ColumnPolicy found = null;
    if (qualifier != null && qualifier.getName() != null) {
      TableRef ref = reference(qualifier);
      found =
          ref.policy() == null ? null : ref.policy().column(name, analyzer.folding).orElse(null);
    } else {
      requireNotWholeRow(name);
      for (TableRef ref : refs) {
        if (ref.policy() == null) {
          continue;
        }
        ColumnPolicy candidate = ref.policy().column(name, analyzer.folding).orElse(null);
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
    }
    resolved.put(column, found);
    return found;
  }

  /**
   * PostgreSQL reads a bare table name or alias as the whole row ({@code to_jsonb(p)}, {@code
   * p::text}), which would carry every protected column past the walk.
   */
  private void requireNotWholeRow(Identifier name) throws Refusal {
    for (TableRef ref : refs) {
      if (ref.policy() == null) {
        continue;
      }
      if (ref.name().table().matches(name, analyzer.folding)
          || (ref.alias() != null && ref.alias().matches(name, analyzer.folding))) {
        throw Refusal.operation(
            "a whole-row reference to protected table "
                + ref.name()
                + " would expose its protected columns; name the columns instead");
      }
    }
  }

  void account(String rawName) {
    if (rawName == null || rawName.isEmpty()) {
      return;
    }
    accounted.merge(QuickScan.fold(Identifier.parse(rawName).text()), 1, Integer::sum);
  }

  /**
   * The names whose every occurrence in the text the walk must have consumed: protected columns,
   * and protected tables with their aliases (a bare one is a whole-row reference in PostgreSQL).
   */
  Set<String> guardedNames() {
    Set<String> names = protectedNames();
    names.addAll(analyzer.protectedColumnNames);
    return names;
  }
}
