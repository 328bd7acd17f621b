package dev.veil.policy;

/**
 * How one protected column is encrypted.
 *
 * @param table the table the column belongs to
 * @param column the column
 * @param mode deterministic or randomized
 * @param type the declared plaintext type, which fixes the canonical encoding
 * @param key the name of the data key in the keyring
 * @param storage how the ciphertext is stored, or {@link Storage#AUTO}
 */
public record ColumnPolicy(
    TableName table,
    Identifier column,
    EncryptionMode mode,
    ColumnType type,
    String key,
    Storage storage) {

  /** {@code table.column}, for messages: names only, never values. */
  public String displayName() {
    return table + "." + column;
  }
}
