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
 * @param group the equality group whose members share one encryption context, so that their
 *     ciphertexts can be compared with each other (joins), or {@code null} for a column of its own.
 *     <b>Warning:</b> the group is part of the associated data, so moving a column into or out of a
 *     group makes the values already stored unreadable until they are re-encrypted.
 * @param migrating whether the column is being converted from plaintext: Veil writes ciphertext but
 *     also reads legacy plaintext (a value without Veil's header) and matches it in lookups, which
 *     then send the looked-up value in the clear as well; {@code false} (enforced) refuses
 *     plaintext
 */
public record ColumnPolicy(
    TableName table,
    Identifier column,
    EncryptionMode mode,
    ColumnType type,
    String key,
    Storage storage,
    String group,
    boolean migrating) {

  /** {@code table.column}, for messages: names only, never values. */
  public String displayName() {
    return table + "." + column;
  }

  /**
   * Whether a ciphertext of this column is a valid ciphertext of {@code other}: the same column, or
   * two members of one equality group. Only then may the database compare or copy them.
   */
  public boolean sharesContextWith(ColumnPolicy other) {
    return equals(other) || (group != null && group.equals(other.group));
  }
}
