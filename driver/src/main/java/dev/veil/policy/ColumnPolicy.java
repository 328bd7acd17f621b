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
 * @param access who reads the column in clear, and what the others see
 * @param pad the block, in bytes, that plaintexts are padded to a multiple of before encryption so
 *     that ciphertext length shows only a bucket; {@code 0} for no padding. <b>Warning:</b> on a
 *     deterministic column the padding is part of the ciphertext, so changing it makes lookups miss
 *     the values already stored until they are re-encrypted
 * @param length the longest plaintext the column holds, in characters for {@code string} and bytes
 *     for {@code bytes}, or {@code 0} when the policy does not say; used to check the column's size
 */
public record ColumnPolicy(
    TableName table,
    Identifier column,
    EncryptionMode mode,
    ColumnType type,
    String key,
    Storage storage,
    String group,
    boolean migrating,
    ReadAccess access,
    int pad,
    int length) {

  /** The largest padding block the policy may ask for. */
  public static final int MAX_PAD = 4096;

  public ColumnPolicy {
    if (access == null) {
      throw new IllegalArgumentException("a column policy needs its read access");
    }
    if (pad < 0 || pad > MAX_PAD || length < 0) {
      throw new IllegalArgumentException("pad must be 0.." + MAX_PAD + " and length not negative");
    }
  }

  /** A column everyone reads in clear, without padding or a declared length. */
  public ColumnPolicy(
      TableName table,
      Identifier column,
      EncryptionMode mode,
      ColumnType type,
      String key,
      Storage storage,
      String group,
      boolean migrating) {
    this(table, column, mode, type, key, storage, group, migrating, ReadAccess.OPEN, 0, 0);
  }

  /**
   * The same column under another table name, such as the schema-qualified one found at run time.
   */
  public ColumnPolicy withTable(TableName other) {
    return new ColumnPolicy(
        other, column, mode, type, key, storage, group, migrating, access, pad, length);
  }

  /** The same column, migrating or enforced. */
  public ColumnPolicy withMigrating(boolean value) {
    return new ColumnPolicy(
        table, column, mode, type, key, storage, group, value, access, pad, length);
  }

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
