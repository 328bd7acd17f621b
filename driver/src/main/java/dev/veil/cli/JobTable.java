package dev.veil.cli;

import dev.veil.errors.VeilErrors;
import dev.veil.errors.VeilSqlState;
import dev.veil.policy.ColumnPolicy;
import dev.veil.policy.Identifier;
import dev.veil.policy.IdentifierCase;
import dev.veil.policy.TableName;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A protected table as the database itself names it, found through {@code DatabaseMetaData}: the
 * qualified name to put in SQL, its primary key, and the stored names of the protected columns a
 * job works on.
 */
final class JobTable {

  /** One primary-key column: its quoted name and how values of it are paged. */
  record KeyColumn(String name, String sql, KeyType type) {}

  private final String sqlName;
  private final List<KeyColumn> keys;
  private final Map<ColumnPolicy, String> columns;

  private JobTable(String sqlName, List<KeyColumn> keys, Map<ColumnPolicy, String> columns) {
    this.sqlName = sqlName;
    this.keys = List.copyOf(keys);
    this.columns = columns;
  }

  /** The table-qualified name to write in SQL, quoted. */
  String sqlName() {
    return sqlName;
  }

  /** The primary key, in key order. */
  List<KeyColumn> keys() {
    return keys;
  }

  /** The quoted name of a protected column in SQL. */
  String column(ColumnPolicy column) {
    return columns.get(column);
  }

  /** How a row is named in messages: its primary key, never a protected value. */
  String describeRow(List<Object> key) {
    StringBuilder text = new StringBuilder("(");
    for (int i = 0; i < keys.size(); i++) {
      if (i > 0) {
        text.append(", ");
      }
      text.append(keys.get(i).name()).append('=').append(keys.get(i).type().toText(key.get(i)));
    }
    return text.append(')').toString();
  }

  /**
   * Finds {@code table} and the given protected columns of it. A policy table without a schema that
   * several schemas hold resolves to the connection's current schema, as the driver's storage
   * detection does.
   */
  static JobTable resolve(
      Connection connection, TableName table, List<ColumnPolicy> columns, IdentifierCase folding)
      throws SQLException {
    DatabaseMetaData metaData = connection.getMetaData();
    String escape = metaData.getSearchStringEscape();
    String quote = metaData.getIdentifierQuoteString();
    quote = quote == null || quote.isBlank() ? "" : quote.strip();

    List<String[]> candidates = new ArrayList<>();
    try (ResultSet rows =
        metaData.getTables(null, null, pattern(table.table().folded(folding), escape), null)) {
      while (rows.next()) {
        String catalog = rows.getString("TABLE_CAT");
        String schema = rows.getString("TABLE_SCHEM");
        String name = rows.getString("TABLE_NAME");
        String qualifier = schema != null ? schema : catalog;
        if (table.table().matches(new Identifier(name, true), folding)
            && (table.schema() == null
                || (qualifier != null
                    && table.schema().matches(new Identifier(qualifier, true), folding)))) {
          candidates.add(new String[] {catalog, schema, name});
        }
      }
    }
    String[] found = pick(connection, table, candidates);
    String catalog = found[0];
    String schema = found[1];
    String name = found[2];

    List<String[]> primaryKey = new ArrayList<>();
    try (ResultSet rows = metaData.getPrimaryKeys(catalog, schema, name)) {
      while (rows.next()) {
        primaryKey.add(new String[] {rows.getString("COLUMN_NAME"), rows.getString("KEY_SEQ")});
      }
    }
    if (primaryKey.isEmpty()) {
      throw VeilErrors.of(
          VeilSqlState.CONFIGURATION,
          "table "
              + table
              + " has no primary key; a bulk job works through a table in batches keyed by its"
              + " primary key, so add one (ALTER TABLE ... ADD PRIMARY KEY) first");
    }
    primaryKey.sort(Comparator.comparingInt(key -> Integer.parseInt(key[1].strip())));

    Map<String, String[]> types = new TreeMap<>();
    try (ResultSet rows =
        metaData.getColumns(
            catalog,
            schema == null ? null : pattern(schema, escape),
            pattern(name, escape),
            null)) {
      while (rows.next()) {
        if (name.equals(rows.getString("TABLE_NAME"))
            && Objects.equals(schema, rows.getString("TABLE_SCHEM"))) {
          types.put(
              rows.getString("COLUMN_NAME"),
              new String[] {rows.getString("DATA_TYPE"), rows.getString("TYPE_NAME")});
        }
      }
    }

    List<KeyColumn> keys = new ArrayList<>();
    for (String[] key : primaryKey) {
      String[] type = types.get(key[0]);
      if (type == null) {
        throw VeilErrors.of(
            VeilSqlState.CONFIGURATION,
            "cannot find the type of primary key column " + key[0] + " of table " + table);
      }
      keys.add(
          new KeyColumn(
              key[0],
              quoted(key[0], quote),
              KeyType.of(key[0], Integer.parseInt(type[0]), type[1])));
    }

    Map<ColumnPolicy, String> names = new LinkedHashMap<>();
    for (ColumnPolicy column : columns) {
      String stored = null;
      for (String candidate : types.keySet()) {
        if (column.column().matches(new Identifier(candidate, true), folding)) {
          stored = candidate;
        }
      }
      if (stored == null) {
        throw VeilErrors.of(
            VeilSqlState.CONFIGURATION,
            "table " + table + " has no column " + column.column() + " in the database");
      }
      for (KeyColumn key : keys) {
        if (key.name().equals(stored)) {
          throw VeilErrors.of(
              VeilSqlState.CONFIGURATION,
              "protected column "
                  + column.displayName()
                  + " is part of the primary key; a bulk job pages by the primary key and cannot"
                  + " rewrite it");
        }
      }
      names.put(column, quoted(stored, quote));
    }

    String qualifier = schema != null ? schema : catalog;
    String sqlName =
        qualifier == null
            ? quoted(name, quote)
            : quoted(qualifier, quote) + "." + quoted(name, quote);
    return new JobTable(sqlName, keys, names);
  }

  private static String[] pick(Connection connection, TableName table, List<String[]> candidates)
      throws SQLException {
    if (candidates.isEmpty()) {
      throw VeilErrors.of(
          VeilSqlState.CONFIGURATION, "cannot find table " + table + " in the database");
    }
    if (candidates.size() == 1) {
      return candidates.get(0);
    }
    String currentSchema = connection.getSchema();
    String currentCatalog = connection.getCatalog();
    List<String[]> current = new ArrayList<>();
    for (String[] candidate : candidates) {
      boolean inCurrent =
          candidate[1] != null
              ? candidate[1].equals(currentSchema)
              : candidate[0] != null && candidate[0].equals(currentCatalog);
      if (inCurrent) {
        current.add(candidate);
      }
    }
    if (current.size() == 1) {
      return current.get(0);
    }
    List<String> places = new ArrayList<>();
    for (String[] candidate : candidates) {
      places.add(candidate[1] != null ? candidate[1] : String.valueOf(candidate[0]));
    }
    throw VeilErrors.of(
        VeilSqlState.CONFIGURATION,
        "table "
            + table
            + " exists in several schemas "
            + places
            + " and none of them is the connection's current one; qualify the table with its"
            + " schema in the policy");
  }

  private static String pattern(String name, String escape) {
    if (escape == null || escape.isEmpty()) {
      return name;
    }
    return name.replace(escape, escape + escape)
        .replace("_", escape + "_")
        .replace("%", escape + "%");
  }

  private static String quoted(String name, String quote) {
    return quote.isEmpty() ? name : quote + name.replace(quote, quote + quote) + quote;
  }
}
