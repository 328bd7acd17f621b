package dev.veil.policy;

/** How a column is encrypted, and so which predicates the database can still evaluate on it. */
public enum EncryptionMode {
  /**
   * Equal plaintexts give equal ciphertexts (AES-SIV), so equality lookups, {@code IN} and {@code
   * IS NULL} work. Leaks which rows share a value.
   */
  DETERMINISTIC,
  /** Every encryption is fresh (AES-GCM). Leaks only length and NULL-ness; no predicate works. */
  RANDOMIZED;

  /** The spelling used in the policy file. */
  public String policyName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
