package dev.veil.annotations;

/** How an {@link Encrypted} column is encrypted; written as {@code encrypt:} in the policy. */
public enum Mode {
  /**
   * Equal plaintexts give equal ciphertexts (AES-SIV), so the database can answer equality lookups,
   * {@code IN} and joins within a group. It reveals which rows hold equal values.
   */
  DETERMINISTIC,
  /**
   * Every encryption differs (AES-GCM). Reveals nothing but length; only {@code IS [NOT] NULL} can
   * be asked of the column.
   */
  RANDOMIZED
}
