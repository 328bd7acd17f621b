package dev.veil.sql;

import static dev.veil.sql.ContextRules.itemAt;
import static dev.veil.sql.ContextRules.requireDeterministic;
import static dev.veil.sql.ContextRules.requireNamedOutputs;
import static dev.veil.sql.ContextRules.requirePositionPlain;
import static dev.veil.sql.ContextRules.requireSameContext;
import static dev.veil.sql.Expressions.aliasName;
import static dev.veil.sql.Expressions.arrayOperand;
import static dev.veil.sql.Expressions.describe;
import static dev.veil.sql.Expressions.firstWord;
import static dev.veil.sql.Expressions.isDefault;
import static dev.veil.sql.Expressions.isSchemaChange;
import static dev.veil.sql.Expressions.isUnionAll;
import static dev.veil.sql.Expressions.isValue;
import static dev.veil.sql.Expressions.literalValue;
import static dev.veil.sql.Expressions.position;
import static dev.veil.sql.Expressions.protectedColumns;
import static dev.veil.sql.Expressions.rows;
import static dev.veil.sql.Expressions.unparenthesize;

import dev.veil.errors.VeilSqlState;
import dev.veil.policy.ColumnPolicy;
import dev.veil.policy.Identifier;
import dev.veil.policy.IdentifierCase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.AnyComparisonExpression;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.CaseExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.WhenClause;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.conditional.XorExpression;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExistsExpression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.NotEqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.ReturningClause;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.comment.Comment;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.create.view.AlterView;
import net.sf.jsqlparser.statement.create.view.CreateView;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.insert.InsertConflictAction;
import net.sf.jsqlparser.statement.insert.InsertConflictTarget;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.merge.MergeDelete;
import net.sf.jsqlparser.statement.merge.MergeInsert;
import net.sf.jsqlparser.statement.merge.MergeOperation;
import net.sf.jsqlparser.statement.merge.MergeUpdate;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.GroupByElement;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.LateralSubSelect;
import net.sf.jsqlparser.statement.select.Limit;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;
import net.sf.jsqlparser.statement.upsert.Upsert;

/**
 * The analysis of one parsed statement: mutable, single-threaded, thrown away once the plan is
 * built. It walks the shapes Veil serves (see the SQL support matrix), tracking which encryption
 * context every value carries: each query level resolves its columns, derived tables and common
 * table expressions keep the protection of the columns they return, and two values may meet in the
 * database (compared, grouped, copied, combined by a set operation) only when they share one
 * context. It binds each protected parameter and literal to its column, refuses the rest, and then
 * checks two invariants over the parser's token stream, so that a construct the walk did not look
 * at cannot slip through:
 *
 * <ul>
 *   <li>every token that names a protected table, alias, column or label was consumed by the walk;
 *   <li>every {@code ?} token is a JDBC parameter, so indexes agree with the delegate driver's.
 * </ul>
 */
final class Analysis {
  private static final Set<String> FIRST_NON_NULL = Set.of("COALESCE", "IFNULL", "NVL");

  private final SqlAnalyzer analyzer;
  private final String sql;
  private final StatementText text;
  private final Scope root;
  private final Map<Integer, ColumnPolicy> parameters = new HashMap<>();
  private final Set<Integer> arrayParameters = new LinkedHashSet<>();
  private final Set<Integer> lookupParameters = new LinkedHashSet<>();
  private final List<JdbcParameter> protectedParameters = new ArrayList<>();
  private final List<JdbcParameter> clauseParameters = new ArrayList<>();
  private final List<MovedLiteral> literals = new ArrayList<>();
  private final List<Widening> widenings = new ArrayList<>();
  private final Set<Reveal> reveals = new LinkedHashSet<>();

  /** The table MySQL's {@code VALUES(col)} reads from, while ON DUPLICATE KEY UPDATE is walked. */
  private Scope.TableRef duplicateTarget;

  /**
   * A query's select list: each item; for each position, the parameters and literals that feed it
   * (one per branch of a set operation), which an {@code INSERT ... SELECT} into a protected column
   * binds encrypted; whether any branch computes a plain value there; and whether a set operation
   * other than UNION ALL compares the rows, which values encrypted one by one in a randomized
   * column would never pass.
   */
  private record Projection(
      List<ResultShape.Item> items,
      List<List<Expression>> values,
      List<Boolean> computed,
      boolean deduplicated) {}

  Analysis(SqlAnalyzer analyzer, String sql, ParsedSql parsed) {
    this.analyzer = analyzer;
    this.sql = sql;
    this.text = new StatementText(sql, parsed.tokens);
    this.root = new Scope(analyzer);
  }

  StatementPlan run(Statement statement) throws Refusal {
    text.requireUnambiguousLexing();
    if (analyzer.folding == IdentifierCase.MIXED) {
      text.requireNoDoubleQuotes();
    }
    ResultShape result;
    ResultShape generatedKeys = ResultShape.NONE;
    if (statement instanceof Select select) {
      result = new ResultShape(query(select, root).items());
    } else if (statement instanceof Insert
        || statement instanceof Upsert
        || statement instanceof Update
        || statement instanceof Delete
        || statement instanceof Merge) {
      result = write(statement);
      generatedKeys = generatedKeys(result);
    } else if (isSchemaChange(statement)) {
      text.requireNoValuesOnProtectedColumns(
          analyzer.protectedColumnNames, statement instanceof Comment);
      return StatementPlan.passthrough(sql);
    } else if (statement instanceof CreateView
        || statement instanceof AlterView
        || statement instanceof CreateTable) {
      // A view or CREATE TABLE AS may hold a predicate on a protected column, whose literal
      // would be stored in the catalog in the clear; allow only those that name none.
      text.requireEveryReferenceAccounted(root.guardedNames(), root.accounted());
      return StatementPlan.passthrough(sql);
    } else {
      throw Refusal.operation(
          firstWord(sql)
              + " statements that mention a protected table are not supported; run them without"
              + " Veil if they carry no protected values");
    }
    text.requireEveryReferenceAccounted(root.guardedNames(), root.accounted());
    List<Integer> placeholders =
        text.requireParametersAccounted(statement, clauseParameters, protectedParameters);
    return text.build(
        placeholders,
        parameters,
        arrayParameters,
        lookupParameters,
        literals,
        widenings,
        result,
        generatedKeys,
        List.copyOf(reveals));
  }

  /** Walks a write and returns its RETURNING result. */
  private ResultShape write(Statement statement) throws Refusal {
    if (statement instanceof Insert insert) {
      return insert(insert);
    }
    if (statement instanceof Upsert upsert) {
      return upsert(upsert);
    }
    if (statement instanceof Update update) {
      return update(update);
    }
    return statement instanceof Delete delete ? delete(delete) : merge((Merge) statement);
  }

  // ---------------------------------------------------------------- queries

  /** Walks a query at {@code level}, a scope of its own, and returns its select list. */
  private Projection query(Select select, Scope level) throws Refusal {
    with(select.getWithItemsList(), level);
    Projection projection;
    if (select instanceof PlainSelect plain) {
      projection = plainSelect(plain, level);
    } else if (select instanceof SetOperationList setOperations) {
      projection = setOperation(setOperations, level);
    } else if (select instanceof ParenthesedSelect parenthesed) {
      projection = query(parenthesed.getSelect(), level);
    } else if (select instanceof Values values) {
      for (Expression expression : values.getExpressions()) {
        generic(expression, level, "VALUES");
      }
      projection = new Projection(List.of(), List.of(), List.of(), false);
    } else {
      throw Refusal.operation(
          "this form of query over protected tables is not supported; use SELECT, set operations"
              + " or VALUES");
    }
    orderBy(select.getOrderByElements(), projection.items(), level);
    limit(select.getLimit(), level);
    if (select.getOffset() != null) {
      clause(select.getOffset().getOffset(), "OFFSET", level);
    }
    if (select.getFetch() != null) {
      clause(select.getFetch().getExpression(), "FETCH", level);
    }
    if (select.getForUpdateTables() != null) {
      for (Table locked : select.getForUpdateTables()) {
        level.reference(locked);
      }
    }
    level.requireNoSubqueryUseOfProtectedLabel(projection.items());
    return projection;
  }

  private void with(List<WithItem<?>> items, Scope level) throws Refusal {
    if (items == null) {
      return;
    }
    for (WithItem<?> item : items) {
      String name = item.getAlias().getName();
      level.account(name);
      if (item.getSelect() == null || item.isRecursive()) {
        if (QuickScan.mayMention(item.toString(), level.guardedNames())) {
          throw Refusal.operation(
              "a recursive or data-modifying WITH item over protected tables is not supported");
        }
        level.addCte(Identifier.parse(name), List.of());
        continue;
      }
      Projection projection = query(item.getSelect(), level.derived(false));
      boolean renames = item.getWithItemList() != null && !item.getWithItemList().isEmpty();
      requireNamedOutputs(projection.items(), "WITH " + name, renames);
      level.addCte(Identifier.parse(name), projection.items());
    }
  }

  private Projection plainSelect(PlainSelect select, Scope level) throws Refusal {
    if ((select.getIntoTables() != null && !select.getIntoTables().isEmpty())
        || select.getIntoTempTable() != null
        || select.getMySqlSelectIntoClause() != null) {
      throw Refusal.operation("SELECT INTO from protected tables is not supported");
    }
    if (select.getPreWhere() != null
        || select.getOracleHierarchical() != null
        || (select.getLateralViews() != null && !select.getLateralViews().isEmpty())
        || select.getTop() != null
        || select.getFirst() != null
        || select.getSkip() != null
        || select.getKsqlWindow() != null
        || select.getForXmlPath() != null) {
      throw Refusal.operation(
          "PREWHERE, CONNECT BY, LATERAL VIEW, TOP, FIRST, SKIP, WINDOW and FOR XML are not"
              + " supported in statements that touch protected tables");
    }
    if (select.getFromItem() != null) {
      from(select.getFromItem(), level);
    }
    joins(select.getJoins(), level);
    predicate(select.getWhere(), level);
    Projection projection = projection(select.getSelectItems(), level);
    List<ResultShape.Item> items = projection.items();
    if (select.getWindowDefinitions() != null
        && !select.getWindowDefinitions().isEmpty()
        && (items.stream().anyMatch(ResultShape.Item::isProtected)
            || QuickScan.mayMention(
                select.getWindowDefinitions().toString(), level.guardedNames()))) {
      throw Refusal.operation(
          "a WINDOW clause in a query over protected columns is not supported; write the window"
              + " inline on unprotected columns");
    }
    having(select.getHaving(), level, items);
    generic(select.getQualify(), level, "QUALIFY", items);
    if (select.getDistinct() != null) {
      List<SelectItem<?>> on = select.getDistinct().getOnSelectItems();
      if (on != null) {
        for (SelectItem<?> item : on) {
          grouping(item.getExpression(), items, level, "DISTINCT ON");
        }
      }
      // DISTINCT ON compares only its own list; plain DISTINCT compares every item.
      for (ResultShape.Item item : on == null ? items : List.<ResultShape.Item>of()) {
        for (ColumnPolicy column : protectedColumns(item)) {
          requireOneStoredForm(column, "made DISTINCT", "would return duplicates");
          reveal(column, "equal values (DISTINCT)");
        }
      }
    }
    GroupByElement groupBy = select.getGroupBy();
    if (groupBy != null) {
      for (Expression expression : groupBy.getGroupByExpressionList()) {
        grouping(expression, items, level, "GROUP BY");
      }
      if (groupBy.getGroupingSets() != null) {
        for (ExpressionList<Expression> set : groupBy.getGroupingSets()) {
          for (Expression expression : set) {
            grouping(expression, items, level, "GROUP BY");
          }
        }
      }
    }
    return projection;
  }

  /**
   * HAVING is a predicate over groups: an equality on a grouped deterministic column is answered as
   * in WHERE. A select-list alias of a protected column is not resolved there, so one is refused
   * before the predicate is walked.
   */
  private void having(Expression having, Scope level, List<ResultShape.Item> items) throws Refusal {
    if (having == null) {
      return;
    }
    ResultShape.Item labelled = labelUse(having, items, level);
    if (labelled != null) {
      throw Refusal.operation(
          "HAVING names "
              + labelled.label()
              + ", the select-list label of protected column "
              + labelled.column().displayName()
              + "; name the column itself");
    }
    predicate(having, level);
  }

  private Projection setOperation(SetOperationList setOperations, Scope level) throws Refusal {
    List<Projection> branches = new ArrayList<>();
    for (Select branch : setOperations.getSelects()) {
      branches.add(query(branch, level.child()));
    }
    boolean star = false;
    boolean anyProtected = false;
    for (Projection branch : branches) {
      star |= branch.items().stream().anyMatch(ResultShape.Item::isStar);
      anyProtected |= branch.items().stream().anyMatch(ResultShape.Item::isProtected);
    }
    if (star && anyProtected) {
      throw Refusal.operation(
          "a * in a set operation that returns protected columns hides their positions;"
              + " list the columns");
    }
    if (star) {
      // Plain throughout; only the database knows how many columns the stars stand for.
      return new Projection(
          List.of(ResultShape.Item.star(List.of())), List.of(List.of()), List.of(true), false);
    }
    int width = branches.get(0).items().size();
    for (Projection branch : branches) {
      if (branch.items().size() != width) {
        throw new Refusal(
            VeilSqlState.REFUSED_SYNTAX,
            "the branches of a set operation return different numbers of columns");
      }
    }
    List<ResultShape.Item> items = new ArrayList<>();
    List<List<Expression>> values = new ArrayList<>();
    List<Boolean> computed = new ArrayList<>();
    for (int i = 0; i < width; i++) {
      ColumnPolicy context = null;
      boolean plain = false;
      List<Expression> fed = new ArrayList<>();
      for (Projection branch : branches) {
        ColumnPolicy column = branch.items().get(i).column();
        fed.addAll(branch.values().get(i));
        plain |= branch.computed().get(i);
        if (column == null) {
          continue;
        }
        if (context == null) {
          context = column;
        } else if (!context.sharesContextWith(column)) {
          throw Refusal.operation(
              "a set operation combines protected columns "
                  + context.displayName()
                  + " and "
                  + column.displayName()
                  + ", whose ciphertexts differ; both must be one column or one equality group");
        }
      }
      if (context != null && plain) {
        throw Refusal.operation(
            "a set operation combines protected column "
                + context.displayName()
                + " with plain values in one result column");
      }
      if (context != null) {
        if (!isUnionAll(setOperations)) {
          requireOneStoredForm(context, "combined by UNION, INTERSECT or EXCEPT", "never match");
          reveal(context, "equal values (set operation)");
        }
        for (Expression value : fed) {
          bind(value, context, "returned in place of");
        }
        fed = List.of();
      }
      items.add(ResultShape.Item.column(context, branches.get(0).items().get(i).label()));
      values.add(fed);
      computed.add(plain);
    }
    return new Projection(items, values, computed, !isUnionAll(setOperations));
  }

  private Projection projection(List<SelectItem<?>> selectItems, Scope level) throws Refusal {
    List<ResultShape.Item> items = new ArrayList<>();
    List<List<Expression>> values = new ArrayList<>();
    List<Boolean> computed = new ArrayList<>();
    for (SelectItem<?> item : selectItems) {
      Expression expression = item.getExpression();
      Alias alias = item.getAlias();
      if (alias != null) {
        level.account(alias.getName());
      }
      Identifier label = alias != null ? aliasName(alias) : null;
      if (expression instanceof AllTableColumns tableColumns) {
        items.add(ResultShape.Item.star(level.reference(tableColumns.getTable()).starColumns()));
        values.add(List.of());
        computed.add(false);
      } else if (expression instanceof AllColumns) {
        items.add(ResultShape.Item.star(level.starColumns()));
        values.add(List.of());
        computed.add(false);
      } else if (isValue(expression)) {
        items.add(ResultShape.Item.column(null, label));
        values.add(List.of(expression));
        computed.add(false);
      } else {
        ColumnPolicy column = carrier(expression, level, "the select list");
        if (label == null && unparenthesize(expression) instanceof Column named) {
          label = Identifier.parse(named.getColumnName());
        }
        if (column != null && label != null) {
          // An alias of a protected column stands for it wherever a later clause names it.
          level.guard(label);
        }
        items.add(ResultShape.Item.column(column, label));
        values.add(List.of());
        computed.add(column == null);
      }
    }
    for (int i = 0; i < items.size(); i++) {
      Expression expression = selectItems.get(i).getExpression();
      if (!items.get(i).isProtected()
          && !items.get(i).isStar()
          && values.get(i).isEmpty()
          && !(unparenthesize(expression) instanceof Column)) {
        requireNoProtectedAlias(expression, items, level);
      }
    }
    boolean star = items.stream().anyMatch(ResultShape.Item::isStar);
    for (ResultShape.Item item : items) {
      if (star && item.column() != null && item.label() == null) {
        throw Refusal.operation(
            "a computed protected column beside a * needs an alias, so that Veil can find it in"
                + " the result");
      }
    }
    return new Projection(items, values, computed, false);
  }

  private void orderBy(List<OrderByElement> elements, List<ResultShape.Item> items, Scope level)
      throws Refusal {
    if (elements == null) {
      return;
    }
    for (OrderByElement element : elements) {
      Expression bare = position(element.getExpression());
      if (bare instanceof LongValue ordinal) {
        requirePositionPlain(ordinal.getValue(), items, "ORDER BY");
        continue;
      }
      ColumnPolicy column =
          bare instanceof Column reference ? resolveOrLabel(reference, items, level) : null;
      if (column != null) {
        throw Refusal.operation(
            "ORDER BY on protected column "
                + column.displayName()
                + ": ciphertext order is not plaintext order");
      }
      generic(element.getExpression(), level, "ORDER BY", items);
    }
  }

  /**
   * GROUP BY and DISTINCT ON a deterministic column give the right groups, since equal plaintexts
   * have equal ciphertexts; on a randomized column every row would be a group of its own.
   */
  private void grouping(
      Expression expression, List<ResultShape.Item> items, Scope level, String clause)
      throws Refusal {
    Expression bare = position(expression);
    ColumnPolicy column = null;
    if (bare instanceof LongValue ordinal) {
      column = itemAt(ordinal.getValue(), items, clause);
    } else if (bare instanceof Column reference) {
      column = resolveOrLabel(reference, items, level);
    } else {
      generic(expression, level, clause, items);
    }
    if (column != null) {
      requireOneStoredForm(column, "grouped (" + clause + ")", "would form a group per row");
      reveal(column, "equal values (" + clause + ")");
    }
  }

  /** The protected select-list item an unqualified name stands for, if it is one's label. */
  private ResultShape.Item aliased(Expression bare, List<ResultShape.Item> items) {
    if (!(bare instanceof Column column) || column.getTable() != null || items == null) {
      return null;
    }
    Identifier name = Identifier.parse(column.getColumnName());
    for (ResultShape.Item item : items) {
      if (item.column() != null
          && item.label() != null
          && item.label().matches(name, analyzer.folding)) {
        return item;
      }
    }
    return null;
  }

  // ---------------------------------------------------------------- FROM

  /** Adds a FROM item to {@code level}; returns its table, or {@code null} for a join group. */
  private Scope.TableRef from(FromItem item, Scope level) throws Refusal {
    if (item instanceof Table table) {
      return level.addTable(table);
    } else if (item instanceof ParenthesedSelect subquery) {
      Scope inner = level.derived(item instanceof LateralSubSelect);
      Projection projection = query(subquery.getSelect(), inner);
      Alias alias = subquery.getAlias();
      boolean renames =
          alias != null && alias.getAliasColumns() != null && !alias.getAliasColumns().isEmpty();
      requireNamedOutputs(projection.items(), "a subquery in FROM", renames);
      if (subquery.getPivot() != null || subquery.getUnPivot() != null) {
        throw Refusal.operation("PIVOT over protected tables is not supported");
      }
      if (alias != null) {
        level.account(alias.getName());
      }
      return level.addDerived(
          alias == null ? null : Identifier.parse(alias.getName()), projection.items());
    } else if (item instanceof ParenthesedFromItem group && group.getAlias() == null) {
      from(group.getFromItem(), level);
      joins(group.getJoins(), level);
      return null;
    } else {
      if (QuickScan.mayMention(item.toString(), level.guardedNames())) {
        throw Refusal.operation(
            "table functions and this form of FROM item are not supported over protected tables");
      }
      if (item.getAlias() != null) {
        level.account(item.getAlias().getName());
        return level.addDerived(Identifier.parse(item.getAlias().getName()), List.of());
      }
      return null;
    }
  }

  private void joins(List<Join> joins, Scope level) throws Refusal {
    if (joins == null) {
      return;
    }
    for (Join join : joins) {
      from(join.getFromItem(), level);
    }
    for (Join join : joins) {
      if (join.isNatural() && level.anyProtected()) {
        throw Refusal.operation(
            "NATURAL JOIN with a protected table would compare columns implicitly;"
                + " join ON named columns");
      }
      for (Expression on : join.getOnExpressions()) {
        predicate(on, level);
      }
      for (Column using : join.getUsingColumns()) {
        ColumnPolicy column = level.resolve(using);
        if (column != null) {
          throw Refusal.operation(
              "a join USING protected column "
                  + column.displayName()
                  + " is not supported; write ON a.col = b.col with both columns in one equality"
                  + " group");
        }
      }
    }
  }

  // ---------------------------------------------------------------- INSERT, UPDATE, DELETE, MERGE

  private ResultShape insert(Insert insert) throws Refusal {
    with(insert.getWithItemsList(), root);
    Scope.TableRef target = root.addTarget(insert.getTable());
    if (insert.getRowAlias() != null
        || (insert.getSelect() instanceof Values values && values.getAlias() != null)
        || insert.getOutputClause() != null
        || (insert.getOracleMultiInsertBranches() != null
            && !insert.getOracleMultiInsertBranches().isEmpty())) {
      throw Refusal.operation(
          "row aliases (INSERT ... AS new), OUTPUT and multi-table INSERT are not supported on"
              + " statements that touch protected tables");
    }

    List<ColumnPolicy> targets = targetColumns(target, insert.getColumns(), insert.getSelect());
    if (insert.getSelect() != null) {
      source(targets, insert.getSelect());
    }
    if (insert.getSetUpdateSets() != null) {
      sets(insert.getSetUpdateSets(), root, target);
    }
    InsertConflictTarget conflict = insert.getConflictTarget();
    if (conflict != null) {
      for (String column : conflict.getIndexColumnNames()) {
        root.account(column);
      }
      generic(conflict.getIndexExpression(), root, "ON CONFLICT");
      predicate(conflict.getWhereExpression(), root);
    }
    InsertConflictAction action = insert.getConflictAction();
    if (action != null) {
      // EXCLUDED is the row that failed to insert: the target's columns, in the target's context.
      Scope conflictLevel = root.child();
      conflictLevel.addRowAlias(new Identifier("excluded", false), target.policy());
      if (action.getUpdateSets() != null) {
        sets(action.getUpdateSets(), conflictLevel, target);
        for (UpdateSet set : action.getUpdateSets()) {
          unprintedParameters(set.getValues());
        }
      }
      predicate(action.getWhereExpression(), conflictLevel);
      unprintedParameters(action.getWhereExpression());
    }
    if (insert.getDuplicateUpdateSets() != null) {
      if (insert.getSelect() != null && !(insert.getSelect() instanceof Values)) {
        // Its SET may name the source query's columns, which the walk resolved elsewhere.
        throw Refusal.operation(
            "ON DUPLICATE KEY UPDATE after INSERT ... SELECT is not supported on statements that"
                + " touch protected tables");
      }
      duplicateTarget = target;
      sets(insert.getDuplicateUpdateSets(), root, target);
      duplicateTarget = null;
    }
    return returning(insert.getReturningClause(), root, target);
  }

  private ResultShape upsert(Upsert upsert) throws Refusal {
    Scope.TableRef target = root.addTarget(upsert.getTable());
    List<ColumnPolicy> targets = targetColumns(target, upsert.getColumns(), upsert.getSelect());
    if (upsert.getSelect() != null) {
      source(targets, upsert.getSelect());
    }
    if (upsert.getUpdateSets() != null) {
      sets(upsert.getUpdateSets(), root, target);
    }
    if (upsert.getDuplicateUpdateSets() != null) {
      if (upsert.getSelect() != null && !(upsert.getSelect() instanceof Values)) {
        throw Refusal.operation(
            "ON DUPLICATE KEY UPDATE after a query is not supported on protected tables");
      }
      duplicateTarget = target;
      sets(upsert.getDuplicateUpdateSets(), root, target);
      duplicateTarget = null;
    }
    return ResultShape.NONE;
  }

  /** The protected column each named target column is, in order; the list is required. */
  private List<ColumnPolicy> targetColumns(
      Scope.TableRef target, List<Column> columns, Select source) throws Refusal {
    if (target.policy() != null && source != null && (columns == null || columns.isEmpty())) {
      throw Refusal.operation(
          "INSERT INTO "
              + target.name()
              + " without a column list: name the columns so Veil knows which values to"
              + " encrypt");
    }
    List<ColumnPolicy> targets = new ArrayList<>();
    if (columns != null) {
      for (Column column : columns) {
        root.account(column.getColumnName());
        targets.add(target.column(Identifier.parse(column.getColumnName()), analyzer));
      }
    }
    return targets;
  }

  /** The rows an INSERT writes: VALUES, or a query whose columns must fit the targets' contexts. */
  private void source(List<ColumnPolicy> targets, Select source) throws Refusal {
    boolean protectedTarget = targets.stream().anyMatch(c -> c != null);
    if (source instanceof Values values) {
      for (List<Expression> row : rows(values.getExpressions())) {
        if (protectedTarget && row.size() != targets.size()) {
          throw new Refusal(
              VeilSqlState.REFUSED_SYNTAX,
              "a row of the INSERT has "
                  + row.size()
                  + " values for "
                  + targets.size()
                  + " columns");
        }
        for (int i = 0; i < row.size(); i++) {
          assign(i < targets.size() ? targets.get(i) : null, row.get(i), root);
        }
      }
      return;
    }
    Projection projection = query(source, root.derived(false));
    List<ResultShape.Item> items = projection.items();
    boolean protectedSource = items.stream().anyMatch(ResultShape.Item::isProtected);
    if (!protectedTarget && !protectedSource) {
      return;
    }
    if (items.stream().anyMatch(ResultShape.Item::isStar) || items.size() != targets.size()) {
      throw Refusal.operation(
          "INSERT ... SELECT with protected columns must select exactly one named column or value"
              + " per target column");
    }
    for (int i = 0; i < targets.size(); i++) {
      ColumnPolicy target = targets.get(i);
      ColumnPolicy from = items.get(i).column();
      if (target == null || from != null) {
        if (target != null || from != null) {
          requireSameContext(target, from, "INSERT ... SELECT");
        }
        continue;
      }
      List<Expression> values = projection.values().get(i);
      if (projection.computed().get(i) || values.isEmpty()) {
        requireSameContext(target, null, "INSERT ... SELECT");
      }
      if (projection.deduplicated()) {
        // UNION, INTERSECT and EXCEPT compare the values, each encrypted on its own.
        requireOneStoredForm(target, "fed by UNION, INTERSECT or EXCEPT of values", "never match");
      }
      for (Expression value : values) {
        bind(value, target, "assigned to");
      }
    }
  }

  private ResultShape update(Update update) throws Refusal {
    with(update.getWithItemsList(), root);
    Scope.TableRef target = root.addTarget(update.getTable());
    joins(update.getStartJoins(), root);
    if (update.getFromItem() != null) {
      from(update.getFromItem(), root);
    }
    joins(update.getJoins(), root);
    // MySQL's UPDATE a JOIN b SET may assign either table; elsewhere SET names the target's
    // columns.
    boolean multiTable = update.getStartJoins() != null && !update.getStartJoins().isEmpty();
    sets(update.getUpdateSets(), root, multiTable ? null : target);
    predicate(update.getWhere(), root);
    orderBy(update.getOrderByElements(), List.of(), root);
    limit(update.getLimit(), root);
    return returning(update.getReturningClause(), root, target);
  }

  private ResultShape delete(Delete delete) throws Refusal {
    with(delete.getWithItemsList(), root);
    Scope.TableRef target = root.addTarget(delete.getTable());
    if (delete.getUsingFromItemList() != null) {
      for (FromItem using : delete.getUsingFromItemList()) {
        from(using, root);
      }
    }
    joins(delete.getJoins(), root);
    if (delete.getTables() != null) {
      for (Table deleted : delete.getTables()) {
        root.reference(deleted);
      }
    }
    predicate(delete.getWhere(), root);
    orderBy(delete.getOrderByElements(), List.of(), root);
    limit(delete.getLimit(), root);
    return returning(delete.getReturningClause(), root, target);
  }

  private ResultShape merge(Merge merge) throws Refusal {
    with(merge.getWithItemsList(), root);
    Scope.TableRef target = root.addTarget(merge.getTable());
    Scope.TableRef source = from(merge.getFromItem(), root);
    if (merge.getOutputClause() != null) {
      throw Refusal.operation("MERGE ... OUTPUT on a protected table is not supported");
    }
    predicate(merge.getOnCondition(), root);
    for (MergeOperation operation : merge.getOperations()) {
      if (operation instanceof MergeUpdate update) {
        predicate(update.getAndPredicate(), root);
        sets(update.getUpdateSets(), root, target);
        predicate(update.getWhereCondition(), root);
        predicate(update.getDeleteWhereCondition(), root);
      } else if (operation instanceof MergeInsert insert) {
        if (source == null) {
          throw Refusal.operation("a MERGE source must be a table or an aliased subquery");
        }
        if (target.policy() != null
            && (insert.getColumns() == null || insert.getColumns().isEmpty())) {
          throw Refusal.operation(
              "WHEN NOT MATCHED THEN INSERT into "
                  + target.name()
                  + " without a column list: name the columns so Veil knows which values to"
                  + " encrypt");
        }
        List<ColumnPolicy> targets = targetColumns(target, insert.getColumns(), null);
        // The condition and the inserted values see only the source row: no target row exists.
        Scope sourceOnly = root.only(source);
        predicate(insert.getAndPredicate(), sourceOnly);
        List<Expression> values = new ArrayList<>(insert.getValues());
        if (targets.isEmpty()) {
          for (Expression value : values) {
            assign(null, value, sourceOnly);
          }
        } else if (targets.size() != values.size()) {
          throw new Refusal(
              VeilSqlState.REFUSED_SYNTAX,
              "WHEN NOT MATCHED THEN INSERT names "
                  + targets.size()
                  + " columns and "
                  + values.size()
                  + " values");
        } else {
          for (int i = 0; i < values.size(); i++) {
            assign(targets.get(i), values.get(i), sourceOnly);
          }
        }
        predicate(insert.getWhereCondition(), sourceOnly);
      } else if (operation instanceof MergeDelete delete) {
        predicate(delete.getAndPredicate(), root);
      } else {
        throw Refusal.operation("this MERGE operation is not supported on protected tables");
      }
    }
    return returning(merge.getReturningClause(), root, target);
  }

  /**
   * The assignments of SET.
   *
   * @param target the table whose columns unqualified SET names are, or {@code null} when they may
   *     be any table's (MySQL multi-table UPDATE)
   */
  private void sets(List<UpdateSet> sets, Scope level, Scope.TableRef target) throws Refusal {
    for (UpdateSet set : sets) {
      ExpressionList<?> values = set.getValues();
      List<ColumnPolicy> columns = new ArrayList<>();
      for (Column column : set.getColumns()) {
        columns.add(target == null ? level.resolve(column) : level.resolveTarget(column, target));
      }
      boolean anyProtected = columns.stream().anyMatch(c -> c != null);
      if (values.size() != columns.size()) {
        if (anyProtected) {
          throw Refusal.operation(
              "SET (...) = (subquery) on a protected column is not supported;"
                  + " assign each protected column on its own");
        }
        for (Expression value : values) {
          requirePlain(value, level, "SET");
        }
        continue;
      }
      for (int i = 0; i < columns.size(); i++) {
        assign(columns.get(i), values.get(i), level);
      }
    }
  }

  /**
   * A value written to a column: encrypted when it is a parameter or literal and the column is
   * protected; otherwise it must carry the column's own context, or no protection at all for an
   * unprotected column.
   */
  private void assign(ColumnPolicy target, Expression value, Scope level) throws Refusal {
    if (isDefault(value)) {
      return;
    }
    if (target == null) {
      ColumnPolicy from =
          isValue(value)
              ? null
              : carrier(value, level, "a value assigned to an unprotected column");
      if (from != null) {
        requireSameContext(null, from, "an assignment");
      }
      return;
    }
    if (isValue(value)) {
      bind(value, target, "assigned to");
      return;
    }
    requireSameContext(
        target,
        carrier(value, level, "a value assigned to " + target.displayName()),
        "an assignment");
  }

  /**
   * What {@code getGeneratedKeys()} may return after a write: the RETURNING list when there is one
   * (pgjdbc returns it as the keys), else any column of the statement's tables, since pgjdbc
   * appends RETURNING * to a write run for generated keys, which includes the tables of UPDATE ...
   * FROM and DELETE ... USING.
   */
  private ResultShape generatedKeys(ResultShape returning) {
    if (!returning.items().isEmpty()) {
      return returning;
    }
    List<ResultShape.Item> columns = root.starColumns();
    return columns.isEmpty()
        ? ResultShape.NONE
        : new ResultShape(List.of(ResultShape.Item.star(columns)));
  }

  private ResultShape returning(ReturningClause returning, Scope level, Scope.TableRef target)
      throws Refusal {
    if (returning == null) {
      return ResultShape.NONE;
    }
    // PostgreSQL 18 names the row before and after the write OLD and NEW.
    level.addRowAlias(new Identifier("old", false), target.policy());
    level.addRowAlias(new Identifier("new", false), target.policy());
    return new ResultShape(projection(returning, level).items());
  }

  private void limit(Limit limit, Scope level) throws Refusal {
    if (limit != null) {
      clause(limit.getRowCount(), "LIMIT", level);
      clause(limit.getOffset(), "OFFSET", level);
    }
  }

  /**
   * JSqlParser's deparser prints ON CONFLICT DO UPDATE without visiting its expressions, so the
   * parameter invariant must be told of the parameters there.
   */
  private void unprintedParameters(Expression expression) {
    if (expression != null) {
      clauseParameters.addAll(ParameterCollector.collect(expression));
    }
  }

  /** LIMIT, OFFSET and FETCH: the JSqlParser visitors do not reach parameters here. */
  private void clause(Expression expression, String name, Scope level) throws Refusal {
    if (expression instanceof JdbcParameter parameter) {
      clauseParameters.add(parameter);
    } else {
      generic(expression, level, name);
    }
  }

  // ---------------------------------------------------------------- predicates

  private void predicate(Expression expression, Scope level) throws Refusal {
    if (expression == null) {
      return;
    }
    Expression e = unparenthesize(expression);
    if (e instanceof AndExpression || e instanceof OrExpression || e instanceof XorExpression) {
      BinaryExpression logical = (BinaryExpression) e;
      predicate(logical.getLeftExpression(), level);
      predicate(logical.getRightExpression(), level);
    } else if (e instanceof NotExpression not) {
      predicate(not.getExpression(), level);
    } else if (e instanceof EqualsTo || e instanceof NotEqualsTo) {
      equality((BinaryExpression) e, level);
    } else if (e instanceof InExpression in) {
      in(in, level);
    } else if (e instanceof IsNullExpression isNull) {
      if (!isValue(isNull.getLeftExpression())) {
        ColumnPolicy column = carrier(isNull.getLeftExpression(), level, "IS NULL");
        if (column != null) {
          reveal(column, "NULL or not");
        }
      }
    } else if (e instanceof ExistsExpression exists
        && exists.getRightExpression() instanceof Select subquery) {
      query(subquery, level.child());
    } else {
      generic(e, level, describe(e));
    }
  }

  private void equality(BinaryExpression comparison, Scope level) throws Refusal {
    Expression left = comparison.getLeftExpression();
    Expression right = comparison.getRightExpression();
    if (arrayOperand(right) != null || right instanceof AnyComparisonExpression) {
      quantified(comparison instanceof NotEqualsTo, left, right, level);
      return;
    }
    boolean leftValue = isValue(left);
    boolean rightValue = isValue(right);
    ColumnPolicy leftColumn = leftValue ? null : carrier(left, level, "a comparison");
    ColumnPolicy rightColumn = rightValue ? null : carrier(right, level, "a comparison");
    if (leftColumn == null && rightColumn == null) {
      return;
    }
    if (leftColumn != null && rightColumn != null) {
      compareColumns(leftColumn, rightColumn);
      return;
    }
    ColumnPolicy column = leftColumn != null ? leftColumn : rightColumn;
    requireDeterministic(column, "compared", "never match");
    if (leftColumn != null ? rightValue : leftValue) {
      Expression value = leftColumn != null ? right : left;
      bindLookup(value, column, "compared with");
      widenLookup(comparison, leftColumn != null ? left : right, value, column);
      revealLookup(column, "equality with a value the application supplies");
      return;
    }
    throw Refusal.operation(
        "protected column "
            + column.displayName()
            + " is compared with a plain column or expression: the database would compare"
            + " ciphertext with plaintext");
  }

  private void compareColumns(ColumnPolicy left, ColumnPolicy right) throws Refusal {
    if (!left.sharesContextWith(right)) {
      throw Refusal.operation(
          "comparing protected columns "
              + left.displayName()
              + " and "
              + right.displayName()
              + ": their ciphertexts never match; put both in one equality group (policy"
              + " 'group:') to join on them");
    }
    requireOneStoredForm(left, "compared", "never match");
    reveal(left, "equality with " + right.displayName());
    if (!left.equals(right)) {
      reveal(right, "equality with " + left.displayName());
    }
  }

  /**
   * {@code col = ANY(?)}, {@code col <> ALL(?)} and their subquery forms. An array on a protected
   * column holds every stored form of each element (one per key version, and the legacy plaintext
   * of a migrating column), which only the "is one of" and "is none of" forms answer correctly:
   * {@code = ALL} and {@code <> ANY} are refused.
   */
  private void quantified(boolean notEquals, Expression left, Expression right, Scope level)
      throws Refusal {
    ColumnPolicy column = isValue(left) ? null : carrier(left, level, "ANY");
    JdbcParameter array = arrayOperand(right);
    if (array != null) {
      if (column != null) {
        requireDeterministic(column, "compared with ANY", "never match");
        boolean all = ((Function) right).getName().equalsIgnoreCase("ALL");
        if (all != notEquals) {
          throw Refusal.operation(
              (notEquals ? "<> ANY/SOME" : "= ALL")
                  + " on protected column "
                  + column.displayName()
                  + " is not supported: an element has several stored forms; use = ANY(?) or"
                  + " <> ALL(?)");
        }
        bindLookup(array, column, "compared with");
        arrayParameters.add(array.getIndex());
        revealLookup(column, "equality with values the application supplies");
      }
      return;
    }
    if (right instanceof AnyComparisonExpression any) {
      Projection projection = query(any.getSelect(), level.child());
      compareWithSubquery(column, projection, "ANY (subquery)");
      return;
    }
    generic(right, level, "ANY");
  }

  private void in(InExpression in, Scope level) throws Refusal {
    Expression left = in.getLeftExpression();
    if (left instanceof ParenthesedExpressionList<?> tuple && tuple.size() != 1) {
      generic(in, level, "IN");
      return;
    }
    ColumnPolicy column = isValue(left) ? null : carrier(left, level, "IN");
    Expression right = in.getRightExpression();
    if (right instanceof Select subquery) {
      compareWithSubquery(column, query(subquery, level.child()), "IN (subquery)");
      return;
    }
    if (!(right instanceof ExpressionList<?> list)) {
      if (column != null) {
        throw Refusal.operation(
            column.displayName() + " IN an expression is not supported; list the values");
      }
      generic(right, level, "IN");
      return;
    }
    if (column != null) {
      requireDeterministic(column, "matched with IN", "never match");
      revealLookup(column, "equality with values the application supplies");
    }
    for (Expression value : list) {
      if (column != null && isValue(value)) {
        bindLookup(value, column, "listed in IN against");
        int width = analyzer.lookupWidth(column);
        if (width > 1 && !(unparenthesize(value) instanceof NullValue)) {
          int[] range = text.range(value);
          widenings.add(new Widening(range[0], range[1], "", "", width));
        }
      } else if (column != null) {
        ColumnPolicy other = carrier(value, level, "IN");
        if (other == null) {
          throw Refusal.operation(
              "protected column "
                  + column.displayName()
                  + " is listed in IN against a plain column or expression");
        }
        compareColumns(column, other);
      } else {
        requirePlain(value, level, "IN");
      }
    }
  }

  private void compareWithSubquery(ColumnPolicy column, Projection subquery, String how)
      throws Refusal {
    List<ResultShape.Item> items = subquery.items();
    if (items.size() != 1 || items.get(0).isStar()) {
      if (column != null || items.stream().anyMatch(ResultShape.Item::isProtected)) {
        throw Refusal.operation(how + " with protected columns must select exactly one column");
      }
      return;
    }
    ColumnPolicy other = items.get(0).column();
    if (column == null && other == null) {
      return;
    }
    if (column == null || other == null) {
      ColumnPolicy present = column != null ? column : other;
      throw Refusal.operation(
          how
              + " compares protected column "
              + present.displayName()
              + " with plain values: the database would compare ciphertext with plaintext");
    }
    compareColumns(column, other);
  }

  // ---------------------------------------------------------------- values

  /**
   * The protected column whose ciphertext an expression yields unchanged: a column, a scalar
   * subquery selecting one, or a CASE or COALESCE whose every branch is one context (its parameters
   * and literals then bound in that context). {@code null} for a plain value, after checking that
   * the expression computes on no protected value.
   */
  private ColumnPolicy carrier(Expression expression, Scope level, String where) throws Refusal {
    Expression e = unparenthesize(expression);
    if (e instanceof Column column) {
      return level.resolve(column);
    }
    if (e instanceof ParenthesedSelect subquery) {
      List<ResultShape.Item> items = query(subquery, level.child()).items();
      if (items.size() == 1 && !items.get(0).isStar()) {
        return items.get(0).column();
      }
      if (items.stream().anyMatch(ResultShape.Item::isProtected)) {
        throw Refusal.operation("a scalar subquery over protected columns must select one column");
      }
      return null;
    }
    if (e instanceof CaseExpression caseExpression) {
      return caseValue(caseExpression, level, where);
    }
    if (e instanceof Function function && function.getParameters() != null) {
      String name = function.getName().toUpperCase(Locale.ROOT);
      List<Expression> arguments = new ArrayList<>(function.getParameters());
      if (FIRST_NON_NULL.contains(name) && !function.isDistinct() && function.getKeep() == null) {
        return branches(arguments, level, name);
      }
      if (name.equals("VALUES")
          && duplicateTarget != null
          && arguments.size() == 1
          && arguments.get(0) instanceof Column column
          && column.getTable() == null) {
        level.account(column.getColumnName());
        return duplicateTarget.column(Identifier.parse(column.getColumnName()), analyzer);
      }
    }
    generic(e, level, where);
    return null;
  }

  private ColumnPolicy caseValue(CaseExpression caseExpression, Scope level, String where)
      throws Refusal {
    Expression switchExpression = caseExpression.getSwitchExpression();
    ColumnPolicy switched =
        switchExpression == null || isValue(switchExpression)
            ? null
            : carrier(switchExpression, level, "CASE");
    List<Expression> results = new ArrayList<>();
    for (WhenClause when : caseExpression.getWhenClauses()) {
      Expression condition = when.getWhenExpression();
      if (switchExpression == null) {
        predicate(condition, level);
      } else if (switched != null) {
        requireDeterministic(switched, "compared in CASE", "never match");
        if (isValue(condition)) {
          if (analyzer.lookupWidth(switched) > 1) {
            throw Refusal.operation(
                "CASE "
                    + switched.displayName()
                    + " WHEN value cannot match every stored form of the value while its key has"
                    + " several versions or the column is migrating; write CASE WHEN "
                    + switched.column()
                    + " = ? instead");
          }
          bindLookup(condition, switched, "compared in CASE with");
          reveal(switched, "equality with a value the application supplies");
        } else {
          ColumnPolicy other = carrier(condition, level, "CASE");
          if (other == null) {
            throw Refusal.operation(
                "CASE compares protected column "
                    + switched.displayName()
                    + " with a plain column or expression");
          }
          compareColumns(switched, other);
        }
      } else {
        requirePlain(condition, level, "CASE");
      }
      results.add(when.getThenExpression());
    }
    if (caseExpression.getElseExpression() != null) {
      results.add(caseExpression.getElseExpression());
    }
    return branches(results, level, where);
  }

  /**
   * The branches of a CASE or the arguments of COALESCE: the database returns one of them as is, so
   * they must all be one context, with parameters and literals encrypted in it, or all plain.
   */
  private ColumnPolicy branches(List<Expression> branches, Scope level, String where)
      throws Refusal {
    ColumnPolicy context = null;
    boolean plain = false;
    List<Expression> values = new ArrayList<>();
    for (Expression branch : branches) {
      if (isValue(branch)) {
        values.add(branch);
        continue;
      }
      ColumnPolicy column = carrier(branch, level, where);
      if (column == null) {
        plain = true;
      } else if (context == null) {
        context = column;
      } else if (!context.sharesContextWith(column)) {
        throw Refusal.operation(
            where
                + " returns either "
                + context.displayName()
                + " or "
                + column.displayName()
                + ", whose ciphertexts differ");
      }
    }
    if (context != null && plain) {
      throw Refusal.operation(
          where
              + " returns either protected column "
              + context.displayName()
              + " or a plain value; Veil could not tell which to decrypt");
    }
    if (context != null) {
      for (Expression value : values) {
        bind(value, context, "returned in place of");
      }
    }
    return context;
  }

  /**
   * Where the database itself compares stored values of a column (DISTINCT, GROUP BY, set
   * operations, joins, COUNT(DISTINCT)), each value must have one stored form: deterministic, and
   * neither under several enabled key versions nor partly legacy plaintext, which would make one
   * value look like several.
   */
  private void requireOneStoredForm(ColumnPolicy column, String how, String why) throws Refusal {
    requireDeterministic(column, how, why);
    if (analyzer.lookupWidth(column) > 1) {
      throw Refusal.operation(
          column.displayName()
              + " cannot be "
              + how
              + " while "
              + (column.migrating()
                  ? "it is migrating: legacy plaintext and ciphertext of one value differ"
                  : "its key has several enabled versions: one value has a stored form per"
                      + " version")
              + "; finish re-encryption ('veil reencrypt' or 'veil encrypt-existing') and retire"
              + " the old versions first");
    }
  }

  /**
   * While a lookup must match more than one stored form of a value (a key with several enabled
   * versions, a migrating column), {@code col = ?} is sent as {@code (col IN (?, ?))}, and {@code
   * col <> ?} as {@code (col NOT IN (?, ?))}, each parameter bound with one form.
   */
  private void widenLookup(
      BinaryExpression comparison, Expression columnSide, Expression value, ColumnPolicy column)
      throws Refusal {
    int width = analyzer.lookupWidth(column);
    if (width == 1 || unparenthesize(value) instanceof NullValue) {
      return;
    }
    int[] columnRange = text.range(columnSide);
    int[] valueRange = text.range(value);
    widenings.add(
        new Widening(
            Math.min(columnRange[0], valueRange[0]),
            Math.max(columnRange[1], valueRange[1]),
            "("
                + sql.substring(columnRange[0], columnRange[1])
                + (comparison instanceof NotEqualsTo ? " NOT IN (" : " IN ("),
            "))",
            width));
  }

  /**
   * Binds a parameter or literal that an equality lookup compares with a protected column: a plan
   * made for fewer stored forms than the keys later give must not bind it (see {@link
   * StatementPlan#lookupParameter}).
   */
  private void bindLookup(Expression value, ColumnPolicy column, String how) throws Refusal {
    int literalCount = literals.size();
    bind(value, column, how);
    if (unparenthesize(value) instanceof JdbcParameter parameter) {
      lookupParameters.add(parameter.getIndex());
    } else if (literals.size() > literalCount) {
      MovedLiteral literal = literals.remove(literalCount);
      literals.add(literal.asLookup());
    }
  }

  /** Binds a parameter or literal to a protected column; anything else is refused. */
  private void bind(Expression value, ColumnPolicy column, String how) throws Refusal {
    Expression v = unparenthesize(value);
    if (v instanceof JdbcParameter parameter) {
      if (parameter.isUseFixedIndex()) {
        throw new Refusal(
            VeilSqlState.REFUSED_SYNTAX,
            "numbered parameters (?1) are not supported on protected columns; use plain ?");
      }
      ColumnPolicy previous = parameters.put(parameter.getIndex(), column);
      if (previous != null && !previous.sharesContextWith(column)) {
        throw Refusal.operation(
            "one parameter is bound for both "
                + previous.displayName()
                + " and "
                + column.displayName());
      }
      protectedParameters.add(parameter);
      return;
    }
    if (v instanceof NullValue) {
      return;
    }
    Object literal = literalValue(v, column);
    if (literal != null) {
      int[] range = text.range(v);
      literals.add(new MovedLiteral(range[0], range[1], column, literal));
      return;
    }
    throw Refusal.operation(
        "protected column "
            + column.displayName()
            + " is "
            + how
            + " an expression; Veil can only encrypt a parameter or a literal there");
  }

  private void reveal(ColumnPolicy column, String what) {
    reveals.add(new Reveal(column, what));
  }

  /** A lookup on a migrating column also sends the looked-up value as the legacy plaintext. */
  private void revealLookup(ColumnPolicy column, String what) {
    reveal(column, what);
    if (column.migrating()) {
      reveal(column, "the looked-up value itself, in the clear (the column is migrating)");
    }
  }

  // ---------------------------------------------------------------- everything else

  private void requirePlain(Expression value, Scope level, String where) throws Refusal {
    if (isValue(value)) {
      return;
    }
    ColumnPolicy column = carrier(value, level, where);
    if (column != null) {
      throw Refusal.operation(
          "protected column "
              + column.displayName()
              + " cannot be used in "
              + where
              + " as a plain value");
    }
  }

  private void generic(Expression expression, Scope level, String where) throws Refusal {
    generic(expression, level, where, null);
  }

  /**
   * Checks an expression Veil does not interpret: it must compute on no protected value. Its
   * subqueries are walked at a level of their own; an EXISTS subquery may read anything, any other
   * must return plain values. {@code COUNT(col)} counts non-NULL values, which NULL-ness already
   * shows, and {@code COUNT(DISTINCT col)} is right on a deterministic column.
   *
   * @param aliases the select list, whose protected labels HAVING and ORDER BY may name, or {@code
   *     null} where they are not visible
   */
  private void generic(
      Expression expression, Scope level, String where, List<ResultShape.Item> aliases)
      throws Refusal {
    if (expression == null) {
      return;
    }
    ColumnCollector collector = new ColumnCollector();
    expression.accept(collector, null);
    for (Select subquery : collector.existsSubqueries) {
      query(subquery, level.child());
    }
    for (Select subquery : collector.subqueries) {
      for (ResultShape.Item item : query(subquery, level.child()).items()) {
        if (item.isProtected()) {
          throw Refusal.operation(
              describe(unparenthesize(expression))
                  + " on a subquery that returns protected columns cannot be answered on"
                  + " ciphertext (in "
                  + where
                  + ")");
        }
      }
    }
    for (Function count : collector.counts) {
      ColumnPolicy column = resolveOrLabel((Column) count.getParameters().get(0), aliases, level);
      if (column != null && count.isDistinct()) {
        requireOneStoredForm(column, "counted DISTINCT", "would all count as different");
        reveal(column, "number of distinct values");
      }
    }
    for (AllTableColumns star : collector.tableStars) {
      if (level.reference(star.getTable()).carriesProtection()) {
        throw Refusal.operation(
            "a whole-row reference to a protected table in "
                + where
                + " would expose its protected columns; name the columns instead");
      }
    }
    for (Column column : collector.columns) {
      ColumnPolicy policy = resolveOrLabel(column, aliases, level);
      if (policy != null) {
        String what = describe(unparenthesize(expression));
        throw Refusal.operation(
            what
                + " on protected column "
                + policy.displayName()
                + (what.equals(where) ? "" : " in " + where)
                + " cannot be answered on ciphertext");
      }
    }
  }

  /**
   * The protected column a name stands for: the table column it resolves to, else, where {@code
   * items} is given, the select-list item it is the label of.
   */
  private ColumnPolicy resolveOrLabel(Column column, List<ResultShape.Item> items, Scope level)
      throws Refusal {
    ColumnPolicy resolved = level.resolve(column);
    if (resolved != null) {
      return resolved;
    }
    ResultShape.Item item = aliased(column, items);
    return item == null ? null : item.column();
  }

  /**
   * The protected select-list item whose label an expression names where no table column of that
   * name resolves, or {@code null}. Subqueries are not entered: they are walked on their own.
   */
  private ResultShape.Item labelUse(
      Expression expression, List<ResultShape.Item> items, Scope level) throws Refusal {
    ColumnCollector collector = new ColumnCollector();
    expression.accept(collector, null);
    for (Column column : collector.columns) {
      ResultShape.Item item = aliased(column, items);
      if (item != null && level.resolve(column) == null) {
        return item;
      }
    }
    return null;
  }

  /**
   * Refuses a computed select-list item that names another item's protected label where no table
   * column of that name exists: MySQL lets a window's ORDER BY name a select-list alias.
   */
  private void requireNoProtectedAlias(
      Expression expression, List<ResultShape.Item> items, Scope level) throws Refusal {
    ResultShape.Item item = labelUse(expression, items, level);
    if (item != null) {
      throw Refusal.operation(
          describe(unparenthesize(expression))
              + " on protected column "
              + item.column().displayName()
              + " in the select list cannot be answered on ciphertext");
    }
  }
}
