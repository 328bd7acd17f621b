package dev.veil.sql;

import dev.veil.errors.VeilSqlState;
import dev.veil.policy.ColumnPolicy;
import dev.veil.policy.EncryptionMode;
import dev.veil.policy.Identifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.BooleanValue;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.arithmetic.Addition;
import net.sf.jsqlparser.expression.operators.arithmetic.Concat;
import net.sf.jsqlparser.expression.operators.arithmetic.Division;
import net.sf.jsqlparser.expression.operators.arithmetic.Modulo;
import net.sf.jsqlparser.expression.operators.arithmetic.Multiplication;
import net.sf.jsqlparser.expression.operators.arithmetic.Subtraction;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.conditional.XorExpression;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.GreaterThan;
import net.sf.jsqlparser.expression.operators.relational.GreaterThanEquals;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.expression.operators.relational.MinorThan;
import net.sf.jsqlparser.expression.operators.relational.MinorThanEquals;
import net.sf.jsqlparser.expression.operators.relational.NotEqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.expression.operators.relational.RegExpMatchOperator;
import net.sf.jsqlparser.expression.operators.relational.SimilarToExpression;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.ReturningClause;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.comment.Comment;
import net.sf.jsqlparser.statement.create.index.CreateIndex;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.create.view.AlterView;
import net.sf.jsqlparser.statement.create.view.CreateView;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.GroupByElement;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.Limit;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.truncate.Truncate;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;

/**
 * The analysis of one parsed statement: mutable, single-threaded, thrown away once the plan is
 * built. It walks the shapes Veil serves (see the SQL support matrix), binds each protected
 * parameter and literal to its column, refuses the rest, and then checks two invariants over the
 * parser's token stream, so that a construct the walk did not look at cannot slip through:
 *
 * <ul>
 *   <li>every token that names a protected table, alias or column was consumed by the walk;
 *   <li>every {@code ?} token is a JDBC parameter, so indexes agree with the delegate driver's.
 * </ul>
 */
final class Analysis {
  private final SqlAnalyzer analyzer;
  private final String sql;
  private final StatementText text;
  private final Scope scope;
  private final Map<Integer, ColumnPolicy> parameters = new HashMap<>();
  private final List<JdbcParameter> protectedParameters = new ArrayList<>();
  private final List<JdbcParameter> clauseParameters = new ArrayList<>();
  private final List<MovedLiteral> literals = new ArrayList<>();

  /**
   * The select list once walked: HAVING, GROUP BY and ORDER BY may name its aliases, which stand
   * for the columns behind them. {@code null} while WHERE is walked, where aliases are not visible.
   */
  private List<ResultShape.Item> projection;

  /** What {@code getGeneratedKeys()} may return of a protected table written to. */
  private ResultShape generatedKeys = ResultShape.NONE;

  Analysis(SqlAnalyzer analyzer, String sql, ParsedSql parsed) {
    this.analyzer = analyzer;
    this.sql = sql;
    this.text = new StatementText(sql, parsed.tokens);
    this.scope = new Scope(analyzer);
  }

  StatementPlan run(Statement statement) throws Refusal {
    text.requireUnambiguousLexing();
    ResultShape result = ResultShape.NONE;
    if (statement instanceof PlainSelect select) {
      result = select(select);
    } else if (statement instanceof Select) {
      throw Refusal.operation(
          "set operations (UNION, INTERSECT, EXCEPT), WITH and VALUES queries over protected"
              + " tables are not supported yet");
    } else if (statement instanceof Insert insert) {
      insert(insert);
    } else if (statement instanceof Update update) {
      update(update);
    } else if (statement instanceof Delete delete) {
      delete(delete);
    } else if (isSchemaChange(statement)) {
      text.requireNoValuesOnProtectedColumns(
          analyzer.protectedColumnNames, statement instanceof Comment);
      return StatementPlan.passthrough(sql);
    } else if (statement instanceof CreateView
        || statement instanceof AlterView
        || statement instanceof CreateTable) {
      // A view or CREATE TABLE AS may hold a predicate on a protected column, whose literal
      // would be stored in the catalog in the clear; allow only those that name none.
      text.requireEveryReferenceAccounted(scope.guardedNames(), scope.accounted());
      return StatementPlan.passthrough(sql);
    } else {
      throw Refusal.operation(
          statement.getClass().getSimpleName()
              + " statements that mention a protected table are not supported");
    }
    text.requireEveryReferenceAccounted(scope.guardedNames(), scope.accounted());
    List<Integer> placeholders =
        text.requireParametersAccounted(statement, clauseParameters, protectedParameters);
    return text.build(placeholders, parameters, literals, result, generatedKeys);
  }

  private static boolean isSchemaChange(Statement statement) {
    return (statement instanceof CreateTable create && create.getSelect() == null)
        || statement instanceof Alter
        || statement instanceof Drop
        || statement instanceof Truncate
        || statement instanceof CreateIndex
        || statement instanceof Comment;
  }

  // ---------------------------------------------------------------- SELECT

  private ResultShape select(PlainSelect select) throws Refusal {
    if (select.getWithItemsList() != null && !select.getWithItemsList().isEmpty()) {
      throw Refusal.operation("WITH over protected tables is not supported yet");
    }
    if (select.getIntoTables() != null && !select.getIntoTables().isEmpty()) {
      throw Refusal.operation("SELECT INTO from protected tables is not supported");
    }
    if (select.getFromItem() != null) {
      from(select.getFromItem());
    }
    List<Join> joins = select.getJoins() == null ? List.of() : select.getJoins();
    for (Join join : joins) {
      from(join.getFromItem());
    }
    for (Join join : joins) {
      if (join.isNatural() && scope.anyProtected()) {
        throw Refusal.operation(
            "NATURAL JOIN with a protected table would compare ciphertext columns implicitly;"
                + " join ON named unprotected columns");
      }
      for (Expression on : join.getOnExpressions()) {
        predicate(on);
      }
      for (Column using : join.getUsingColumns()) {
        ColumnPolicy column = scope.resolve(using);
        if (column != null) {
          throw Refusal.operation(
              "a join USING protected column "
                  + column.displayName()
                  + " is not supported yet; joins on encrypted columns need an equality group");
        }
      }
    }
    predicate(select.getWhere());
    List<ResultShape.Item> items = projection(select.getSelectItems());
    projection = items;
    // With the aliases known, check again what the select list computes: MySQL lets a window's
    // ORDER BY name a select-list alias.
    for (SelectItem<?> item : select.getSelectItems()) {
      if (!(unparenthesize(item.getExpression()) instanceof Column)
          && !(item.getExpression() instanceof AllColumns)) {
        generic(item.getExpression(), "the select list");
      }
    }
    if (select.getWindowDefinitions() != null
        && !select.getWindowDefinitions().isEmpty()
        && items.stream()
            .anyMatch(i -> i.column() != null || (i.isStar() && !i.star().isEmpty()))) {
      throw Refusal.operation(
          "a WINDOW clause in a query that returns protected columns is not supported yet");
    }
    generic(select.getHaving(), "HAVING");
    if (select.getDistinct() != null) {
      if (select.getDistinct().getOnSelectItems() != null) {
        for (SelectItem<?> item : select.getDistinct().getOnSelectItems()) {
          ordering(item.getExpression(), items, "DISTINCT ON");
        }
      }
      for (ResultShape.Item item : items) {
        List<ColumnPolicy> columns = item.isStar() ? item.star() : listOf(item.column());
        for (ColumnPolicy column : columns) {
          if (column.mode() == EncryptionMode.RANDOMIZED) {
            throw Refusal.operation(
                "DISTINCT over randomized column "
                    + column.displayName()
                    + " would return duplicates: every encryption of a value differs");
          }
        }
      }
    }
    GroupByElement groupBy = select.getGroupBy();
    if (groupBy != null) {
      for (Expression expression : groupBy.getGroupByExpressionList()) {
        ordering(expression, items, "GROUP BY");
      }
      if (groupBy.getGroupingSets() != null) {
        for (ExpressionList<Expression> set : groupBy.getGroupingSets()) {
          for (Expression expression : set) {
            ordering(expression, items, "GROUP BY");
          }
        }
      }
    }
    orderBy(select.getOrderByElements(), items);
    limit(select.getLimit());
    if (select.getOffset() != null) {
      clause(select.getOffset().getOffset(), "OFFSET");
    }
    if (select.getFetch() != null) {
      clause(select.getFetch().getExpression(), "FETCH");
    }
    return new ResultShape(items);
  }

  private List<ResultShape.Item> projection(List<SelectItem<?>> selectItems) throws Refusal {
    List<ResultShape.Item> items = new ArrayList<>();
    for (SelectItem<?> item : selectItems) {
      Expression expression = item.getExpression();
      Alias alias = item.getAlias();
      if (alias != null) {
        scope.account(alias.getName());
      }
      if (expression instanceof AllTableColumns tableColumns) {
        Scope.TableRef ref = scope.reference(tableColumns.getTable());
        items.add(ResultShape.Item.star(ref.policy() == null ? List.of() : ref.policy().columns()));
      } else if (expression instanceof AllColumns) {
        items.add(ResultShape.Item.star(scope.protectedColumns()));
      } else if (unparenthesize(expression) instanceof Column column) {
        ColumnPolicy policy = scope.resolve(column);
        Identifier label =
            alias != null ? aliasName(alias) : Identifier.parse(column.getColumnName());
        items.add(ResultShape.Item.column(policy, label));
      } else {
        generic(expression, "the select list");
        items.add(ResultShape.Item.column(null, null));
      }
    }
    return items;
  }

  private void orderBy(List<OrderByElement> elements, List<ResultShape.Item> items) throws Refusal {
    if (elements != null) {
      for (OrderByElement element : elements) {
        ordering(element.getExpression(), items, "ORDER BY");
      }
    }
  }

  /** ORDER BY, GROUP BY and DISTINCT ON may name a select-list position or alias. */
  private void ordering(Expression expression, List<ResultShape.Item> items, String clause)
      throws Refusal {
    Expression bare = unparenthesize(expression);
    // MySQL reads ORDER BY +1 as a position too.
    if (bare instanceof SignedExpression signed
        && signed.getSign() == '+'
        && signed.getExpression() instanceof LongValue) {
      bare = signed.getExpression();
    }
    if (bare instanceof LongValue ordinal) {
      long position = ordinal.getValue();
      for (int i = 0; i < items.size() && i < position; i++) {
        ResultShape.Item item = items.get(i);
        boolean protectedAt = i == position - 1 && item.column() != null;
        if (protectedAt || (item.isStar() && !item.star().isEmpty())) {
          throw Refusal.operation(
              clause + " " + position + " may name a protected column; " + why(clause));
        }
      }
      return;
    }
    if (bare instanceof Column column && column.getTable() == null) {
      Identifier name = Identifier.parse(column.getColumnName());
      for (ResultShape.Item item : items) {
        if (item.column() != null
            && item.label() != null
            && item.label().matches(name, analyzer.folding)) {
          throw Refusal.operation(
              clause + " on protected column " + item.column().displayName() + ": " + why(clause));
        }
      }
    }
    generic(expression, clause);
  }

  /** A select-list alias; MySQL also accepts one written as a string, {@code AS 'S'}. */
  private static Identifier aliasName(Alias alias) {
    String name = alias.getName();
    if (name.length() > 1 && name.startsWith("'") && name.endsWith("'")) {
      // MySQL compares such an alias case-insensitively, like an unquoted name.
      return new Identifier(name.substring(1, name.length() - 1).replace("''", "'"), false);
    }
    return Identifier.parse(name);
  }

  private static String why(String clause) {
    return switch (clause) {
      case "ORDER BY" -> "ciphertext order is not plaintext order";
      case "GROUP BY", "DISTINCT ON" -> "grouping on encrypted columns is not supported yet";
      default -> "the database cannot evaluate it on ciphertext";
    };
  }

  private void from(FromItem item) throws Refusal {
    if (item instanceof Table table) {
      scope.addTable(table);
      return;
    }
    if (QuickScan.mayMention(item.toString(), scope.protectedNames())) {
      throw Refusal.operation(
          "subqueries, LATERAL and table functions over protected tables in FROM are not"
              + " supported yet");
    }
    if (item.getAlias() != null) {
      scope.addDerived(item.getAlias().getName());
    }
  }

  // ---------------------------------------------------------------- INSERT, UPDATE, DELETE

  private void insert(Insert insert) throws Refusal {
    Scope.TableRef target = scope.addTable(insert.getTable());
    writes(target);
    boolean protectedTarget = target.policy() != null;
    if (protectedTarget) {
      String table = target.name().toString();
      if (insert.getWithItemsList() != null && !insert.getWithItemsList().isEmpty()) {
        throw Refusal.operation(
            "WITH ... INSERT into protected table " + table + " is not supported yet");
      }
      if (insert.getConflictAction() != null
          || insert.getDuplicateUpdateSets() != null
          || insert.getSetUpdateSets() != null) {
        throw Refusal.operation(
            "upserts (ON CONFLICT, ON DUPLICATE KEY, INSERT ... SET) into protected table "
                + table
                + " are not supported yet");
      }
      if (insert.getColumns() == null || insert.getColumns().isEmpty()) {
        throw Refusal.operation(
            "INSERT INTO "
                + table
                + " without a column list: name the columns so Veil knows which values to"
                + " encrypt");
      }
      if (!(insert.getSelect() instanceof Values)) {
        throw Refusal.operation(
            "INSERT ... SELECT into protected table " + table + " is not supported yet");
      }
    }
    List<ColumnPolicy> targets = new ArrayList<>();
    if (insert.getColumns() != null) {
      for (Column column : insert.getColumns()) {
        scope.account(column.getColumnName());
        Identifier name = Identifier.parse(column.getColumnName());
        targets.add(
            protectedTarget ? target.policy().column(name, analyzer.folding).orElse(null) : null);
      }
    }
    if (insert.getSelect() instanceof Values values) {
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
          ColumnPolicy column = i < targets.size() ? targets.get(i) : null;
          if (column != null) {
            bind(row.get(i), column, "assigned to");
          } else {
            generic(row.get(i), "a value of the INSERT");
          }
        }
      }
    }
    returning(insert.getReturningClause(), target);
  }

  private static List<List<Expression>> rows(ExpressionList<?> values) {
    List<List<Expression>> rows = new ArrayList<>();
    boolean multiRow = !values.isEmpty();
    for (Expression value : values) {
      multiRow &= value instanceof ExpressionList;
    }
    if (multiRow) {
      for (Expression row : values) {
        rows.add(new ArrayList<>((ExpressionList<?>) row));
      }
    } else {
      rows.add(new ArrayList<>(values));
    }
    return rows;
  }

  private void update(Update update) throws Refusal {
    Scope.TableRef target = scope.addTable(update.getTable());
    writes(target);
    boolean extraTables =
        update.getFromItem() != null
            || (update.getJoins() != null && !update.getJoins().isEmpty())
            || (update.getStartJoins() != null && !update.getStartJoins().isEmpty());
    if (extraTables) {
      throw Refusal.operation(
          "UPDATE with FROM or JOIN on a statement that touches protected table "
              + target.name()
              + " is not supported yet");
    }
    if (update.getWithItemsList() != null && !update.getWithItemsList().isEmpty()) {
      throw Refusal.operation("WITH ... UPDATE of a protected table is not supported yet");
    }
    for (UpdateSet set : update.getUpdateSets()) {
      ExpressionList<?> values = set.getValues();
      List<ColumnPolicy> columns = new ArrayList<>();
      for (Column column : set.getColumns()) {
        columns.add(scope.resolve(column));
      }
      boolean anyProtected = columns.stream().anyMatch(c -> c != null);
      if (values.size() != columns.size()) {
        if (anyProtected) {
          throw Refusal.operation(
              "SET (...) = (subquery) on a protected column is not supported;"
                  + " assign each protected column a parameter");
        }
        for (Expression value : values) {
          generic(value, "SET");
        }
        continue;
      }
      for (int i = 0; i < columns.size(); i++) {
        if (columns.get(i) != null) {
          bind(values.get(i), columns.get(i), "assigned to");
        } else {
          generic(values.get(i), "a value of the UPDATE");
        }
      }
    }
    predicate(update.getWhere());
    orderBy(update.getOrderByElements(), List.of());
    limit(update.getLimit());
    returning(update.getReturningClause(), target);
  }

  private void delete(Delete delete) throws Refusal {
    boolean extraTables =
        (delete.getTables() != null && !delete.getTables().isEmpty())
            || (delete.getUsingFromItemList() != null && !delete.getUsingFromItemList().isEmpty())
            || (delete.getJoins() != null && !delete.getJoins().isEmpty());
    if (extraTables) {
      throw Refusal.operation(
          "DELETE with USING, JOIN or several tables on protected tables is not supported yet");
    }
    Scope.TableRef target = scope.addTable(delete.getTable());
    writes(target);
    if (delete.getWithItemsList() != null && !delete.getWithItemsList().isEmpty()) {
      throw Refusal.operation("WITH ... DELETE from a protected table is not supported yet");
    }
    predicate(delete.getWhere());
    orderBy(delete.getOrderByElements(), List.of());
    limit(delete.getLimit());
    returning(delete.getReturningClause(), target);
  }

  private void writes(Scope.TableRef target) {
    if (target.policy() != null) {
      generatedKeys = new ResultShape(List.of(ResultShape.Item.star(target.policy().columns())));
    }
  }

  private void returning(ReturningClause returning, Scope.TableRef target) throws Refusal {
    if (returning == null) {
      return;
    }
    for (SelectItem<?> item : returning) {
      if (item.getAlias() != null) {
        scope.account(item.getAlias().getName());
      }
      if (item.getExpression() instanceof AllColumns && target.policy() != null) {
        throw Refusal.operation(
            "RETURNING * from protected table "
                + target.name()
                + " is not supported yet;"
                + " list the unprotected columns");
      }
      generic(item.getExpression(), "RETURNING");
    }
  }

  private void limit(Limit limit) throws Refusal {
    if (limit != null) {
      clause(limit.getRowCount(), "LIMIT");
      clause(limit.getOffset(), "OFFSET");
    }
  }

  /** LIMIT, OFFSET and FETCH: the JSqlParser visitors do not reach parameters here. */
  private void clause(Expression expression, String name) throws Refusal {
    if (expression instanceof JdbcParameter parameter) {
      clauseParameters.add(parameter);
    } else {
      generic(expression, name);
    }
  }

  // ---------------------------------------------------------------- predicates

  private void predicate(Expression expression) throws Refusal {
    if (expression == null) {
      return;
    }
    Expression e = unparenthesize(expression);
    if (e instanceof AndExpression || e instanceof OrExpression || e instanceof XorExpression) {
      BinaryExpression logical = (BinaryExpression) e;
      predicate(logical.getLeftExpression());
      predicate(logical.getRightExpression());
    } else if (e instanceof NotExpression not) {
      predicate(not.getExpression());
    } else if (e instanceof EqualsTo || e instanceof NotEqualsTo) {
      BinaryExpression comparison = (BinaryExpression) e;
      equality(comparison.getLeftExpression(), comparison.getRightExpression());
    } else if (e instanceof InExpression in) {
      in(in);
    } else if (e instanceof IsNullExpression isNull) {
      if (protectedColumn(isNull.getLeftExpression()) == null) {
        generic(isNull.getLeftExpression(), "IS NULL");
      }
    } else {
      generic(e, describe(e));
    }
  }

  private void equality(Expression left, Expression right) throws Refusal {
    ColumnPolicy leftColumn = protectedColumn(left);
    ColumnPolicy rightColumn = protectedColumn(right);
    if (leftColumn == null && rightColumn == null) {
      generic(left, "a comparison");
      generic(right, "a comparison");
      return;
    }
    if (leftColumn != null && rightColumn != null) {
      throw Refusal.operation(
          "comparing protected columns "
              + leftColumn.displayName()
              + " and "
              + rightColumn.displayName()
              + " is not supported yet; joins on encrypted columns need an equality group");
    }
    ColumnPolicy column = leftColumn != null ? leftColumn : rightColumn;
    requireDeterministic(column, "compared");
    bind(leftColumn != null ? right : left, column, "compared with");
  }

  private void in(InExpression in) throws Refusal {
    ColumnPolicy column = protectedColumn(in.getLeftExpression());
    if (column == null) {
      generic(in.getLeftExpression(), "IN");
      generic(in.getRightExpression(), "IN");
      return;
    }
    requireDeterministic(column, "matched with IN");
    if (!(in.getRightExpression() instanceof ExpressionList<?> list)) {
      throw Refusal.operation(
          column.displayName() + " IN (subquery) is not supported yet; list parameters instead");
    }
    for (Expression value : list) {
      bind(value, column, "listed in IN against");
    }
  }

  private static void requireDeterministic(ColumnPolicy column, String how) throws Refusal {
    if (column.mode() == EncryptionMode.RANDOMIZED) {
      throw Refusal.operation(
          "randomized column "
              + column.displayName()
              + " cannot be "
              + how
              + ": every encryption of a value differs. Declare it deterministic if lookups are"
              + " needed");
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
      parameters.put(parameter.getIndex(), column);
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
    if (v instanceof Column other) {
      ColumnPolicy otherPolicy = scope.resolve(other);
      throw Refusal.operation(
          "protected column "
              + column.displayName()
              + " is "
              + how
              + (otherPolicy == null
                  ? " another column: the database would compare ciphertext with plaintext"
                  : " protected column "
                      + otherPolicy.displayName()
                      + ": ciphertexts of different columns never match"));
    }
    throw Refusal.operation(
        "protected column "
            + column.displayName()
            + " is "
            + how
            + " an expression; Veil can only encrypt a parameter or a literal there");
  }

  private Object literalValue(Expression v, ColumnPolicy column) throws Refusal {
    if (v instanceof StringValue string) {
      if (string.getPrefix() != null && !string.getPrefix().isEmpty()) {
        throw Refusal.operation(
            "a prefixed string literal against "
                + column.displayName()
                + " cannot be read unambiguously; bind it as a parameter");
      }
      return string.getNotExcapedValue();
    }
    if (v instanceof LongValue number) {
      BigInteger big = new BigInteger(number.getStringValue());
      return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }
    if (v instanceof DoubleValue) {
      // DoubleValue keeps the literal as written; parsing it as a double would round it.
      return new BigDecimal(v.toString());
    }
    if (v instanceof BooleanValue bool) {
      return bool.getValue();
    }
    if (v instanceof SignedExpression signed
        && (signed.getExpression() instanceof LongValue
            || signed.getExpression() instanceof DoubleValue)) {
      Object magnitude = literalValue(signed.getExpression(), column);
      BigDecimal value = new BigDecimal(magnitude.toString());
      value = signed.getSign() == '-' ? value.negate() : value;
      return signed.getExpression() instanceof LongValue ? (Object) value.toBigInteger() : value;
    }
    return null;
  }

  // ---------------------------------------------------------------- columns

  /** The protected column an expression is, if it is a bare column reference. */
  private ColumnPolicy protectedColumn(Expression expression) throws Refusal {
    return unparenthesize(expression) instanceof Column column ? scope.resolve(column) : null;
  }

  /**
   * Checks an expression Veil does not interpret: it must not involve a protected column. Columns
   * inside subqueries are not resolved here (they belong to another scope); the token invariant
   * refuses the statement if a protected column hides there.
   */
  private void generic(Expression expression, String where) throws Refusal {
    if (expression == null) {
      return;
    }
    ColumnCollector collector = new ColumnCollector();
    expression.accept(collector, null);
    for (Select subquery : collector.subqueries) {
      if (QuickScan.mayMention(subquery.toString(), scope.protectedNames())) {
        throw Refusal.operation(
            "subqueries that read protected tables are not supported yet (in " + where + ")");
      }
    }
    for (AllTableColumns star : collector.tableStars) {
      if (scope.reference(star.getTable()).policy() != null) {
        throw Refusal.operation(
            "a whole-row reference to a protected table in "
                + where
                + " would expose its protected columns; name the columns instead");
      }
    }
    for (Column column : collector.columns) {
      ColumnPolicy policy = scope.resolve(column);
      if (policy == null && projection != null && column.getTable() == null) {
        policy = protectedAlias(Identifier.parse(column.getColumnName()));
      }
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

  /** The protected column a select-list label stands for, if any. */
  private ColumnPolicy protectedAlias(Identifier name) {
    for (ResultShape.Item item : projection) {
      if (item.column() != null
          && item.label() != null
          && item.label().matches(name, analyzer.folding)) {
        return item.column();
      }
    }
    return null;
  }

  private static String describe(Expression e) {
    if (e instanceof GreaterThan
        || e instanceof GreaterThanEquals
        || e instanceof MinorThan
        || e instanceof MinorThanEquals
        || e instanceof Between) {
      return "a range comparison";
    }
    if (e instanceof LikeExpression
        || e instanceof SimilarToExpression
        || e instanceof RegExpMatchOperator) {
      return "a pattern match (LIKE)";
    }
    if (e instanceof Function) {
      return "a function";
    }
    if (e instanceof Addition
        || e instanceof Subtraction
        || e instanceof Multiplication
        || e instanceof Division
        || e instanceof Modulo
        || e instanceof Concat) {
      return "arithmetic";
    }
    return "an expression";
  }

  private static Expression unparenthesize(Expression expression) {
    Expression e = expression;
    while (true) {
      if (e instanceof ParenthesedExpressionList<?> list && list.size() == 1) {
        e = list.get(0);
      } else {
        return e;
      }
    }
  }

  private static List<ColumnPolicy> listOf(ColumnPolicy column) {
    return column == null ? List.of() : List.of(column);
  }
}
