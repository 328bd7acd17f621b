package dev.veil.sql;

import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.operators.relational.ExistsExpression;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.Select;

/**
 * Collects what an expression refers to: its column references, its {@code t.*} references, its
 * subqueries (apart from those of EXISTS, whose rows are never returned) and its {@code COUNT} of a
 * single column, without descending into any of these (their columns belong to another scope or are
 * judged on their own).
 */
final class ColumnCollector extends ExpressionVisitorAdapter<Void> {
  final List<Column> columns = new ArrayList<>();
  final List<AllTableColumns> tableStars = new ArrayList<>();
  final List<Select> subqueries = new ArrayList<>();
  final List<Select> existsSubqueries = new ArrayList<>();
  final List<Function> counts = new ArrayList<>();

  @Override
  public <S> Void visit(ExistsExpression exists, S context) {
    if (exists.getRightExpression() instanceof Select select) {
      existsSubqueries.add(select);
      return null;
    }
    return super.visit(exists, context);
  }

  @Override
  public <S> Void visit(Function function, S context) {
    if (function.getName().equalsIgnoreCase("COUNT")
        && function.getParameters() != null
        && function.getParameters().size() == 1
        && function.getParameters().get(0) instanceof Column
        && function.getKeep() == null) {
      counts.add(function);
      return null;
    }
    return super.visit(function, context);
  }

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
