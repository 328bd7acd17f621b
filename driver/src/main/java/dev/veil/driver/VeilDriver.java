package dev.veil.driver;

import dev.veil.errors.VeilErrors;
import dev.veil.errors.VeilSqlState;
import dev.veil.jdbc.VeilConnection;
import dev.veil.transport.TlsSession;
import dev.veil.transport.Transport;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The {@code jdbc:veil:} driver. A Veil URL is the delegate's URL with {@code veil:} inserted after
 * {@code jdbc:}: {@code jdbc:veil:postgresql://db/app} opens {@code jdbc:postgresql://db/app}
 * through whichever driver on the class path accepts it, and wraps the connection. Registered with
 * {@link DriverManager} on class load and through {@code META-INF/services/java.sql.Driver}.
 */
public final class VeilDriver implements Driver {
  /** The prefix of every URL this driver accepts. */
  public static final String URL_PREFIX = "jdbc:veil:";

  static {
    try {
      DriverManager.registerDriver(new VeilDriver());
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Use {@link DriverManager} or {@link VeilDataSource}; public for {@code ServiceLoader}. */
  public VeilDriver() {}

  @Override
  public boolean acceptsURL(String url) {
    return url != null && url.startsWith(URL_PREFIX) && url.length() > URL_PREFIX.length();
  }

  /** The delegate URL for a Veil URL: only the leading prefix is rewritten. */
  static String delegateUrl(String url) {
    return "jdbc:" + url.substring(URL_PREFIX.length());
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    VeilRuntime runtime = RuntimeRegistry.get(VeilConfig.from(info));
    String delegateUrl = delegateUrl(url);
    Driver driver = delegateDriver(delegateUrl);
    Properties forwarded = new Properties();
    if (info != null) {
      info.forEach(
          (key, value) -> {
            if (!VeilProperty.isVeilKey(key)) {
              forwarded.put(key, value);
            }
          });
    }
    Transport transport =
        Transport.prepare(
            delegateUrl, VeilConfig.tls(info), forwarded, driver.getClass().getClassLoader());
    try {
      Connection delegate = driver.connect(delegateUrl, forwarded);
      if (delegate == null) {
        throw noDriver(delegateUrl);
      }
      try {
        TlsSession tls = transport.verify(delegate);
        return new VeilConnection(
            delegate,
            ConnectionContext.open(
                runtime, delegate, delegateUrl, tls, VeilProperty.PRINCIPAL.resolve(info)));
      } catch (SQLException | RuntimeException e) {
        try {
          delegate.close();
        } catch (SQLException closing) {
          e.addSuppressed(closing);
        }
        throw e;
      }
    } finally {
      transport.release();
    }
  }

  private static Driver delegateDriver(String delegateUrl) throws SQLException {
    try {
      return DriverManager.getDriver(delegateUrl);
    } catch (SQLException e) {
      throw noDriver(delegateUrl);
    }
  }

  private static SQLException noDriver(String delegateUrl) {
    int schemeEnd = delegateUrl.indexOf(':', "jdbc:".length());
    String scheme = schemeEnd < 0 ? delegateUrl : delegateUrl.substring(0, schemeEnd + 1);
    return VeilErrors.of(
        VeilSqlState.CONFIGURATION,
        "no JDBC driver on the class path accepts "
            + scheme
            + " URLs; add the database's driver next to Veil");
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
    VeilProperty[] properties = VeilProperty.values();
    DriverPropertyInfo[] infos = new DriverPropertyInfo[properties.length];
    for (int i = 0; i < properties.length; i++) {
      infos[i] = properties[i].info(info);
    }
    return infos;
  }

  @Override
  public int getMajorVersion() {
    return 0;
  }

  @Override
  public int getMinorVersion() {
    return 1;
  }

  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  @Override
  public Logger getParentLogger() {
    return Logger.getLogger("dev.veil");
  }
}
