package dev.veil.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code veil encrypt-existing}: converts a protected column's plaintext to ciphertext in place.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "encrypt-existing",
    description = {
      "Encrypt the plaintext values of a protected column in place, in batches keyed by the"
          + " primary key, while the application keeps running (mark the column 'migrating: true'"
          + " in the application's policy first).",
      "Values that already carry Veil's header are left alone, so the job is safe to run again"
          + " or to resume; NULL stays NULL. Progress is saved after each batch: run the same"
          + " command again after a crash or Ctrl-C to continue.",
      "Exit status: 0 done; 1 done, but some values could not be read (listed on standard"
          + " error); 2 error; 130 interrupted."
    })
final class EncryptExistingCommand extends BulkJobCommand {

  @Option(names = "--column", required = true, description = "The protected column to encrypt.")
  String column;

  @Override
  BulkJob.Kind kind() {
    return BulkJob.Kind.ENCRYPT_EXISTING;
  }

  @Override
  String column() {
    return column;
  }
}
