package dev.veil.cli;

import com.google.crypto.tink.Aead;
import dev.veil.errors.VeilErrors;
import dev.veil.errors.VeilSqlState;
import dev.veil.keys.Keks;
import dev.veil.keys.KeyMetadata;
import dev.veil.keys.Keyring;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code veil keys}: the keyring of data keys. */
@Command(
    mixinStandardHelpOptions = true,
    name = "keys",
    description = "Manage the keyring of data keys.",
    subcommands = {KeysCommand.Init.class, KeysCommand.Add.class, KeysCommand.ListKeys.class})
final class KeysCommand {

  /** Options every keys command takes. */
  static final class KeyringOptions {
    @Option(names = "--keyring", required = true, description = "The keyring file.")
    Path keyring;

    @Option(names = "--kek", required = true, description = "The KEK URI: env:NAME or file:/path.")
    String kek;

    Aead openKek() throws SQLException {
      return Keks.open(kek);
    }
  }

  /** {@code veil keys init}. */
  @Command(
      mixinStandardHelpOptions = true,
      name = "init",
      description = "Create an empty keyring, wrapped under the KEK.")
  static final class Init implements Callable<Integer> {
    @Spec CommandSpec spec;
    @picocli.CommandLine.Mixin KeyringOptions options;

    @Override
    public Integer call() throws SQLException {
      if (Files.exists(options.keyring)) {
        throw VeilErrors.of(
            VeilSqlState.CONFIGURATION,
            options.keyring + " already exists; Veil will not overwrite a keyring");
      }
      Keyring.empty().write(options.keyring, options.openKek());
      spec.commandLine().getOut().println("created empty keyring " + options.keyring);
      return 0;
    }
  }

  /** {@code veil keys add NAME}. */
  @Command(
      mixinStandardHelpOptions = true,
      name = "add",
      description = "Generate a new data key and add it to the keyring.")
  static final class Add implements Callable<Integer> {
    @Spec CommandSpec spec;
    @picocli.CommandLine.Mixin KeyringOptions options;

    @Parameters(index = "0", paramLabel = "NAME", description = "The key name the policy uses.")
    String name;

    @Override
    public Integer call() throws SQLException {
      Aead kek = options.openKek();
      Keyring.read(options.keyring, kek).withNewKey(name).write(options.keyring, kek);
      spec.commandLine().getOut().println("added key '" + name + "' to " + options.keyring);
      return 0;
    }
  }

  /** {@code veil keys list}. */
  @Command(
      mixinStandardHelpOptions = true,
      name = "list",
      description = "List keys: names, ids, status, creation; never key bytes.")
  static final class ListKeys implements Callable<Integer> {
    @Spec CommandSpec spec;
    @picocli.CommandLine.Mixin KeyringOptions options;

    @Override
    public Integer call() throws SQLException {
      Keyring keyring = Keyring.read(options.keyring, options.openKek());
      PrintWriter out = spec.commandLine().getOut();
      String format = "%-16s %-14s %-11s %-8s %-9s %s%n";
      out.printf(format, "NAME", "PURPOSE", "KEY ID", "PRIMARY", "STATUS", "CREATED");
      for (KeyMetadata key : keyring.describe()) {
        out.printf(
            format,
            key.name(),
            key.purpose(),
            key.keyId(),
            key.primary() ? "yes" : "no",
            key.status(),
            key.created());
      }
      return 0;
    }
  }
}
