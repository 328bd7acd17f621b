package dev.veil.cli;

import dev.veil.keys.Keks;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code veil kek}: key-encryption keys. */
@Command(
    mixinStandardHelpOptions = true,
    name = "kek",
    description = "Key-encryption keys.",
    subcommands = KekCommand.New.class)
final class KekCommand {

  /** {@code veil kek new}: prints a fresh KEK. */
  @Command(
      mixinStandardHelpOptions = true,
      name = "new",
      description =
          "Print a fresh KEK (base64 of 32 random bytes) for env:NAME or file:/path. Store it"
              + " where only the application can read it; never next to the keyring.")
  static final class New implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      spec.commandLine().getOut().println(Keks.generate());
      return 0;
    }
  }
}
