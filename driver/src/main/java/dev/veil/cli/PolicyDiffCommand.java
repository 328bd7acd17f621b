package dev.veil.cli;

import com.google.gson.GsonBuilder;
import dev.veil.cli.PolicyDiff.Change;
import dev.veil.cli.PolicyDiff.Severity;
import dev.veil.policy.Policy;
import dev.veil.policy.PolicyException;
import dev.veil.policy.PolicyLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code veil policy diff OLD NEW}: the plan for a policy change, for sign-off. */
@Command(
    mixinStandardHelpOptions = true,
    name = "diff",
    description = {
      "Compare two policy files and say what the change does to data already stored: each"
          + " difference, its severity (none, data work, breaking) and the commands to run.",
      "No database is needed. Exit status: 0 no changes, or none that need data work; 3 data"
          + " work needed; 1 a breaking change; 2 error."
    })
final class PolicyDiffCommand implements Callable<Integer> {
  /** Exit status when a policy file cannot be read. */
  static final int ERROR = 2;

  /** The output formats. */
  enum Format {
    TEXT,
    JSON
  }

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "OLD", description = "The policy deployed now.")
  Path before;

  @Parameters(index = "1", paramLabel = "NEW", description = "The policy to deploy.")
  Path after;

  @Option(
      names = "--format",
      defaultValue = "text",
      description = "${COMPLETION-CANDIDATES}; default: ${DEFAULT-VALUE}.")
  Format format;

  @Override
  public Integer call() {
    Policy old;
    Policy updated;
    try {
      old = PolicyLoader.load(before.toString());
      updated = PolicyLoader.load(after.toString());
    } catch (PolicyException e) {
      spec.commandLine().getErr().println("veil: " + e.getMessage());
      return ERROR;
    }
    List<Change> changes = PolicyDiff.compare(old, updated, after.toString());
    Severity worst = PolicyDiff.worst(changes);
    PrintWriter out = spec.commandLine().getOut();
    if (format == Format.JSON) {
      out.println(json(changes, worst));
    } else {
      text(out, changes, worst);
    }
    out.flush();
    return worst.exitCode;
  }

  private void text(PrintWriter out, List<Change> changes, Severity worst) {
    out.println("Policy change " + before + " -> " + after);
    if (changes.isEmpty()) {
      out.println("No changes.");
      return;
    }
    out.println(
        changes.size()
            + (changes.size() == 1 ? " change" : " changes")
            + ": "
            + count(changes, Severity.BREAKING)
            + " breaking, "
            + count(changes, Severity.DATA_WORK)
            + " data work, "
            + count(changes, Severity.NONE)
            + " no data work");
    for (Change change : changes) {
      out.println();
      out.println(
          "["
              + change.severity().label
              + "] "
              + change.subject()
              + ": "
              + change.kind().label()
              + " "
              + show(change.from())
              + " -> "
              + show(change.to()));
      out.println("  " + change.why());
      for (int i = 0; i < change.steps().size(); i++) {
        out.println("  " + (i + 1) + ". " + change.steps().get(i));
      }
    }
    out.println();
    out.println("Overall: " + worst.label + " (exit status " + worst.exitCode + ")");
  }

  private static String show(String setting) {
    return setting == null ? "(none)" : setting;
  }

  private static long count(List<Change> changes, Severity severity) {
    return changes.stream().filter(c -> c.severity() == severity).count();
  }

  /** A fixed shape: every key is present in every change, {@code null} where it does not apply. */
  private String json(List<Change> changes, Severity worst) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("old", before.toString());
    root.put("new", after.toString());
    root.put("severity", worst.id());
    root.put("exitCode", worst.exitCode);
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("breaking", count(changes, Severity.BREAKING));
    summary.put("dataWork", count(changes, Severity.DATA_WORK));
    summary.put("none", count(changes, Severity.NONE));
    root.put("summary", summary);
    List<Map<String, Object>> list = new ArrayList<>();
    for (Change change : changes) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("table", change.table());
      entry.put("column", change.column());
      entry.put("change", change.kind().label());
      entry.put("severity", change.severity().id());
      entry.put("from", change.from());
      entry.put("to", change.to());
      entry.put("why", change.why());
      entry.put("steps", change.steps());
      list.add(entry);
    }
    root.put("changes", list);
    return new GsonBuilder()
        .serializeNulls()
        .disableHtmlEscaping()
        .setPrettyPrinting()
        .create()
        .toJson(root);
  }
}
