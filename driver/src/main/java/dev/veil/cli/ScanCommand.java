package dev.veil.cli;

import com.google.gson.GsonBuilder;
import dev.veil.audit.Audit;
import dev.veil.audit.AuditEvent;
import dev.veil.audit.AuditOperation;
import dev.veil.driver.StorageDetector;
import dev.veil.keys.DataKey;
import dev.veil.keys.KeyMetadata;
import dev.veil.keys.Keyring;
import dev.veil.policy.ColumnPolicy;
import dev.veil.policy.EncryptionMode;
import dev.veil.policy.IdentifierCase;
import dev.veil.policy.Policy;
import dev.veil.policy.TableName;
import dev.veil.policy.TablePolicy;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code veil scan}: a read-only report of how well the stored values of each protected column
 * conform to the policy and the keyring. It reads values as the database stores them, through the
 * database's own driver, and names offending rows by primary key only, never by value.
 */
@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    description =
        "Reports, per protected column, plaintext values, values under retired, destroyed or"
            + " unknown key versions and values failing authentication. Read-only. Exit 0: no"
            + " errors; 1: errors found; 2: usage or connection error.")
public final class ScanCommand implements Callable<Integer> {

  /** How many offending rows {@code --show-rows} names per finding. */
  static final int ROWS_SHOWN = 20;

  /** Rows fetched per round trip: the scan streams the table instead of holding it. */
  private static final int FETCH_SIZE = 1000;

  /** Output formats. */
  enum Format {
    TEXT,
    JSON
  }

  /** What a stored value can be found to be; the names are those of the report. */
  enum Problem {
    PLAINTEXT_VALUE("plaintext-value"),
    RETIRED_KEY("retired-key"),
    DESTROYED_KEY("destroyed-key"),
    UNKNOWN_KEY("unknown-key"),
    AUTHENTICATION_FAILED("authentication-failed");

    final String label;

    Problem(String label) {
      this.label = label;
    }
  }

  @Spec CommandSpec spec;

  @Mixin DatabaseOptions database;

  @Mixin KeyringOptions keyringOptions;

  @Option(
      names = "--table",
      description = "Scan only this policy table (table or schema.table); default: every table.")
  String table;

  @Option(names = "--format", defaultValue = "text", description = "text (default) or json.")
  Format format;

  @Option(
      names = "--show-rows",
      description =
          "List the primary keys of offending rows, the first " + ROWS_SHOWN + " per finding.")
  boolean showRows;

  @Override
  public Integer call() throws SQLException {
    Policy loaded = database.loadPolicy();
    Keyring keyring = Keyring.read(keyringOptions.keyring, keyringOptions.openKek());
    List<Report.Column> reports = new ArrayList<>();
    try (Connection connection = database.connect()) {
      connection.setReadOnly(true);
      // PostgreSQL streams a result set with a fetch size only inside a transaction; the scan's
      // one read-only transaction is rolled back, there being nothing to commit.
      connection.setAutoCommit(false);
      IdentifierCase folding = StorageDetector.folding(connection.getMetaData());
      if (table == null) {
        for (TablePolicy tablePolicy : loaded.tables()) {
          reports.addAll(scan(connection, tablePolicy.name(), tablePolicy, keyring, folding));
        }
      } else {
        TableName named = BulkJobCommand.parseTable(table);
        TablePolicy tablePolicy = BulkJobCommand.tablePolicy(loaded, named, folding, database);
        // A policy table without a schema covers that table in every schema; a schema on the
        // command line says which one to scan.
        TableName target = tablePolicy.name().schema() == null ? named : tablePolicy.name();
        reports.addAll(scan(connection, target, tablePolicy, keyring, folding));
      }
      connection.rollback();
    }
    Report report = new Report(reports);
    PrintWriter out = spec.commandLine().getOut();
    if (format == Format.JSON) {
      out.println(new GsonBuilder().setPrettyPrinting().create().toJson(report));
    } else {
      printText(out, report);
    }
    out.flush();
    return report.errors > 0 ? 1 : 0;
  }

  private List<Report.Column> scan(
      Connection connection,
      TableName target,
      TablePolicy tablePolicy,
      Keyring keyring,
      IdentifierCase folding)
      throws SQLException {
    List<ColumnPolicy> selected = tablePolicy.columns();
    JobTable jobTable = JobTable.resolve(connection, target, selected, folding);
    List<JobColumn> columns =
        BulkJobCommand.columns(
            connection, selected, target, jobTable, keyring, keyringOptions.keyring, folding);
    List<Tally> tallies = new ArrayList<>();
    for (JobColumn column : columns) {
      tallies.add(new Tally(column, keyring.key(column.policy().key()).orElseThrow()));
    }
    List<JobTable.KeyColumn> keys = jobTable.keys();
    try (PreparedStatement select = connection.prepareStatement(selectSql(jobTable, columns))) {
      select.setFetchSize(FETCH_SIZE);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          List<Object> key = new ArrayList<>(keys.size());
          for (int i = 0; i < keys.size(); i++) {
            key.add(keys.get(i).type().read(rows, i + 1));
          }
          for (int j = 0; j < columns.size(); j++) {
            Object stored = columns.get(j).read(rows, keys.size() + j + 1);
            tallies.get(j).examine(stored, () -> jobTable.describeRow(key));
          }
        }
      }
    }
    List<Report.Column> reports = new ArrayList<>();
    for (Tally tally : tallies) {
      Report.Column report = tally.report(showRows);
      audit(tally.column, report);
      reports.add(report);
    }
    return reports;
  }

  /** Every row in primary-key order, without locks: the scan changes nothing. */
  private static String selectSql(JobTable jobTable, List<JobColumn> columns) {
    List<String> names = new ArrayList<>();
    jobTable.keys().forEach(key -> names.add(key.sql()));
    columns.forEach(column -> names.add(column.sql()));
    return "SELECT "
        + String.join(", ", names)
        + " FROM "
        + jobTable.sqlName()
        + " ORDER BY "
        + String.join(", ", jobTable.keys().stream().map(JobTable.KeyColumn::sql).toList());
  }

  private static void audit(JobColumn column, Report.Column report) {
    ColumnPolicy policy = column.policy();
    StringBuilder detail =
        new StringBuilder("scan rows ").append(report.rows).append(", null ").append(report.nulls);
    for (Report.Finding finding : report.findings) {
      detail.append(", ").append(finding.finding).append(' ').append(finding.count);
    }
    Audit.record(
        new AuditEvent(
            Instant.now(),
            AuditOperation.COLUMN_SCAN,
            "ok",
            policy.key(),
            column.primaryKeyId(),
            policy.table().canonical(),
            policy.column().canonical(),
            detail.toString()));
  }

  private void printText(PrintWriter out, Report report) {
    for (Report.Column column : report.columns) {
      out.println(
          column.table
              + "."
              + column.column
              + " (key "
              + column.key
              + "): "
              + column.rows
              + " rows, "
              + column.nulls
              + " NULL");
      for (Report.Version version : column.versions) {
        out.println(
            "  version "
                + version.keyId
                + (version.primary ? " (primary)" : "")
                + " "
                + version.status.toLowerCase(Locale.ROOT)
                + ", "
                + version.ageDays
                + " days old: "
                + values(version.values));
      }
      for (Report.Finding finding : column.findings) {
        out.println("  " + finding.severity + " " + finding.finding + ": " + values(finding.count));
        if (finding.rows != null) {
          for (String row : finding.rows) {
            out.println("    " + row);
          }
          if (finding.count > finding.rows.size()) {
            out.println("    ... and " + (finding.count - finding.rows.size()) + " more");
          }
        }
      }
      if (column.findings.isEmpty()) {
        out.println("  ok");
      }
    }
    out.println(
        "veil scan: "
            + report.columns.size()
            + " columns, "
            + report.errors
            + " errors, "
            + report.warnings
            + " warnings");
  }

  /** Supplies a row's description only when a finding needs it. */
  private interface RowName {
    String get();
  }

  /** The counts of one column as the scan goes. */
  private static final class Tally {
    private final JobColumn column;
    private final DataKey key;
    private final String purpose;
    private long rows;
    private long nulls;
    private final Map<Long, Long> perVersion = new TreeMap<>();
    private final Map<Problem, Long> counts = new LinkedHashMap<>();
    private final Map<Problem, List<String>> offending = new LinkedHashMap<>();

    Tally(JobColumn column, DataKey key) {
      this.column = column;
      this.key = key;
      this.purpose =
          column.policy().mode() == EncryptionMode.DETERMINISTIC
              ? Keyring.DETERMINISTIC
              : Keyring.RANDOMIZED;
    }

    void examine(Object stored, RowName row) throws SQLException {
      rows++;
      if (stored == null) {
        nulls++;
        return;
      }
      Problem finding = classify(stored);
      if (finding != null) {
        counts.merge(finding, 1L, Long::sum);
        List<String> shown = offending.computeIfAbsent(finding, f -> new ArrayList<>());
        if (shown.size() < ROWS_SHOWN) {
          shown.add(row.get());
        }
      }
    }

    /**
     * What is wrong with a non-null stored value, or {@code null} when nothing is. The header and
     * the key id in it decide; only a value under an enabled version is decrypted, to prove it
     * authentic under this column's associated data. The plaintext is dropped at once.
     */
    private Problem classify(Object stored) throws SQLException {
      if (!column.crypto().isCiphertext(stored)) {
        return Problem.PLAINTEXT_VALUE;
      }
      OptionalLong keyId = column.crypto().keyId(stored);
      if (keyId.isEmpty()) {
        // A header on text that is not base64, or too few bytes to hold a key id: damaged.
        return Problem.AUTHENTICATION_FAILED;
      }
      long id = keyId.getAsLong();
      KeyMetadata version = key.version(purpose, id).orElse(null);
      if (version == null) {
        return Problem.UNKNOWN_KEY;
      }
      perVersion.merge(id, 1L, Long::sum);
      if (KeyMetadata.DESTROYED.equals(version.status())) {
        return Problem.DESTROYED_KEY;
      }
      if (KeyMetadata.RETIRED.equals(version.status())) {
        return Problem.RETIRED_KEY;
      }
      try {
        column.crypto().decrypt(stored);
        return null;
      } catch (SQLException e) {
        return Problem.AUTHENTICATION_FAILED;
      }
    }

    Report.Column report(boolean showRows) {
      List<Report.Finding> findings = new ArrayList<>();
      counts.forEach(
          (finding, count) ->
              findings.add(
                  new Report.Finding(
                      finding.label,
                      severity(finding),
                      count,
                      showRows ? List.copyOf(offending.get(finding)) : null)));
      List<Report.Version> versions = new ArrayList<>();
      Instant now = Instant.now();
      perVersion.forEach(
          (id, values) -> {
            KeyMetadata version = key.version(purpose, id).orElseThrow();
            versions.add(
                new Report.Version(
                    id,
                    version.status(),
                    version.primary(),
                    values,
                    Duration.between(version.created(), now).toDays()));
          });
      ColumnPolicy policy = column.policy();
      return new Report.Column(
          policy.table().canonical(),
          policy.column().canonical(),
          policy.key(),
          rows,
          nulls,
          versions,
          findings);
    }

    private String severity(Problem finding) {
      boolean warning =
          finding == Problem.RETIRED_KEY
              || (finding == Problem.PLAINTEXT_VALUE && column.policy().migrating());
      return warning ? "warning" : "error";
    }
  }

  /**
   * The report as {@code --format json} writes it; field names are the JSON's and are stable. Gson
   * reads the fields by reflection.
   */
  static final class Report {
    final int errors;
    final int warnings;
    final List<Column> columns;

    Report(List<Column> columns) {
      this.columns = List.copyOf(columns);
      int e = 0;
      int w = 0;
      for (Column column : columns) {
        for (Finding finding : column.findings) {
          if (finding.severity.equals("error")) {
            e++;
          } else {
            w++;
          }
        }
      }
      errors = e;
      warnings = w;
    }

    /** One protected column. */
    record Column(
        String table,
        String column,
        String key,
        long rows,
        long nulls,
        List<Version> versions,
        List<Finding> findings) {}

    /** A key version values of the column are stored under. */
    record Version(long keyId, String status, boolean primary, long values, long ageDays) {}

    /** One kind of finding; {@code rows} only with {@code --show-rows}. */
    record Finding(String finding, String severity, long count, List<String> rows) {}
  }

  private static String values(long count) {
    return count + (count == 1 ? " value" : " values");
  }
}
