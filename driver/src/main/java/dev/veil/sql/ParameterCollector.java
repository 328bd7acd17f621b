package dev.veil.sql;

import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.util.deparser.ExpressionDeParser;
import net.sf.jsqlparser.util.deparser.SelectDeParser;
import net.sf.jsqlparser.util.deparser.StatementDeParser;

/**
 * Finds every JDBC parameter of a statement by running JSqlParser's deparser, which must visit all
 * of them to print the statement; the visitor adapters skip some positions.
 */
final class ParameterCollector extends ExpressionDeParser {
  private final List<JdbcParameter> found = new ArrayList<>();

  static List<JdbcParameter> collect(Statement statement) {
    StringBuilder buffer = new StringBuilder();
    ParameterCollector expressions = new ParameterCollector();
    SelectDeParser selects = new SelectDeParser(expressions, buffer);
    expressions.setSelectVisitor(selects);
    expressions.setBuilder(buffer);
    statement.accept(new StatementDeParser(expressions, selects, buffer));
    return expressions.found;
  }

  /** The parameters of one expression, subqueries included. */
  static List<JdbcParameter> collect(Expression expression) {
    StringBuilder buffer = new StringBuilder();
    ParameterCollector expressions = new ParameterCollector();
    expressions.setSelectVisitor(new SelectDeParser(expressions, buffer));
    expressions.setBuilder(buffer);
    expression.accept(expressions, null);
    return expressions.found;
  }

  @Override
  public <S> StringBuilder visit(JdbcParameter parameter, S context) {
    found.add(parameter);
    return super.visit(parameter, context);
  }
}
