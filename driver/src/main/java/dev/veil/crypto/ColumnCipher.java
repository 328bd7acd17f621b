package dev.veil.crypto;

import java.sql.SQLException;
import java.util.List;
import java.util.OptionalLong;

/**
 * Encrypts and decrypts the canonical bytes of one column's values, bound to that column by the
 * associated data, under the versions of one data key.
 *
 * <h2>Security guarantees</h2>
 *
 * Ciphertexts are authenticated: a value that was altered, truncated, or copied from another column
 * or table fails {@link #decrypt} with an exception; it never decrypts to something else.
 */
interface ColumnCipher {

  /** Encrypts canonical plaintext bytes under the primary version, header included. */
  byte[] encrypt(byte[] plaintext) throws SQLException;

  /**
   * The stored forms an equality lookup must match: the value under every enabled version, the
   * primary's first. One element, except while a deterministic key has several enabled versions.
   */
  List<byte[]> encryptForLookup(byte[] plaintext) throws SQLException;

  /**
   * Authenticates and decrypts a stored value, or returns {@code null} for a value under a
   * destroyed version when the configuration asks for NULL there.
   */
  byte[] decrypt(byte[] stored) throws SQLException;

  /** The Tink key id a stored Veil ciphertext names, if it is one. */
  OptionalLong keyId(byte[] stored);

  /** The key id of the primary version, which new values are written under. */
  long primaryKeyId() throws SQLException;

  /** How many forms {@link #encryptForLookup} returns. */
  int lookupWidth();
}
