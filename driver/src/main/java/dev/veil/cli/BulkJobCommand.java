package dev.veil.cli;

import dev.veil.audit.Audit;
import dev.veil.audit.AuditEvent;
import dev.veil.audit.AuditOperation;
import dev.veil.cli.JobCounts.Outcome;
import dev.veil.crypto.ColumnCrypto;
import dev.veil.crypto.OnUndecryptable;
import dev.veil.driver.StorageDetector;
import dev.veil.errors.VeilErrors;
import dev.veil.errors.VeilSqlState;
import dev.veil.keys.DataKey;
import dev.veil.keys.KeyMetadata;
import dev.veil.keys.Keyring;
import dev.veil.policy.ColumnPolicy;
import dev.veil.policy.EncryptionMode;
import dev.veil.policy.Identifier;
import dev.veil.policy.IdentifierCase;
import dev.veil.policy.Policy;
import dev.veil.policy.Storage;
import dev.veil.policy.TableName;
import dev.veil.policy.TablePolicy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What {@code veil encrypt-existing} and {@code veil reencrypt} share: they open the database with
 * its own driver (not through Veil), find the table, its primary key and the protected columns,
 * resume from a checkpoint, run a {@link BulkJob} with progress, and print a summary.
 *
 * <p>Exit status: 0 when the job reached the end of the table and every value could be read; 1 when
 * it did but some values could not be read (listed on standard error, left as they were); 2 on an
 * error, after which the batch in progress has been rolled back and the checkpoint stands; 130 when
 * interrupted, after the batch in progress committed and the checkpoint was written.
 */
abstract class BulkJobCommand implements Callable<Integer> {
  /** How long Ctrl-C waits for the batch in progress before the JVM exits anyway. */
  private static final long STOP_GRACE_SECONDS = 30;

  private static final long LINE_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

  /** {@code veil.keyCacheTtl}'s default: how long a running application may use older keys. */
  private static final Duration KEY_CACHE_TTL = Duration.ofMinutes(5);

  @Spec CommandSpec spec;

  @Mixin KeyringOptions keyringOptions;

  @Mixin DatabaseOptions database;

  @Option(
      names = "--table",
      required = true,
      description =
          "The protected table, as the policy names it (e.g. patients, billing.invoices).")
  String table;

  @Option(
      names = "--batch-size",
      defaultValue = "1000",
      description = "Rows per batch; each batch is one transaction. Default: ${DEFAULT-VALUE}.")
  int batchSize;

  @Option(
      names = "--dry-run",
      description = "Count what would change and write nothing, not even a checkpoint.")
  boolean dryRun;

  @Option(
      names = "--checkpoint",
      paramLabel = "FILE",
      description =
          "Where progress is saved after each batch, and resumed from"
              + " (default: veil-<job>-<table>-<column or all>.json in the working directory).")
  Path checkpoint;

  @Option(
      names = "--progress",
      defaultValue = "auto",
      description =
          "How progress is shown on standard error: ${COMPLETION-CANDIDATES}; auto draws a bar"
              + " on a terminal and prints a line every 10 s otherwise. Default: ${DEFAULT-VALUE}.")
  Progress.Mode progress;

  abstract BulkJob.Kind kind();

  /** The column the user named, or {@code null} for every protected column of the table. */
  abstract String column();

  @Override
  public Integer call() throws SQLException {
    CommandLine commandLine = spec.commandLine();
    if (batchSize < 1) {
      throw new CommandLine.ParameterException(commandLine, "--batch-size must be at least 1");
    }
    Policy loaded = database.loadPolicy();
    Keyring keyring = Keyring.read(keyringOptions.keyring, keyringOptions.openKek());
    CountDownLatch finished = new CountDownLatch(1);
    try (Connection connection = database.connect()) {
      return run(connection, loaded, keyring, finished);
    } finally {
      finished.countDown();
    }
  }

  private Integer run(
      Connection connection, Policy loaded, Keyring keyring, CountDownLatch finished)
      throws SQLException {
    PrintWriter out = spec.commandLine().getOut();
    IdentifierCase folding = StorageDetector.folding(connection.getMetaData());
    TableName named = parseTable(table);
    TablePolicy tablePolicy = tablePolicy(loaded, named, folding, database);
    List<ColumnPolicy> selected = select(tablePolicy, folding);
    // A policy table without a schema covers that table in every schema; a schema on the command
    // line says which one to work on.
    TableName target = tablePolicy.name().schema() == null ? named : tablePolicy.name();
    JobTable jobTable = JobTable.resolve(connection, target, selected, folding);
    List<JobColumn> columns =
        columns(connection, selected, target, jobTable, keyring, keyringOptions.keyring, folding);

    String label =
        kind().command + " " + target + (column() == null ? "" : "." + selected.get(0).column());
    Progress shown =
        new Progress(
            spec.commandLine().getErr(),
            Progress.resolve(progress),
            label,
            LINE_INTERVAL_NANOS,
            System::nanoTime);
    Path file =
        checkpoint != null
            ? checkpoint
            : Checkpoint.defaultPath(
                kind().command,
                target.toString(),
                column() == null ? null : selected.get(0).column().toString());
    Checkpoint start =
        new Checkpoint(
            kind().command,
            Checkpoint.fingerprint(database.url),
            target.toString(),
            selected.stream().map(c -> c.column().toString()).toList(),
            jobTable.keys().stream().map(JobTable.KeyColumn::name).toList(),
            List.of(),
            0,
            Instant.now());
    if (dryRun) {
      connection.setReadOnly(true);
    } else {
      Optional<Checkpoint> saved = Checkpoint.read(file);
      if (saved.isPresent()) {
        saved.get().requireFor(file, start);
        start = saved.get();
        shown.note(
            "veil: resuming from checkpoint "
                + file
                + " ("
                + start.examined()
                + " rows examined by earlier runs)");
      }
    }
    warnings(columns, keyring, shown);
    for (JobColumn column : columns) {
      audit(column, dryRun ? "dry run started" : "started");
    }

    BulkJob job =
        new BulkJob(
            connection,
            kind(),
            jobTable,
            columns,
            batchSize,
            dryRun,
            start,
            dryRun ? null : file,
            shown);
    Thread stopper =
        new Thread(
            () -> {
              job.requestStop();
              shown.note("veil: interrupted; stopping once the batch in progress commits");
              try {
                finished.await(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "veil-job-stop");
    Runtime.getRuntime().addShutdownHook(stopper);
    BulkJob.Result result;
    try {
      shown.start(estimateRows(connection, jobTable), start.examined());
      result = job.run();
    } catch (SQLException e) {
      shown.finish();
      for (JobColumn column : columns) {
        Audit.record(
            new AuditEvent(
                Instant.now(),
                AuditOperation.BULK_JOB,
                "failed",
                column.policy().key(),
                column.primaryKeyId(),
                column.policy().table().canonical(),
                column.policy().column().canonical(),
                kind().command + " stopped by an error: SQLState " + e.getSQLState()));
      }
      shown.note(
          "veil: "
              + kind().command
              + " stopped by an error; the batch in progress was rolled back"
              + (dryRun ? "" : ", and running it again resumes from " + file));
      throw e;
    } finally {
      removeHook(stopper);
    }
    shown.finish();
    if (result.complete() && !dryRun) {
      Checkpoint.delete(file);
    }
    summary(out, label, result, start.examined(), shown.elapsedSeconds(), file, columns);
    for (JobColumn column : columns) {
      audit(column, counts(column.policy(), result));
    }
    if (!result.complete()) {
      return 130;
    }
    return result.counts().total(Outcome.FAILED) > 0 ? 1 : 0;
  }

  private List<ColumnPolicy> select(TablePolicy tablePolicy, IdentifierCase folding)
      throws SQLException {
    if (column() == null) {
      return tablePolicy.columns();
    }
    Optional<ColumnPolicy> named = tablePolicy.column(Identifier.parse(column()), folding);
    if (named.isEmpty()) {
      throw VeilErrors.of(
          VeilSqlState.CONFIGURATION,
          "the policy does not protect column "
              + column()
              + " of table "
              + tablePolicy.name()
              + "; it protects "
              + tablePolicy.columns().stream().map(c -> c.column().toString()).toList());
    }
    return List.of(named.get());
  }

  /**
   * The policy's table {@code named}, as written on the command line; a {@code F0000} error when
   * the policy does not protect it.
   */
  static TablePolicy tablePolicy(
      Policy loaded, TableName named, IdentifierCase folding, DatabaseOptions database)
      throws SQLException {
    return loaded
        .table(named, folding)
        .orElseThrow(
            () ->
                VeilErrors.of(
                    VeilSqlState.CONFIGURATION,
                    "the policy " + database.policy + " protects no table " + named));
  }

  /**
   * The crypto of each selected column, reading plaintext and ciphertext alike, with its storage
   * detected where {@code target} says; {@code keyringFile} only names the keyring in messages.
   */
  static List<JobColumn> columns(
      Connection connection,
      List<ColumnPolicy> selected,
      TableName target,
      JobTable jobTable,
      Keyring keyring,
      Path keyringFile,
      IdentifierCase folding)
      throws SQLException {
    // Detected where the job works, which a schema on the command line may have narrowed.
    List<ColumnPolicy> detect = new ArrayList<>();
    for (ColumnPolicy column : selected) {
      if (column.storage() == Storage.AUTO) {
        detect.add(column.withTable(target));
      }
    }
    Map<ColumnPolicy, Storage> detected =
        detect.isEmpty() ? Map.of() : StorageDetector.detect(connection, detect, folding);
    List<JobColumn> columns = new ArrayList<>();
    int detectIndex = 0;
    for (ColumnPolicy column : selected) {
      DataKey key = keyring.requireKey(column.key(), column.displayName(), keyringFile);
      // The job tells plaintext from ciphertext by the header, so it reads both whatever the
      // policy says; migrating changes nothing in the associated data.
      ColumnPolicy readsBoth = column.withMigrating(true);
      ColumnCrypto crypto = ColumnCrypto.create(readsBoth, key, OnUndecryptable.ERROR);
      columns.add(
          new JobColumn(
              column,
              jobTable.column(column),
              column.storage() == Storage.AUTO
                  ? detected.get(detect.get(detectIndex++))
                  : column.storage(),
              crypto,
              crypto.primaryKeyId()));
    }
    return columns;
  }

  private void warnings(List<JobColumn> columns, Keyring keyring, Progress shown) {
    Set<String> recentKeys = new TreeSet<>();
    for (JobColumn column : columns) {
      ColumnPolicy policy = column.policy();
      if (kind() == BulkJob.Kind.ENCRYPT_EXISTING && !policy.migrating()) {
        shown.note(
            "veil: note: "
                + policy.displayName()
                + " is not marked 'migrating: true' in the policy; applications reading it through"
                + " Veil fail on the rows still in plaintext until the job is done");
      }
      if (kind() == BulkJob.Kind.REENCRYPT) {
        String purpose =
            policy.mode() == EncryptionMode.DETERMINISTIC
                ? Keyring.DETERMINISTIC
                : Keyring.RANDOMIZED;
        // Only a rotation makes a young primary matter: a key with one version changed nothing.
        List<KeyMetadata> versions =
            keyring.key(policy.key()).orElseThrow().versions().stream()
                .filter(version -> version.purpose().equals(purpose))
                .toList();
        boolean rotatedRecently =
            versions.size() > 1
                && versions.stream()
                    .anyMatch(
                        version ->
                            version.primary()
                                && version.created().plus(KEY_CACHE_TTL).isAfter(Instant.now()));
        if (rotatedRecently) {
          recentKeys.add(policy.key());
        }
      }
    }
    for (String key : recentKeys) {
      shown.note(
          "veil: note: key '"
              + key
              + "' was rotated less than "
              + KEY_CACHE_TTL.toMinutes()
              + " minutes ago; an application still using its previous keyring"
              + " (veil.keyCacheTtl) cannot read values re-encrypted under it until it refreshes");
    }
  }

  /**
   * The table's size for the progress bar: the planner's estimate where the database keeps one
   * (counting a large table would take as long as a batch of the job), else {@code COUNT(*)};
   * negative when even that fails.
   */
  private static long estimateRows(Connection connection, JobTable table) {
    try {
      String product =
          String.valueOf(connection.getMetaData().getDatabaseProductName())
              .toLowerCase(Locale.ROOT);
      if (product.contains("postgresql")) {
        try (PreparedStatement estimate =
            connection.prepareStatement(
                "SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass(?)")) {
          estimate.setString(1, table.sqlName());
          try (ResultSet rows = estimate.executeQuery()) {
            if (rows.next() && rows.getLong(1) > 0) {
              return rows.getLong(1);
            }
          }
        }
      }
      try (Statement count = connection.createStatement();
          ResultSet rows = count.executeQuery("SELECT COUNT(*) FROM " + table.sqlName())) {
        return rows.next() ? rows.getLong(1) : -1;
      }
    } catch (SQLException e) {
      return -1;
    }
  }

  private void summary(
      PrintWriter out,
      String label,
      BulkJob.Result result,
      long before,
      double seconds,
      Path file,
      List<JobColumn> columns) {
    JobCounts counts = result.counts();
    String state;
    if (dryRun) {
      state = "dry run complete, nothing was written";
    } else if (result.complete()) {
      state = "complete";
    } else {
      state = "stopped; run the same command again to resume from " + file;
    }
    out.printf(Locale.ROOT, "%s: %s%n", label, state);
    out.printf(
        Locale.ROOT,
        "  rows examined: %d in %.1f s (%.0f rows/s)%s%n",
        counts.rows(),
        seconds,
        seconds > 0 ? counts.rows() / seconds : 0.0,
        before > 0 ? ", after " + before + " examined by earlier runs" : "");
    for (JobColumn column : columns) {
      ColumnPolicy policy = column.policy();
      StringBuilder line =
          new StringBuilder("  ")
              .append(policy.displayName())
              .append(": ")
              .append(dryRun ? kind().wouldConvert : kind().converted)
              .append(' ')
              .append(counts.get(policy, Outcome.CONVERTED))
              .append(", already current ")
              .append(counts.get(policy, Outcome.CURRENT))
              .append(", NULL skipped ")
              .append(counts.get(policy, Outcome.NULL))
              .append(", failures ")
              .append(counts.get(policy, Outcome.FAILED));
      if (counts.get(policy, Outcome.OLDER_VERSION) > 0) {
        line.append(", under an older key version ")
            .append(counts.get(policy, Outcome.OLDER_VERSION))
            .append(" (run 'veil reencrypt')");
      }
      if (counts.get(policy, Outcome.PLAINTEXT) > 0) {
        line.append(", plaintext ")
            .append(counts.get(policy, Outcome.PLAINTEXT))
            .append(" (run 'veil encrypt-existing')");
      }
      out.println(line);
    }
    if (counts.total(Outcome.FAILED) > 0) {
      out.println(
          "  values that could not be read were left as they are; their rows are listed on"
              + " standard error");
    }
    out.flush();
  }

  private String counts(ColumnPolicy column, BulkJob.Result result) {
    JobCounts counts = result.counts();
    return (dryRun ? "dry run " : "")
        + (result.complete() ? "complete" : "stopped")
        + ": rows "
        + counts.rows()
        + ", converted "
        + counts.get(column, Outcome.CONVERTED)
        + ", current "
        + counts.get(column, Outcome.CURRENT)
        + ", older version "
        + counts.get(column, Outcome.OLDER_VERSION)
        + ", plaintext "
        + counts.get(column, Outcome.PLAINTEXT)
        + ", null "
        + counts.get(column, Outcome.NULL)
        + ", failed "
        + counts.get(column, Outcome.FAILED);
  }

  private void audit(JobColumn column, String detail) {
    ColumnPolicy policy = column.policy();
    Audit.record(
        new AuditEvent(
            Instant.now(),
            AuditOperation.BULK_JOB,
            "ok",
            policy.key(),
            column.primaryKeyId(),
            policy.table().canonical(),
            policy.column().canonical(),
            kind().command + " " + detail));
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The JVM is shutting down and the hook is running: it waits for this command to finish.
    }
  }

  /** A table as written on the command line: {@code table} or {@code schema.table}. */
  static TableName parseTable(String text) throws SQLException {
    List<String> parts = new ArrayList<>();
    StringBuilder part = new StringBuilder();
    boolean quoted = false;
    for (char c : text.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
      }
      if (c == '.' && !quoted) {
        parts.add(part.toString().strip());
        part.setLength(0);
      } else {
        part.append(c);
      }
    }
    parts.add(part.toString().strip());
    if (parts.size() > 2 || parts.stream().anyMatch(String::isEmpty)) {
      throw VeilErrors.of(
          VeilSqlState.CONFIGURATION,
          "--table must be 'table' or 'schema.table', not '" + text + "'");
    }
    return parts.size() == 1
        ? new TableName(null, Identifier.parse(parts.get(0)))
        : new TableName(Identifier.parse(parts.get(0)), Identifier.parse(parts.get(1)));
  }
}
