package dev.veil.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A bulk job's progress on standard error: rows done of the (estimated) total, rate and time left.
 * On a terminal a bar is redrawn in place at most a few times a second; elsewhere (a log file, a CI
 * job) a line is printed every so often, so that logs stay readable.
 */
final class Progress implements BulkJob.Listener {

  /** How progress is shown: {@code auto} picks {@code bar} on a terminal, else {@code lines}. */
  enum Mode {
    AUTO,
    BAR,
    LINES,
    NONE
  }

  private static final long BAR_INTERVAL_NANOS = 200_000_000L;
  private static final int BAR_WIDTH = 30;
  private static final int FAILURES_SHOWN = 50;

  private final PrintWriter err;
  private final Mode mode;
  private final String label;
  private final long lineIntervalNanos;
  private final LongSupplier clock;
  private long total;
  private long before;
  private long started;
  private long lastShown;
  private long examined;
  private int drawnWidth;
  private long failures;

  /**
   * @param mode {@code BAR}, {@code LINES} or {@code NONE}; {@link #resolve} turns {@code AUTO}
   *     into one of them
   * @param label what is being worked on, such as {@code encrypt-existing patients.ssn}
   * @param lineIntervalNanos how often a progress line is printed in {@code LINES} mode
   * @param clock nanoseconds, as {@link System#nanoTime}
   */
  Progress(PrintWriter err, Mode mode, String label, long lineIntervalNanos, LongSupplier clock) {
    this.err = err;
    this.mode = mode;
    this.label = label;
    this.lineIntervalNanos = lineIntervalNanos;
    this.clock = clock;
  }

  /**
   * {@code AUTO} as a bar when the JVM has a console (both standard input and output are a
   * terminal, the nearest the JDK tells of standard error) and the terminal is not {@code dumb}.
   */
  static Mode resolve(Mode mode) {
    if (mode != Mode.AUTO) {
      return mode;
    }
    boolean terminal = System.console() != null && !"dumb".equals(System.getenv("TERM"));
    return terminal ? Mode.BAR : Mode.LINES;
  }

  /**
   * Starts the clock.
   *
   * @param total the estimated number of rows in the table, or a negative number when unknown
   * @param before rows examined by earlier runs of a resumed job
   */
  synchronized void start(long total, long before) {
    this.total = total;
    this.before = before;
    started = clock.getAsLong();
    lastShown = started;
    if (mode == Mode.LINES) {
      err.println(
          label
              + ": starting"
              + (total >= 0 ? ", about " + total + " rows in the table" : "")
              + (before > 0 ? ", " + before + " examined by earlier runs" : ""));
      err.flush();
    }
  }

  @Override
  public synchronized void committed(long examined) {
    this.examined = examined;
    long now = clock.getAsLong();
    if (mode == Mode.BAR && now - lastShown >= BAR_INTERVAL_NANOS) {
      draw(now);
      lastShown = now;
    } else if (mode == Mode.LINES && now - lastShown >= lineIntervalNanos) {
      err.println(label + ": " + status(now));
      err.flush();
      lastShown = now;
    }
  }

  @Override
  public synchronized void failed(String row, String reason) {
    failures++;
    if (failures <= FAILURES_SHOWN) {
      note("veil: row " + row + " left alone: " + reason);
    } else if (failures == FAILURES_SHOWN + 1) {
      note("veil: more values could not be read; only the first " + FAILURES_SHOWN + " are shown");
    }
  }

  /** Prints a line of its own, clearing the bar first. */
  synchronized void note(String line) {
    clearBar();
    err.println(line);
    err.flush();
  }

  /** Shows the final state and leaves the cursor on a fresh line. */
  synchronized void finish() {
    long now = clock.getAsLong();
    if (mode == Mode.BAR) {
      draw(now);
      err.println();
      drawnWidth = 0;
    } else if (mode == Mode.LINES) {
      err.println(label + ": " + status(now));
    }
    err.flush();
  }

  /** Seconds since {@link #start}. */
  double elapsedSeconds() {
    return (clock.getAsLong() - started) / 1e9;
  }

  private void draw(long now) {
    String text = label + " " + bar() + " " + status(now);
    StringBuilder line = new StringBuilder("\r").append(text);
    for (int i = text.length(); i < drawnWidth; i++) {
      line.append(' ');
    }
    drawnWidth = text.length();
    err.print(line);
    err.flush();
  }

  private void clearBar() {
    if (drawnWidth > 0) {
      err.print("\r" + " ".repeat(drawnWidth) + "\r");
      drawnWidth = 0;
    }
  }

  private String bar() {
    long done = before + examined;
    long of = Math.max(total, done);
    int filled = of <= 0 ? 0 : (int) (BAR_WIDTH * done / of);
    return "[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "]";
  }

  private String status(long now) {
    long done = before + examined;
    double seconds = (now - started) / 1e9;
    double rate = seconds > 0 ? examined / seconds : 0;
    StringBuilder text = new StringBuilder();
    if (total >= 0) {
      long of = Math.max(total, done);
      int percent = of == 0 ? 100 : (int) (100 * done / of);
      text.append(String.format(Locale.ROOT, "%3d%% %d/~%d rows", percent, done, of));
    } else {
      text.append(done).append(" rows");
    }
    text.append(String.format(Locale.ROOT, ", %.0f rows/s", rate));
    if (total >= 0 && rate > 0) {
      long left = Math.max(0, Math.max(total, done) - done);
      text.append(", ETA ").append(duration((long) Math.ceil(left / rate)));
    }
    return text.toString();
  }

  /** Seconds as {@code 1:02:03} or {@code 2:03}. */
  static String duration(long seconds) {
    long hours = seconds / 3600;
    long minutes = seconds % 3600 / 60;
    long secs = seconds % 60;
    return hours > 0
        ? String.format(Locale.ROOT, "%d:%02d:%02d", hours, minutes, secs)
        : String.format(Locale.ROOT, "%d:%02d", minutes, secs);
  }
}
