package dev.veil.jdbc;

/**
 * Forwards every method of {@link java.sql.ResultSet}, default methods included, to {@link
 * #delegate()}. Veil's wrappers extend it and override only what they intercept; a reflection test
 * checks that nothing is left to an interface default.
 */
@SuppressWarnings("deprecation")
abstract class ForwardingResultSet implements java.sql.ResultSet {

  /** The object calls are forwarded to. */
  protected abstract java.sql.ResultSet delegate();

  @Override
  public boolean absolute(int n) throws java.sql.SQLException {
    return delegate().absolute(n);
  }

  @Override
  public void afterLast() throws java.sql.SQLException {
    delegate().afterLast();
  }

  @Override
  public void beforeFirst() throws java.sql.SQLException {
    delegate().beforeFirst();
  }

  @Override
  public void cancelRowUpdates() throws java.sql.SQLException {
    delegate().cancelRowUpdates();
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
  public void deleteRow() throws java.sql.SQLException {
    delegate().deleteRow();
  }

  @Override
  public int findColumn(String s) throws java.sql.SQLException {
    return delegate().findColumn(s);
  }

  @Override
  public boolean first() throws java.sql.SQLException {
    return delegate().first();
  }

  @Override
  public java.sql.Array getArray(String columnLabel) throws java.sql.SQLException {
    return delegate().getArray(columnLabel);
  }

  @Override
  public java.sql.Array getArray(int columnIndex) throws java.sql.SQLException {
    return delegate().getArray(columnIndex);
  }

  @Override
  public java.io.InputStream getAsciiStream(String columnLabel) throws java.sql.SQLException {
    return delegate().getAsciiStream(columnLabel);
  }

  @Override
  public java.io.InputStream getAsciiStream(int columnIndex) throws java.sql.SQLException {
    return delegate().getAsciiStream(columnIndex);
  }

  @Deprecated
  @Override
  public java.math.BigDecimal getBigDecimal(String columnLabel, int n)
      throws java.sql.SQLException {
    return delegate().getBigDecimal(columnLabel, n);
  }

  @Override
  public java.math.BigDecimal getBigDecimal(String columnLabel) throws java.sql.SQLException {
    return delegate().getBigDecimal(columnLabel);
  }

  @Deprecated
  @Override
  public java.math.BigDecimal getBigDecimal(int columnIndex, int n) throws java.sql.SQLException {
    return delegate().getBigDecimal(columnIndex, n);
  }

  @Override
  public java.math.BigDecimal getBigDecimal(int columnIndex) throws java.sql.SQLException {
    return delegate().getBigDecimal(columnIndex);
  }

  @Override
  public java.io.InputStream getBinaryStream(String columnLabel) throws java.sql.SQLException {
    return delegate().getBinaryStream(columnLabel);
  }

  @Override
  public java.io.InputStream getBinaryStream(int columnIndex) throws java.sql.SQLException {
    return delegate().getBinaryStream(columnIndex);
  }

  @Override
  public java.sql.Blob getBlob(String columnLabel) throws java.sql.SQLException {
    return delegate().getBlob(columnLabel);
  }

  @Override
  public java.sql.Blob getBlob(int columnIndex) throws java.sql.SQLException {
    return delegate().getBlob(columnIndex);
  }

  @Override
  public boolean getBoolean(String columnLabel) throws java.sql.SQLException {
    return delegate().getBoolean(columnLabel);
  }

  @Override
  public boolean getBoolean(int columnIndex) throws java.sql.SQLException {
    return delegate().getBoolean(columnIndex);
  }

  @Override
  public byte getByte(String columnLabel) throws java.sql.SQLException {
    return delegate().getByte(columnLabel);
  }

  @Override
  public byte getByte(int columnIndex) throws java.sql.SQLException {
    return delegate().getByte(columnIndex);
  }

  @Override
  public byte[] getBytes(String columnLabel) throws java.sql.SQLException {
    return delegate().getBytes(columnLabel);
  }

  @Override
  public byte[] getBytes(int columnIndex) throws java.sql.SQLException {
    return delegate().getBytes(columnIndex);
  }

  @Override
  public java.io.Reader getCharacterStream(String columnLabel) throws java.sql.SQLException {
    return delegate().getCharacterStream(columnLabel);
  }

  @Override
  public java.io.Reader getCharacterStream(int columnIndex) throws java.sql.SQLException {
    return delegate().getCharacterStream(columnIndex);
  }

  @Override
  public java.sql.Clob getClob(String columnLabel) throws java.sql.SQLException {
    return delegate().getClob(columnLabel);
  }

  @Override
  public java.sql.Clob getClob(int columnIndex) throws java.sql.SQLException {
    return delegate().getClob(columnIndex);
  }

  @Override
  public int getConcurrency() throws java.sql.SQLException {
    return delegate().getConcurrency();
  }

  @Override
  public String getCursorName() throws java.sql.SQLException {
    return delegate().getCursorName();
  }

  @Override
  public java.sql.Date getDate(String columnLabel, java.util.Calendar calendar)
      throws java.sql.SQLException {
    return delegate().getDate(columnLabel, calendar);
  }

  @Override
  public java.sql.Date getDate(String columnLabel) throws java.sql.SQLException {
    return delegate().getDate(columnLabel);
  }

  @Override
  public java.sql.Date getDate(int columnIndex, java.util.Calendar calendar)
      throws java.sql.SQLException {
    return delegate().getDate(columnIndex, calendar);
  }

  @Override
  public java.sql.Date getDate(int columnIndex) throws java.sql.SQLException {
    return delegate().getDate(columnIndex);
  }

  @Override
  public double getDouble(String columnLabel) throws java.sql.SQLException {
    return delegate().getDouble(columnLabel);
  }

  @Override
  public double getDouble(int columnIndex) throws java.sql.SQLException {
    return delegate().getDouble(columnIndex);
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
  public float getFloat(String columnLabel) throws java.sql.SQLException {
    return delegate().getFloat(columnLabel);
  }

  @Override
  public float getFloat(int columnIndex) throws java.sql.SQLException {
    return delegate().getFloat(columnIndex);
  }

  @Override
  public int getHoldability() throws java.sql.SQLException {
    return delegate().getHoldability();
  }

  @Override
  public int getInt(String columnLabel) throws java.sql.SQLException {
    return delegate().getInt(columnLabel);
  }

  @Override
  public int getInt(int columnIndex) throws java.sql.SQLException {
    return delegate().getInt(columnIndex);
  }

  @Override
  public long getLong(String columnLabel) throws java.sql.SQLException {
    return delegate().getLong(columnLabel);
  }

  @Override
  public long getLong(int columnIndex) throws java.sql.SQLException {
    return delegate().getLong(columnIndex);
  }

  @Override
  public java.sql.ResultSetMetaData getMetaData() throws java.sql.SQLException {
    return delegate().getMetaData();
  }

  @Override
  public java.io.Reader getNCharacterStream(String columnLabel) throws java.sql.SQLException {
    return delegate().getNCharacterStream(columnLabel);
  }

  @Override
  public java.io.Reader getNCharacterStream(int columnIndex) throws java.sql.SQLException {
    return delegate().getNCharacterStream(columnIndex);
  }

  @Override
  public java.sql.NClob getNClob(String columnLabel) throws java.sql.SQLException {
    return delegate().getNClob(columnLabel);
  }

  @Override
  public java.sql.NClob getNClob(int columnIndex) throws java.sql.SQLException {
    return delegate().getNClob(columnIndex);
  }

  @Override
  public String getNString(String columnLabel) throws java.sql.SQLException {
    return delegate().getNString(columnLabel);
  }

  @Override
  public String getNString(int columnIndex) throws java.sql.SQLException {
    return delegate().getNString(columnIndex);
  }

  @Override
  public <T> T getObject(String columnLabel, Class<T> type) throws java.sql.SQLException {
    return delegate().getObject(columnLabel, type);
  }

  @Override
  public Object getObject(String columnLabel, java.util.Map<String, Class<?>> map)
      throws java.sql.SQLException {
    return delegate().getObject(columnLabel, map);
  }

  @Override
  public Object getObject(String columnLabel) throws java.sql.SQLException {
    return delegate().getObject(columnLabel);
  }

  @Override
  public <T> T getObject(int columnIndex, Class<T> type) throws java.sql.SQLException {
    return delegate().getObject(columnIndex, type);
  }

  @Override
  public Object getObject(int columnIndex, java.util.Map<String, Class<?>> map)
      throws java.sql.SQLException {
    return delegate().getObject(columnIndex, map);
  }

  @Override
  public Object getObject(int columnIndex) throws java.sql.SQLException {
    return delegate().getObject(columnIndex);
  }

  @Override
  public java.sql.Ref getRef(String columnLabel) throws java.sql.SQLException {
    return delegate().getRef(columnLabel);
  }

  @Override
  public java.sql.Ref getRef(int columnIndex) throws java.sql.SQLException {
    return delegate().getRef(columnIndex);
  }

  @Override
  public int getRow() throws java.sql.SQLException {
    return delegate().getRow();
  }

  @Override
  public java.sql.RowId getRowId(String columnLabel) throws java.sql.SQLException {
    return delegate().getRowId(columnLabel);
  }

  @Override
  public java.sql.RowId getRowId(int columnIndex) throws java.sql.SQLException {
    return delegate().getRowId(columnIndex);
  }

  @Override
  public java.sql.SQLXML getSQLXML(String columnLabel) throws java.sql.SQLException {
    return delegate().getSQLXML(columnLabel);
  }

  @Override
  public java.sql.SQLXML getSQLXML(int columnIndex) throws java.sql.SQLException {
    return delegate().getSQLXML(columnIndex);
  }

  @Override
  public short getShort(String columnLabel) throws java.sql.SQLException {
    return delegate().getShort(columnLabel);
  }

  @Override
  public short getShort(int columnIndex) throws java.sql.SQLException {
    return delegate().getShort(columnIndex);
  }

  @Override
  public java.sql.Statement getStatement() throws java.sql.SQLException {
    return delegate().getStatement();
  }

  @Override
  public String getString(String columnLabel) throws java.sql.SQLException {
    return delegate().getString(columnLabel);
  }

  @Override
  public String getString(int columnIndex) throws java.sql.SQLException {
    return delegate().getString(columnIndex);
  }

  @Override
  public java.sql.Time getTime(String columnLabel, java.util.Calendar calendar)
      throws java.sql.SQLException {
    return delegate().getTime(columnLabel, calendar);
  }

  @Override
  public java.sql.Time getTime(String columnLabel) throws java.sql.SQLException {
    return delegate().getTime(columnLabel);
  }

  @Override
  public java.sql.Time getTime(int columnIndex, java.util.Calendar calendar)
      throws java.sql.SQLException {
    return delegate().getTime(columnIndex, calendar);
  }

  @Override
  public java.sql.Time getTime(int columnIndex) throws java.sql.SQLException {
    return delegate().getTime(columnIndex);
  }

  @Override
  public java.sql.Timestamp getTimestamp(String columnLabel, java.util.Calendar calendar)
      throws java.sql.SQLException {
    return delegate().getTimestamp(columnLabel, calendar);
  }

  @Override
  public java.sql.Timestamp getTimestamp(String columnLabel) throws java.sql.SQLException {
    return delegate().getTimestamp(columnLabel);
  }

  @Override
  public java.sql.Timestamp getTimestamp(int columnIndex, java.util.Calendar calendar)
      throws java.sql.SQLException {
    return delegate().getTimestamp(columnIndex, calendar);
  }

  @Override
  public java.sql.Timestamp getTimestamp(int columnIndex) throws java.sql.SQLException {
    return delegate().getTimestamp(columnIndex);
  }

  @Override
  public int getType() throws java.sql.SQLException {
    return delegate().getType();
  }

  @Override
  public java.net.URL getURL(String columnLabel) throws java.sql.SQLException {
    return delegate().getURL(columnLabel);
  }

  @Override
  public java.net.URL getURL(int columnIndex) throws java.sql.SQLException {
    return delegate().getURL(columnIndex);
  }

  @Deprecated
  @Override
  public java.io.InputStream getUnicodeStream(String columnLabel) throws java.sql.SQLException {
    return delegate().getUnicodeStream(columnLabel);
  }

  @Deprecated
  @Override
  public java.io.InputStream getUnicodeStream(int columnIndex) throws java.sql.SQLException {
    return delegate().getUnicodeStream(columnIndex);
  }

  @Override
  public java.sql.SQLWarning getWarnings() throws java.sql.SQLException {
    return delegate().getWarnings();
  }

  @Override
  public void insertRow() throws java.sql.SQLException {
    delegate().insertRow();
  }

  @Override
  public boolean isAfterLast() throws java.sql.SQLException {
    return delegate().isAfterLast();
  }

  @Override
  public boolean isBeforeFirst() throws java.sql.SQLException {
    return delegate().isBeforeFirst();
  }

  @Override
  public boolean isClosed() throws java.sql.SQLException {
    return delegate().isClosed();
  }

  @Override
  public boolean isFirst() throws java.sql.SQLException {
    return delegate().isFirst();
  }

  @Override
  public boolean isLast() throws java.sql.SQLException {
    return delegate().isLast();
  }

  @Override
  public boolean isWrapperFor(Class<?> type) throws java.sql.SQLException {
    return delegate().isWrapperFor(type);
  }

  @Override
  public boolean last() throws java.sql.SQLException {
    return delegate().last();
  }

  @Override
  public void moveToCurrentRow() throws java.sql.SQLException {
    delegate().moveToCurrentRow();
  }

  @Override
  public void moveToInsertRow() throws java.sql.SQLException {
    delegate().moveToInsertRow();
  }

  @Override
  public boolean next() throws java.sql.SQLException {
    return delegate().next();
  }

  @Override
  public boolean previous() throws java.sql.SQLException {
    return delegate().previous();
  }

  @Override
  public void refreshRow() throws java.sql.SQLException {
    delegate().refreshRow();
  }

  @Override
  public boolean relative(int n) throws java.sql.SQLException {
    return delegate().relative(n);
  }

  @Override
  public boolean rowDeleted() throws java.sql.SQLException {
    return delegate().rowDeleted();
  }

  @Override
  public boolean rowInserted() throws java.sql.SQLException {
    return delegate().rowInserted();
  }

  @Override
  public boolean rowUpdated() throws java.sql.SQLException {
    return delegate().rowUpdated();
  }

  @Override
  public void setFetchDirection(int columnIndex) throws java.sql.SQLException {
    delegate().setFetchDirection(columnIndex);
  }

  @Override
  public void setFetchSize(int columnIndex) throws java.sql.SQLException {
    delegate().setFetchSize(columnIndex);
  }

  @Override
  public <T> T unwrap(Class<T> type) throws java.sql.SQLException {
    return delegate().unwrap(type);
  }

  @Override
  public void updateArray(String columnLabel, java.sql.Array x) throws java.sql.SQLException {
    delegate().updateArray(columnLabel, x);
  }

  @Override
  public void updateArray(int columnIndex, java.sql.Array x) throws java.sql.SQLException {
    delegate().updateArray(columnIndex, x);
  }

  @Override
  public void updateAsciiStream(String columnLabel, java.io.InputStream x, int n)
      throws java.sql.SQLException {
    delegate().updateAsciiStream(columnLabel, x, n);
  }

  @Override
  public void updateAsciiStream(String columnLabel, java.io.InputStream x, long length)
      throws java.sql.SQLException {
    delegate().updateAsciiStream(columnLabel, x, length);
  }

  @Override
  public void updateAsciiStream(String columnLabel, java.io.InputStream x)
      throws java.sql.SQLException {
    delegate().updateAsciiStream(columnLabel, x);
  }

  @Override
  public void updateAsciiStream(int columnIndex, java.io.InputStream x, int n)
      throws java.sql.SQLException {
    delegate().updateAsciiStream(columnIndex, x, n);
  }

  @Override
  public void updateAsciiStream(int columnIndex, java.io.InputStream x, long length)
      throws java.sql.SQLException {
    delegate().updateAsciiStream(columnIndex, x, length);
  }

  @Override
  public void updateAsciiStream(int columnIndex, java.io.InputStream x)
      throws java.sql.SQLException {
    delegate().updateAsciiStream(columnIndex, x);
  }

  @Override
  public void updateBigDecimal(String columnLabel, java.math.BigDecimal x)
      throws java.sql.SQLException {
    delegate().updateBigDecimal(columnLabel, x);
  }

  @Override
  public void updateBigDecimal(int columnIndex, java.math.BigDecimal x)
      throws java.sql.SQLException {
    delegate().updateBigDecimal(columnIndex, x);
  }

  @Override
  public void updateBinaryStream(String columnLabel, java.io.InputStream x, int n)
      throws java.sql.SQLException {
    delegate().updateBinaryStream(columnLabel, x, n);
  }

  @Override
  public void updateBinaryStream(String columnLabel, java.io.InputStream x, long length)
      throws java.sql.SQLException {
    delegate().updateBinaryStream(columnLabel, x, length);
  }

  @Override
  public void updateBinaryStream(String columnLabel, java.io.InputStream x)
      throws java.sql.SQLException {
    delegate().updateBinaryStream(columnLabel, x);
  }

  @Override
  public void updateBinaryStream(int columnIndex, java.io.InputStream x, int n)
      throws java.sql.SQLException {
    delegate().updateBinaryStream(columnIndex, x, n);
  }

  @Override
  public void updateBinaryStream(int columnIndex, java.io.InputStream x, long length)
      throws java.sql.SQLException {
    delegate().updateBinaryStream(columnIndex, x, length);
  }

  @Override
  public void updateBinaryStream(int columnIndex, java.io.InputStream x)
      throws java.sql.SQLException {
    delegate().updateBinaryStream(columnIndex, x);
  }

  @Override
  public void updateBlob(String columnLabel, java.io.InputStream x, long length)
      throws java.sql.SQLException {
    delegate().updateBlob(columnLabel, x, length);
  }

  @Override
  public void updateBlob(String columnLabel, java.io.InputStream x) throws java.sql.SQLException {
    delegate().updateBlob(columnLabel, x);
  }

  @Override
  public void updateBlob(String columnLabel, java.sql.Blob x) throws java.sql.SQLException {
    delegate().updateBlob(columnLabel, x);
  }

  @Override
  public void updateBlob(int columnIndex, java.io.InputStream x, long length)
      throws java.sql.SQLException {
    delegate().updateBlob(columnIndex, x, length);
  }

  @Override
  public void updateBlob(int columnIndex, java.io.InputStream x) throws java.sql.SQLException {
    delegate().updateBlob(columnIndex, x);
  }

  @Override
  public void updateBlob(int columnIndex, java.sql.Blob x) throws java.sql.SQLException {
    delegate().updateBlob(columnIndex, x);
  }

  @Override
  public void updateBoolean(String columnLabel, boolean x) throws java.sql.SQLException {
    delegate().updateBoolean(columnLabel, x);
  }

  @Override
  public void updateBoolean(int columnIndex, boolean x) throws java.sql.SQLException {
    delegate().updateBoolean(columnIndex, x);
  }

  @Override
  public void updateByte(String columnLabel, byte x) throws java.sql.SQLException {
    delegate().updateByte(columnLabel, x);
  }

  @Override
  public void updateByte(int columnIndex, byte x) throws java.sql.SQLException {
    delegate().updateByte(columnIndex, x);
  }

  @Override
  public void updateBytes(String columnLabel, byte[] x) throws java.sql.SQLException {
    delegate().updateBytes(columnLabel, x);
  }

  @Override
  public void updateBytes(int columnIndex, byte[] x) throws java.sql.SQLException {
    delegate().updateBytes(columnIndex, x);
  }

  @Override
  public void updateCharacterStream(String columnLabel, java.io.Reader x, int n)
      throws java.sql.SQLException {
    delegate().updateCharacterStream(columnLabel, x, n);
  }

  @Override
  public void updateCharacterStream(String columnLabel, java.io.Reader x, long length)
      throws java.sql.SQLException {
    delegate().updateCharacterStream(columnLabel, x, length);
  }

  @Override
  public void updateCharacterStream(String columnLabel, java.io.Reader x)
      throws java.sql.SQLException {
    delegate().updateCharacterStream(columnLabel, x);
  }

  @Override
  public void updateCharacterStream(int columnIndex, java.io.Reader x, int n)
      throws java.sql.SQLException {
    delegate().updateCharacterStream(columnIndex, x, n);
  }

  @Override
  public void updateCharacterStream(int columnIndex, java.io.Reader x, long length)
      throws java.sql.SQLException {
    delegate().updateCharacterStream(columnIndex, x, length);
  }

  @Override
  public void updateCharacterStream(int columnIndex, java.io.Reader x)
      throws java.sql.SQLException {
    delegate().updateCharacterStream(columnIndex, x);
  }

  @Override
  public void updateClob(String columnLabel, java.io.Reader x, long length)
      throws java.sql.SQLException {
    delegate().updateClob(columnLabel, x, length);
  }

  @Override
  public void updateClob(String columnLabel, java.io.Reader x) throws java.sql.SQLException {
    delegate().updateClob(columnLabel, x);
  }

  @Override
  public void updateClob(String columnLabel, java.sql.Clob x) throws java.sql.SQLException {
    delegate().updateClob(columnLabel, x);
  }

  @Override
  public void updateClob(int columnIndex, java.io.Reader x, long length)
      throws java.sql.SQLException {
    delegate().updateClob(columnIndex, x, length);
  }

  @Override
  public void updateClob(int columnIndex, java.io.Reader x) throws java.sql.SQLException {
    delegate().updateClob(columnIndex, x);
  }

  @Override
  public void updateClob(int columnIndex, java.sql.Clob x) throws java.sql.SQLException {
    delegate().updateClob(columnIndex, x);
  }

  @Override
  public void updateDate(String columnLabel, java.sql.Date x) throws java.sql.SQLException {
    delegate().updateDate(columnLabel, x);
  }

  @Override
  public void updateDate(int columnIndex, java.sql.Date x) throws java.sql.SQLException {
    delegate().updateDate(columnIndex, x);
  }

  @Override
  public void updateDouble(String columnLabel, double x) throws java.sql.SQLException {
    delegate().updateDouble(columnLabel, x);
  }

  @Override
  public void updateDouble(int columnIndex, double x) throws java.sql.SQLException {
    delegate().updateDouble(columnIndex, x);
  }

  @Override
  public void updateFloat(String columnLabel, float x) throws java.sql.SQLException {
    delegate().updateFloat(columnLabel, x);
  }

  @Override
  public void updateFloat(int columnIndex, float x) throws java.sql.SQLException {
    delegate().updateFloat(columnIndex, x);
  }

  @Override
  public void updateInt(String columnLabel, int x) throws java.sql.SQLException {
    delegate().updateInt(columnLabel, x);
  }

  @Override
  public void updateInt(int columnIndex, int x) throws java.sql.SQLException {
    delegate().updateInt(columnIndex, x);
  }

  @Override
  public void updateLong(String columnLabel, long x) throws java.sql.SQLException {
    delegate().updateLong(columnLabel, x);
  }

  @Override
  public void updateLong(int columnIndex, long x) throws java.sql.SQLException {
    delegate().updateLong(columnIndex, x);
  }

  @Override
  public void updateNCharacterStream(String columnLabel, java.io.Reader x, long length)
      throws java.sql.SQLException {
    delegate().updateNCharacterStream(columnLabel, x, length);
  }

  @Override
  public void updateNCharacterStream(String columnLabel, java.io.Reader x)
      throws java.sql.SQLException {
    delegate().updateNCharacterStream(columnLabel, x);
  }

  @Override
  public void updateNCharacterStream(int columnIndex, java.io.Reader x, long length)
      throws java.sql.SQLException {
    delegate().updateNCharacterStream(columnIndex, x, length);
  }

  @Override
  public void updateNCharacterStream(int columnIndex, java.io.Reader x)
      throws java.sql.SQLException {
    delegate().updateNCharacterStream(columnIndex, x);
  }

  @Override
  public void updateNClob(String columnLabel, java.io.Reader x, long length)
      throws java.sql.SQLException {
    delegate().updateNClob(columnLabel, x, length);
  }

  @Override
  public void updateNClob(String columnLabel, java.io.Reader x) throws java.sql.SQLException {
    delegate().updateNClob(columnLabel, x);
  }

  @Override
  public void updateNClob(String columnLabel, java.sql.NClob x) throws java.sql.SQLException {
    delegate().updateNClob(columnLabel, x);
  }

  @Override
  public void updateNClob(int columnIndex, java.io.Reader x, long length)
      throws java.sql.SQLException {
    delegate().updateNClob(columnIndex, x, length);
  }

  @Override
  public void updateNClob(int columnIndex, java.io.Reader x) throws java.sql.SQLException {
    delegate().updateNClob(columnIndex, x);
  }

  @Override
  public void updateNClob(int columnIndex, java.sql.NClob x) throws java.sql.SQLException {
    delegate().updateNClob(columnIndex, x);
  }

  @Override
  public void updateNString(String columnLabel, String x) throws java.sql.SQLException {
    delegate().updateNString(columnLabel, x);
  }

  @Override
  public void updateNString(int columnIndex, String x) throws java.sql.SQLException {
    delegate().updateNString(columnIndex, x);
  }

  @Override
  public void updateNull(String columnLabel) throws java.sql.SQLException {
    delegate().updateNull(columnLabel);
  }

  @Override
  public void updateNull(int columnIndex) throws java.sql.SQLException {
    delegate().updateNull(columnIndex);
  }

  @Override
  public void updateObject(String columnLabel, Object x, int n) throws java.sql.SQLException {
    delegate().updateObject(columnLabel, x, n);
  }

  @Override
  public void updateObject(String columnLabel, Object x, java.sql.SQLType targetSqlType, int n)
      throws java.sql.SQLException {
    delegate().updateObject(columnLabel, x, targetSqlType, n);
  }

  @Override
  public void updateObject(String columnLabel, Object x, java.sql.SQLType targetSqlType)
      throws java.sql.SQLException {
    delegate().updateObject(columnLabel, x, targetSqlType);
  }

  @Override
  public void updateObject(String columnLabel, Object x) throws java.sql.SQLException {
    delegate().updateObject(columnLabel, x);
  }

  @Override
  public void updateObject(int columnIndex, Object x, int n) throws java.sql.SQLException {
    delegate().updateObject(columnIndex, x, n);
  }

  @Override
  public void updateObject(int columnIndex, Object x, java.sql.SQLType targetSqlType, int n)
      throws java.sql.SQLException {
    delegate().updateObject(columnIndex, x, targetSqlType, n);
  }

  @Override
  public void updateObject(int columnIndex, Object x, java.sql.SQLType targetSqlType)
      throws java.sql.SQLException {
    delegate().updateObject(columnIndex, x, targetSqlType);
  }

  @Override
  public void updateObject(int columnIndex, Object x) throws java.sql.SQLException {
    delegate().updateObject(columnIndex, x);
  }

  @Override
  public void updateRef(String columnLabel, java.sql.Ref x) throws java.sql.SQLException {
    delegate().updateRef(columnLabel, x);
  }

  @Override
  public void updateRef(int columnIndex, java.sql.Ref x) throws java.sql.SQLException {
    delegate().updateRef(columnIndex, x);
  }

  @Override
  public void updateRow() throws java.sql.SQLException {
    delegate().updateRow();
  }

  @Override
  public void updateRowId(String columnLabel, java.sql.RowId x) throws java.sql.SQLException {
    delegate().updateRowId(columnLabel, x);
  }

  @Override
  public void updateRowId(int columnIndex, java.sql.RowId x) throws java.sql.SQLException {
    delegate().updateRowId(columnIndex, x);
  }

  @Override
  public void updateSQLXML(String columnLabel, java.sql.SQLXML x) throws java.sql.SQLException {
    delegate().updateSQLXML(columnLabel, x);
  }

  @Override
  public void updateSQLXML(int columnIndex, java.sql.SQLXML x) throws java.sql.SQLException {
    delegate().updateSQLXML(columnIndex, x);
  }

  @Override
  public void updateShort(String columnLabel, short x) throws java.sql.SQLException {
    delegate().updateShort(columnLabel, x);
  }

  @Override
  public void updateShort(int columnIndex, short x) throws java.sql.SQLException {
    delegate().updateShort(columnIndex, x);
  }

  @Override
  public void updateString(String columnLabel, String x) throws java.sql.SQLException {
    delegate().updateString(columnLabel, x);
  }

  @Override
  public void updateString(int columnIndex, String x) throws java.sql.SQLException {
    delegate().updateString(columnIndex, x);
  }

  @Override
  public void updateTime(String columnLabel, java.sql.Time x) throws java.sql.SQLException {
    delegate().updateTime(columnLabel, x);
  }

  @Override
  public void updateTime(int columnIndex, java.sql.Time x) throws java.sql.SQLException {
    delegate().updateTime(columnIndex, x);
  }

  @Override
  public void updateTimestamp(String columnLabel, java.sql.Timestamp x)
      throws java.sql.SQLException {
    delegate().updateTimestamp(columnLabel, x);
  }

  @Override
  public void updateTimestamp(int columnIndex, java.sql.Timestamp x) throws java.sql.SQLException {
    delegate().updateTimestamp(columnIndex, x);
  }

  @Override
  public boolean wasNull() throws java.sql.SQLException {
    return delegate().wasNull();
  }
}
