package dev.veil.jdbc;

/**
 * Forwards every method of {@link java.sql.Statement}, default methods included, to {@link
 * #delegate()}. Veil's wrappers extend it and override only what they intercept; a reflection test
 * checks that nothing is left to an interface default.
 */
@SuppressWarnings("deprecation")
abstract class ForwardingStatement implements java.sql.Statement {

  /** The object calls are forwarded to. */
  protected abstract java.sql.Statement delegate();

  @Override
  public void addBatch(String sql) throws java.sql.SQLException {
    delegate().addBatch(sql);
  }

  @Override
  public void cancel() throws java.sql.SQLException {
    delegate().cancel();
  }

  @Override
  public void clearBatch() throws java.sql.SQLException {
    delegate().clearBatch();
  }

  @Override
  public void clearWarnings() throws java.sql.SQLException {
    delegate().clearWarnings();
  }

  @Override
  public void close() throws java.sql.SQLException {
    delegate().close();
  }

  @Override
  public void closeOnCompletion() throws java.sql.SQLException {
    delegate().closeOnCompletion();
  }

  @Override
  public String enquoteIdentifier(String s, boolean flag) throws java.sql.SQLException {
    return delegate().enquoteIdentifier(s, flag);
  }

  @Override
  public String enquoteLiteral(String sql) throws java.sql.SQLException {
    return delegate().enquoteLiteral(sql);
  }

  @Override
  public String enquoteNCharLiteral(String s) throws java.sql.SQLException {
    return delegate().enquoteNCharLiteral(s);
  }

  @Override
  public boolean execute(String sql, int[] indexes) throws java.sql.SQLException {
    return delegate().execute(sql, indexes);
  }

  @Override
  public boolean execute(String sql, String[] names) throws java.sql.SQLException {
    return delegate().execute(sql, names);
  }

  @Override
  public boolean execute(String sql, int n) throws java.sql.SQLException {
    return delegate().execute(sql, n);
  }

  @Override
  public boolean execute(String sql) throws java.sql.SQLException {
    return delegate().execute(sql);
  }

  @Override
  public int[] executeBatch() throws java.sql.SQLException {
    return delegate().executeBatch();
  }

  @Override
  public long[] executeLargeBatch() throws java.sql.SQLException {
    return delegate().executeLargeBatch();
  }

  @Override
  public long executeLargeUpdate(String sql, int[] indexes) throws java.sql.SQLException {
    return delegate().executeLargeUpdate(sql, indexes);
  }

  @Override
  public long executeLargeUpdate(String sql, String[] names) throws java.sql.SQLException {
    return delegate().executeLargeUpdate(sql, names);
  }

  @Override
  public long executeLargeUpdate(String sql, int n) throws java.sql.SQLException {
    return delegate().executeLargeUpdate(sql, n);
  }

  @Override
  public long executeLargeUpdate(String sql) throws java.sql.SQLException {
    return delegate().executeLargeUpdate(sql);
  }

  @Override
  public java.sql.ResultSet executeQuery(String sql) throws java.sql.SQLException {
    return delegate().executeQuery(sql);
  }

  @Override
  public int executeUpdate(String sql, int[] indexes) throws java.sql.SQLException {
    return delegate().executeUpdate(sql, indexes);
  }

  @Override
  public int executeUpdate(String sql, String[] names) throws java.sql.SQLException {
    return delegate().executeUpdate(sql, names);
  }

  @Override
  public int executeUpdate(String sql, int n) throws java.sql.SQLException {
    return delegate().executeUpdate(sql, n);
  }

  @Override
  public int executeUpdate(String sql) throws java.sql.SQLException {
    return delegate().executeUpdate(sql);
  }

  @Override
  public java.sql.Connection getConnection() throws java.sql.SQLException {
    return delegate().getConnection();
  }

  @Override
  public int getFetchDirection() throws java.sql.SQLException {
    return delegate().getFetchDirection();
  }

  @Override
  public int getFetchSize() throws java.sql.SQLException {
    return delegate().getFetchSize();
  }

  @Override
  public java.sql.ResultSet getGeneratedKeys() throws java.sql.SQLException {
    return delegate().getGeneratedKeys();
  }

  @Override
  public long getLargeMaxRows() throws java.sql.SQLException {
    return delegate().getLargeMaxRows();
  }

  @Override
  public long getLargeUpdateCount() throws java.sql.SQLException {
    return delegate().getLargeUpdateCount();
  }

  @Override
  public int getMaxFieldSize() throws java.sql.SQLException {
    return delegate().getMaxFieldSize();
  }

  @Override
  public int getMaxRows() throws java.sql.SQLException {
    return delegate().getMaxRows();
  }

  @Override
  public boolean getMoreResults() throws java.sql.SQLException {
    return delegate().getMoreResults();
  }

  @Override
  public boolean getMoreResults(int n) throws java.sql.SQLException {
    return delegate().getMoreResults(n);
  }

  @Override
  public int getQueryTimeout() throws java.sql.SQLException {
    return delegate().getQueryTimeout();
  }

  @Override
  public java.sql.ResultSet getResultSet() throws java.sql.SQLException {
    return delegate().getResultSet();
  }

  @Override
  public int getResultSetConcurrency() throws java.sql.SQLException {
    return delegate().getResultSetConcurrency();
  }

  @Override
  public int getResultSetHoldability() throws java.sql.SQLException {
    return delegate().getResultSetHoldability();
  }

  @Override
  public int getResultSetType() throws java.sql.SQLException {
    return delegate().getResultSetType();
  }

  @Override
  public int getUpdateCount() throws java.sql.SQLException {
    return delegate().getUpdateCount();
  }

  @Override
  public java.sql.SQLWarning getWarnings() throws java.sql.SQLException {
    return delegate().getWarnings();
  }

  @Override
  public boolean isCloseOnCompletion() throws java.sql.SQLException {
    return delegate().isCloseOnCompletion();
  }

  @Override
  public boolean isClosed() throws java.sql.SQLException {
    return delegate().isClosed();
  }

  @Override
  public boolean isPoolable() throws java.sql.SQLException {
    return delegate().isPoolable();
  }

  @Override
  public boolean isSimpleIdentifier(String s) throws java.sql.SQLException {
    return delegate().isSimpleIdentifier(s);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) throws java.sql.SQLException {
    return delegate().isWrapperFor(type);
  }

  @Override
  public void setCursorName(String s) throws java.sql.SQLException {
    delegate().setCursorName(s);
  }

  @Override
  public void setEscapeProcessing(boolean flag) throws java.sql.SQLException {
    delegate().setEscapeProcessing(flag);
  }

  @Override
  public void setFetchDirection(int n) throws java.sql.SQLException {
    delegate().setFetchDirection(n);
  }

  @Override
  public void setFetchSize(int n) throws java.sql.SQLException {
    delegate().setFetchSize(n);
  }

  @Override
  public void setLargeMaxRows(long length) throws java.sql.SQLException {
    delegate().setLargeMaxRows(length);
  }

  @Override
  public void setMaxFieldSize(int n) throws java.sql.SQLException {
    delegate().setMaxFieldSize(n);
  }

  @Override
  public void setMaxRows(int n) throws java.sql.SQLException {
    delegate().setMaxRows(n);
  }

  @Override
  public void setPoolable(boolean flag) throws java.sql.SQLException {
    delegate().setPoolable(flag);
  }

  @Override
  public void setQueryTimeout(int n) throws java.sql.SQLException {
    delegate().setQueryTimeout(n);
  }

  @Override
  public <T> T unwrap(Class<T> type) throws java.sql.SQLException {
    return delegate().unwrap(type);
  }
}
