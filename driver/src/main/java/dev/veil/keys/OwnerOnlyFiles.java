package dev.veil.keys;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;

/**
 * Replaces a file that holds secrets or personal data (a keyring, a key store, a job checkpoint) so
 * that a crash leaves the old or the new file, never half of one, and no moment exists when it is
 * readable by anyone but its owner.
 */
public final class OwnerOnlyFiles {

  /** A check of the new content, in its temporary file, before it replaces the file. */
  public interface Check {
    /** Throws if {@code temp} must not replace the file. */
    void check(Path temp) throws SQLException;
  }

  private OwnerOnlyFiles() {}

  /**
   * Writes {@code content} to a fresh temporary file beside {@code file}, created {@code 0600},
   * forces it to disk, runs {@code check} on it, renames it over {@code file} (atomically where the
   * file system can), and syncs the directory so the rename is durable too.
   *
   * @throws UnsupportedOperationException on a file system without POSIX permissions
   */
  public static void replace(Path file, byte[] content, Check check)
      throws IOException, SQLException {
    Path absolute = file.toAbsolutePath();
    Path directory = absolute.getParent();
    // A fresh name per write: concurrent writers never share a temporary file.
    Path temp =
        Files.createTempFile(
            directory,
            absolute.getFileName() + ".",
            ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.write(ByteBuffer.wrap(content));
        channel.force(true);
      }
      check.check(temp);
      try {
        Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      // Some file systems cannot sync a directory; the rename itself is still atomic there.
    }
  }
}
