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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads from {@code DatabaseMetaData} how a database names things and whether each protected column
 * of a table is a binary column (ciphertext stored as bytes) or a character column (stored as
 * base64 text). Public for the command line's bulk jobs, which work on a plain connection.
 */
public final class StorageDetector {
  private StorageDetector() {}

  /**
   * How the database compares names. MySQL and MariaDB compare column names case-insensitively even
   * when quoted, whatever they report for table names, and a database whose quoted names are not
   * case-sensitive is treated the same way: both err towards a column being protected.
   */
  public static IdentifierCase folding(DatabaseMetaData metaData) throws SQLException {
    String product = String.valueOf(metaData.getDatabaseProductName()).toLowerCase(Locale.ROOT);
    if (product.contains("mysql")
        || product.contains("mariadb")
        || !metaData.supportsMixedCaseQuotedIdentifiers()) {
      return IdentifierCase.MIXED;
    }
    if (metaData.storesLowerCaseIdentifiers()) {
      return IdentifierCase.LOWER;
    }
    return metaData.storesUpperCaseIdentifiers() ? IdentifierCase.UPPER : IdentifierCase.MIXED;
  }

  /** How each of {@code columns}, all of one table, stores ciphertext on this connection. */
  public static Map<ColumnPolicy, Storage> detect(
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

  /**
   * The {@code DatabaseMetaData} search pattern that matches exactly {@code identifier} as the
   * database folds it, with {@code _} and {@code %} escaped by {@code escape}.
   */
  public static String pattern(Identifier identifier, IdentifierCase folding, String escape) {
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
    return storageFor(sqlType)
        .orElseThrow(
            () ->
                VeilErrors.of(
                    VeilSqlState.CONFIGURATION,
                    "protected column "
                        + column.displayName()
                        + " is of type "
                        + typeName
                        + "; it must be a binary column (BYTEA, VARBINARY, BLOB) or a text column"
                        + " (VARCHAR, TEXT) to hold ciphertext"));
  }

  /**
   * How a column of JDBC type {@code sqlType} ({@link java.sql.Types}) stores ciphertext, or empty
   * when it cannot hold ciphertext at all (a number, a date, ...). Public for {@code veil policy
   * check}, which reports that decision per column instead of failing on it.
   */
  public static Optional<Storage> storageFor(int sqlType) {
    switch (sqlType) {
      case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB:
        return Optional.of(Storage.BINARY);
      case Types.CHAR,
      Types.VARCHAR,
      Types.LONGVARCHAR,
      Types.NCHAR,
      Types.NVARCHAR,
      Types.LONGNVARCHAR,
      Types.CLOB,
      Types.NCLOB:
        return Optional.of(Storage.TEXT);
      default:
        return Optional.empty();
    }
  }
}
