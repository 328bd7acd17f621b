package dev.veil.jdbc;

import dev.veil.crypto.ColumnCrypto;
import dev.veil.policy.ColumnPolicy;
import dev.veil.policy.Storage;
import dev.veil.sql.LiteralBinding;
import dev.veil.sql.StatementPlan;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/**
 * Binds protected values on a delegate statement: encrypted at once, so batches need nothing more.
 */
final class Bindings {
  private Bindings() {}

  /** Encrypts {@code value} for {@code column} and binds it at {@code sentIndex}. */
  static void bind(
      ProtectionContext context,
      PreparedStatement target,
      int sentIndex,
      ColumnPolicy column,
      Object value)
      throws SQLException {
    Storage storage = context.storage(column);
    if (value == null) {
      target.setNull(sentIndex, storage == Storage.TEXT ? Types.VARCHAR : Types.VARBINARY);
      return;
    }
    ColumnCrypto crypto = context.crypto(column);
    if (storage == Storage.TEXT) {
      target.setString(sentIndex, crypto.encryptToText(value));
    } else {
      target.setBytes(sentIndex, crypto.encrypt(value));
    }
  }

  /** Binds the literals the plan moved out of the SQL text. */
  static void bindLiterals(ProtectionContext context, PreparedStatement target, StatementPlan plan)
      throws SQLException {
    for (LiteralBinding literal : plan.literals()) {
      bind(context, target, literal.sentIndex(), literal.column(), literal.value());
    }
  }
}
