package dev.veil.driver;

import dev.veil.errors.VeilErrors;
import dev.veil.errors.VeilSqlState;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} for Veil, usable as HikariCP's {@code dataSourceClassName} with the bean
 * properties {@code url}, {@code user}, {@code password}, and one per {@link VeilProperty} ({@code
 * policy}, {@code keyring}, {@code kek}, {@code transport}, {@code tlsRootCert}, ...). Properties
 * left unset fall back to system properties and environment variables as described in {@link
 * VeilProperty}.
 */
public class VeilDataSource implements DataSource {
  private static final VeilDriver DRIVER = new VeilDriver();

  private String url;
  private String user;
  private String password;
  private final Map<VeilProperty, String> settings = new EnumMap<>(VeilProperty.class);
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
    return settings.get(VeilProperty.POLICY);
  }

  /** See {@link VeilProperty#POLICY}. */
  public void setPolicy(String policy) {
    set(VeilProperty.POLICY, policy);
  }

  public String getKeyring() {
    return settings.get(VeilProperty.KEYRING);
  }

  /** See {@link VeilProperty#KEYRING}. */
  public void setKeyring(String keyring) {
    set(VeilProperty.KEYRING, keyring);
  }

  public String getKek() {
    return settings.get(VeilProperty.KEK);
  }

  /** See {@link VeilProperty#KEK}. */
  public void setKek(String kek) {
    set(VeilProperty.KEK, kek);
  }

  public String getPlanCacheSize() {
    return settings.get(VeilProperty.PLAN_CACHE_SIZE);
  }

  /** See {@link VeilProperty#PLAN_CACHE_SIZE}. */
  public void setPlanCacheSize(String planCacheSize) {
    set(VeilProperty.PLAN_CACHE_SIZE, planCacheSize);
  }

  public String getParseTimeoutMillis() {
    return settings.get(VeilProperty.PARSE_TIMEOUT_MILLIS);
  }

  /** See {@link VeilProperty#PARSE_TIMEOUT_MILLIS}. */
  public void setParseTimeoutMillis(String parseTimeoutMillis) {
    set(VeilProperty.PARSE_TIMEOUT_MILLIS, parseTimeoutMillis);
  }

  public String getKeyCacheTtl() {
    return settings.get(VeilProperty.KEY_CACHE_TTL);
  }

  /** See {@link VeilProperty#KEY_CACHE_TTL}. */
  public void setKeyCacheTtl(String keyCacheTtl) {
    set(VeilProperty.KEY_CACHE_TTL, keyCacheTtl);
  }

  public String getKeyCacheMaxStale() {
    return settings.get(VeilProperty.KEY_CACHE_MAX_STALE);
  }

  /** See {@link VeilProperty#KEY_CACHE_MAX_STALE}. */
  public void setKeyCacheMaxStale(String keyCacheMaxStale) {
    set(VeilProperty.KEY_CACHE_MAX_STALE, keyCacheMaxStale);
  }

  public String getOnUndecryptable() {
    return settings.get(VeilProperty.ON_UNDECRYPTABLE);
  }

  /** See {@link VeilProperty#ON_UNDECRYPTABLE}. */
  public void setOnUndecryptable(String onUndecryptable) {
    set(VeilProperty.ON_UNDECRYPTABLE, onUndecryptable);
  }

  public String getOnMissingKey() {
    return settings.get(VeilProperty.ON_MISSING_KEY);
  }

  /** See {@link VeilProperty#ON_MISSING_KEY}. */
  public void setOnMissingKey(String onMissingKey) {
    set(VeilProperty.ON_MISSING_KEY, onMissingKey);
  }

  public String getPrincipal() {
    return settings.get(VeilProperty.PRINCIPAL);
  }

  /** See {@link VeilProperty#PRINCIPAL}. */
  public void setPrincipal(String principal) {
    set(VeilProperty.PRINCIPAL, principal);
  }

  public String getAuditFile() {
    return settings.get(VeilProperty.AUDIT_FILE);
  }

  /** See {@link VeilProperty#AUDIT_FILE}. */
  public void setAuditFile(String auditFile) {
    set(VeilProperty.AUDIT_FILE, auditFile);
  }

  public String getTransport() {
    return settings.get(VeilProperty.TRANSPORT);
  }

  /** See {@link VeilProperty#TRANSPORT}. */
  public void setTransport(String transport) {
    set(VeilProperty.TRANSPORT, transport);
  }

  public String getMinTls() {
    return settings.get(VeilProperty.MIN_TLS);
  }

  /** See {@link VeilProperty#MIN_TLS}. */
  public void setMinTls(String minTls) {
    set(VeilProperty.MIN_TLS, minTls);
  }

  public String getTlsRootCert() {
    return settings.get(VeilProperty.TLS_ROOT_CERT);
  }

  /** See {@link VeilProperty#TLS_ROOT_CERT}. */
  public void setTlsRootCert(String tlsRootCert) {
    set(VeilProperty.TLS_ROOT_CERT, tlsRootCert);
  }

  public String getTlsClientCert() {
    return settings.get(VeilProperty.TLS_CLIENT_CERT);
  }

  /** See {@link VeilProperty#TLS_CLIENT_CERT}. */
  public void setTlsClientCert(String tlsClientCert) {
    set(VeilProperty.TLS_CLIENT_CERT, tlsClientCert);
  }

  public String getTlsClientKey() {
    return settings.get(VeilProperty.TLS_CLIENT_KEY);
  }

  /** See {@link VeilProperty#TLS_CLIENT_KEY}. */
  public void setTlsClientKey(String tlsClientKey) {
    set(VeilProperty.TLS_CLIENT_KEY, tlsClientKey);
  }

  /** See {@link VeilProperty#TLS_CLIENT_KEY_PASSWORD}; like the password, it has no getter. */
  public void setTlsClientKeyPassword(String tlsClientKeyPassword) {
    set(VeilProperty.TLS_CLIENT_KEY_PASSWORD, tlsClientKeyPassword);
  }

  public String getTlsExpiryWarnDays() {
    return settings.get(VeilProperty.TLS_EXPIRY_WARN_DAYS);
  }

  /** See {@link VeilProperty#TLS_EXPIRY_WARN_DAYS}. */
  public void setTlsExpiryWarnDays(String tlsExpiryWarnDays) {
    set(VeilProperty.TLS_EXPIRY_WARN_DAYS, tlsExpiryWarnDays);
  }

  private void set(VeilProperty property, String value) {
    if (value == null) {
      settings.remove(property);
    } else {
      settings.put(property, value);
    }
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
    settings.forEach((property, value) -> info.setProperty(property.key(), value));
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
