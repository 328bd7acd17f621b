package dev.veil.crypto;

import dev.veil.policy.ColumnPolicy;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The associated data that binds a ciphertext to its column: a version tag, then the canonical
 * table name and column name, each length-prefixed so that no two contexts share an encoding.
 */
public final class AssociatedData {
  private static final byte[] TAG = "veil-column-v1".getBytes(StandardCharsets.UTF_8);

  private AssociatedData() {}

  /** The associated data for one column. */
  public static byte[] forColumn(ColumnPolicy column) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    append(out, TAG);
    append(out, column.table().canonical().getBytes(StandardCharsets.UTF_8));
    append(out, column.column().canonical().getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  private static void append(ByteArrayOutputStream out, byte[] part) {
    out.writeBytes(ByteBuffer.allocate(4).putInt(part.length).array());
    out.writeBytes(part);
  }
}
