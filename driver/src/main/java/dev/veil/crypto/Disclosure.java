package dev.veil.crypto;

import dev.veil.errors.VeilErrors;
import dev.veil.errors.VeilSqlState;
import dev.veil.policy.ColumnPolicy;
import dev.veil.policy.Mask;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.SQLException;
import java.util.Base64;

/**
 * What one reader sees of one stored value of a protected column: the plaintext when its principal
 * may read the column in clear and the keyring holds the key; the column's mask when the principal
 * may not; and, when the key is absent, what {@code veil.onMissingKey} says. Decided here, so the
 * result set only asks and converts.
 */
public final class Disclosure {
  private Disclosure() {}

  /** The form in which one reader gets a column's values, which its result metadata describes. */
  public enum View {
    /** The plaintext, as the declared type; or nothing (SQL NULL or an error), described alike. */
    CLEAR,
    /** Text: the column's mask, or its redacted form. */
    MASKED,
    /** The stored ciphertext, as the database returned it. */
    CIPHERTEXT
  }

  /**
   * How a reader gets {@code column}'s values.
   *
   * @param keyHeld whether the keyring holds the column's key
   * @param principal the connection's {@code veil.principal}, or {@code null}
   */
  public static View view(
      ColumnPolicy column, boolean keyHeld, String principal, OnMissingKey onMissingKey) {
    if (!keyHeld) {
      return switch (onMissingKey) {
        case ERROR, NULL -> View.CLEAR;
        case CIPHERTEXT -> View.CIPHERTEXT;
        case MASK -> View.MASKED;
      };
    }
    return column.access().clearFor(principal) ? View.CLEAR : View.MASKED;
  }

  /**
   * What a reader sees of {@code stored}, a non-null stored value of {@code column}.
   *
   * @param crypto the column's cipher, or {@code null} when the keyring holds no key for it
   * @param principal the connection's {@code veil.principal}, or {@code null}
   */
  public static Disclosed disclose(
      ColumnPolicy column,
      ColumnCrypto crypto,
      String principal,
      OnMissingKey onMissingKey,
      Object stored)
      throws SQLException {
    if (crypto == null) {
      return switch (onMissingKey) {
        case ERROR -> throw notGranted(column);
        case NULL -> new Disclosed.Clear(null);
        case CIPHERTEXT -> new Disclosed.Ciphertext(stored);
        case MASK -> new Disclosed.Masked(Masking.redacted(column));
      };
    }
    if (column.access().clearFor(principal)) {
      return new Disclosed.Clear(crypto.decrypt(stored));
    }
    if (column.access().mask().kind() == Mask.Kind.REDACT) {
      // Nothing of the value shows, so there is nothing to decrypt.
      return new Disclosed.Masked(Masking.redacted(column));
    }
    Object plaintext = crypto.decrypt(stored);
    return new Disclosed.Masked(
        plaintext == null ? null : Masking.mask(column.access().mask(), crypto, plaintext));
  }

  /** The error for a column whose key this instance's keyring does not hold. */
  public static SQLException notGranted(ColumnPolicy column) {
    return VeilErrors.of(
        VeilSqlState.KEY_NOT_GRANTED,
        "this Veil instance's keyring holds no key '"
            + column.key()
            + "', so it cannot read or write "
            + column.displayName()
            + "; add the key to its keyring, or set veil.onMissingKey to null, ciphertext or mask"
            + " to read the column without it");
  }

  /** One of the three things a reader can get. */
  public sealed interface Disclosed {

    /**
     * The value as a getter asking for {@code target} returns it, or {@code null} for SQL NULL.
     *
     * @throws SQLException when this form cannot be read as {@code target}
     */
    <T> T as(ColumnPolicy column, Class<T> target) throws SQLException;

    /** The plaintext, canonical for the column's type, or {@code null} (a shredded value). */
    record Clear(Object value) implements Disclosed {
      @Override
      public <T> T as(ColumnPolicy column, Class<T> target) throws SQLException {
        return value == null ? null : ValueConversions.convert(column.type(), value, target);
      }
    }

    /** The masked text, or {@code null} for a redacted value that is not text. */
    record Masked(String text) implements Disclosed {
      @Override
      public <T> T as(ColumnPolicy column, Class<T> target) throws SQLException {
        if (text == null) {
          return null;
        }
        if (target == String.class || target == Object.class) {
          return target.cast(text);
        }
        throw VeilErrors.of(
            VeilSqlState.REFUSED_OPERATION,
            column.displayName()
                + " is masked for this reader; read it with getString or getObject, or list the"
                + " reader's veil.principal in the column's 'readers:'");
      }
    }

    /** The stored ciphertext, as the database returned it. */
    record Ciphertext(Object stored) implements Disclosed {
      @Override
      public <T> T as(ColumnPolicy column, Class<T> target) throws SQLException {
        Object value = materialized();
        if (target == Object.class) {
          return target.cast(value);
        }
        if (target == String.class) {
          return target.cast(
              value instanceof byte[] bytes ? Base64.getEncoder().encodeToString(bytes) : value);
        }
        if (target == byte[].class) {
          if (value instanceof byte[] bytes) {
            return target.cast(bytes.clone());
          }
          try {
            return target.cast(Base64.getDecoder().decode(((String) value).strip()));
          } catch (IllegalArgumentException e) {
            throw VeilErrors.of(
                VeilSqlState.NOT_A_CIPHERTEXT,
                "the value stored in " + column.displayName() + " is not a Veil ciphertext");
          }
        }
        throw VeilErrors.of(
            VeilSqlState.REFUSED_OPERATION,
            column.displayName()
                + " is read as ciphertext (veil.onMissingKey=ciphertext); read it with getBytes,"
                + " getString or getObject");
      }

      private Object materialized() throws SQLException {
        if (stored instanceof Blob blob) {
          return blob.getBytes(1, Math.toIntExact(blob.length()));
        }
        if (stored instanceof Clob clob) {
          return clob.getSubString(1, Math.toIntExact(clob.length()));
        }
        return stored;
      }
    }
  }
}
