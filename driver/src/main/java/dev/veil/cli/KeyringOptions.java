package dev.veil.cli;

import dev.veil.audit.Audit;
import dev.veil.errors.VeilErrors;
import dev.veil.errors.VeilSqlState;
import dev.veil.keys.Kek;
import dev.veil.keys.Keks;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import picocli.CommandLine.Option;

/** The options of every command that opens a keyring: where it is, its KEK, the audit file. */
final class KeyringOptions {
  @Option(names = "--keyring", required = true, description = "The keyring file.")
  Path keyring;

  @Option(
      names = "--kek",
      required = true,
      description =
          "The KEK URI: env:NAME, file:/path, pkcs12:/path#alias, pkcs11:..., aws-kms://...,"
              + " gcp-kms://...")
  String kek;

  @Option(
      names = "--audit-file",
      description =
          "Also append audit events to this JSON-lines file (default: veil.auditFile or"
              + " VEIL_AUDIT_FILE, if set).")
  Path auditFile;

  /** Opens the KEK, after starting the audit file so that the unwrap is recorded. */
  Kek openKek() throws SQLException {
    startAudit(auditFile);
    return Keks.open(kek);
  }

  /** Sends audit events to {@code file}, or to the configured audit file when it is null. */
  static void startAudit(Path file) throws SQLException {
    Path target = file;
    if (target == null) {
      String configured = System.getProperty("veil.auditFile", System.getenv("VEIL_AUDIT_FILE"));
      target = configured == null || configured.isBlank() ? null : Path.of(configured);
    }
    if (target == null) {
      return;
    }
    try {
      Audit.toFile(target);
    } catch (IOException e) {
      throw VeilErrors.of(
          VeilSqlState.CONFIGURATION, "cannot open the audit file " + target + ": " + e, e);
    }
  }
}
