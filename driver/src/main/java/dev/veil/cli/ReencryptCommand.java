package dev.veil.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code veil reencrypt}: rewrites every value not under its key's primary version. */
@Command(
    mixinStandardHelpOptions = true,
    name = "reencrypt",
    description = {
      "Re-encrypt, under the primary key version, every value of a protected table (or of one"
          + " column) written under an older version, in batches keyed by the primary key, while"
          + " the application keeps running. Afterwards the old versions can be retired with"
          + " 'veil keys retire'.",
      "Values already under the primary version are left alone, so the job is safe to run"
          + " again or to resume; NULL stays NULL; plaintext is left for 'veil encrypt-existing'."
          + " Progress is saved after each batch: run the same command again after a crash or"
          + " Ctrl-C to continue.",
      "Exit status: 0 done; 1 done, but some values could not be read (listed on standard"
          + " error; do not retire keys yet); 2 error; 130 interrupted."
    })
final class ReencryptCommand extends BulkJobCommand {

  @Option(
      names = "--column",
      description = "Only this protected column (default: every protected column of the table).")
  String column;

  @Override
  BulkJob.Kind kind() {
    return BulkJob.Kind.REENCRYPT;
  }

  @Override
  String column() {
    return column;
  }
}
