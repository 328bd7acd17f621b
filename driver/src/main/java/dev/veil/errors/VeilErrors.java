package dev.veil.errors;

import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;

/**
 * The one place Veil's exceptions are made, so that each state maps to the standard subclass a
 * caller would catch. Messages are written by the callers and must never contain a protected value.
 */
public final class VeilErrors {
  private VeilErrors() {}

  /** An exception of the standard subclass for {@code state}. */
  public static SQLException of(VeilSqlState state, String message) {
    return of(state, message, null);
  }

  /** An exception of the standard subclass for {@code state}, with a cause. */
  public static SQLException of(VeilSqlState state, String message, Throwable cause) {
    String code = state.code();
    return switch (state) {
      case REFUSED_OPERATION, REFUSED_SYNTAX, REFUSED_AMBIGUOUS, KEY_NOT_GRANTED ->
          new SQLSyntaxErrorException(message, code, cause);
      case INVALID_VALUE, DECRYPTION_FAILED, NOT_A_CIPHERTEXT, VALUE_SHREDDED ->
          new SQLDataException(message, code, cause);
      case TRANSPORT_INSECURE -> new SQLNonTransientConnectionException(message, code, cause);
      case CONFIGURATION, KEY_ACCESS, INVALID_PARAMETER_INDEX ->
          new SQLException(message, code, cause);
    };
  }
}
