package dev.veil.jdbc;

import dev.veil.errors.VeilErrors;
import dev.veil.errors.VeilSqlState;
import java.sql.SQLException;
import java.sql.Wrapper;

/**
 * {@code unwrap} for every wrapper: the wrapper itself when it fits, a vendor interface of the
 * delegate (such as {@code PGConnection}) otherwise, but never the delegate as the JDBC type Veil
 * wraps: that object would bypass encryption entirely.
 */
final class Unwrapping {
  private Unwrapping() {}

  static <T> T unwrap(Object self, Wrapper delegate, Class<?> wrapped, Class<T> iface)
      throws SQLException {
    if (iface.isInstance(self)) {
      return iface.cast(self);
    }
    if (wrapped.isAssignableFrom(iface)) {
      throw VeilErrors.of(
          VeilSqlState.REFUSED_OPERATION,
          "Veil does not hand out the underlying "
              + wrapped.getSimpleName()
              + ": it would bypass encryption. Unwrap to a vendor interface instead");
    }
    return delegate.unwrap(iface);
  }

  static boolean isWrapperFor(Object self, Wrapper delegate, Class<?> wrapped, Class<?> iface)
      throws SQLException {
    if (iface.isInstance(self)) {
      return true;
    }
    return !wrapped.isAssignableFrom(iface) && delegate.isWrapperFor(iface);
  }
}
