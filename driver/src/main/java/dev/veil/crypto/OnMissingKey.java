package dev.veil.crypto;

/**
 * What a read returns for a protected column whose key this Veil instance's keyring does not hold:
 * {@code veil.onMissingKey}. Writes and lookups on such a column always fail; they need the key.
 */
public enum OnMissingKey {
  /** Throw an {@code SQLException} (SQLState 42501). The default. */
  ERROR,
  /** Return SQL NULL. */
  NULL,
  /**
   * Return the stored ciphertext: raw bytes from {@code getBytes}, base64 from {@code getString}.
   */
  CIPHERTEXT,
  /** Return the column's mask as it reads without the plaintext: the redacted form. */
  MASK
}
