package dev.veil.jdbc;

/**
 * Forwards every method of {@link java.sql.CallableStatement}, default methods included, to {@link
 * #delegate()}. Veil's wrappers extend it and override only what they intercept; a reflection test
 * checks that nothing is left to an interface default.
 */
@SuppressWarnings("deprecation")
abstract class ForwardingCallableStatement extends ForwardingPreparedStatement
    implements java.sql.CallableStatement {

  /** The object calls are forwarded to. */
  @Override
  protected abstract java.sql.CallableStatement delegate();

  @Override
  public java.sql.Array getArray(String parameterName) throws java.sql.SQLException {
    return delegate().getArray(parameterName);
  }

  @Override
  public java.sql.Array getArray(int parameterIndex) throws java.sql.SQLException {
    return delegate().getArray(parameterIndex);
  }

  @Override
  public java.math.BigDecimal getBigDecimal(String parameterName) throws java.sql.SQLException {
    return delegate().getBigDecimal(parameterName);
  }

  @Deprecated
  @Override
  public java.math.BigDecimal getBigDecimal(int parameterIndex, int n)
      throws java.sql.SQLException {
    return delegate().getBigDecimal(parameterIndex, n);
  }

  @Override
  public java.math.BigDecimal getBigDecimal(int parameterIndex) throws java.sql.SQLException {
    return delegate().getBigDecimal(parameterIndex);
  }

  @Override
  public java.sql.Blob getBlob(String parameterName) throws java.sql.SQLException {
    return delegate().getBlob(parameterName);
  }

  @Override
  public java.sql.Blob getBlob(int parameterIndex) throws java.sql.SQLException {
    return delegate().getBlob(parameterIndex);
  }

  @Override
  public boolean getBoolean(String parameterName) throws java.sql.SQLException {
    return delegate().getBoolean(parameterName);
  }

  @Override
  public boolean getBoolean(int parameterIndex) throws java.sql.SQLException {
    return delegate().getBoolean(parameterIndex);
  }

  @Override
  public byte getByte(String parameterName) throws java.sql.SQLException {
    return delegate().getByte(parameterName);
  }

  @Override
  public byte getByte(int parameterIndex) throws java.sql.SQLException {
    return delegate().getByte(parameterIndex);
  }

  @Override
  public byte[] getBytes(String parameterName) throws java.sql.SQLException {
    return delegate().getBytes(parameterName);
  }

  @Override
  public byte[] getBytes(int parameterIndex) throws java.sql.SQLException {
    return delegate().getBytes(parameterIndex);
  }

  @Override
  public java.io.Reader getCharacterStream(String parameterName) throws java.sql.SQLException {
    return delegate().getCharacterStream(parameterName);
  }

  @Override
  public java.io.Reader getCharacterStream(int parameterIndex) throws java.sql.SQLException {
    return delegate().getCharacterStream(parameterIndex);
  }

  @Override
  public java.sql.Clob getClob(String parameterName) throws java.sql.SQLException {
    return delegate().getClob(parameterName);
  }

  @Override
  public java.sql.Clob getClob(int parameterIndex) throws java.sql.SQLException {
    return delegate().getClob(parameterIndex);
  }

  @Override
  public java.sql.Date getDate(String parameterName, java.util.Calendar calendar)
      throws java.sql.SQLException {
    return delegate().getDate(parameterName, calendar);
  }

  @Override
  public java.sql.Date getDate(String parameterName) throws java.sql.SQLException {
    return delegate().getDate(parameterName);
  }

  @Override
  public java.sql.Date getDate(int parameterIndex, java.util.Calendar calendar)
      throws java.sql.SQLException {
    return delegate().getDate(parameterIndex, calendar);
  }

  @Override
  public java.sql.Date getDate(int parameterIndex) throws java.sql.SQLException {
    return delegate().getDate(parameterIndex);
  }

  @Override
  public double getDouble(String parameterName) throws java.sql.SQLException {
    return delegate().getDouble(parameterName);
  }

  @Override
  public double getDouble(int parameterIndex) throws java.sql.SQLException {
    return delegate().getDouble(parameterIndex);
  }

  @Override
  public float getFloat(String parameterName) throws java.sql.SQLException {
    return delegate().getFloat(parameterName);
  }

  @Override
  public float getFloat(int parameterIndex) throws java.sql.SQLException {
    return delegate().getFloat(parameterIndex);
  }

  @Override
  public int getInt(String parameterName) throws java.sql.SQLException {
    return delegate().getInt(parameterName);
  }

  @Override
  public int getInt(int parameterIndex) throws java.sql.SQLException {
    return delegate().getInt(parameterIndex);
  }

  @Override
  public long getLong(String parameterName) throws java.sql.SQLException {
    return delegate().getLong(parameterName);
  }

  @Override
  public long getLong(int parameterIndex) throws java.sql.SQLException {
    return delegate().getLong(parameterIndex);
  }

  @Override
  public java.io.Reader getNCharacterStream(String parameterName) throws java.sql.SQLException {
    return delegate().getNCharacterStream(parameterName);
  }

  @Override
  public java.io.Reader getNCharacterStream(int parameterIndex) throws java.sql.SQLException {
    return delegate().getNCharacterStream(parameterIndex);
  }

  @Override
  public java.sql.NClob getNClob(String parameterName) throws java.sql.SQLException {
    return delegate().getNClob(parameterName);
  }

  @Override
  public java.sql.NClob getNClob(int parameterIndex) throws java.sql.SQLException {
    return delegate().getNClob(parameterIndex);
  }

  @Override
  public String getNString(String parameterName) throws java.sql.SQLException {
    return delegate().getNString(parameterName);
  }

  @Override
  public String getNString(int parameterIndex) throws java.sql.SQLException {
    return delegate().getNString(parameterIndex);
  }

  @Override
  public <T> T getObject(String parameterName, Class<T> type) throws java.sql.SQLException {
    return delegate().getObject(parameterName, type);
  }

  @Override
  public Object getObject(String parameterName, java.util.Map<String, Class<?>> map)
      throws java.sql.SQLException {
    return delegate().getObject(parameterName, map);
  }

  @Override
  public Object getObject(String parameterName) throws java.sql.SQLException {
    return delegate().getObject(parameterName);
  }

  @Override
  public <T> T getObject(int parameterIndex, Class<T> type) throws java.sql.SQLException {
    return delegate().getObject(parameterIndex, type);
  }

  @Override
  public Object getObject(int parameterIndex, java.util.Map<String, Class<?>> map)
      throws java.sql.SQLException {
    return delegate().getObject(parameterIndex, map);
  }

  @Override
  public Object getObject(int parameterIndex) throws java.sql.SQLException {
    return delegate().getObject(parameterIndex);
  }

  @Override
  public java.sql.Ref getRef(String parameterName) throws java.sql.SQLException {
    return delegate().getRef(parameterName);
  }

  @Override
  public java.sql.Ref getRef(int parameterIndex) throws java.sql.SQLException {
    return delegate().getRef(parameterIndex);
  }

  @Override
  public java.sql.RowId getRowId(String parameterName) throws java.sql.SQLException {
    return delegate().getRowId(parameterName);
  }

  @Override
  public java.sql.RowId getRowId(int parameterIndex) throws java.sql.SQLException {
    return delegate().getRowId(parameterIndex);
  }

  @Override
  public java.sql.SQLXML getSQLXML(String parameterName) throws java.sql.SQLException {
    return delegate().getSQLXML(parameterName);
  }

  @Override
  public java.sql.SQLXML getSQLXML(int parameterIndex) throws java.sql.SQLException {
    return delegate().getSQLXML(parameterIndex);
  }

  @Override
  public short getShort(String parameterName) throws java.sql.SQLException {
    return delegate().getShort(parameterName);
  }

  @Override
  public short getShort(int parameterIndex) throws java.sql.SQLException {
    return delegate().getShort(parameterIndex);
  }

  @Override
  public String getString(String parameterName) throws java.sql.SQLException {
    return delegate().getString(parameterName);
  }

  @Override
  public String getString(int parameterIndex) throws java.sql.SQLException {
    return delegate().getString(parameterIndex);
  }

  @Override
  public java.sql.Time getTime(String parameterName, java.util.Calendar calendar)
      throws java.sql.SQLException {
    return delegate().getTime(parameterName, calendar);
  }

  @Override
  public java.sql.Time getTime(String parameterName) throws java.sql.SQLException {
    return delegate().getTime(parameterName);
  }

  @Override
  public java.sql.Time getTime(int parameterIndex, java.util.Calendar calendar)
      throws java.sql.SQLException {
    return delegate().getTime(parameterIndex, calendar);
  }

  @Override
  public java.sql.Time getTime(int parameterIndex) throws java.sql.SQLException {
    return delegate().getTime(parameterIndex);
  }

  @Override
  public java.sql.Timestamp getTimestamp(String parameterName, java.util.Calendar calendar)
      throws java.sql.SQLException {
    return delegate().getTimestamp(parameterName, calendar);
  }

  @Override
  public java.sql.Timestamp getTimestamp(String parameterName) throws java.sql.SQLException {
    return delegate().getTimestamp(parameterName);
  }

  @Override
  public java.sql.Timestamp getTimestamp(int parameterIndex, java.util.Calendar calendar)
      throws java.sql.SQLException {
    return delegate().getTimestamp(parameterIndex, calendar);
  }

  @Override
  public java.sql.Timestamp getTimestamp(int parameterIndex) throws java.sql.SQLException {
    return delegate().getTimestamp(parameterIndex);
  }

  @Override
  public java.net.URL getURL(String parameterName) throws java.sql.SQLException {
    return delegate().getURL(parameterName);
  }

  @Override
  public java.net.URL getURL(int parameterIndex) throws java.sql.SQLException {
    return delegate().getURL(parameterIndex);
  }

  @Override
  public void registerOutParameter(String parameterName, int n, String s)
      throws java.sql.SQLException {
    delegate().registerOutParameter(parameterName, n, s);
  }

  @Override
  public void registerOutParameter(String parameterName, int n1, int n2)
      throws java.sql.SQLException {
    delegate().registerOutParameter(parameterName, n1, n2);
  }

  @Override
  public void registerOutParameter(String parameterName, int n) throws java.sql.SQLException {
    delegate().registerOutParameter(parameterName, n);
  }

  @Override
  public void registerOutParameter(String parameterName, java.sql.SQLType targetSqlType, String s)
      throws java.sql.SQLException {
    delegate().registerOutParameter(parameterName, targetSqlType, s);
  }

  @Override
  public void registerOutParameter(String parameterName, java.sql.SQLType targetSqlType, int n)
      throws java.sql.SQLException {
    delegate().registerOutParameter(parameterName, targetSqlType, n);
  }

  @Override
  public void registerOutParameter(String parameterName, java.sql.SQLType targetSqlType)
      throws java.sql.SQLException {
    delegate().registerOutParameter(parameterName, targetSqlType);
  }

  @Override
  public void registerOutParameter(int parameterIndex, int n, String s)
      throws java.sql.SQLException {
    delegate().registerOutParameter(parameterIndex, n, s);
  }

  @Override
  public void registerOutParameter(int parameterIndex, int n1, int n2)
      throws java.sql.SQLException {
    delegate().registerOutParameter(parameterIndex, n1, n2);
  }

  @Override
  public void registerOutParameter(int parameterIndex, int n) throws java.sql.SQLException {
    delegate().registerOutParameter(parameterIndex, n);
  }

  @Override
  public void registerOutParameter(int parameterIndex, java.sql.SQLType targetSqlType, String s)
      throws java.sql.SQLException {
    delegate().registerOutParameter(parameterIndex, targetSqlType, s);
  }

  @Override
  public void registerOutParameter(int parameterIndex, java.sql.SQLType targetSqlType, int n)
      throws java.sql.SQLException {
    delegate().registerOutParameter(parameterIndex, targetSqlType, n);
  }

  @Override
  public void registerOutParameter(int parameterIndex, java.sql.SQLType targetSqlType)
      throws java.sql.SQLException {
    delegate().registerOutParameter(parameterIndex, targetSqlType);
  }

  @Override
  public void setAsciiStream(String parameterName, java.io.InputStream x, int n)
      throws java.sql.SQLException {
    delegate().setAsciiStream(parameterName, x, n);
  }

  @Override
  public void setAsciiStream(String parameterName, java.io.InputStream x, long length)
      throws java.sql.SQLException {
    delegate().setAsciiStream(parameterName, x, length);
  }

  @Override
  public void setAsciiStream(String parameterName, java.io.InputStream x)
      throws java.sql.SQLException {
    delegate().setAsciiStream(parameterName, x);
  }

  @Override
  public void setBigDecimal(String parameterName, java.math.BigDecimal x)
      throws java.sql.SQLException {
    delegate().setBigDecimal(parameterName, x);
  }

  @Override
  public void setBinaryStream(String parameterName, java.io.InputStream x, int n)
      throws java.sql.SQLException {
    delegate().setBinaryStream(parameterName, x, n);
  }

  @Override
  public void setBinaryStream(String parameterName, java.io.InputStream x, long length)
      throws java.sql.SQLException {
    delegate().setBinaryStream(parameterName, x, length);
  }

  @Override
  public void setBinaryStream(String parameterName, java.io.InputStream x)
      throws java.sql.SQLException {
    delegate().setBinaryStream(parameterName, x);
  }

  @Override
  public void setBlob(String parameterName, java.io.InputStream x, long length)
      throws java.sql.SQLException {
    delegate().setBlob(parameterName, x, length);
  }

  @Override
  public void setBlob(String parameterName, java.io.InputStream x) throws java.sql.SQLException {
    delegate().setBlob(parameterName, x);
  }

  @Override
  public void setBlob(String parameterName, java.sql.Blob x) throws java.sql.SQLException {
    delegate().setBlob(parameterName, x);
  }

  @Override
  public void setBoolean(String parameterName, boolean x) throws java.sql.SQLException {
    delegate().setBoolean(parameterName, x);
  }

  @Override
  public void setByte(String parameterName, byte x) throws java.sql.SQLException {
    delegate().setByte(parameterName, x);
  }

  @Override
  public void setBytes(String parameterName, byte[] x) throws java.sql.SQLException {
    delegate().setBytes(parameterName, x);
  }

  @Override
  public void setCharacterStream(String parameterName, java.io.Reader x, int n)
      throws java.sql.SQLException {
    delegate().setCharacterStream(parameterName, x, n);
  }

  @Override
  public void setCharacterStream(String parameterName, java.io.Reader x, long length)
      throws java.sql.SQLException {
    delegate().setCharacterStream(parameterName, x, length);
  }

  @Override
  public void setCharacterStream(String parameterName, java.io.Reader x)
      throws java.sql.SQLException {
    delegate().setCharacterStream(parameterName, x);
  }

  @Override
  public void setClob(String parameterName, java.io.Reader x, long length)
      throws java.sql.SQLException {
    delegate().setClob(parameterName, x, length);
  }

  @Override
  public void setClob(String parameterName, java.io.Reader x) throws java.sql.SQLException {
    delegate().setClob(parameterName, x);
  }

  @Override
  public void setClob(String parameterName, java.sql.Clob x) throws java.sql.SQLException {
    delegate().setClob(parameterName, x);
  }

  @Override
  public void setDate(String parameterName, java.sql.Date x, java.util.Calendar calendar)
      throws java.sql.SQLException {
    delegate().setDate(parameterName, x, calendar);
  }

  @Override
  public void setDate(String parameterName, java.sql.Date x) throws java.sql.SQLException {
    delegate().setDate(parameterName, x);
  }

  @Override
  public void setDouble(String parameterName, double x) throws java.sql.SQLException {
    delegate().setDouble(parameterName, x);
  }

  @Override
  public void setFloat(String parameterName, float x) throws java.sql.SQLException {
    delegate().setFloat(parameterName, x);
  }

  @Override
  public void setInt(String parameterName, int x) throws java.sql.SQLException {
    delegate().setInt(parameterName, x);
  }

  @Override
  public void setLong(String parameterName, long x) throws java.sql.SQLException {
    delegate().setLong(parameterName, x);
  }

  @Override
  public void setNCharacterStream(String parameterName, java.io.Reader x, long length)
      throws java.sql.SQLException {
    delegate().setNCharacterStream(parameterName, x, length);
  }

  @Override
  public void setNCharacterStream(String parameterName, java.io.Reader x)
      throws java.sql.SQLException {
    delegate().setNCharacterStream(parameterName, x);
  }

  @Override
  public void setNClob(String parameterName, java.io.Reader x, long length)
      throws java.sql.SQLException {
    delegate().setNClob(parameterName, x, length);
  }

  @Override
  public void setNClob(String parameterName, java.io.Reader x) throws java.sql.SQLException {
    delegate().setNClob(parameterName, x);
  }

  @Override
  public void setNClob(String parameterName, java.sql.NClob x) throws java.sql.SQLException {
    delegate().setNClob(parameterName, x);
  }

  @Override
  public void setNString(String parameterName, String x) throws java.sql.SQLException {
    delegate().setNString(parameterName, x);
  }

  @Override
  public void setNull(String parameterName, int x, String s) throws java.sql.SQLException {
    delegate().setNull(parameterName, x, s);
  }

  @Override
  public void setNull(String parameterName, int x) throws java.sql.SQLException {
    delegate().setNull(parameterName, x);
  }

  @Override
  public void setObject(String parameterName, Object x, int n1, int n2)
      throws java.sql.SQLException {
    delegate().setObject(parameterName, x, n1, n2);
  }

  @Override
  public void setObject(String parameterName, Object x, int n) throws java.sql.SQLException {
    delegate().setObject(parameterName, x, n);
  }

  @Override
  public void setObject(String parameterName, Object x, java.sql.SQLType targetSqlType, int n)
      throws java.sql.SQLException {
    delegate().setObject(parameterName, x, targetSqlType, n);
  }

  @Override
  public void setObject(String parameterName, Object x, java.sql.SQLType targetSqlType)
      throws java.sql.SQLException {
    delegate().setObject(parameterName, x, targetSqlType);
  }

  @Override
  public void setObject(String parameterName, Object x) throws java.sql.SQLException {
    delegate().setObject(parameterName, x);
  }

  @Override
  public void setRowId(String parameterName, java.sql.RowId x) throws java.sql.SQLException {
    delegate().setRowId(parameterName, x);
  }

  @Override
  public void setSQLXML(String parameterName, java.sql.SQLXML x) throws java.sql.SQLException {
    delegate().setSQLXML(parameterName, x);
  }

  @Override
  public void setShort(String parameterName, short x) throws java.sql.SQLException {
    delegate().setShort(parameterName, x);
  }

  @Override
  public void setString(String parameterName, String x) throws java.sql.SQLException {
    delegate().setString(parameterName, x);
  }

  @Override
  public void setTime(String parameterName, java.sql.Time x, java.util.Calendar calendar)
      throws java.sql.SQLException {
    delegate().setTime(parameterName, x, calendar);
  }

  @Override
  public void setTime(String parameterName, java.sql.Time x) throws java.sql.SQLException {
    delegate().setTime(parameterName, x);
  }

  @Override
  public void setTimestamp(String parameterName, java.sql.Timestamp x, java.util.Calendar calendar)
      throws java.sql.SQLException {
    delegate().setTimestamp(parameterName, x, calendar);
  }

  @Override
  public void setTimestamp(String parameterName, java.sql.Timestamp x)
      throws java.sql.SQLException {
    delegate().setTimestamp(parameterName, x);
  }

  @Override
  public void setURL(String parameterName, java.net.URL x) throws java.sql.SQLException {
    delegate().setURL(parameterName, x);
  }

  @Override
  public boolean wasNull() throws java.sql.SQLException {
    return delegate().wasNull();
  }
}
