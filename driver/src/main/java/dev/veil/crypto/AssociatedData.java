package dev.veil.crypto;

import dev.veil.policy.ColumnPolicy;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The associated data that binds a ciphertext to its context: a version tag, then the canonical
 * table name and column name, or, for a member of an equality group, the group name. Each part is
 * length-prefixed and the two kinds carry different tags, so that no two contexts share an
 * encoding.
 */
public final class AssociatedData {
  private static final byte[] COLUMN_TAG = "veil-column-v1".getBytes(StandardCharsets.UTF_8);
  private static final byte[] GROUP_TAG = "veil-group-v1".getBytes(StandardCharsets.UTF_8);
  private static final byte[] PADDED_TAG = "veil-padded-v1".getBytes(StandardCharsets.UTF_8);

  private AssociatedData() {}

  /** The associated data for one column: its group's when it belongs to one. */
  public static byte[] forColumn(ColumnPolicy column) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (column.group() != null) {
      append(out, GROUP_TAG);
      append(out, column.group().getBytes(StandardCharsets.UTF_8));
    } else {
      append(out, COLUMN_TAG);
      append(out, column.table().canonical().getBytes(StandardCharsets.UTF_8));
      append(out, column.column().canonical().getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  /**
   * The associated data of a padded value of the same context: it differs from the unpadded one, so
   * that the format version, which says whether to strip padding, is authenticated too.
   */
  public static byte[] padded(byte[] associatedData) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(associatedData);
    append(out, PADDED_TAG);
    return out.toByteArray();
  }

  private static void append(ByteArrayOutputStream out, byte[] part) {
    out.writeBytes(ByteBuffer.allocate(4).putInt(part.length).array());
    out.writeBytes(part);
  }
}
