package dev.veil.crypto;

import java.sql.SQLException;

/**
 * Encrypts and decrypts the canonical bytes of one column's values, bound to that column by the
 * associated data.
 *
 * <h2>Security guarantees</h2>
 *
 * Ciphertexts are authenticated: a value that was altered, truncated, or copied from another column
 * or table fails {@link #decrypt} with an exception; it never decrypts to something else.
 */
public interface ColumnCipher {

  /** Encrypts canonical plaintext bytes into the stored form, header included. */
  byte[] encrypt(byte[] plaintext) throws SQLException;

  /** Authenticates and decrypts a stored value. */
  byte[] decrypt(byte[] stored) throws SQLException;
}
