package dev.veil.jdbc;

/**
 * Forwards every method of {@link java.sql.PreparedStatement}, default methods included, to {@link
 * #delegate()}. Veil's wrappers extend it and override only what they intercept; a reflection test
 * checks that nothing is left to an interface default.
 */
@SuppressWarnings("deprecation")
abstract class ForwardingPreparedStatement extends ForwardingStatement
    implements java.sql.PreparedStatement {

  /** The object calls are forwarded to. */
  @Override
  protected abstract java.sql.PreparedStatement delegate();

  @Override
  public void addBatch() throws java.sql.SQLException {
    delegate().addBatch();
  }

  @Override
  public void clearParameters() throws java.sql.SQLException {
    delegate().clearParameters();
  }

  @Override
  public boolean execute() throws java.sql.SQLException {
    return delegate().execute();
  }

  @Override
  public long executeLargeUpdate() throws java.sql.SQLException {
    return delegate().executeLargeUpdate();
  }

  @Override
  public java.sql.ResultSet executeQuery() throws java.sql.SQLException {
    return delegate().executeQuery();
  }

  @Override
  public int executeUpdate() throws java.sql.SQLException {
    return delegate().executeUpdate();
  }

  @Override
  public java.sql.ResultSetMetaData getMetaData() throws java.sql.SQLException {
    return delegate().getMetaData();
  }

  @Override
  public java.sql.ParameterMetaData getParameterMetaData() throws java.sql.SQLException {
    return delegate().getParameterMetaData();
  }

  @Override
  public void setArray(int parameterIndex, java.sql.Array x) throws java.sql.SQLException {
    delegate().setArray(parameterIndex, x);
  }

  @Override
  public void setAsciiStream(int parameterIndex, java.io.InputStream x, int n)
      throws java.sql.SQLException {
    delegate().setAsciiStream(parameterIndex, x, n);
  }

  @Override
  public void setAsciiStream(int parameterIndex, java.io.InputStream x, long length)
      throws java.sql.SQLException {
    delegate().setAsciiStream(parameterIndex, x, length);
  }

  @Override
  public void setAsciiStream(int parameterIndex, java.io.InputStream x)
      throws java.sql.SQLException {
    delegate().setAsciiStream(parameterIndex, x);
  }

  @Override
  public void setBigDecimal(int parameterIndex, java.math.BigDecimal x)
      throws java.sql.SQLException {
    delegate().setBigDecimal(parameterIndex, x);
  }

  @Override
  public void setBinaryStream(int parameterIndex, java.io.InputStream x, int n)
      throws java.sql.SQLException {
    delegate().setBinaryStream(parameterIndex, x, n);
  }

  @Override
  public void setBinaryStream(int parameterIndex, java.io.InputStream x, long length)
      throws java.sql.SQLException {
    delegate().setBinaryStream(parameterIndex, x, length);
  }

  @Override
  public void setBinaryStream(int parameterIndex, java.io.InputStream x)
      throws java.sql.SQLException {
    delegate().setBinaryStream(parameterIndex, x);
  }

  @Override
  public void setBlob(int parameterIndex, java.io.InputStream x, long length)
      throws java.sql.SQLException {
    delegate().setBlob(parameterIndex, x, length);
  }

  @Override
  public void setBlob(int parameterIndex, java.io.InputStream x) throws java.sql.SQLException {
    delegate().setBlob(parameterIndex, x);
  }

  @Override
  public void setBlob(int parameterIndex, java.sql.Blob x) throws java.sql.SQLException {
    delegate().setBlob(parameterIndex, x);
  }

  @Override
  public void setBoolean(int parameterIndex, boolean x) throws java.sql.SQLException {
    delegate().setBoolean(parameterIndex, x);
  }

  @Override
  public void setByte(int parameterIndex, byte x) throws java.sql.SQLException {
    delegate().setByte(parameterIndex, x);
  }

  @Override
  public void setBytes(int parameterIndex, byte[] x) throws java.sql.SQLException {
    delegate().setBytes(parameterIndex, x);
  }

  @Override
  public void setCharacterStream(int parameterIndex, java.io.Reader x, int n)
      throws java.sql.SQLException {
    delegate().setCharacterStream(parameterIndex, x, n);
  }

  @Override
  public void setCharacterStream(int parameterIndex, java.io.Reader x, long length)
      throws java.sql.SQLException {
    delegate().setCharacterStream(parameterIndex, x, length);
  }

  @Override
  public void setCharacterStream(int parameterIndex, java.io.Reader x)
      throws java.sql.SQLException {
    delegate().setCharacterStream(parameterIndex, x);
  }

  @Override
  public void setClob(int parameterIndex, java.io.Reader x, long length)
      throws java.sql.SQLException {
    delegate().setClob(parameterIndex, x, length);
  }

  @Override
  public void setClob(int parameterIndex, java.io.Reader x) throws java.sql.SQLException {
    delegate().setClob(parameterIndex, x);
  }

  @Override
  public void setClob(int parameterIndex, java.sql.Clob x) throws java.sql.SQLException {
    delegate().setClob(parameterIndex, x);
  }

  @Override
  public void setDate(int parameterIndex, java.sql.Date x, java.util.Calendar calendar)
      throws java.sql.SQLException {
    delegate().setDate(parameterIndex, x, calendar);
  }

  @Override
  public void setDate(int parameterIndex, java.sql.Date x) throws java.sql.SQLException {
    delegate().setDate(parameterIndex, x);
  }

  @Override
  public void setDouble(int parameterIndex, double x) throws java.sql.SQLException {
    delegate().setDouble(parameterIndex, x);
  }

  @Override
  public void setFloat(int parameterIndex, float x) throws java.sql.SQLException {
    delegate().setFloat(parameterIndex, x);
  }

  @Override
  public void setInt(int parameterIndex, int x) throws java.sql.SQLException {
    delegate().setInt(parameterIndex, x);
  }

  @Override
  public void setLong(int parameterIndex, long x) throws java.sql.SQLException {
    delegate().setLong(parameterIndex, x);
  }

  @Override
  public void setNCharacterStream(int parameterIndex, java.io.Reader x, long length)
      throws java.sql.SQLException {
    delegate().setNCharacterStream(parameterIndex, x, length);
  }

  @Override
  public void setNCharacterStream(int parameterIndex, java.io.Reader x)
      throws java.sql.SQLException {
    delegate().setNCharacterStream(parameterIndex, x);
  }

  @Override
  public void setNClob(int parameterIndex, java.io.Reader x, long length)
      throws java.sql.SQLException {
    delegate().setNClob(parameterIndex, x, length);
  }

  @Override
  public void setNClob(int parameterIndex, java.io.Reader x) throws java.sql.SQLException {
    delegate().setNClob(parameterIndex, x);
  }

  @Override
  public void setNClob(int parameterIndex, java.sql.NClob x) throws java.sql.SQLException {
    delegate().setNClob(parameterIndex, x);
  }

  @Override
  public void setNString(int parameterIndex, String x) throws java.sql.SQLException {
    delegate().setNString(parameterIndex, x);
  }

  @Override
  public void setNull(int parameterIndex, int x, String s) throws java.sql.SQLException {
    delegate().setNull(parameterIndex, x, s);
  }

  @Override
  public void setNull(int parameterIndex, int x) throws java.sql.SQLException {
    delegate().setNull(parameterIndex, x);
  }

  @Override
  public void setObject(int parameterIndex, Object x, int n1, int n2) throws java.sql.SQLException {
    delegate().setObject(parameterIndex, x, n1, n2);
  }

  @Override
  public void setObject(int parameterIndex, Object x, int n) throws java.sql.SQLException {
    delegate().setObject(parameterIndex, x, n);
  }

  @Override
  public void setObject(int parameterIndex, Object x, java.sql.SQLType targetSqlType, int n)
      throws java.sql.SQLException {
    delegate().setObject(parameterIndex, x, targetSqlType, n);
  }

  @Override
  public void setObject(int parameterIndex, Object x, java.sql.SQLType targetSqlType)
      throws java.sql.SQLException {
    delegate().setObject(parameterIndex, x, targetSqlType);
  }

  @Override
  public void setObject(int parameterIndex, Object x) throws java.sql.SQLException {
    delegate().setObject(parameterIndex, x);
  }

  @Override
  public void setRef(int parameterIndex, java.sql.Ref x) throws java.sql.SQLException {
    delegate().setRef(parameterIndex, x);
  }

  @Override
  public void setRowId(int parameterIndex, java.sql.RowId x) throws java.sql.SQLException {
    delegate().setRowId(parameterIndex, x);
  }

  @Override
  public void setSQLXML(int parameterIndex, java.sql.SQLXML x) throws java.sql.SQLException {
    delegate().setSQLXML(parameterIndex, x);
  }

  @Override
  public void setShort(int parameterIndex, short x) throws java.sql.SQLException {
    delegate().setShort(parameterIndex, x);
  }

  @Override
  public void setString(int parameterIndex, String x) throws java.sql.SQLException {
    delegate().setString(parameterIndex, x);
  }

  @Override
  public void setTime(int parameterIndex, java.sql.Time x, java.util.Calendar calendar)
      throws java.sql.SQLException {
    delegate().setTime(parameterIndex, x, calendar);
  }

  @Override
  public void setTime(int parameterIndex, java.sql.Time x) throws java.sql.SQLException {
    delegate().setTime(parameterIndex, x);
  }

  @Override
  public void setTimestamp(int parameterIndex, java.sql.Timestamp x, java.util.Calendar calendar)
      throws java.sql.SQLException {
    delegate().setTimestamp(parameterIndex, x, calendar);
  }

  @Override
  public void setTimestamp(int parameterIndex, java.sql.Timestamp x) throws java.sql.SQLException {
    delegate().setTimestamp(parameterIndex, x);
  }

  @Override
  public void setURL(int parameterIndex, java.net.URL x) throws java.sql.SQLException {
    delegate().setURL(parameterIndex, x);
  }

  @Deprecated
  @Override
  public void setUnicodeStream(int parameterIndex, java.io.InputStream x, int n)
      throws java.sql.SQLException {
    delegate().setUnicodeStream(parameterIndex, x, n);
  }
}
