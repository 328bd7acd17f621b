package dev.veil.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileKekProviderTest {
  @TempDir Path dir;

  private Path kekFile(String permissions, String kek) throws Exception {
    Path file = dir.resolve("kek");
    Files.writeString(file, kek, StandardCharsets.US_ASCII);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
    return file;
  }

  @ParameterizedTest(name = "{0} is refused")
  @CsvSource({
    "rw-r-----, 0640",
    "rw--w----, 0620",
    "rw----r--, 0604",
    "rw-----w-, 0602",
    "rw-rw-rw-, 0666",
    "r--r--r--, 0444"
  })
  void refusesKekFileReadableOrWritableByGroupOrOthers(String permissions, String mode)
      throws Exception {
    String kek = Keks.generate();
    Path file = kekFile(permissions, kek);
    assertThatThrownBy(() -> Keks.open("file:" + file))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("mode " + mode + " (" + permissions + ")")
        .hasMessageContaining("chmod 600 " + file)
        .hasMessageNotContaining(kek)
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo("F0000");
  }

  @Test
  void refusesKekFileReadableByGroup() throws Exception {
    Path file = kekFile("rw-r-----", Keks.generate());
    assertThatThrownBy(() -> Keks.open("file://" + file))
        .hasMessage(
            "the KEK file "
                + file
                + " has mode 0640 (rw-r-----): group or others may read or write it; restrict it"
                + " with 'chmod 600 "
                + file
                + "'");
  }

  @Test
  void opensKekFileThatOnlyItsOwnerCanReadAndWrite() throws Exception {
    Path file = kekFile("rw-------", Keks.generate() + "\n");
    byte[] sealed = Keks.open("file:" + file).wrap(new byte[] {7}, new byte[] {1});
    assertThat(Keks.open("file:" + file).unwrap(sealed, new byte[] {1})).containsExactly(7);
  }

  @Test
  void opensKekFileThatItsOwnerCanOnlyRead() throws Exception {
    Path file = kekFile("r--------", Keks.generate());
    assertThat(Keks.open("file:" + file).location()).isEqualTo("file:" + file);
  }

  @Test
  void ignoresExecuteBitsWhichExposeNothing() throws Exception {
    Path file = kekFile("rwx--x--x", Keks.generate());
    assertThat(Keks.open("file:" + file).location()).isEqualTo("file:" + file);
  }

  @Test
  void reportsAMissingKekFileAsUnreadable() {
    Path missing = dir.resolve("absent");
    assertThatThrownBy(() -> Keks.open("file:" + missing))
        .hasMessageContaining("cannot read the KEK file " + missing)
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo("58030");
  }

  @Test
  void createWritesAFreshOwnerOnlyKekFileAndNeverOverwritesIt() throws Exception {
    Path file = dir.resolve("new-kek");
    Kek created = Keks.create("file:" + file);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    byte[] sealed = created.wrap(new byte[] {3}, new byte[0]);
    assertThat(Keks.open("file:" + file).unwrap(sealed, new byte[0])).containsExactly(3);
    String before = Files.readString(file);
    assertThatThrownBy(() -> Keks.create("file:" + file)).hasMessageContaining("already exists");
    assertThat(Files.readString(file)).isEqualTo(before);
  }

  @Test
  void envKeksAreNotCreatedByVeil() {
    assertThatThrownBy(() -> Keks.create("env:SOME_KEK"))
        .hasMessageContaining("cannot create KEKs of the form env:")
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo("F0000");
  }

  @Test
  void checksTheFileALinkPointsToNotTheLink() throws Exception {
    Path shared = kekFile("rw-r--r--", Keks.generate());
    Path link = Files.createSymbolicLink(dir.resolve("kek-link"), shared);
    assertThatThrownBy(() -> Keks.open("file:" + link)).hasMessageContaining("mode 0644");
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rw-------"));
    assertThat(Keks.open("file:" + link).location()).isEqualTo("file:" + link);
  }

  @Test
  void refusesAKekFileOwnedByAnotherAccount() throws Exception {
    Path file = kekFile("rw-------", Keks.generate());
    var nobody =
        file.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
    try {
      Files.setOwner(file, nobody);
    } catch (java.nio.file.FileSystemException e) {
      // Only root may give a file away; as any other user, the check is exercised the other way.
      Path theirs = Path.of("/etc/passwd");
      assertThatThrownBy(() -> FileKekProvider.readOwnerOnly(theirs, "KEK file"))
          .hasMessageContaining("belongs to root");
      return;
    }
    assertThatThrownBy(() -> Keks.open("file:" + file))
        .hasMessageContaining("belongs to nobody")
        .hasMessageContaining("chown");
  }
}
