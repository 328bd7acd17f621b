package dev.veil.driver;

import dev.veil.errors.VeilErrors;
import dev.veil.errors.VeilSqlState;
import dev.veil.policy.ColumnPolicy;
import dev.veil.policy.Identifier;
import dev.veil.policy.IdentifierCase;
import dev.veil.policy.Storage;
import dev.veil.policy.TableName;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads from {@code DatabaseMetaData} whether each protected column of a table is a binary column
 * (ciphertext stored as bytes) or a character column (stored as base64 text).
 */
final class StorageDetector {
  private StorageDetector() {}

  static Map<ColumnPolicy, Storage> detect(
      Connection connection, List<ColumnPolicy> columns, IdentifierCase folding)
      throws SQLException {
    TableName table = columns.get(0).table();
    DatabaseMetaData metaData = connection.getMetaData();
    String escape = metaData.getSearchStringEscape();
    String schema = table.schema() == null ? null : pattern(table.schema(), folding, escape);
    // Without a schema in the policy, a table of that name may exist in several schemas; the
    // connection's current schema is the one its unqualified statements reach.
    String current = schema == null ? connection.getSchema() : null;
    Map<ColumnPolicy, Map<String, Storage>> bySchema = new HashMap<>();
    try (ResultSet rows =
        metaData.getColumns(null, schema, pattern(table.table(), folding, escape), null)) {
      while (rows.next()) {
        Identifier name = new Identifier(rows.getString("COLUMN_NAME"), true);
        String rowSchema = String.valueOf(rows.getString("TABLE_SCHEM"));
        for (ColumnPolicy column : columns) {
          if (column.column().matches(name, folding)) {
            bySchema
                .computeIfAbsent(column, c -> new HashMap<>())
                .put(
                    rowSchema,
                    storageOf(column, rows.getInt("DATA_TYPE"), rows.getString("TYPE_NAME")));
          }
        }
      }
    }
    Map<ColumnPolicy, Storage> found = new HashMap<>();
    for (Map.Entry<ColumnPolicy, Map<String, Storage>> entry : bySchema.entrySet()) {
      Map<String, Storage> candidates = entry.getValue();
      Storage storage =
          candidates.size() == 1
              ? candidates.values().iterator().next()
              : current == null ? null : candidates.get(current);
      if (storage == null) {
        throw VeilErrors.of(
            VeilSqlState.CONFIGURATION,
            "protected column "
                + entry.getKey().displayName()
                + " exists in several schemas "
                + new java.util.TreeSet<>(candidates.keySet())
                + "; qualify the table with its schema in the policy, or set 'storage:'");
      }
      found.put(entry.getKey(), storage);
    }
    for (ColumnPolicy column : columns) {
      if (!found.containsKey(column)) {
        throw VeilErrors.of(
            VeilSqlState.CONFIGURATION,
            "cannot find protected column "
                + column.displayName()
                + " in the database to tell whether it stores bytes or text; create the table"
                + " first, or set 'storage: binary' or 'storage: text' in the policy");
      }
    }
    return found;
  }

  private static String pattern(Identifier identifier, IdentifierCase folding, String escape) {
    String name = identifier.folded(folding);
    if (escape == null || escape.isEmpty()) {
      return name;
    }
    return name.replace(escape, escape + escape)
        .replace("_", escape + "_")
        .replace("%", escape + "%");
  }

  private static Storage storageOf(ColumnPolicy column, int sqlType, String typeName)
      throws SQLException {
    switch (sqlType) {
      case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB:
        return Storage.BINARY;
      case Types.CHAR,
      Types.VARCHAR,
      Types.LONGVARCHAR,
      Types.NCHAR,
      Types.NVARCHAR,
      Types.LONGNVARCHAR,
      Types.CLOB,
      Types.NCLOB:
        return Storage.TEXT;
      default:
        throw VeilErrors.of(
            VeilSqlState.CONFIGURATION,
            "protected column "
                + column.displayName()
                + " is of type "
                + typeName
                + "; it must be a binary column (BYTEA, VARBINARY, BLOB) or a text column"
                + " (VARCHAR, TEXT) to hold ciphertext");
    }
  }
}
