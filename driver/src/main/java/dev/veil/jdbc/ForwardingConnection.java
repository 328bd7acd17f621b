package dev.veil.jdbc;

/**
 * Forwards every method of {@link java.sql.Connection}, default methods included, to {@link
 * #delegate()}. Veil's wrappers extend it and override only what they intercept; a reflection test
 * checks that nothing is left to an interface default.
 */
@SuppressWarnings("deprecation")
abstract class ForwardingConnection implements java.sql.Connection {

  /** The object calls are forwarded to. */
  protected abstract java.sql.Connection delegate();

  @Override
  public void abort(java.util.concurrent.Executor executor) throws java.sql.SQLException {
    delegate().abort(executor);
  }

  @Override
  public void beginRequest() throws java.sql.SQLException {
    delegate().beginRequest();
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
  public void commit() throws java.sql.SQLException {
    delegate().commit();
  }

  @Override
  public java.sql.Array createArrayOf(String typeName, Object[] elements)
      throws java.sql.SQLException {
    return delegate().createArrayOf(typeName, elements);
  }

  @Override
  public java.sql.Blob createBlob() throws java.sql.SQLException {
    return delegate().createBlob();
  }

  @Override
  public java.sql.Clob createClob() throws java.sql.SQLException {
    return delegate().createClob();
  }

  @Override
  public java.sql.NClob createNClob() throws java.sql.SQLException {
    return delegate().createNClob();
  }

  @Override
  public java.sql.SQLXML createSQLXML() throws java.sql.SQLException {
    return delegate().createSQLXML();
  }

  @Override
  public java.sql.Statement createStatement() throws java.sql.SQLException {
    return delegate().createStatement();
  }

  @Override
  public java.sql.Statement createStatement(int n1, int n2, int n3) throws java.sql.SQLException {
    return delegate().createStatement(n1, n2, n3);
  }

  @Override
  public java.sql.Statement createStatement(int n1, int n2) throws java.sql.SQLException {
    return delegate().createStatement(n1, n2);
  }

  @Override
  public java.sql.Struct createStruct(String typeName, Object[] elements)
      throws java.sql.SQLException {
    return delegate().createStruct(typeName, elements);
  }

  @Override
  public void endRequest() throws java.sql.SQLException {
    delegate().endRequest();
  }

  @Override
  public boolean getAutoCommit() throws java.sql.SQLException {
    return delegate().getAutoCommit();
  }

  @Override
  public String getCatalog() throws java.sql.SQLException {
    return delegate().getCatalog();
  }

  @Override
  public java.util.Properties getClientInfo() throws java.sql.SQLException {
    return delegate().getClientInfo();
  }

  @Override
  public String getClientInfo(String s) throws java.sql.SQLException {
    return delegate().getClientInfo(s);
  }

  @Override
  public int getHoldability() throws java.sql.SQLException {
    return delegate().getHoldability();
  }

  @Override
  public java.sql.DatabaseMetaData getMetaData() throws java.sql.SQLException {
    return delegate().getMetaData();
  }

  @Override
  public int getNetworkTimeout() throws java.sql.SQLException {
    return delegate().getNetworkTimeout();
  }

  @Override
  public String getSchema() throws java.sql.SQLException {
    return delegate().getSchema();
  }

  @Override
  public int getTransactionIsolation() throws java.sql.SQLException {
    return delegate().getTransactionIsolation();
  }

  @Override
  public java.util.Map<String, Class<?>> getTypeMap() throws java.sql.SQLException {
    return delegate().getTypeMap();
  }

  @Override
  public java.sql.SQLWarning getWarnings() throws java.sql.SQLException {
    return delegate().getWarnings();
  }

  @Override
  public boolean isClosed() throws java.sql.SQLException {
    return delegate().isClosed();
  }

  @Override
  public boolean isReadOnly() throws java.sql.SQLException {
    return delegate().isReadOnly();
  }

  @Override
  public boolean isValid(int n) throws java.sql.SQLException {
    return delegate().isValid(n);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) throws java.sql.SQLException {
    return delegate().isWrapperFor(type);
  }

  @Override
  public String nativeSQL(String sql) throws java.sql.SQLException {
    return delegate().nativeSQL(sql);
  }

  @Override
  public java.sql.CallableStatement prepareCall(String sql, int n1, int n2, int n3)
      throws java.sql.SQLException {
    return delegate().prepareCall(sql, n1, n2, n3);
  }

  @Override
  public java.sql.CallableStatement prepareCall(String sql, int n1, int n2)
      throws java.sql.SQLException {
    return delegate().prepareCall(sql, n1, n2);
  }

  @Override
  public java.sql.CallableStatement prepareCall(String sql) throws java.sql.SQLException {
    return delegate().prepareCall(sql);
  }

  @Override
  public java.sql.PreparedStatement prepareStatement(String sql, int[] indexes)
      throws java.sql.SQLException {
    return delegate().prepareStatement(sql, indexes);
  }

  @Override
  public java.sql.PreparedStatement prepareStatement(String sql, String[] names)
      throws java.sql.SQLException {
    return delegate().prepareStatement(sql, names);
  }

  @Override
  public java.sql.PreparedStatement prepareStatement(String sql, int n1, int n2, int n3)
      throws java.sql.SQLException {
    return delegate().prepareStatement(sql, n1, n2, n3);
  }

  @Override
  public java.sql.PreparedStatement prepareStatement(String sql, int n1, int n2)
      throws java.sql.SQLException {
    return delegate().prepareStatement(sql, n1, n2);
  }

  @Override
  public java.sql.PreparedStatement prepareStatement(String sql, int n)
      throws java.sql.SQLException {
    return delegate().prepareStatement(sql, n);
  }

  @Override
  public java.sql.PreparedStatement prepareStatement(String sql) throws java.sql.SQLException {
    return delegate().prepareStatement(sql);
  }

  @Override
  public void releaseSavepoint(java.sql.Savepoint savepoint) throws java.sql.SQLException {
    delegate().releaseSavepoint(savepoint);
  }

  @Override
  public void rollback() throws java.sql.SQLException {
    delegate().rollback();
  }

  @Override
  public void rollback(java.sql.Savepoint savepoint) throws java.sql.SQLException {
    delegate().rollback(savepoint);
  }

  @Override
  public void setAutoCommit(boolean flag) throws java.sql.SQLException {
    delegate().setAutoCommit(flag);
  }

  @Override
  public void setCatalog(String s) throws java.sql.SQLException {
    delegate().setCatalog(s);
  }

  @Override
  public void setClientInfo(String s1, String s2) throws java.sql.SQLClientInfoException {
    delegate().setClientInfo(s1, s2);
  }

  @Override
  public void setClientInfo(java.util.Properties properties)
      throws java.sql.SQLClientInfoException {
    delegate().setClientInfo(properties);
  }

  @Override
  public void setHoldability(int n) throws java.sql.SQLException {
    delegate().setHoldability(n);
  }

  @Override
  public void setNetworkTimeout(java.util.concurrent.Executor executor, int n)
      throws java.sql.SQLException {
    delegate().setNetworkTimeout(executor, n);
  }

  @Override
  public void setReadOnly(boolean flag) throws java.sql.SQLException {
    delegate().setReadOnly(flag);
  }

  @Override
  public java.sql.Savepoint setSavepoint() throws java.sql.SQLException {
    return delegate().setSavepoint();
  }

  @Override
  public java.sql.Savepoint setSavepoint(String s) throws java.sql.SQLException {
    return delegate().setSavepoint(s);
  }

  @Override
  public void setSchema(String s) throws java.sql.SQLException {
    delegate().setSchema(s);
  }

  @Override
  public void setShardingKey(java.sql.ShardingKey shardingKey1, java.sql.ShardingKey shardingKey2)
      throws java.sql.SQLException {
    delegate().setShardingKey(shardingKey1, shardingKey2);
  }

  @Override
  public void setShardingKey(java.sql.ShardingKey shardingKey) throws java.sql.SQLException {
    delegate().setShardingKey(shardingKey);
  }

  @Override
  public boolean setShardingKeyIfValid(java.sql.ShardingKey shardingKey, int n)
      throws java.sql.SQLException {
    return delegate().setShardingKeyIfValid(shardingKey, n);
  }

  @Override
  public boolean setShardingKeyIfValid(
      java.sql.ShardingKey shardingKey1, java.sql.ShardingKey shardingKey2, int n)
      throws java.sql.SQLException {
    return delegate().setShardingKeyIfValid(shardingKey1, shardingKey2, n);
  }

  @Override
  public void setTransactionIsolation(int n) throws java.sql.SQLException {
    delegate().setTransactionIsolation(n);
  }

  @Override
  public void setTypeMap(java.util.Map<String, Class<?>> map) throws java.sql.SQLException {
    delegate().setTypeMap(map);
  }

  @Override
  public <T> T unwrap(Class<T> type) throws java.sql.SQLException {
    return delegate().unwrap(type);
  }
}
