package dev.veil.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.veil.errors.VeilErrors;
import dev.veil.errors.VeilSqlState;
import dev.veil.keys.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * How far a bulk job got: the primary key of the last row of its last committed batch, and which
 * job, database, table and columns that was for. Written after each commit, atomically, so that a
 * crash leaves the previous checkpoint or the new one, never half of one.
 *
 * <p>A checkpoint only saves work: every value's state is decided again from its header and key id
 * when it is read, so an old checkpoint (or none) makes a restart re-examine rows, never convert
 * one twice.
 *
 * @param job {@code encrypt-existing} or {@code reencrypt}
 * @param database a fingerprint of the JDBC URL, so that a checkpoint is not applied to another
 *     database; the URL itself may hold a password and is not written
 * @param table the table as the policy names it
 * @param columns the protected columns the job works on, as the policy names them
 * @param keyColumns the primary key's columns
 * @param after the last committed primary key, one text value per key column
 * @param examined rows examined by every run so far
 * @param updated when it was written
 */
record Checkpoint(
    String job,
    String database,
    String table,
    List<String> columns,
    List<String> keyColumns,
    List<String> after,
    long examined,
    Instant updated) {

  Checkpoint {
    columns = List.copyOf(columns);
    keyColumns = List.copyOf(keyColumns);
    after = List.copyOf(after);
  }

  /**
   * The default file for a job: named after the job, table and column, in the working directory.
   */
  static Path defaultPath(String job, String table, String column) {
    return Path.of(
        "veil-"
            + job
            + "-"
            + safe(table)
            + "-"
            + (column == null ? "all" : safe(column))
            + ".json");
  }

  /** A short fingerprint of a JDBC URL. */
  static String fingerprint(String url) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Reads a checkpoint, or nothing when the file does not exist. */
  static Optional<Checkpoint> read(Path file) throws SQLException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw VeilErrors.of(
          VeilSqlState.CONFIGURATION, "cannot read the checkpoint " + file + ": " + e, e);
    }
    try {
      JsonObject root = JsonParser.parseString(text).getAsJsonObject();
      return Optional.of(
          new Checkpoint(
              root.get("job").getAsString(),
              root.get("database").getAsString(),
              root.get("table").getAsString(),
              strings(root.getAsJsonArray("columns")),
              strings(root.getAsJsonArray("keyColumns")),
              strings(root.getAsJsonArray("after")),
              root.get("examined").getAsLong(),
              Instant.parse(root.get("updated").getAsString())));
    } catch (RuntimeException e) {
      throw VeilErrors.of(
          VeilSqlState.CONFIGURATION,
          "the checkpoint "
              + file
              + " is not a Veil checkpoint or is damaged; delete it to start the job from the"
              + " beginning (safe: rows already converted are recognised and skipped)",
          e);
    }
  }

  /**
   * Refuses a checkpoint written for another job, database, table, column set or primary key:
   * resuming from it could skip rows this job has not seen.
   */
  void requireFor(Path file, Checkpoint expected) throws SQLException {
    List<String> differences = new ArrayList<>();
    if (!job.equals(expected.job)) {
      differences.add("job " + job);
    }
    if (!database.equals(expected.database)) {
      differences.add("another database URL");
    }
    if (!table.equals(expected.table)) {
      differences.add("table " + table);
    }
    if (!columns.equals(expected.columns)) {
      differences.add("columns " + columns);
    }
    if (!keyColumns.equals(expected.keyColumns) || after.size() != keyColumns.size()) {
      differences.add("primary key " + keyColumns);
    }
    if (!differences.isEmpty()) {
      throw VeilErrors.of(
          VeilSqlState.CONFIGURATION,
          "the checkpoint "
              + file
              + " was written for "
              + String.join(", ", differences)
              + "; pass another --checkpoint, or delete it to start from the beginning");
    }
  }

  /** Writes the checkpoint: a temporary file, forced to disk, renamed over, directory synced. */
  void write(Path file) throws SQLException {
    JsonObject root = new JsonObject();
    root.addProperty("job", job);
    root.addProperty("database", database);
    root.addProperty("table", table);
    root.add("columns", array(columns));
    root.add("keyColumns", array(keyColumns));
    root.add("after", array(after));
    root.addProperty("examined", examined);
    root.addProperty("updated", updated.toString());
    byte[] content = (root + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      // Owner-only from the start: the primary keys in it may identify people.
      OwnerOnlyFiles.replace(file, content, temp -> {});
    } catch (IOException | UnsupportedOperationException e) {
      throw VeilErrors.of(
          VeilSqlState.CONFIGURATION, "cannot write the checkpoint " + file + ": " + e, e);
    }
  }

  /** Deletes the checkpoint of a finished job, so that the next run starts from the beginning. */
  static void delete(Path file) throws SQLException {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw VeilErrors.of(
          VeilSqlState.CONFIGURATION, "cannot delete the checkpoint " + file + ": " + e, e);
    }
  }

  private static String safe(String name) {
    return name.replaceAll("[^A-Za-z0-9_.-]", "_");
  }

  private static JsonArray array(List<String> values) {
    JsonArray array = new JsonArray();
    values.forEach(array::add);
    return array;
  }

  private static List<String> strings(JsonArray array) {
    List<String> values = new ArrayList<>();
    for (JsonElement element : array) {
      values.add(element.getAsString());
    }
    return values;
  }
}
