package dev.veil.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
  @TempDir Path dir;

  private static Checkpoint sample(List<String> after, long examined) {
    return new Checkpoint(
        "reencrypt",
        Checkpoint.fingerprint("jdbc:postgresql://db/app?password=secret"),
        "billing.invoices",
        List.of("total", "iban"),
        List.of("region", "id"),
        after,
        examined,
        Instant.parse("2026-11-23T10:00:00Z"));
  }

  @Test
  void readsBackWhatItWroteAndReplacesItWithoutLeavingTemporaryFiles() throws Exception {
    Path file = dir.resolve("job.json");
    sample(List.of("north", "41"), 1000).write(file);
    sample(List.of("south", "7"), 2000).write(file);

    assertThat(Checkpoint.read(file)).contains(sample(List.of("south", "7"), 2000));
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(file)).doesNotContain("secret", "jdbc:");
  }

  @Test
  void isAbsentUntilWrittenAndAfterDeletion() throws Exception {
    Path file = dir.resolve("job.json");
    assertThat(Checkpoint.read(file)).isEmpty();
    sample(List.of("a", "1"), 1).write(file);
    Checkpoint.delete(file);
    assertThat(Checkpoint.read(file)).isEmpty();
  }

  @Test
  void refusesADamagedFileAndSaysDeletingItIsSafe() throws Exception {
    Path file = dir.resolve("job.json");
    Files.writeString(file, "{\"job\": \"reencrypt\"");
    assertThatThrownBy(() -> Checkpoint.read(file))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("is not a Veil checkpoint or is damaged")
        .hasMessageContaining("rows already converted are recognised and skipped");
  }

  @Test
  void refusesToResumeAnotherTablesColumnsOrPrimaryKey() throws Exception {
    Path file = dir.resolve("job.json");
    Checkpoint saved = sample(List.of("north", "41"), 1000);
    saved.requireFor(file, sample(List.of(), 0));
    Checkpoint otherKey =
        new Checkpoint(
            "reencrypt",
            saved.database(),
            "billing.invoices",
            List.of("total"),
            List.of("id"),
            List.of(),
            0,
            Instant.now());
    assertThatThrownBy(() -> saved.requireFor(file, otherKey))
        .hasMessageContaining("was written for columns [total, iban], primary key [region, id]");
  }

  @Test
  void defaultFileIsNamedAfterTheJobTableAndColumnInTheWorkingDirectory() {
    assertThat(Checkpoint.defaultPath("encrypt-existing", "patients", "ssn"))
        .isEqualTo(Path.of("veil-encrypt-existing-patients-ssn.json"));
    assertThat(Checkpoint.defaultPath("reencrypt", "billing.\"Invoices\"", null))
        .isEqualTo(Path.of("veil-reencrypt-billing._Invoices_-all.json"));
  }
}
