package dev.veil.keys;

import dev.veil.errors.VeilErrors;
import dev.veil.errors.VeilSqlState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * {@code file:/path}: the KEK is base64 of 32 bytes in that file, which must be readable and
 * writable by its owner only.
 */
public final class FileKekProvider implements KekProvider {
  private static final String PREFIX = "file:";
  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  private static final Set<PosixFilePermission> SHARED =
      EnumSet.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE);

  @Override
  public boolean supports(String kekUri) {
    return kekUri.startsWith(PREFIX);
  }

  @Override
  public Kek open(String kekUri) throws SQLException {
    Path path = path(kekUri);
    try {
      return RawKek.fromBase64(readOwnerOnly(path, "KEK file"), "file " + path, kekUri);
    } catch (IOException e) {
      throw VeilErrors.of(
          VeilSqlState.KEY_ACCESS, "cannot read the KEK file " + path + ": " + e, e);
    }
  }

  /** Writes a fresh KEK to a new file that only its owner can read and write. */
  @Override
  public Kek create(String kekUri) throws SQLException {
    Path path = path(kekUri);
    String kek = RawKek.generate();
    try {
      Files.write(
          Files.createFile(path, PosixFilePermissions.asFileAttribute(OWNER_ONLY)),
          kek.getBytes(StandardCharsets.US_ASCII));
    } catch (FileAlreadyExistsException e) {
      throw VeilErrors.of(
          VeilSqlState.CONFIGURATION,
          "the KEK file " + path + " already exists; Veil never overwrites a KEK",
          e);
    } catch (IOException e) {
      throw VeilErrors.of(
          VeilSqlState.KEY_ACCESS, "cannot create the KEK file " + path + ": " + e, e);
    }
    return RawKek.fromBase64(kek, "file " + path, kekUri);
  }

  private static Path path(String kekUri) {
    String location = kekUri.substring(PREFIX.length());
    if (location.startsWith("//")) {
      location = location.substring(2);
    }
    return Path.of(location);
  }

  /**
   * Reads a file that must be the process owner's alone, checked as it is read: the path's links
   * are resolved once, and the file's identity, owner and mode are the same before and after the
   * read, so a link or file swapped in between is refused rather than read.
   */
  static String readOwnerOnly(Path path, String what) throws IOException, SQLException {
    Path real = path.toRealPath();
    PosixFileAttributes before = requireOwnerOnly(real, what);
    String text = Files.readString(real, StandardCharsets.US_ASCII);
    PosixFileAttributes after = requireOwnerOnly(real, what);
    if (before != null
        && (!Objects.equals(before.fileKey(), after.fileKey())
            || !before.permissions().equals(after.permissions()))) {
      throw VeilErrors.of(
          VeilSqlState.KEY_ACCESS,
          "the " + what + " " + path + " changed while Veil read it; check who else writes it");
    }
    return text;
  }

  /**
   * Refuses a file that other accounts could read (and so copy the KEK) or write (and so swap in a
   * KEK of their own), or that another account owns; the same holds for files with credentials that
   * unlock a KEK. File systems without POSIX permissions cannot be checked and are accepted.
   *
   * @param what the file's role, for the message, e.g. {@code KEK file}
   * @return the attributes checked, or {@code null} where they cannot be read
   */
  static PosixFileAttributes requireOwnerOnly(Path path, String what)
      throws IOException, SQLException {
    PosixFileAttributes attributes;
    try {
      attributes = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (UnsupportedOperationException e) {
      return null;
    }
    Set<PosixFilePermission> permissions = attributes.permissions();
    String user = System.getProperty("user.name");
    if (!attributes.owner().getName().equals(user)) {
      throw VeilErrors.of(
          VeilSqlState.CONFIGURATION,
          "the "
              + what
              + " "
              + path
              + " belongs to "
              + attributes.owner().getName()
              + ", not to "
              + user
              + ", the account Veil runs as: that account could replace it; 'chown "
              + user
              + " "
              + path
              + "'");
    }
    if (permissions.stream().anyMatch(SHARED::contains)) {
      throw VeilErrors.of(
          VeilSqlState.CONFIGURATION,
          "the "
              + what
              + " "
              + path
              + " has mode "
              + octal(permissions)
              + " ("
              + PosixFilePermissions.toString(permissions)
              + "): group or others may read or write it; restrict it with 'chmod 600 "
              + path
              + "'");
    }
    return attributes;
  }

  private static String octal(Set<PosixFilePermission> permissions) {
    int mode = 0;
    for (PosixFilePermission permission : permissions) {
      mode |= 1 << (8 - permission.ordinal());
    }
    return String.format("%04o", mode);
  }
}
