package dev.veil.sql;

import dev.veil.policy.ColumnPolicy;
import dev.veil.policy.Identifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.BooleanValue;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.arithmetic.Addition;
import net.sf.jsqlparser.expression.operators.arithmetic.Concat;
import net.sf.jsqlparser.expression.operators.arithmetic.Division;
import net.sf.jsqlparser.expression.operators.arithmetic.Modulo;
import net.sf.jsqlparser.expression.operators.arithmetic.Multiplication;
import net.sf.jsqlparser.expression.operators.arithmetic.Subtraction;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.GreaterThan;
import net.sf.jsqlparser.expression.operators.relational.GreaterThanEquals;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.expression.operators.relational.MinorThan;
import net.sf.jsqlparser.expression.operators.relational.MinorThanEquals;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.expression.operators.relational.RegExpMatchOperator;
import net.sf.jsqlparser.expression.operators.relational.SimilarToExpression;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.comment.Comment;
import net.sf.jsqlparser.statement.create.index.CreateIndex;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.UnionOp;
import net.sf.jsqlparser.statement.truncate.Truncate;

/**
 * What a piece of SQL syntax is, asked of JSqlParser's nodes without any scope: whether an
 * expression is a value Veil can bind and what that value is, how to read positions, aliases and
 * rows, and how to name an expression in a message. Stateless.
 */
final class Expressions {
  private static final Set<String> QUANTIFIERS = Set.of("ANY", "SOME", "ALL");

  private Expressions() {}

  /** The statement's leading keyword, for messages: a name, never a value. */
  static String firstWord(String sql) {
    String stripped = sql.strip();
    int end = 0;
    while (end < stripped.length() && Character.isLetter(stripped.charAt(end))) {
      end++;
    }
    return end == 0 ? "Such" : stripped.substring(0, end).toUpperCase(Locale.ROOT);
  }

  static boolean isSchemaChange(Statement statement) {
    return (statement instanceof CreateTable create && create.getSelect() == null)
        || statement instanceof Alter
        || statement instanceof Drop
        || statement instanceof Truncate
        || statement instanceof CreateIndex
        || statement instanceof Comment;
  }

  static boolean isUnionAll(SetOperationList setOperations) {
    return setOperations.getOperations().stream()
        .allMatch(op -> op instanceof UnionOp union && union.isAll());
  }

  /** MySQL reads {@code ORDER BY +1} as a position too. */
  static Expression position(Expression expression) {
    Expression bare = unparenthesize(expression);
    if (bare instanceof SignedExpression signed
        && signed.getSign() == '+'
        && signed.getExpression() instanceof LongValue) {
      return signed.getExpression();
    }
    return bare;
  }

  /** A select-list alias; MySQL also accepts one written as a string, {@code AS 'S'}. */
  static Identifier aliasName(Alias alias) {
    String name = alias.getName();
    if (name.length() > 1 && name.startsWith("'") && name.endsWith("'")) {
      // MySQL compares such an alias case-insensitively, like an unquoted name.
      return new Identifier(name.substring(1, name.length() - 1).replace("''", "'"), false);
    }
    return Identifier.parse(name);
  }

  static List<List<Expression>> rows(ExpressionList<?> values) {
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

  static boolean isDefault(Expression value) {
    return value instanceof Column column
        && column.getTable() == null
        && column.getColumnName().equalsIgnoreCase("DEFAULT");
  }

  /**
   * The array parameter of {@code ANY(?)}, {@code SOME(?)} or {@code ALL(?)}, if that is what e is.
   */
  static JdbcParameter arrayOperand(Expression e) {
    if (e instanceof Function function
        && function.getParameters() != null
        && function.getParameters().size() == 1
        && function.getParameters().get(0) instanceof JdbcParameter parameter
        && QUANTIFIERS.contains(function.getName().toUpperCase(Locale.ROOT))) {
      return parameter;
    }
    return null;
  }

  /** Whether an expression is a value Veil can bind: a parameter, a literal, or NULL. */
  static boolean isValue(Expression expression) {
    Expression v = unparenthesize(expression);
    return v instanceof JdbcParameter
        || v instanceof NullValue
        || v instanceof StringValue
        || v instanceof LongValue
        || v instanceof DoubleValue
        || v instanceof BooleanValue
        || isSignedNumber(v);
  }

  /**
   * {@code -5} or {@code +5}; not {@code ~5}, a bitwise complement JSqlParser also calls signed.
   */
  static boolean isSignedNumber(Expression v) {
    return v instanceof SignedExpression signed
        && signed.getSign() != '~'
        && (signed.getExpression() instanceof LongValue
            || signed.getExpression() instanceof DoubleValue);
  }

  static Object literalValue(Expression v, ColumnPolicy column) throws Refusal {
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
    if (isSignedNumber(v)) {
      SignedExpression signed = (SignedExpression) v;
      Object magnitude = literalValue(signed.getExpression(), column);
      BigDecimal value = new BigDecimal(magnitude.toString());
      value = signed.getSign() == '-' ? value.negate() : value;
      if (signed.getExpression() instanceof DoubleValue) {
        return value;
      }
      BigInteger whole = value.toBigInteger();
      return whole.bitLength() < 64 ? (Object) whole.longValue() : whole;
    }
    return null;
  }

  static String describe(Expression e) {
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

  static Expression unparenthesize(Expression expression) {
    Expression e = expression;
    while (e instanceof ParenthesedExpressionList<?> list && list.size() == 1) {
      e = list.get(0);
    }
    return e;
  }

  static List<ColumnPolicy> protectedColumns(ResultShape.Item item) {
    if (item.isStar()) {
      return item.starColumns();
    }
    return item.column() == null ? List.of() : List.of(item.column());
  }
}
