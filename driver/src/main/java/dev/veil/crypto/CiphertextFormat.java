package dev.veil.crypto;

import dev.veil.errors.VeilErrors;
import dev.veil.errors.VeilSqlState;
import dev.veil.policy.EncryptionMode;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * The bytes Veil stores: a two-byte header, {@code 0x56 'V'} and the format version, followed by
 * Tink's output (a five-byte key-id prefix, then the ciphertext). The header lets Veil and auditors
 * tell its ciphertext from anything else without guessing from content.
 *
 * <p>Version {@code 0x01} holds the canonical plaintext as it is; {@code 0x02} holds it padded to a
 * multiple of the column's {@code pad:}. The version is outside the authenticated ciphertext, so
 * the associated data of a padded value differs too: a version byte changed in the database makes
 * the value fail authentication rather than decode wrongly.
 */
public final class CiphertextFormat {
  /** First header byte. */
  public static final byte MAGIC = 0x56;

  /** Format version of a value encrypted as it is. */
  public static final byte VERSION = 0x01;

  /** Format version of a value padded before encryption. */
  public static final byte PADDED = 0x02;

  /** Bytes the header adds. */
  public static final int HEADER_LENGTH = 2;

  private CiphertextFormat() {}

  /** Prepends the header to a Tink ciphertext. */
  static byte[] wrap(byte[] tinkCiphertext, boolean padded) {
    byte[] out = new byte[HEADER_LENGTH + tinkCiphertext.length];
    out[0] = MAGIC;
    out[1] = padded ? PADDED : VERSION;
    System.arraycopy(tinkCiphertext, 0, out, HEADER_LENGTH, tinkCiphertext.length);
    return out;
  }

  /** Whether {@code stored} starts with a Veil header of a version this code reads. */
  public static boolean isVeilCiphertext(byte[] stored) {
    return stored.length > HEADER_LENGTH
        && stored[0] == MAGIC
        && (stored[1] == VERSION || stored[1] == PADDED);
  }

  /** Whether a Veil ciphertext holds a padded plaintext. */
  static boolean isPadded(byte[] stored) {
    return stored[1] == PADDED;
  }

  /**
   * The largest number of bytes Veil stores for a plaintext of at most {@code plaintextBytes}
   * canonical bytes in a column with this mode and padding.
   */
  public static int maxStoredLength(EncryptionMode mode, int pad, int plaintextBytes) {
    int padded = pad > 0 ? Padding.paddedLength(plaintextBytes, pad) : plaintextBytes;
    // Tink's five-byte prefix; AES-SIV adds a 16-byte synthetic IV, AES-GCM a 12-byte nonce and a
    // 16-byte tag.
    int overhead = 5 + (mode == EncryptionMode.DETERMINISTIC ? 16 : 12 + 16);
    return HEADER_LENGTH + overhead + padded;
  }

  /** The length of the base64 text of {@code bytes} bytes, for columns stored as text. */
  public static int base64Length(int bytes) {
    return 4 * ((bytes + 2) / 3);
  }

  /** Strips and checks the header; {@code column} names the column in the message. */
  static byte[] unwrap(byte[] stored, String column) throws SQLException {
    if (!isVeilCiphertext(stored)) {
      throw VeilErrors.of(
          VeilSqlState.NOT_A_CIPHERTEXT,
          "the value stored in "
              + column
              + " is not a Veil ciphertext; it was written without Veil or has been altered");
    }
    return Arrays.copyOfRange(stored, HEADER_LENGTH, stored.length);
  }
}
