package dev.veil.crypto;

import dev.veil.errors.VeilErrors;
import dev.veil.errors.VeilSqlState;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * The bytes Veil stores: a two-byte header, {@code 0x56 'V'} and the format version {@code 0x01},
 * followed by Tink's output (a five-byte key-id prefix, then the ciphertext). The header lets Veil
 * and auditors tell its ciphertext from anything else without guessing from content.
 */
public final class CiphertextFormat {
  /** First header byte. */
  public static final byte MAGIC = 0x56;

  /** Current format version. */
  public static final byte VERSION = 0x01;

  /** Bytes the header adds. */
  public static final int HEADER_LENGTH = 2;

  private CiphertextFormat() {}

  /** Prepends the header to a Tink ciphertext. */
  static byte[] wrap(byte[] tinkCiphertext) {
    byte[] out = new byte[HEADER_LENGTH + tinkCiphertext.length];
    out[0] = MAGIC;
    out[1] = VERSION;
    System.arraycopy(tinkCiphertext, 0, out, HEADER_LENGTH, tinkCiphertext.length);
    return out;
  }

  /** Whether {@code stored} starts with a Veil header of a version this code reads. */
  public static boolean isVeilCiphertext(byte[] stored) {
    return stored.length > HEADER_LENGTH && stored[0] == MAGIC && stored[1] == VERSION;
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
