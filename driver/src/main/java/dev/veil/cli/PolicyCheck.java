package dev.veil.cli;

import dev.veil.crypto.CiphertextFormat;
import dev.veil.crypto.ValueCodec;
import dev.veil.driver.StorageDetector;
import dev.veil.policy.ColumnPolicy;
import dev.veil.policy.ColumnType;
import dev.veil.policy.EncryptionMode;
import dev.veil.policy.Identifier;
import dev.veil.policy.IdentifierCase;
import dev.veil.policy.Policy;
import dev.veil.policy.Storage;
import dev.veil.policy.TablePolicy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Checks each protected column of a policy against the live schema, read through {@code
 * DatabaseMetaData} of the database's own driver, and counts distinct stored values of
 * deterministic columns over a bounded sample. Reads names, types, sizes, indexes and counts, never
 * a value.
 */
final class PolicyCheck {
  /** A column at least this large is treated as unbounded (TEXT, BYTEA, CLOB, BLOB). */
  static final long UNBOUNDED = 1L << 30;

  /** Whether a finding makes the check fail. */
  enum Severity {
    ERROR,
    WARNING
  }

  /**
   * One problem with one column.
   *
   * @param severity error or warning
   * @param code the stable finding code, such as {@code column-too-small}
   * @param message what is wrong and how to fix it: names and sizes only
   */
  record Finding(Severity severity, String code, String message) {}

  /**
   * What the check found for one protected column.
   *
   * @param policy the column's policy
   * @param tableExists whether the table exists
   * @param columnExists whether the column exists in it
   * @param typeName the column's SQL type name, or {@code null} when it does not exist
   * @param size the column's declared size (characters or bytes), or {@code null}
   * @param storage how Veil stores ciphertext in it, or {@code null} when it cannot
   * @param requiredSize the size of the largest ciphertext, or {@code null} when it has no bound
   * @param sampleRows non-null values in the sample of a deterministic column, or {@code null}
   * @param sampleDistinct distinct values among them, or {@code null}
   * @param findings the errors and warnings, empty when the column is fine
   */
  record ColumnReport(
      ColumnPolicy policy,
      boolean tableExists,
      boolean columnExists,
      String typeName,
      Integer size,
      Storage storage,
      Integer requiredSize,
      Long sampleRows,
      Long sampleDistinct,
      List<Finding> findings) {
    ColumnReport {
      findings = List.copyOf(findings);
    }

    long count(Severity severity) {
      return findings.stream().filter(f -> f.severity() == severity).count();
    }
  }

  /** A column as {@code getColumns} describes it. */
  private record Found(
      String catalog,
      String schema,
      String table,
      String name,
      int sqlType,
      String typeName,
      int size) {}

  private final Connection connection;
  private final DatabaseMetaData metaData;
  private final IdentifierCase folding;
  private final int sampleRows;
  private final int minDistinct;

  PolicyCheck(Connection connection, int sampleRows, int minDistinct) throws SQLException {
    this.connection = connection;
    this.metaData = connection.getMetaData();
    this.folding = StorageDetector.folding(metaData);
    this.sampleRows = sampleRows;
    this.minDistinct = minDistinct;
  }

  /** Checks every protected column of {@code policy}, in file order. */
  List<ColumnReport> run(Policy policy) throws SQLException {
    List<ColumnReport> reports = new ArrayList<>();
    for (TablePolicy table : policy.tables()) {
      List<Found> found = columnsOf(table);
      for (ColumnPolicy column : table.columns()) {
        reports.add(check(column, found));
      }
    }
    return reports;
  }

  private List<Found> columnsOf(TablePolicy table) throws SQLException {
    String escape = metaData.getSearchStringEscape();
    Identifier schema = table.name().schema();
    List<Found> all = new ArrayList<>();
    try (ResultSet rows =
        metaData.getColumns(
            null,
            schema == null ? null : StorageDetector.pattern(schema, folding, escape),
            StorageDetector.pattern(table.name().table(), folding, escape),
            null)) {
      while (rows.next()) {
        all.add(
            new Found(
                rows.getString("TABLE_CAT"),
                rows.getString("TABLE_SCHEM"),
                rows.getString("TABLE_NAME"),
                rows.getString("COLUMN_NAME"),
                rows.getInt("DATA_TYPE"),
                rows.getString("TYPE_NAME"),
                rows.getInt("COLUMN_SIZE")));
      }
    }
    if (schema != null || all.stream().map(Found::schema).distinct().count() <= 1) {
      return all;
    }
    // An unqualified table that exists in several schemas: unqualified statements reach the one
    // in the connection's current schema.
    String current = connection.getSchema();
    return all.stream().filter(f -> Objects.equals(f.schema(), current)).toList();
  }

  private ColumnReport check(ColumnPolicy column, List<Found> tableColumns) throws SQLException {
    List<Finding> findings = new ArrayList<>();
    if (tableColumns.isEmpty()) {
      findings.add(
          error(
              "table-missing",
              "table " + column.table() + " does not exist; create it, or fix the table name"));
      return new ColumnReport(column, false, false, null, null, null, null, null, null, findings);
    }
    Found found =
        tableColumns.stream()
            .filter(f -> column.column().matches(new Identifier(f.name(), true), folding))
            .findFirst()
            .orElse(null);
    if (found == null) {
      findings.add(
          error(
              "column-missing",
              "column "
                  + column.displayName()
                  + " does not exist; add it, or fix the column name in the policy"));
      return new ColumnReport(column, true, false, null, null, null, null, null, null, findings);
    }
    Storage storage = StorageDetector.storageFor(found.sqlType()).orElse(null);
    Integer required = null;
    if (storage == null) {
      findings.add(
          error(
              "type-mismatch",
              "column "
                  + column.displayName()
                  + " is "
                  + found.typeName()
                  + ", which cannot hold ciphertext; make it a binary column (BYTEA, VARBINARY,"
                  + " BLOB) or a text column (VARCHAR, TEXT)"));
    } else if (column.storage() != Storage.AUTO && column.storage() != storage) {
      findings.add(
          error(
              "storage-mismatch",
              "the policy says 'storage: "
                  + column.storage().name().toLowerCase(Locale.ROOT)
                  + "' but column "
                  + column.displayName()
                  + " is "
                  + found.typeName()
                  + ", which stores "
                  + storage.name().toLowerCase(Locale.ROOT)
                  + "; remove 'storage:' or change the column's type"));
    } else {
      required = requiredSize(column, storage);
      sizeFindings(column, found, required, findings);
    }
    indexFindings(column, found, findings);
    Long rows = null;
    Long distinct = null;
    if (storage != null && column.mode() == EncryptionMode.DETERMINISTIC) {
      long[] counts = sample(found);
      rows = counts[0];
      distinct = counts[1];
      if (distinct <= minDistinct && rows > minDistinct) {
        findings.add(
            new Finding(
                Severity.WARNING,
                "low-cardinality-deterministic",
                "deterministic column "
                    + column.displayName()
                    + " has only "
                    + distinct
                    + " distinct values in a sample of "
                    + rows
                    + " rows; whoever reads the database can recover such values by frequency"
                    + " analysis (Naveed, Kamara, Wright, CCS 2015): make it randomized unless it"
                    + " is looked up or joined on"));
      }
    }
    return new ColumnReport(
        column,
        true,
        true,
        found.typeName(),
        found.size(),
        storage,
        required,
        rows,
        distinct,
        findings);
  }

  /** The largest ciphertext in the column's unit (bytes, or base64 characters), if bounded. */
  private static Integer requiredSize(ColumnPolicy column, Storage storage) {
    OptionalInt plaintext = ValueCodec.maxEncodedLength(column.type(), column.length());
    if (plaintext.isEmpty()) {
      return null;
    }
    int bytes = CiphertextFormat.maxStoredLength(column.mode(), column.pad(), plaintext.getAsInt());
    return storage == Storage.TEXT ? CiphertextFormat.base64Length(bytes) : bytes;
  }

  private static void sizeFindings(
      ColumnPolicy column, Found found, Integer required, List<Finding> findings) {
    boolean bounded = found.size() > 0 && found.size() < UNBOUNDED;
    if (required == null) {
      if (bounded && column.type() != ColumnType.DECIMAL) {
        findings.add(
            new Finding(
                Severity.WARNING,
                "length-undeclared",
                "column "
                    + column.displayName()
                    + " is "
                    + found.typeName()
                    + "("
                    + found.size()
                    + ") but the policy declares no length; add 'length: N' (the longest value,"
                    + (column.type() == ColumnType.STRING ? " in characters" : " in bytes")
                    + ") so the check can tell whether its ciphertext fits"));
      }
      return;
    }
    if (bounded && found.size() < required) {
      String type = found.typeName().toUpperCase(Locale.ROOT);
      findings.add(
          error(
              "column-too-small",
              "column "
                  + column.displayName()
                  + " is "
                  + type
                  + "("
                  + found.size()
                  + ") but its largest ciphertext takes "
                  + required
                  + "; it needs "
                  + type
                  + "("
                  + required
                  + ") or larger"));
    }
  }

  private void indexFindings(ColumnPolicy column, Found found, List<Finding> findings)
      throws SQLException {
    if (column.mode() != EncryptionMode.RANDOMIZED) {
      return;
    }
    List<String> reported = new ArrayList<>();
    try (ResultSet rows =
        metaData.getIndexInfo(found.catalog(), found.schema(), found.table(), false, true)) {
      while (rows.next()) {
        String index = rows.getString("INDEX_NAME");
        if (rows.getShort("TYPE") == DatabaseMetaData.tableIndexStatistic
            || !found.name().equals(rows.getString("COLUMN_NAME"))
            || reported.contains(index)) {
          continue;
        }
        reported.add(index);
        if (rows.getBoolean("NON_UNIQUE")) {
          findings.add(
              new Finding(
                  Severity.WARNING,
                  "index-on-randomized",
                  "index "
                      + index
                      + " covers randomized column "
                      + column.displayName()
                      + ", which no query can search; drop it"));
        } else {
          findings.add(
              error(
                  "unique-on-randomized",
                  "unique index or constraint "
                      + index
                      + " covers randomized column "
                      + column.displayName()
                      + ": equal values get different ciphertexts, so uniqueness is not"
                      + " enforced; drop it, or make the column deterministic"));
        }
      }
    }
  }

  /** Non-null rows and distinct values among the first {@code sampleRows} rows. */
  private long[] sample(Found found) throws SQLException {
    String name = quote(found.name());
    String table =
        (found.schema() == null ? "" : quote(found.schema()) + ".") + quote(found.table());
    String product = String.valueOf(metaData.getDatabaseProductName()).toLowerCase(Locale.ROOT);
    // MySQL and MariaDB before 10.6 know only LIMIT; FETCH FIRST is the standard's spelling.
    String bounded =
        product.contains("mysql") || product.contains("mariadb") || product.contains("postgres")
            ? "SELECT " + name + " AS v FROM " + table + " LIMIT " + sampleRows
            : "SELECT "
                + name
                + " AS v FROM "
                + table
                + " FETCH FIRST "
                + sampleRows
                + " ROWS ONLY";
    try (Statement statement = connection.createStatement();
        ResultSet counts =
            statement.executeQuery(
                "SELECT COUNT(v), COUNT(DISTINCT v) FROM (" + bounded + ") veil_sample")) {
      counts.next();
      return new long[] {counts.getLong(1), counts.getLong(2)};
    }
  }

  private String quote(String identifier) throws SQLException {
    String quote = metaData.getIdentifierQuoteString();
    if (quote == null || quote.isBlank()) {
      return identifier;
    }
    return quote + identifier.replace(quote, quote + quote) + quote;
  }

  private static Finding error(String code, String message) {
    return new Finding(Severity.ERROR, code, message);
  }
}
