package dev.veil.driver;

import dev.veil.errors.VeilErrors;
import dev.veil.errors.VeilSqlState;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} for Veil, usable as HikariCP's {@code dataSourceClassName} with the bean
 * properties {@code url}, {@code user}, {@code password}, {@code policy}, {@code keyring}, {@code
 * kek}, {@code planCacheSize} and {@code parseTimeoutMillis}. Properties left unset fall back to
 * system properties and environment variables as described in {@link VeilProperty}.
 */
public class VeilDataSource implements DataSource {
  private static final VeilDriver DRIVER = new VeilDriver();

  private String url;
  private String user;
  private String password;
  private String policy;
  private String keyring;
  private String kek;
  private String planCacheSize;
  private String parseTimeoutMillis;
  private String keyCacheTtl;
  private String keyCacheMaxStale;
  private String onUndecryptable;
  private String auditFile;
  private int loginTimeout;
  private PrintWriter logWriter;

  /** The Veil URL, e.g. {@code jdbc:veil:postgresql://localhost/app}. */
  public String getUrl() {
    return url;
  }

  public void setUrl(String url) {
    this.url = url;
  }

  public String getUser() {
    return user;
  }

  public void setUser(String user) {
    this.user = user;
  }

  /** Write-only in spirit: there is deliberately no getter for the password. */
  public void setPassword(String password) {
    this.password = password;
  }

  public String getPolicy() {
    return policy;
  }

  /** See {@link VeilProperty#POLICY}. */
  public void setPolicy(String policy) {
    this.policy = policy;
  }

  public String getKeyring() {
    return keyring;
  }

  /** See {@link VeilProperty#KEYRING}. */
  public void setKeyring(String keyring) {
    this.keyring = keyring;
  }

  public String getKek() {
    return kek;
  }

  /** See {@link VeilProperty#KEK}. */
  public void setKek(String kek) {
    this.kek = kek;
  }

  public String getPlanCacheSize() {
    return planCacheSize;
  }

  /** See {@link VeilProperty#PLAN_CACHE_SIZE}. */
  public void setPlanCacheSize(String planCacheSize) {
    this.planCacheSize = planCacheSize;
  }

  public String getParseTimeoutMillis() {
    return parseTimeoutMillis;
  }

  /** See {@link VeilProperty#PARSE_TIMEOUT_MILLIS}. */
  public void setParseTimeoutMillis(String parseTimeoutMillis) {
    this.parseTimeoutMillis = parseTimeoutMillis;
  }

  public String getKeyCacheTtl() {
    return keyCacheTtl;
  }

  /** See {@link VeilProperty#KEY_CACHE_TTL}. */
  public void setKeyCacheTtl(String keyCacheTtl) {
    this.keyCacheTtl = keyCacheTtl;
  }

  public String getKeyCacheMaxStale() {
    return keyCacheMaxStale;
  }

  /** See {@link VeilProperty#KEY_CACHE_MAX_STALE}. */
  public void setKeyCacheMaxStale(String keyCacheMaxStale) {
    this.keyCacheMaxStale = keyCacheMaxStale;
  }

  public String getOnUndecryptable() {
    return onUndecryptable;
  }

  /** See {@link VeilProperty#ON_UNDECRYPTABLE}. */
  public void setOnUndecryptable(String onUndecryptable) {
    this.onUndecryptable = onUndecryptable;
  }

  public String getAuditFile() {
    return auditFile;
  }

  /** See {@link VeilProperty#AUDIT_FILE}. */
  public void setAuditFile(String auditFile) {
    this.auditFile = auditFile;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return getConnection(user, password);
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    Properties info = new Properties();
    putIfSet(info, "user", username);
    putIfSet(info, "password", password);
    putIfSet(info, VeilProperty.POLICY.key(), policy);
    putIfSet(info, VeilProperty.KEYRING.key(), keyring);
    putIfSet(info, VeilProperty.KEK.key(), kek);
    putIfSet(info, VeilProperty.PLAN_CACHE_SIZE.key(), planCacheSize);
    putIfSet(info, VeilProperty.PARSE_TIMEOUT_MILLIS.key(), parseTimeoutMillis);
    putIfSet(info, VeilProperty.KEY_CACHE_TTL.key(), keyCacheTtl);
    putIfSet(info, VeilProperty.KEY_CACHE_MAX_STALE.key(), keyCacheMaxStale);
    putIfSet(info, VeilProperty.ON_UNDECRYPTABLE.key(), onUndecryptable);
    putIfSet(info, VeilProperty.AUDIT_FILE.key(), auditFile);
    if (url == null || !DRIVER.acceptsURL(url)) {
      throw VeilErrors.of(
          VeilSqlState.CONFIGURATION,
          "VeilDataSource needs url = jdbc:veil:<database URL without jdbc:>");
    }
    return DRIVER.connect(url, info);
  }

  private static void putIfSet(Properties info, String key, String value) {
    if (value != null) {
      info.setProperty(key, value);
    }
  }

  @Override
  public PrintWriter getLogWriter() {
    return logWriter;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    this.logWriter = out;
  }

  @Override
  public void setLoginTimeout(int seconds) {
    this.loginTimeout = seconds;
  }

  @Override
  public int getLoginTimeout() {
    return loginTimeout;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return DRIVER.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw VeilErrors.of(
        VeilSqlState.REFUSED_OPERATION,
        "VeilDataSource wraps no " + iface.getName() + "; connections come from getConnection");
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }
}
