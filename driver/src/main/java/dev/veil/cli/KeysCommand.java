package dev.veil.cli;

import dev.veil.audit.Audit;
import dev.veil.audit.AuditEvent;
import dev.veil.audit.AuditOperation;
import dev.veil.errors.VeilErrors;
import dev.veil.errors.VeilSqlState;
import dev.veil.keys.Kek;
import dev.veil.keys.Keks;
import dev.veil.keys.KeyMetadata;
import dev.veil.keys.Keyring;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code veil keys}: the keyring of data keys. Every change is audited. */
@Command(
    mixinStandardHelpOptions = true,
    name = "keys",
    description = "Manage the keyring of data keys.",
    subcommands = {
      KeysCommand.Init.class,
      KeysCommand.Add.class,
      KeysCommand.ListKeys.class,
      KeysCommand.Rotate.class,
      KeysCommand.Promote.class,
      KeysCommand.Retire.class,
      KeysCommand.Enable.class,
      KeysCommand.Destroy.class,
      KeysCommand.Export.class
    })
final class KeysCommand {

  /** Refuses to write a new keyring over an existing file, which may hold the only copy of keys. */
  private static void requireAbsent(Path keyring) throws SQLException {
    if (Files.exists(keyring)) {
      throw VeilErrors.of(
          VeilSqlState.CONFIGURATION,
          keyring + " already exists; Veil will not overwrite a keyring");
    }
  }

  /** {@code veil keys init}. */
  @Command(
      mixinStandardHelpOptions = true,
      name = "init",
      description = "Create an empty keyring, wrapped under the KEK.")
  static final class Init implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin KeyringOptions options;

    @Override
    public Integer call() throws SQLException {
      requireAbsent(options.keyring);
      Kek kek = options.openKek();
      Keyring.empty().write(options.keyring, kek);
      Audit.record(
          AuditEvent.ok(
              AuditOperation.KEYRING_CREATE,
              null,
              null,
              options.keyring + " under " + kek.location()));
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
    @Mixin KeyringOptions options;

    @Parameters(index = "0", paramLabel = "NAME", description = "The key name the policy uses.")
    String name;

    @Override
    public Integer call() throws SQLException {
      Kek kek = options.openKek();
      Keyring keyring = Keyring.read(options.keyring, kek).withNewKey(name);
      keyring.write(options.keyring, kek);
      for (KeyMetadata version : keyring.key(name).orElseThrow().versions()) {
        Audit.record(
            AuditEvent.ok(AuditOperation.KEY_CREATE, name, version.keyId(), version.purpose()));
      }
      spec.commandLine().getOut().println("added key '" + name + "' to " + options.keyring);
      return 0;
    }
  }

  /** {@code veil keys list}. */
  @Command(
      mixinStandardHelpOptions = true,
      name = "list",
      description = "List key versions: names, ids, status, times; never key bytes.")
  static final class ListKeys implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin KeyringOptions options;

    @Override
    public Integer call() throws SQLException {
      Keyring keyring = Keyring.read(options.keyring, options.openKek());
      PrintWriter out = spec.commandLine().getOut();
      String format = "%-16s %-14s %-11s %-8s %-10s %-31s %s%n";
      out.printf(format, "NAME", "PURPOSE", "KEY ID", "PRIMARY", "STATUS", "CREATED", "CHANGED");
      for (KeyMetadata key : keyring.describe()) {
        out.printf(
            format,
            key.name(),
            key.purpose(),
            key.keyId(),
            key.primary() ? "yes" : "no",
            key.status(),
            key.created(),
            key.changed() == null ? "-" : key.changed());
      }
      return 0;
    }
  }

  /** {@code veil keys rotate NAME [--stage]}. */
  @Command(
      mixinStandardHelpOptions = true,
      name = "rotate",
      description = {
        "Add a new version of a key, for deterministic and randomized columns alike, primary at"
            + " once or, with --stage, enabled but not yet primary.",
        "Values written before stay readable, and lookups on deterministic columns match values"
            + " under every enabled version until the old ones are retired. Running applications"
            + " pick the change up within veil.keyCacheTtl; with several application instances,"
            + " --stage first and promote after that delay."
      })
  static final class Rotate implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin KeyringOptions options;

    @Parameters(index = "0", paramLabel = "NAME", description = "The key to rotate.")
    String name;

    @Option(
        names = "--stage",
        description = "Add the new versions enabled but not primary; 'veil keys promote' later.")
    boolean stage;

    @Override
    public Integer call() throws SQLException {
      Kek kek = options.openKek();
      Keyring before = Keyring.read(options.keyring, kek);
      Keyring keyring = stage ? before.stage(name) : before.rotate(name);
      keyring.write(options.keyring, kek);
      PrintWriter out = spec.commandLine().getOut();
      List<KeyMetadata> versions = keyring.key(name).orElseThrow().versions();
      String kind = stage ? "staged" : "primary";
      for (KeyMetadata version : versions.subList(versions.size() - 2, versions.size())) {
        Audit.record(
            AuditEvent.ok(
                AuditOperation.KEY_ROTATE, name, version.keyId(), version.purpose() + ", " + kind));
        out.println(
            "key '"
                + name
                + "' "
                + version.purpose()
                + ": new "
                + kind
                + " version "
                + version.keyId());
      }
      out.println(
          stage
              ? "once every application has loaded it (veil.keyCacheTtl), make it primary with"
                  + " 'veil keys promote "
                  + name
                  + " KEYID...'"
              : "re-encrypt with 'veil reencrypt', then retire the old versions with 'veil keys"
                  + " retire "
                  + name
                  + " KEYID...'");
      return 0;
    }
  }

  /** {@code veil keys promote NAME KEYID...}. */
  @Command(
      mixinStandardHelpOptions = true,
      name = "promote",
      description = "Make staged versions primary: new values are written under them.")
  static final class Promote extends ListedVersionsChange {

    @Override
    Keyring change(Keyring keyring, long keyId) throws SQLException {
      return keyring.promote(name, keyId);
    }

    @Override
    AuditOperation operation() {
      return AuditOperation.KEY_PROMOTE;
    }

    @Override
    String done() {
      return "promoted";
    }
  }

  /** What {@code retire}, {@code enable} and {@code destroy KEYID} share: a key and versions. */
  abstract static class VersionChange implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin KeyringOptions options;

    @Parameters(index = "0", paramLabel = "NAME", description = "The key.")
    String name;

    abstract Keyring change(Keyring keyring, long keyId) throws SQLException;

    abstract AuditOperation operation();

    abstract String done();

    Integer changeVersions(List<Long> keyIds) throws SQLException {
      Kek kek = options.openKek();
      Keyring keyring = Keyring.read(options.keyring, kek);
      for (long keyId : keyIds) {
        keyring = change(keyring, keyId);
      }
      keyring.write(options.keyring, kek);
      for (long keyId : keyIds) {
        Audit.record(AuditEvent.ok(operation(), name, keyId, null));
        spec.commandLine().getOut().println(done() + " version " + name + "/" + keyId);
      }
      return 0;
    }
  }

  /** A change to one or more listed versions. */
  abstract static class ListedVersionsChange extends VersionChange {
    @Parameters(
        index = "1..*",
        arity = "1..*",
        paramLabel = "KEYID",
        description = "Key versions ('veil keys list' shows them), one per keyset.")
    List<Long> keyIds;

    @Override
    public Integer call() throws SQLException {
      return changeVersions(keyIds);
    }
  }

  /** {@code veil keys retire NAME KEYID...}. */
  @Command(
      mixinStandardHelpOptions = true,
      name = "retire",
      description = {
        "Retire key versions: they no longer decrypt and lookups stop matching them. Run"
            + " 'veil reencrypt' first. Reversible with 'veil keys enable'.",
      })
  static final class Retire extends ListedVersionsChange {

    @Override
    Keyring change(Keyring keyring, long keyId) throws SQLException {
      return keyring.retire(name, keyId);
    }

    @Override
    AuditOperation operation() {
      return AuditOperation.KEY_RETIRE;
    }

    @Override
    String done() {
      return "retired";
    }
  }

  /** {@code veil keys enable NAME KEYID...}. */
  @Command(
      mixinStandardHelpOptions = true,
      name = "enable",
      description = "Enable retired key versions again.")
  static final class Enable extends ListedVersionsChange {

    @Override
    Keyring change(Keyring keyring, long keyId) throws SQLException {
      return keyring.enable(name, keyId);
    }

    @Override
    AuditOperation operation() {
      return AuditOperation.KEY_ENABLE;
    }

    @Override
    String done() {
      return "enabled";
    }
  }

  /** {@code veil keys destroy NAME [KEYID...] --confirm}. */
  @Command(
      mixinStandardHelpOptions = true,
      name = "destroy",
      description = {
        "Crypto-shred: destroy a whole key, or retired versions of it. Values under what is"
            + " destroyed become unreadable by anyone, for good, once every copy of the previous"
            + " keyring file (backups included) is gone.",
      })
  static final class Destroy extends VersionChange {
    @Parameters(
        index = "1..*",
        arity = "0..*",
        paramLabel = "KEYID",
        description = "Retired versions to destroy; without any, the whole key.")
    List<Long> keyIds;

    @Option(names = "--confirm", description = "Required: destroying cannot be undone.")
    boolean confirm;

    @Override
    public Integer call() throws SQLException {
      if (!confirm) {
        spec.commandLine()
            .getErr()
            .println(
                "veil: destroying "
                    + (keyIds == null || keyIds.isEmpty()
                        ? "key '" + name + "'"
                        : "versions " + keyIds + " of key '" + name + "'")
                    + " cannot be undone; run again with --confirm");
        return 1;
      }
      if (keyIds != null && !keyIds.isEmpty()) {
        return changeVersions(keyIds);
      }
      Kek kek = options.openKek();
      Keyring.read(options.keyring, kek).destroy(name).write(options.keyring, kek);
      Audit.record(AuditEvent.ok(AuditOperation.KEY_DESTROY, name, null, "whole key"));
      PrintWriter out = spec.commandLine().getOut();
      out.println("destroyed key '" + name + "'; its values are unreadable from now on");
      out.println("delete every backup of the previous keyring file too: each still holds the key");
      return 0;
    }

    @Override
    Keyring change(Keyring keyring, long keyId) throws SQLException {
      return keyring.destroy(name, keyId);
    }

    @Override
    AuditOperation operation() {
      return AuditOperation.KEY_DESTROY;
    }

    @Override
    String done() {
      return "destroyed";
    }
  }

  /** {@code veil keys export NAME... --to FILE [--to-kek KEK]}. */
  @Command(
      mixinStandardHelpOptions = true,
      name = "export",
      description = {
        "Write a copy of the keyring that holds only the named keys, for an instance that needs"
            + " just their columns. Its columns under other keys read as veil.onMissingKey says.",
        "The copy is wrapped under --to-kek, or under the same KEK when that is not given."
      })
  static final class Export implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin KeyringOptions options;

    @Parameters(index = "0..*", arity = "1..*", paramLabel = "NAME", description = "Keys to keep.")
    List<String> names;

    @Option(names = "--to", required = true, description = "The keyring file to write.")
    Path to;

    @Option(names = "--to-kek", description = "The KEK URI to wrap the copy under.")
    String toKek;

    @Override
    public Integer call() throws SQLException {
      requireAbsent(to);
      Kek kek = options.openKek();
      Kek target = toKek == null ? kek : Keks.open(toKek);
      Keyring.read(options.keyring, kek).only(names).write(to, target);
      Audit.record(
          AuditEvent.ok(
              AuditOperation.KEYRING_EXPORT,
              null,
              null,
              names + " from " + options.keyring + " to " + to + " under " + target.location()));
      spec.commandLine().getOut().println("wrote keys " + names + " to " + to);
      return 0;
    }
  }
}
