package dev.veil.crypto;

import dev.veil.errors.VeilErrors;
import dev.veil.errors.VeilSqlState;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * Length hiding: a plaintext padded to a multiple of a block, so that its ciphertext shows the
 * bucket and not the exact length. The padding is one {@code 0x80} byte and then zeros (ISO/IEC
 * 7816-4), which every canonical encoding can be followed by unambiguously. It is applied before
 * encryption, so it is authenticated with the value.
 */
final class Padding {
  private static final byte MARK = (byte) 0x80;

  private Padding() {}

  /** The padded length of {@code length} bytes: the next multiple of {@code block} above it. */
  static int paddedLength(int length, int block) {
    return (length / block + 1) * block;
  }

  static byte[] pad(byte[] plaintext, int block) {
    byte[] out = Arrays.copyOf(plaintext, paddedLength(plaintext.length, block));
    out[plaintext.length] = MARK;
    return out;
  }

  /** Strips the padding; {@code column} names the column if the bytes carry none. */
  static byte[] unpad(byte[] padded, String column) throws SQLException {
    int end = padded.length - 1;
    while (end >= 0 && padded[end] == 0) {
      end--;
    }
    if (end < 0 || padded[end] != MARK) {
      throw VeilErrors.of(
          VeilSqlState.DECRYPTION_FAILED,
          "a padded value in " + column + " has no valid padding; it was not written by Veil");
    }
    return Arrays.copyOf(padded, end);
  }
}
