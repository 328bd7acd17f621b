package dev.veil.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.veil.cli.PolicyCheck.ColumnReport;
import dev.veil.cli.PolicyCheck.Finding;
import dev.veil.cli.PolicyCheck.Severity;
import dev.veil.policy.ColumnPolicy;
import dev.veil.policy.Policy;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code veil policy check}: validates a policy against the live schema, so that a column that
 * cannot hold its ciphertext, or an index that defeats the encryption, is found before the first
 * write fails or leaks.
 *
 * <p>Exit status: 0 when no column has an error (warnings allowed), 1 when some has, 2 on a usage,
 * policy or connection error.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description =
        "Check every protected column of the policy against the database: that it exists, can"
            + " hold its largest ciphertext, carries no index that encryption defeats, and, for"
            + " deterministic columns, has enough distinct values to resist frequency analysis.")
final class PolicyCheckCommand implements Callable<Integer> {
  /** The output formats. */
  enum Format {
    TEXT,
    JSON
  }

  @Spec CommandSpec spec;

  @Mixin DatabaseOptions database;

  @Option(
      names = "--format",
      defaultValue = "text",
      description = "Output: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
  Format format;

  @Option(
      names = "--sample-rows",
      defaultValue = "10000",
      paramLabel = "N",
      description =
          "How many rows of each deterministic column to count distinct values in."
              + " Default: ${DEFAULT-VALUE}.")
  int sampleRows;

  @Option(
      names = "--min-distinct",
      defaultValue = "32",
      paramLabel = "N",
      description =
          "Warn when a deterministic column has at most this many distinct values in a larger"
              + " sample. Default: ${DEFAULT-VALUE}.")
  int minDistinct;

  @Override
  public Integer call() throws SQLException {
    if (sampleRows < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--sample-rows must be >= 1");
    }
    if (minDistinct < 0) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--min-distinct must be >= 0");
    }
    Policy policy = database.loadPolicy();
    List<ColumnReport> reports;
    try (Connection connection = database.connect()) {
      reports = new PolicyCheck(connection, sampleRows, minDistinct).run(policy);
    }
    long errors = reports.stream().mapToLong(r -> r.count(Severity.ERROR)).sum();
    long warnings = reports.stream().mapToLong(r -> r.count(Severity.WARNING)).sum();
    PrintWriter out = spec.commandLine().getOut();
    if (format == Format.JSON) {
      out.println(json(reports, errors, warnings));
    } else {
      text(out, reports, errors, warnings);
    }
    out.flush();
    return errors > 0 ? 1 : 0;
  }

  private static void text(
      PrintWriter out, List<ColumnReport> reports, long errors, long warnings) {
    for (ColumnReport report : reports) {
      ColumnPolicy column = report.policy();
      StringBuilder line =
          new StringBuilder(column.displayName())
              .append(": ")
              .append(lower(column.mode()))
              .append(' ')
              .append(column.type().policyName());
      if (report.typeName() != null) {
        line.append(", column ").append(report.typeName());
        // TEXT and BYTEA report a nominal size of about 2^31 that means no limit.
        if (report.size() > 0 && report.size() < PolicyCheck.UNBOUNDED) {
          line.append('(').append(report.size()).append(')');
        }
      }
      if (report.storage() != null) {
        line.append(", ").append(lower(report.storage())).append(" storage");
      }
      if (report.requiredSize() != null) {
        line.append(", largest ciphertext ").append(report.requiredSize());
      }
      if (report.sampleDistinct() != null) {
        line.append(", ")
            .append(report.sampleDistinct())
            .append(" distinct in ")
            .append(report.sampleRows())
            .append(" sampled rows");
      }
      out.println(line.append(report.findings().isEmpty() ? ": ok" : ""));
      for (Finding finding : report.findings()) {
        out.println(
            "  " + lower(finding.severity()) + " " + finding.code() + ": " + finding.message());
      }
    }
    out.println(
        reports.size()
            + " protected column(s) checked: "
            + errors
            + " error(s), "
            + warnings
            + " warning(s)");
  }

  private static String json(List<ColumnReport> reports, long errors, long warnings) {
    JsonArray columns = new JsonArray();
    for (ColumnReport report : reports) {
      ColumnPolicy policy = report.policy();
      JsonObject column = new JsonObject();
      column.addProperty("table", policy.table().toString());
      column.addProperty("column", policy.column().toString());
      column.addProperty("mode", lower(policy.mode()));
      column.addProperty("type", policy.type().policyName());
      column.addProperty("tableExists", report.tableExists());
      column.addProperty("columnExists", report.columnExists());
      column.addProperty("sqlType", report.typeName());
      column.addProperty("size", report.size());
      column.addProperty("storage", report.storage() == null ? null : lower(report.storage()));
      column.addProperty("requiredSize", report.requiredSize());
      column.addProperty("sampleRows", report.sampleRows());
      column.addProperty("sampleDistinct", report.sampleDistinct());
      JsonArray findings = new JsonArray();
      for (Finding finding : report.findings()) {
        JsonObject entry = new JsonObject();
        entry.addProperty("severity", lower(finding.severity()));
        entry.addProperty("code", finding.code());
        entry.addProperty("message", finding.message());
        findings.add(entry);
      }
      column.add("findings", findings);
      columns.add(column);
    }
    JsonObject summary = new JsonObject();
    summary.addProperty("columns", reports.size());
    summary.addProperty("errors", errors);
    summary.addProperty("warnings", warnings);
    JsonObject root = new JsonObject();
    root.add("columns", columns);
    root.add("summary", summary);
    // serializeNulls keeps every key in every entry, so consumers see one fixed shape.
    return new GsonBuilder().serializeNulls().setPrettyPrinting().create().toJson(root);
  }

  private static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
