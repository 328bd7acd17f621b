package dev.veil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProgressTest {
  private final StringWriter err = new StringWriter();
  private long now;

  private Progress progress(Progress.Mode mode) {
    return new Progress(
        new PrintWriter(err), mode, "reencrypt patients", TimeUnit.SECONDS.toNanos(10), () -> now);
  }

  private void at(double seconds) {
    now = (long) (seconds * 1e9);
  }

  @Test
  void redrawsABarInPlaceWithRowsRateAndTimeLeft() {
    Progress bar = progress(Progress.Mode.BAR);
    bar.start(1000, 0);
    at(1);
    bar.committed(250);
    assertThat(err.toString())
        .startsWith("\rreencrypt patients [#######.......................]")
        .contains(" 25% 250/~1000 rows, 250 rows/s, ETA 0:03")
        .doesNotContain("\n");
    at(2);
    bar.committed(500);
    at(4);
    bar.finish();
    assertThat(err.toString().split("\r")).hasSize(4);
    assertThat(err.toString()).endsWith("125 rows/s, ETA 0:04\n");
  }

  @Test
  void clearsTheBarBeforeALineOfItsOwn() {
    Progress bar = progress(Progress.Mode.BAR);
    bar.start(10, 0);
    at(1);
    bar.committed(5);
    int drawn = err.toString().length() - 1;
    bar.failed("(id=3)", "a value in patients.ssn failed authentication");
    assertThat(err.toString())
        .endsWith(
            "\r"
                + " ".repeat(drawn)
                + "\rveil: row (id=3) left alone: a value in patients.ssn failed authentication"
                + System.lineSeparator());
  }

  @Test
  void printsALineEveryTenSecondsWhenNotOnATerminal() {
    Progress lines = progress(Progress.Mode.LINES);
    lines.start(100_000, 40_000);
    for (int second = 1; second <= 25; second++) {
      at(second);
      lines.committed(second * 1000L);
    }
    at(26);
    lines.finish();
    assertThat(err.toString().lines())
        .containsExactly(
            "reencrypt patients: starting, about 100000 rows in the table, 40000 examined by"
                + " earlier runs",
            "reencrypt patients:  50% 50000/~100000 rows, 1000 rows/s, ETA 0:50",
            "reencrypt patients:  60% 60000/~100000 rows, 1000 rows/s, ETA 0:40",
            "reencrypt patients:  65% 65000/~100000 rows, 962 rows/s, ETA 0:37");
    assertThat(err.toString()).doesNotContain("\r");
  }

  @Test
  void showsOnlyTheFirstFiftyFailures() {
    Progress quiet = progress(Progress.Mode.NONE);
    quiet.start(-1, 0);
    for (int id = 1; id <= 60; id++) {
      quiet.failed("(id=" + id + ")", "a value in patients.ssn failed authentication");
    }
    quiet.finish();
    assertThat(err.toString().lines())
        .hasSize(51)
        .contains("veil: row (id=50) left alone: a value in patients.ssn failed authentication")
        .last()
        .asString()
        .contains("only the first 50 are shown");
  }

  @Test
  void growsTheTotalWhenTheEstimateWasTooLow() {
    Progress bar = progress(Progress.Mode.BAR);
    bar.start(100, 0);
    at(1);
    bar.committed(150);
    assertThat(err.toString()).contains("[##############################]", "100% 150/~150 rows");
  }

  @Test
  void writesDurationsAsMinutesOrHours() {
    assertThat(Progress.duration(59)).isEqualTo("0:59");
    assertThat(Progress.duration(3599)).isEqualTo("59:59");
    assertThat(Progress.duration(3723)).isEqualTo("1:02:03");
  }
}
