package dev.veil.jdbc;

import dev.veil.errors.VeilErrors;
import dev.veil.errors.VeilSqlState;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.sql.Wrapper;

/**
 * {@code unwrap} for every wrapper: the wrapper itself when it fits; otherwise what the delegate
 * hands out for a vendor interface (such as {@code PGConnection}), but never an object that can be
 * cast back to the JDBC type Veil wraps, which would bypass encryption entirely. A vendor object
 * that is also that type is handed out behind a proxy that implements the requested interface only;
 * a vendor class is refused. Vendor interfaces still bypass Veil for what they do themselves (a
 * COPY API, for one).
 */
final class Unwrapping {
  private Unwrapping() {}

  static <T> T unwrap(Object self, Wrapper delegate, Class<?> wrapped, Class<T> iface)
      throws SQLException {
    if (iface.isInstance(self)) {
      return iface.cast(self);
    }
    if (wrapped.isAssignableFrom(iface) || !iface.isInterface()) {
      throw refused(wrapped);
    }
    Object raw = delegate.unwrap(iface);
    if (!wrapped.isInstance(raw)) {
      return iface.cast(raw);
    }
    return iface.cast(
        Proxy.newProxyInstance(
            iface.getClassLoader(),
            new Class<?>[] {iface},
            (proxy, method, args) -> {
              try {
                return method.invoke(raw, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            }));
  }

  static boolean isWrapperFor(Object self, Wrapper delegate, Class<?> wrapped, Class<?> iface)
      throws SQLException {
    if (iface.isInstance(self)) {
      return true;
    }
    return !wrapped.isAssignableFrom(iface) && iface.isInterface() && delegate.isWrapperFor(iface);
  }

  private static SQLException refused(Class<?> wrapped) {
    return VeilErrors.of(
        VeilSqlState.REFUSED_OPERATION,
        "Veil does not hand out the underlying "
            + wrapped.getSimpleName()
            + " or a class of it: it would bypass encryption. Unwrap to a vendor interface instead");
  }
}
