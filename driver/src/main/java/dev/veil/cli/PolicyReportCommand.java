package dev.veil.cli;

import dev.veil.policy.ColumnPolicy;
import dev.veil.policy.ColumnType;
import dev.veil.policy.EncryptionMode;
import dev.veil.policy.Policy;
import dev.veil.policy.PolicyException;
import dev.veil.policy.PolicyLoader;
import dev.veil.policy.ReadAccess;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code veil policy export-report}: an inventory of every protected column for auditors, with what
 * each column's ciphertext still shows to someone who reads the database.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "export-report",
    description = {
      "Write an audit inventory of every protected column: table, column, type, mode, key,"
          + " group, storage, pad, length, readers, mask, and what the stored ciphertext leaks.",
      "No database is needed. Exit status: 0 written; 2 error."
    })
final class PolicyReportCommand implements Callable<Integer> {
  /** Exit status when the policy cannot be read or the report cannot be written. */
  static final int ERROR = 2;

  /** The report formats. */
  enum Format {
    MARKDOWN,
    HTML
  }

  private static final List<String> HEADINGS =
      List.of(
          "Table", "Column", "Type", "Mode", "Key", "Group", "Storage", "Pad", "Length", "Readers",
          "Mask", "Leaks");

  /** Types whose plaintext encoding has one size, so ciphertext length says nothing about them. */
  private static final Set<ColumnType> VARIABLE_LENGTH =
      Set.of(ColumnType.STRING, ColumnType.BYTES, ColumnType.DECIMAL);

  @Spec CommandSpec spec;

  @Option(names = "--policy", required = true, description = "The policy file.")
  Path policy;

  @Option(
      names = "--format",
      defaultValue = "markdown",
      description = "${COMPLETION-CANDIDATES}; default: ${DEFAULT-VALUE}.")
  Format format;

  @Option(names = "--out", description = "Write the report to this file (default: standard out).")
  Path out;

  /** When the report says it was generated; a fixed clock in tests. */
  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() {
    Policy loaded;
    String sha256;
    try {
      loaded = PolicyLoader.load(policy.toString());
      sha256 = sha256(Files.readAllBytes(policy));
    } catch (PolicyException | IOException e) {
      spec.commandLine().getErr().println("veil: " + e.getMessage());
      return ERROR;
    }
    List<String> header =
        List.of(
            "Policy file: " + policy,
            "SHA-256: " + sha256,
            "Generated: " + Instant.now(clock),
            "Veil version: " + VeilCli.VERSION);
    List<List<String>> rows = new ArrayList<>();
    loaded.columns().forEach(column -> rows.add(row(column)));
    String report = format == Format.HTML ? html(header, rows) : markdown(header, rows);
    if (out == null) {
      PrintWriter writer = spec.commandLine().getOut();
      writer.print(report);
      writer.flush();
      return 0;
    }
    try {
      Files.writeString(out, report, StandardCharsets.UTF_8);
    } catch (IOException e) {
      spec.commandLine().getErr().println("veil: cannot write " + out + ": " + e.getMessage());
      return ERROR;
    }
    return 0;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide SHA-256.
      throw new IllegalStateException(e);
    }
  }

  private static List<String> row(ColumnPolicy column) {
    ReadAccess access = column.access();
    return List.of(
        column.table().toString(),
        column.column().toString(),
        column.type().policyName(),
        column.mode().policyName(),
        column.key(),
        column.group() == null ? "" : column.group(),
        column.storage().name().toLowerCase(Locale.ROOT),
        column.pad() == 0 ? "" : Integer.toString(column.pad()),
        column.length() == 0 ? "" : Integer.toString(column.length()),
        access.restricted() ? String.join(", ", new TreeSet<>(access.readers())) : "everyone",
        access.restricted() ? access.mask().policyText() : "",
        leaks(column));
  }

  /** What the stored ciphertext shows without any key. */
  static String leaks(ColumnPolicy column) {
    List<String> leaks = new ArrayList<>();
    if (column.mode() == EncryptionMode.DETERMINISTIC) {
      leaks.add("equality and frequency of values");
    }
    if (!VARIABLE_LENGTH.contains(column.type())) {
      leaks.add("nothing about length (fixed for " + column.type().policyName() + ")");
    } else if (column.pad() == 0) {
      leaks.add("exact length");
    } else {
      leaks.add("length to a " + column.pad() + "-byte bucket");
    }
    leaks.add("NULL or not");
    leaks.add("key id");
    return String.join("; ", leaks);
  }

  private static String markdown(List<String> header, List<List<String>> rows) {
    StringWriter text = new StringWriter();
    PrintWriter out = new PrintWriter(text);
    out.println("# Veil protected columns");
    out.println();
    header.forEach(line -> out.println("- " + markdownCell(line)));
    out.println();
    out.println("| " + String.join(" | ", HEADINGS) + " |");
    out.println("|" + "---|".repeat(HEADINGS.size()));
    for (List<String> row : rows) {
      out.println(
          "| "
              + String.join(" | ", row.stream().map(PolicyReportCommand::markdownCell).toList())
              + " |");
    }
    out.flush();
    return text.toString();
  }

  /**
   * Text safe in a Markdown table cell: pipes and backticks would end the cell or open code,
   * brackets and angle brackets would make links or HTML, and a line break would end the row.
   */
  static String markdownCell(String value) {
    StringBuilder cell = new StringBuilder();
    for (char c : value.toCharArray()) {
      switch (c) {
        case '|', '`', '\\', '*', '_', '[', ']', '#' -> cell.append('\\').append(c);
        case '<' -> cell.append("&lt;");
        case '>' -> cell.append("&gt;");
        case '&' -> cell.append("&amp;");
        case '\n', '\r' -> cell.append(' ');
        default -> cell.append(c);
      }
    }
    return cell.toString();
  }

  private static String html(List<String> header, List<List<String>> rows) {
    StringBuilder page = new StringBuilder();
    page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>Veil protected columns</title>\n</head>\n<body>\n")
        .append("<h1>Veil protected columns</h1>\n<ul>\n");
    header.forEach(line -> page.append("<li>").append(htmlText(line)).append("</li>\n"));
    page.append("</ul>\n<table>\n<thead><tr>");
    HEADINGS.forEach(h -> page.append("<th>").append(htmlText(h)).append("</th>"));
    page.append("</tr></thead>\n<tbody>\n");
    for (List<String> row : rows) {
      page.append("<tr>");
      row.forEach(cell -> page.append("<td>").append(htmlText(cell)).append("</td>"));
      page.append("</tr>\n");
    }
    page.append("</tbody>\n</table>\n</body>\n</html>\n");
    return page.toString();
  }

  /** Text safe in HTML element content and in quoted attribute values. */
  static String htmlText(String value) {
    StringBuilder text = new StringBuilder();
    for (char c : value.toCharArray()) {
      switch (c) {
        case '<' -> text.append("&lt;");
        case '>' -> text.append("&gt;");
        case '&' -> text.append("&amp;");
        case '"' -> text.append("&quot;");
        case '\'' -> text.append("&#39;");
        default -> text.append(c);
      }
    }
    return text.toString();
  }
}
