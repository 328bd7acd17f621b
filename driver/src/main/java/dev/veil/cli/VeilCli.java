package dev.veil.cli;

import java.io.PrintWriter;
import java.sql.SQLException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code veil} command line: {@code java -jar veil.jar <command>}. */
@Command(
    name = "veil",
    mixinStandardHelpOptions = true,
    version = "veil " + VeilCli.VERSION,
    description = "Veil: transparent column encryption for JDBC.",
    subcommands = {
      KekCommand.class,
      KeysCommand.class,
      EncryptExistingCommand.class,
      ReencryptCommand.class,
      ScanCommand.class,
      PolicyCommand.class,
      ExplainCommand.class,
      DemoCommand.class
    })
public final class VeilCli {
  /** The release this command line belongs to, as reports name it. */
  static final String VERSION = "0.1.0";

  private VeilCli() {}

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line with the given streams and returns the exit status. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    // The shaded jar carries SLF4J without a binding; say nothing about that on the console.
    System.setProperty("slf4j.internal.verbosity", "ERROR");
    CommandLine commandLine = new CommandLine(new VeilCli());
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExecutionExceptionHandler(
        (e, cmd, parseResult) -> {
          if (e instanceof SQLException sql) {
            cmd.getErr()
                .println("veil: " + sql.getMessage() + " (SQLState " + sql.getSQLState() + ")");
            return 2;
          }
          throw e;
        });
    return commandLine.execute(args);
  }
}
