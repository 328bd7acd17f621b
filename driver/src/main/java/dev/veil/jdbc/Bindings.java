package dev.veil.jdbc;

import dev.veil.crypto.ColumnCrypto;
import dev.veil.errors.VeilErrors;
import dev.veil.errors.VeilSqlState;
import dev.veil.policy.ColumnPolicy;
import dev.veil.policy.Storage;
import dev.veil.sql.LiteralBinding;
import dev.veil.sql.StatementPlan;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collection;
import java.util.List;

/**
 * Binds protected values on a delegate statement: encrypted at once, so batches need nothing more.
 */
final class Bindings {
  private Bindings() {}

  /**
   * Encrypts {@code value} for {@code column} and binds it at {@code sentIndex}. For an equality
   * lookup, binds each stored form the lookup must match (one per enabled key version, primary
   * first) at the {@code width} parameters the plan made room for from {@code sentIndex}.
   *
   * @param plan the plan the statement was prepared with
   * @param lookup whether an equality lookup compares the value with the column
   */
  static void bind(
      ProtectionContext context,
      PreparedStatement target,
      StatementPlan plan,
      int sentIndex,
      int width,
      boolean lookup,
      ColumnPolicy column,
      Object value)
      throws SQLException {
    Storage storage = context.storage(column);
    if (value == null) {
      for (int slot = 0; slot < width; slot++) {
        target.setNull(sentIndex + slot, storage == Storage.TEXT ? Types.VARCHAR : Types.VARBINARY);
      }
      return;
    }
    ColumnCrypto crypto = context.crypto(column);
    if (lookup && crypto.lookupWidth() > width) {
      // The keys gained versions since the plan was made; the plan's own keys give exactly the
      // forms it has room for, where a cut-down list of today's would drop the older versions.
      crypto = context.plannedCrypto(column, plan);
    }
    if (width > 1) {
      // Versions retired since the plan was made leave spare slots: the primary's form fills them.
      List<Object> forms = crypto.lookupValues(value, storage);
      for (int slot = 0; slot < width; slot++) {
        Object form = forms.get(slot < forms.size() ? slot : 0);
        if (form instanceof String text) {
          target.setString(sentIndex + slot, text);
        } else {
          target.setBytes(sentIndex + slot, (byte[]) form);
        }
      }
      return;
    }
    if (storage == Storage.TEXT) {
      target.setString(sentIndex, crypto.encryptToText(value));
    } else {
      target.setBytes(sentIndex, crypto.encrypt(value));
    }
  }

  /**
   * Encrypts each element of an array ({@code col = ANY(?)}) for {@code column} and binds a new
   * array of the ciphertexts, created by the delegate's connection.
   *
   * @param value a {@link Array}, an {@code Object[]} or a {@link Collection}
   */
  static void bindArray(
      ProtectionContext context,
      PreparedStatement target,
      int sentIndex,
      ColumnPolicy column,
      Object value)
      throws SQLException {
    Storage storage = context.storage(column);
    if (value == null) {
      target.setNull(sentIndex, Types.ARRAY);
      return;
    }
    Object source = value instanceof Array array ? array.getArray() : value;
    Object[] elements;
    if (source instanceof Object[] objects) {
      elements = objects;
    } else if (source instanceof Collection<?> collection) {
      elements = collection.toArray();
    } else {
      throw VeilErrors.of(
          VeilSqlState.INVALID_VALUE,
          "the parameter compared with ANY on "
              + column.displayName()
              + " must be an array of objects (java.sql.Array, Object[] or Collection), not "
              + source.getClass().getName());
    }
    ColumnCrypto crypto = context.crypto(column);
    int width = crypto.lookupWidth();
    // pgjdbc maps byte[][] to bytea[], but not an Object[] holding byte[]s.
    Object[] encrypted =
        storage == Storage.TEXT
            ? new String[elements.length * width]
            : new byte[elements.length * width][];
    for (int i = 0; i < elements.length; i++) {
      if (elements[i] == null) {
        continue;
      }
      if (width == 1) {
        encrypted[i] =
            storage == Storage.TEXT
                ? crypto.encryptToText(elements[i])
                : crypto.encrypt(elements[i]);
      } else {
        List<Object> forms = crypto.lookupValues(elements[i], storage);
        for (int form = 0; form < width; form++) {
          encrypted[i * width + form] = forms.get(form);
        }
      }
    }
    target.setArray(
        sentIndex,
        target.getConnection().createArrayOf(context.arrayElementType(storage), encrypted));
  }

  /**
   * The first {@code length} bytes of a stream: a length-taking setter sends no more than that, so
   * neither may its encrypted value.
   */
  static InputStream prefix(InputStream in, long length) throws SQLException {
    if (in == null) {
      return null;
    }
    try {
      return new ByteArrayInputStream(in.readNBytes(boundedLength(length)));
    } catch (IOException e) {
      throw VeilErrors.of(
          VeilSqlState.INVALID_VALUE,
          "cannot read the stream bound to a protected column; pass a readable stream",
          e);
    }
  }

  /** The first {@code length} characters of a reader, for the same reason. */
  static Reader prefix(Reader in, long length) throws SQLException {
    if (in == null) {
      return null;
    }
    int wanted = boundedLength(length);
    StringBuilder text = new StringBuilder(Math.min(wanted, 8192));
    char[] buffer = new char[8192];
    try {
      for (int n;
          text.length() < wanted
              && (n = in.read(buffer, 0, Math.min(buffer.length, wanted - text.length()))) > 0; ) {
        text.append(buffer, 0, n);
      }
    } catch (IOException e) {
      throw VeilErrors.of(
          VeilSqlState.INVALID_VALUE,
          "cannot read the reader bound to a protected column; pass a readable reader",
          e);
    }
    return new StringReader(text.toString());
  }

  private static int boundedLength(long length) throws SQLException {
    if (length < 0 || length > Integer.MAX_VALUE - 8) {
      throw VeilErrors.of(
          VeilSqlState.INVALID_VALUE,
          "a stream length of " + length + " cannot be encrypted as one value");
    }
    return (int) length;
  }

  /** Binds the literals the plan moved out of the SQL text. */
  static void bindLiterals(ProtectionContext context, PreparedStatement target, StatementPlan plan)
      throws SQLException {
    for (LiteralBinding literal : plan.literals()) {
      bind(
          context,
          target,
          plan,
          literal.sentIndex(),
          literal.width(),
          literal.lookup(),
          literal.column(),
          literal.value());
    }
  }
}
