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

  private final StringBuilder buffer = new StringBuilder();
  private final SelectDeParser selects = new SelectDeParser(this, buffer);

  private ParameterCollector() {
    setSelectVisitor(selects);
    setBuilder(buffer);
  }

  static List<JdbcParameter> collect(Statement statement) {
    ParameterCollector collector = new ParameterCollector();
    statement.accept(new StatementDeParser(collector, collector.selects, collector.buffer));
    return collector.found;
  }

  /** The parameters of one expression, subqueries included. */
  static List<JdbcParameter> collect(Expression expression) {
    ParameterCollector collector = new ParameterCollector();
    expression.accept(collector, null);
    return collector.found;
  }

  @Override
  public <S> StringBuilder visit(JdbcParameter parameter, S context) {
    found.add(parameter);
    return super.visit(parameter, context);
  }
}
