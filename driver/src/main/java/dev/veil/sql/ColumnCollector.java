package dev.veil.sql;

import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.Select;

/**
 * Collects what an expression refers to: its column references, its {@code t.*} references, and its
 * subqueries, without descending into them (their columns belong to another scope).
 */
final class ColumnCollector extends ExpressionVisitorAdapter<Void> {
  final List<Column> columns = new ArrayList<>();
  final List<AllTableColumns> tableStars = new ArrayList<>();
  final List<Select> subqueries = new ArrayList<>();

  @Override
  public <S> Void visit(Column column, S context) {
    columns.add(column);
    return null;
  }

  @Override
  public <S> Void visit(AllTableColumns tableColumns, S context) {
    tableStars.add(tableColumns);
    return null;
  }

  @Override
  public <S> Void visit(ParenthesedSelect select, S context) {
    subqueries.add(select);
    return null;
  }

  @Override
  public <S> Void visit(Select select, S context) {
    subqueries.add(select);
    return null;
  }
}
