package dev.veil.cli;

import dev.veil.cli.JobCounts.Outcome;
import dev.veil.cli.JobTable.KeyColumn;
import dev.veil.crypto.ColumnCrypto;
import dev.veil.errors.VeilErrors;
import dev.veil.errors.VeilSqlState;
import dev.veil.policy.ColumnPolicy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Works through a table in primary-key order, one batch per transaction, and rewrites the protected
 * values whose state calls for it. Each value's state comes from Veil's header and the key id in
 * it, never from a guess or from the checkpoint: plaintext, ciphertext under the primary version,
 * ciphertext under an older version, or NULL. So a batch run twice converts nothing twice.
 *
 * <h2>Concurrency</h2>
 *
 * Each batch reads its rows {@code FOR UPDATE}, so a concurrent writer waits for the batch to
 * commit rather than having its write overwritten, and each rewrite is also a compare-and-set
 * ({@code UPDATE ... WHERE key = ? AND column = <value read>}). A compare-and-set that matches no
 * row, a deadlock or a serialization failure rolls the batch back and runs it again.
 */
final class BulkJob {

  /** The two jobs: what each does with a value in each state. */
  enum Kind {
    ENCRYPT_EXISTING("encrypt-existing", "encrypted", "would encrypt"),
    REENCRYPT("reencrypt", "re-encrypted", "would re-encrypt");

    final String command;
    final String converted;
    final String wouldConvert;

    Kind(String command, String converted, String wouldConvert) {
      this.command = command;
      this.converted = converted;
      this.wouldConvert = wouldConvert;
    }
  }

  /** Hears about each committed batch and each value that could not be read. */
  interface Listener {
    /** A batch committed; {@code examined} rows have been examined by this run so far. */
    void committed(long examined);

    /** A value could not be read and was left alone; {@code reason} names no value. */
    void failed(String row, String reason);
  }

  /**
   * What a run did.
   *
   * @param counts what this run found and did, committed batches only
   * @param complete whether it reached the end of the table; false when stopped
   */
  record Result(JobCounts counts, boolean complete) {}

  private record Decision(Outcome outcome, Object replacement, String reason) {}

  private record Row(List<Object> key, Object[] stored) {}

  private record Change(Row row, int column, Object replacement) {}

  private record Batch(JobCounts counts, List<String[]> failures, List<Object> lastKey, int rows) {}

  private static final int ATTEMPTS = 5;

  /** MySQL and MariaDB's lock wait timeout, and H2's: worth retrying, like a deadlock. */
  private static final List<Integer> LOCK_TIMEOUT_CODES = List.of(1205, 50200);

  /** PostgreSQL's {@code lock_timeout} expiring: the same. */
  private static final String LOCK_NOT_AVAILABLE = "55P03";

  private final Connection connection;
  private final Kind kind;
  private final JobTable table;
  private final List<JobColumn> columns;
  private final List<ColumnPolicy> policies;
  private final int batchSize;
  private final boolean dryRun;
  private final Checkpoint start;
  private final Path checkpointFile;
  private final Listener listener;
  private volatile boolean stopRequested;

  /**
   * @param connection a plain connection; the job turns auto-commit off
   * @param start where to start: a checkpoint read back, or one with no key to start from the
   *     beginning; its other fields are written into every later checkpoint
   * @param checkpointFile where to write a checkpoint after each commit, or {@code null} for none
   *     (a dry run writes nothing)
   */
  BulkJob(
      Connection connection,
      Kind kind,
      JobTable table,
      List<JobColumn> columns,
      int batchSize,
      boolean dryRun,
      Checkpoint start,
      Path checkpointFile,
      Listener listener) {
    this.connection = connection;
    this.kind = kind;
    this.table = table;
    this.columns = List.copyOf(columns);
    this.policies = columns.stream().map(JobColumn::policy).toList();
    this.batchSize = batchSize;
    this.dryRun = dryRun;
    this.start = start;
    this.checkpointFile = checkpointFile;
    this.listener = listener;
  }

  /** Asks the job to stop after the batch in progress commits. Safe from any thread. */
  void requestStop() {
    stopRequested = true;
  }

  /** Runs until the end of the table, or until {@link #requestStop} after a batch commits. */
  Result run() throws SQLException {
    // Under REPEATABLE READ, MySQL and MariaDB would also lock the gaps after each batch's rows and
    // hold up the application's inserts there; READ COMMITTED locks the rows read, nothing more.
    connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
    connection.setAutoCommit(false);
    List<Object> after = null;
    if (!start.after().isEmpty()) {
      after = new ArrayList<>();
      for (int i = 0; i < table.keys().size(); i++) {
        after.add(table.keys().get(i).type().fromText(start.after().get(i)));
      }
    }
    JobCounts counts = new JobCounts(policies);
    while (!stopRequested) {
      Batch batch = batchWithRetries(after);
      counts.add(batch.counts());
      for (String[] failure : batch.failures()) {
        listener.failed(failure[0], failure[1]);
      }
      if (batch.rows() == 0) {
        return new Result(counts, true);
      }
      after = batch.lastKey();
      if (checkpointFile != null) {
        List<String> afterText = new ArrayList<>();
        for (int i = 0; i < after.size(); i++) {
          afterText.add(table.keys().get(i).type().toText(after.get(i)));
        }
        new Checkpoint(
                start.job(),
                start.database(),
                start.table(),
                start.columns(),
                start.keyColumns(),
                afterText,
                start.examined() + counts.rows(),
                Instant.now())
            .write(checkpointFile);
      }
      listener.committed(counts.rows());
      if (batch.rows() < batchSize) {
        return new Result(counts, true);
      }
    }
    return new Result(counts, false);
  }

  private Batch batchWithRetries(List<Object> after) throws SQLException {
    for (int attempt = 1; ; attempt++) {
      try {
        Batch batch = batch(after);
        if (batch != null) {
          return batch;
        }
        connection.rollback();
        if (attempt == ATTEMPTS) {
          throw VeilErrors.of(
              VeilSqlState.CONFIGURATION,
              "rows of "
                  + table.sqlName()
                  + " changed under the job "
                  + ATTEMPTS
                  + " times in a row in the batch after "
                  + (after == null ? "the start" : table.describeRow(after))
                  + " although the batch locks its rows; run the job again to resume");
        }
      } catch (SQLException e) {
        rollbackQuietly(e);
        if (attempt == ATTEMPTS || !retryable(e)) {
          throw e;
        }
      }
      try {
        Thread.sleep(50L * attempt);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw VeilErrors.of(VeilSqlState.CONFIGURATION, "interrupted while retrying a batch", e);
      }
    }
  }

  /** One batch in one transaction; {@code null} when a compare-and-set matched no row. */
  private Batch batch(List<Object> after) throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(selectSql(after != null))) {
      if (after != null) {
        bindAfter(select, after);
      }
      try (ResultSet results = select.executeQuery()) {
        List<KeyColumn> keys = table.keys();
        while (results.next()) {
          List<Object> key = new ArrayList<>(keys.size());
          for (int i = 0; i < keys.size(); i++) {
            key.add(keys.get(i).type().read(results, i + 1));
          }
          Object[] stored = new Object[columns.size()];
          for (int j = 0; j < columns.size(); j++) {
            stored[j] = columns.get(j).read(results, keys.size() + j + 1);
          }
          rows.add(new Row(key, stored));
        }
      }
    }
    JobCounts counts = new JobCounts(policies);
    List<String[]> failures = new ArrayList<>();
    List<List<Change>> changes = new ArrayList<>();
    for (int j = 0; j < columns.size(); j++) {
      changes.add(new ArrayList<>());
    }
    for (Row row : rows) {
      counts.row();
      for (int j = 0; j < columns.size(); j++) {
        Decision decision = examine(columns.get(j), row.stored()[j]);
        counts.count(columns.get(j).policy(), decision.outcome());
        if (decision.outcome() == Outcome.FAILED) {
          failures.add(new String[] {table.describeRow(row.key()), decision.reason()});
        } else if (decision.replacement() != null) {
          changes.get(j).add(new Change(row, j, decision.replacement()));
        }
      }
    }
    if (!dryRun) {
      for (int j = 0; j < columns.size(); j++) {
        if (!changes.get(j).isEmpty() && !compareAndSet(columns.get(j), changes.get(j))) {
          return null;
        }
      }
    }
    connection.commit();
    List<Object> last = rows.isEmpty() ? after : rows.get(rows.size() - 1).key();
    return new Batch(counts, failures, last, rows.size());
  }

  private Decision examine(JobColumn column, Object stored) throws SQLException {
    if (stored == null) {
      return new Decision(Outcome.NULL, null, null);
    }
    ColumnCrypto crypto = column.crypto();
    boolean ciphertext = crypto.isCiphertext(stored);
    if (!ciphertext && kind == Kind.REENCRYPT) {
      return new Decision(Outcome.PLAINTEXT, null, null);
    }
    try {
      // Decrypting a value under the primary too proves it authentic before calling it current.
      Object value = crypto.decrypt(stored);
      if (value == null) {
        return new Decision(Outcome.FAILED, null, column.policy().displayName() + " unreadable");
      }
      if (ciphertext) {
        OptionalLong keyId = crypto.keyId(stored);
        if (keyId.isPresent() && keyId.getAsLong() == column.primaryKeyId()) {
          return new Decision(Outcome.CURRENT, null, null);
        }
        if (kind == Kind.ENCRYPT_EXISTING) {
          return new Decision(Outcome.OLDER_VERSION, null, null);
        }
      }
      return new Decision(Outcome.CONVERTED, column.encrypt(value), null);
    } catch (SQLDataException e) {
      return new Decision(Outcome.FAILED, null, e.getMessage());
    }
  }

  private boolean compareAndSet(JobColumn column, List<Change> changes) throws SQLException {
    List<KeyColumn> keys = table.keys();
    try (PreparedStatement update = connection.prepareStatement(updateSql(column))) {
      for (Change change : changes) {
        column.bind(update, 1, change.replacement());
        for (int i = 0; i < keys.size(); i++) {
          keys.get(i).type().bind(update, i + 2, change.row().key().get(i));
        }
        column.bind(update, keys.size() + 2, change.row().stored()[change.column()]);
        update.addBatch();
      }
      for (int count : update.executeBatch()) {
        // SUCCESS_NO_INFO (some drivers' batches) cannot say; the row lock already guarantees it.
        if (count == 0 || (count < 0 && count != Statement.SUCCESS_NO_INFO)) {
          return false;
        }
      }
    }
    return true;
  }

  private String selectSql(boolean hasAfter) {
    StringBuilder sql = new StringBuilder("SELECT ");
    List<String> names = new ArrayList<>();
    table.keys().forEach(key -> names.add(key.sql()));
    columns.forEach(column -> names.add(column.sql()));
    sql.append(String.join(", ", names)).append(" FROM ").append(table.sqlName());
    if (hasAfter) {
      sql.append(" WHERE ").append(afterPredicate());
    }
    sql.append(" ORDER BY ")
        .append(String.join(", ", table.keys().stream().map(KeyColumn::sql).toList()))
        .append(" LIMIT ")
        .append(batchSize);
    if (!dryRun) {
      sql.append(" FOR UPDATE");
    }
    return sql.toString();
  }

  /** Rows after a key, for a key of any width: {@code (a > ?) OR (a = ? AND b > ?) OR ...}. */
  private String afterPredicate() {
    List<String> terms = new ArrayList<>();
    List<KeyColumn> keys = table.keys();
    for (int i = 0; i < keys.size(); i++) {
      List<String> parts = new ArrayList<>();
      for (int k = 0; k < i; k++) {
        parts.add(keys.get(k).sql() + " = ?");
      }
      parts.add(keys.get(i).sql() + " > ?");
      terms.add("(" + String.join(" AND ", parts) + ")");
    }
    return terms.size() == 1 ? terms.get(0) : "(" + String.join(" OR ", terms) + ")";
  }

  private void bindAfter(PreparedStatement select, List<Object> after) throws SQLException {
    int index = 1;
    List<KeyColumn> keys = table.keys();
    for (int i = 0; i < keys.size(); i++) {
      for (int k = 0; k <= i; k++) {
        keys.get(k).type().bind(select, index++, after.get(k));
      }
    }
  }

  private String updateSql(JobColumn column) {
    List<String> where = new ArrayList<>();
    table.keys().forEach(key -> where.add(key.sql() + " = ?"));
    where.add(column.sql() + " = ?");
    return "UPDATE "
        + table.sqlName()
        + " SET "
        + column.sql()
        + " = ? WHERE "
        + String.join(" AND ", where);
  }

  private void rollbackQuietly(SQLException cause) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private static boolean retryable(SQLException e) {
    String state = e.getSQLState();
    return e instanceof SQLTransactionRollbackException
        || (state != null && (state.startsWith("40") || state.equals(LOCK_NOT_AVAILABLE)))
        || LOCK_TIMEOUT_CODES.contains(e.getErrorCode());
  }
}
