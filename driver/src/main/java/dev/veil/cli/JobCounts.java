package dev.veil.cli;

import dev.veil.policy.ColumnPolicy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a bulk job found, per column and outcome, and how many rows it examined. */
final class JobCounts {

  /** What happened to one stored value. */
  enum Outcome {
    /** Written anew under the primary key version (or would be, in a dry run). */
    CONVERTED,
    /** Already ciphertext under the primary version, and authentic. */
    CURRENT,
    /** Ciphertext under an older version, left for {@code veil reencrypt}. */
    OLDER_VERSION,
    /** Plaintext, left for {@code veil encrypt-existing}. */
    PLAINTEXT,
    /** SQL NULL, which stays NULL. */
    NULL,
    /** Could not be read (does not authenticate, or not a valid value): reported, left alone. */
    FAILED
  }

  private final Map<ColumnPolicy, long[]> byColumn = new LinkedHashMap<>();
  private long rows;

  JobCounts(List<ColumnPolicy> columns) {
    for (ColumnPolicy column : columns) {
      byColumn.put(column, new long[Outcome.values().length]);
    }
  }

  void row() {
    rows++;
  }

  void count(ColumnPolicy column, Outcome outcome) {
    byColumn.get(column)[outcome.ordinal()]++;
  }

  /** Adds a committed batch's counts to these. */
  void add(JobCounts batch) {
    rows += batch.rows;
    for (Map.Entry<ColumnPolicy, long[]> entry : batch.byColumn.entrySet()) {
      long[] mine = byColumn.get(entry.getKey());
      for (int i = 0; i < mine.length; i++) {
        mine[i] += entry.getValue()[i];
      }
    }
  }

  long rows() {
    return rows;
  }

  long get(ColumnPolicy column, Outcome outcome) {
    return byColumn.get(column)[outcome.ordinal()];
  }

  long total(Outcome outcome) {
    long sum = 0;
    for (long[] counts : byColumn.values()) {
      sum += counts[outcome.ordinal()];
    }
    return sum;
  }
}
