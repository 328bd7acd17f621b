package dev.veil.jdbc;

import dev.veil.sql.ResultShape;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;

/** Resolves a plan's result shape against the metadata of one concrete result. */
final class ResultColumns {
  private ResultColumns() {}

  static ResultShape.Resolution resolve(
      ResultShape shape, ResultSetMetaData metaData, ProtectionContext context)
      throws SQLException {
    if (!shape.needsMetadata()) {
      return new ResultShape.Resolution(
          shape.staticColumns(), new boolean[shape.items().size() + 1]);
    }
    int count = metaData.getColumnCount();
    String[] labels = new String[count + 1];
    String[] tables = new String[count + 1];
    for (int i = 1; i <= count; i++) {
      labels[i] = metaData.getColumnLabel(i);
      tables[i] = metaData.getTableName(i);
    }
    return shape.resolve(count, i -> labels[i], i -> tables[i], context.folding());
  }
}
