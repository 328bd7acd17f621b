package dev.veil.driver;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;

/**
 * A database driver for tests, {@code jdbc:capture:<h2 url>}, that records everything Veil hands to
 * its delegate: every SQL string and every bound value, so tests can check what would have crossed
 * the wire.
 */
final class CapturingDriver implements Driver {
  static final List<Object> SENT = new CopyOnWriteArrayList<>();
  private static final String PREFIX = "jdbc:capture:";

  static {
    try {
      DriverManager.registerDriver(new CapturingDriver());
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  static void register() {
    // Loading the class runs the registration above.
  }

  /**
   * Veil cannot check TLS for a scheme it does not know, so a connection through this driver (to an
   * in-memory H2, no network) must say explicitly that it accepts plaintext.
   */
  static Properties allowingPlaintext(Properties properties) {
    properties.setProperty("veil.transport", "allow-plaintext");
    return properties;
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    Connection target = DriverManager.getConnection("jdbc:" + url.substring(PREFIX.length()), info);
    return (Connection) capture(target, Connection.class);
  }

  private static Object capture(Object target, Class<?> type) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          record(method, args);
          Object result;
          try {
            result = method.invoke(target, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
          Class<?> returned = method.getReturnType();
          if (result != null && Statement.class.isAssignableFrom(returned)) {
            return capture(result, returned);
          }
          return result;
        };
    return Proxy.newProxyInstance(
        CapturingDriver.class.getClassLoader(), new Class<?>[] {type}, handler);
  }

  private static void record(Method method, Object[] args) {
    if (args == null) {
      return;
    }
    String name = method.getName();
    if (name.startsWith("prepare") || name.startsWith("execute") || name.equals("addBatch")) {
      if (args[0] instanceof String sql) {
        SENT.add(sql);
      }
    } else if (name.startsWith("set") && args.length >= 2 && args[0] instanceof Integer) {
      SENT.add(args[1]);
    }
  }

  @Override
  public boolean acceptsURL(String url) {
    return url != null && url.startsWith(PREFIX);
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
    return new DriverPropertyInfo[0];
  }

  @Override
  public int getMajorVersion() {
    return 1;
  }

  @Override
  public int getMinorVersion() {
    return 0;
  }

  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  @Override
  public Logger getParentLogger() {
    return Logger.getLogger("capture");
  }
}
