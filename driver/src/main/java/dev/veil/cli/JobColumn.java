package dev.veil.cli;

import dev.veil.crypto.ColumnCrypto;
import dev.veil.policy.ColumnPolicy;
import dev.veil.policy.Storage;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One protected column a bulk job works on: where it is in SQL, how it stores ciphertext, and the
 * crypto that reads and writes it.
 *
 * @param policy the column as the policy declares it
 * @param sql its quoted name in SQL
 * @param storage bytes or base64 text
 * @param crypto reads legacy plaintext as well as ciphertext, whatever the policy's {@code
 *     migrating} says, so that the job can tell the two apart
 * @param primaryKeyId the key version new values are written under
 */
record JobColumn(
    ColumnPolicy policy, String sql, Storage storage, ColumnCrypto crypto, long primaryKeyId) {

  /**
   * The stored value as the job compares and rewrites it: {@code byte[]}, {@code String} or null.
   */
  Object read(ResultSet rows, int index) throws SQLException {
    return storage == Storage.TEXT ? rows.getString(index) : rows.getBytes(index);
  }

  void bind(PreparedStatement statement, int index, Object stored) throws SQLException {
    if (storage == Storage.TEXT) {
      statement.setString(index, (String) stored);
    } else {
      statement.setBytes(index, (byte[]) stored);
    }
  }

  /** A canonical value encrypted under the primary version, in this column's stored form. */
  Object encrypt(Object value) throws SQLException {
    return storage == Storage.TEXT ? crypto.encryptToText(value) : crypto.encrypt(value);
  }
}
