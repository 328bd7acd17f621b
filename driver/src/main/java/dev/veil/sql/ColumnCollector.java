package dev.veil.sql;

import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.schema.Column;

/**
 * Collects the column references of an expression, without descending into subqueries (whose
 * columns belong to another scope).
 */
final class ColumnCollector extends ExpressionVisitorAdapter<Void> {
  final List<Column> columns = new ArrayList<>();

  @Override
  public <S> Void visit(Column column, S context) {
    columns.add(column);
    return null;
  }
}
