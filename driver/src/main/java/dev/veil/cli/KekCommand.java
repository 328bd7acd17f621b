package dev.veil.cli;

import dev.veil.audit.Audit;
import dev.veil.audit.AuditEvent;
import dev.veil.audit.AuditOperation;
import dev.veil.keys.Kek;
import dev.veil.keys.Keks;
import dev.veil.keys.Keyring;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code veil kek}: key-encryption keys. */
@Command(
    mixinStandardHelpOptions = true,
    name = "kek",
    description = "Key-encryption keys.",
    subcommands = {KekCommand.New.class, KekCommand.Create.class, KekCommand.Rotate.class})
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

  /** {@code veil kek create --kek URI}: makes the KEK where it is to live. */
  @Command(
      mixinStandardHelpOptions = true,
      name = "create",
      description = {
        "Create the KEK that --kek names, where it lives. Never replaces a key.",
        "  file:/path                 a new file that only its owner can read",
        "  pkcs12:/path/ks.p12#ALIAS  an AES-256 entry (and the keystore if absent);",
        "                             password from VEIL_KEYSTORE_PASSWORD",
        "                             or ?passwordEnv=NAME before the #",
        "  pkcs11:config=/path/pkcs11.cfg;key=LABEL",
        "                             an AES-256 key generated inside the token,",
        "                             sensitive and unextractable; PIN from",
        "                             VEIL_PKCS11_PIN or ;pinEnv=NAME",
        "env: and cloud KMS keys are made elsewhere: veil kek new, the cloud's tools."
      })
  static final class Create implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--kek", required = true, description = "The KEK URI to create.")
    String kek;

    @Option(names = "--audit-file", description = "Also append audit events to this file.")
    Path auditFile;

    @Override
    public Integer call() throws SQLException {
      KeyringOptions.startAudit(auditFile);
      Kek created = Keks.create(kek);
      Audit.record(
          AuditEvent.ok(AuditOperation.KEY_CREATE, null, null, "KEK " + created.location()));
      spec.commandLine().getOut().println("created KEK " + created.location());
      return 0;
    }
  }

  /** {@code veil kek rotate --keyring F --from URI --to URI}. */
  @Command(
      mixinStandardHelpOptions = true,
      name = "rotate",
      description =
          "Re-wrap the keyring under another KEK. No data key changes and no row is touched;"
              + " afterwards only the new KEK opens the keyring.")
  static final class Rotate implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--keyring", required = true, description = "The keyring file.")
    Path keyring;

    @Option(names = "--from", required = true, description = "The KEK URI it is wrapped under.")
    String from;

    @Option(names = "--to", required = true, description = "The new KEK URI.")
    String to;

    @Option(names = "--audit-file", description = "Also append audit events to this file.")
    Path auditFile;

    @Override
    public Integer call() throws SQLException {
      KeyringOptions.startAudit(auditFile);
      Kek oldKek = Keks.open(from);
      Kek newKek = Keks.open(to);
      Keyring.read(keyring, oldKek).write(keyring, newKek);
      Audit.record(
          AuditEvent.ok(
              AuditOperation.KEK_REWRAP,
              null,
              null,
              "from " + oldKek.location() + " to " + newKek.location()));
      spec.commandLine().getOut().println("re-wrapped " + keyring + " under " + newKek.location());
      return 0;
    }
  }
}
