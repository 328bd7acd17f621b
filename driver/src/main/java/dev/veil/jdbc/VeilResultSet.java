package dev.veil.jdbc;

import dev.veil.errors.VeilErrors;
import dev.veil.errors.VeilSqlState;
import dev.veil.policy.ColumnPolicy;
import dev.veil.sql.ResultShape;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A result set that decrypts protected columns in every getter, by index and by label, and converts
 * the plaintext to what the getter promises. Unprotected columns are read straight from the
 * delegate.
 */
public final class VeilResultSet extends ForwardingResultSet {
  private final Statement statement;
  private final ResultSet delegate;
  private final ProtectionContext context;
  private final ResultShape shape;
  private final boolean decrypts;

  /**
   * Whether the last getter read a stored value as NULL: destroyed ({@code
   * veil.onUndecryptable=null}), redacted, or under a key not held ({@code
   * veil.onMissingKey=null}).
   */
  private boolean shreddedRead;

  private ResultShape.Resolution resolution;

  private VeilResultSet(
      Statement statement, ResultSet delegate, ResultShape shape, ProtectionContext context) {
    this.statement = statement;
    this.delegate = delegate;
    this.shape = shape;
    this.decrypts = shape.decrypts();
    this.context = context;
  }

  /**
   * Wraps a delegate result set, or returns {@code null} for {@code null}.
   *
   * @param statement what {@link #getStatement()} returns; {@code null} for metadata results
   */
  static ResultSet wrap(
      Statement statement, ResultSet delegate, ResultShape shape, ProtectionContext context)
      throws SQLException {
    if (delegate == null) {
      return null;
    }
    if (shape.decrypts() && delegate.getConcurrency() == ResultSet.CONCUR_UPDATABLE) {
      delegate.close();
      throw VeilErrors.of(
          VeilSqlState.REFUSED_OPERATION,
          "updatable result sets over protected columns are not supported: updates through them"
              + " would bypass encryption. Use an UPDATE statement");
    }
    return new VeilResultSet(statement, delegate, shape, context);
  }

  @Override
  protected ResultSet delegate() {
    return delegate;
  }

  private ResultShape.Resolution resolution() throws SQLException {
    if (resolution == null) {
      resolution = ResultColumns.resolve(shape, delegate.getMetaData(), context);
    }
    return resolution;
  }

  /** The protected column at a position, or {@code null}. Every getter asks, first. */
  private ColumnPolicy column(int columnIndex) throws SQLException {
    shreddedRead = false;
    if (!decrypts) {
      return null;
    }
    ResultShape.Resolution r = resolution();
    if (columnIndex < 1 || columnIndex >= r.columns().length) {
      return null;
    }
    if (r.ambiguous()[columnIndex]) {
      throw VeilErrors.of(
          VeilSqlState.REFUSED_AMBIGUOUS,
          "result column "
              + columnIndex
              + " may come from more than one protected column; select it by name with an alias");
    }
    return r.columns()[columnIndex];
  }

  private <T> T read(int columnIndex, ColumnPolicy column, Class<T> type) throws SQLException {
    Object stored = delegate.getObject(columnIndex);
    if (stored == null) {
      return null;
    }
    T value = context.disclose(column, stored).as(column, type);
    if (value == null) {
      shreddedRead = true;
    }
    return value;
  }

  private static Number orZero(Number value) {
    return value == null ? 0 : value;
  }

  private static SQLException unsupported(ColumnPolicy column, String getter) {
    return VeilErrors.of(
        VeilSqlState.REFUSED_OPERATION,
        getter
            + " is not supported on protected column "
            + column.displayName()
            + "; use getString, getBytes or getObject");
  }

  @Override
  public boolean wasNull() throws SQLException {
    return shreddedRead || delegate.wasNull();
  }

  @Override
  public ResultSetMetaData getMetaData() throws SQLException {
    ResultSetMetaData metaData = delegate.getMetaData();
    return decrypts ? new VeilResultSetMetaData(metaData, resolution(), context) : metaData;
  }

  @Override
  public Statement getStatement() {
    return statement;
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return Unwrapping.unwrap(this, delegate, ResultSet.class, iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return Unwrapping.isWrapperFor(this, delegate, ResultSet.class, iface);
  }

  @Override
  public String toString() {
    return "VeilResultSet[" + delegate + "]";
  }

  @Override
  public java.sql.Array getArray(String columnLabel) throws java.sql.SQLException {
    return getArray(findColumn(columnLabel));
  }

  @Override
  public java.sql.Array getArray(int columnIndex) throws java.sql.SQLException {
    ColumnPolicy column = column(columnIndex);
    if (column == null) {
      return delegate.getArray(columnIndex);
    }
    throw unsupported(column, "getArray");
  }

  @Override
  public java.io.InputStream getAsciiStream(String columnLabel) throws java.sql.SQLException {
    return getAsciiStream(findColumn(columnLabel));
  }

  @Override
  public java.io.InputStream getAsciiStream(int columnIndex) throws java.sql.SQLException {
    ColumnPolicy column = column(columnIndex);
    if (column == null) {
      return delegate.getAsciiStream(columnIndex);
    }
    throw unsupported(column, "getAsciiStream");
  }

  @Deprecated
  @Override
  public java.math.BigDecimal getBigDecimal(String columnLabel, int scale)
      throws java.sql.SQLException {
    return getBigDecimal(findColumn(columnLabel), scale);
  }

  @Override
  public java.math.BigDecimal getBigDecimal(String columnLabel) throws java.sql.SQLException {
    return getBigDecimal(findColumn(columnLabel));
  }

  @Deprecated
  @Override
  public java.math.BigDecimal getBigDecimal(int columnIndex, int scale)
      throws java.sql.SQLException {
    ColumnPolicy column = column(columnIndex);
    if (column == null) {
      return delegate.getBigDecimal(columnIndex, scale);
    }
    return Reads.scaled(read(columnIndex, column, java.math.BigDecimal.class), scale);
  }

  @Override
  public java.math.BigDecimal getBigDecimal(int columnIndex) throws java.sql.SQLException {
    ColumnPolicy column = column(columnIndex);
    if (column == null) {
      return delegate.getBigDecimal(columnIndex);
    }
    return read(columnIndex, column, java.math.BigDecimal.class);
  }

  @Override
  public java.io.InputStream getBinaryStream(String columnLabel) throws java.sql.SQLException {
    return getBinaryStream(findColumn(columnLabel));
  }

  @Override
  public java.io.InputStream getBinaryStream(int columnIndex) throws java.sql.SQLException {
    ColumnPolicy column = column(columnIndex);
    if (column == null) {
      return delegate.getBinaryStream(columnIndex);
    }
    return Reads.bytes(read(columnIndex, column, byte[].class));
  }

  @Override
  public java.sql.Blob getBlob(String columnLabel) throws java.sql.SQLException {
    return getBlob(findColumn(columnLabel));
  }

  @Override
  public java.sql.Blob getBlob(int columnIndex) throws java.sql.SQLException {
    ColumnPolicy column = column(columnIndex);
    if (column == null) {
      return delegate.getBlob(columnIndex);
    }
    throw unsupported(column, "getBlob");
  }

  @Override
  public boolean getBoolean(String columnLabel) throws java.sql.SQLException {
    return getBoolean(findColumn(columnLabel));
  }

  @Override
  public boolean getBoolean(int columnIndex) throws java.sql.SQLException {
    ColumnPolicy column = column(columnIndex);
    if (column == null) {
      return delegate.getBoolean(columnIndex);
    }
    return Boolean.TRUE.equals(read(columnIndex, column, Boolean.class));
  }

  @Override
  public byte getByte(String columnLabel) throws java.sql.SQLException {
    return getByte(findColumn(columnLabel));
  }

  @Override
  public byte getByte(int columnIndex) throws java.sql.SQLException {
    ColumnPolicy column = column(columnIndex);
    if (column == null) {
      return delegate.getByte(columnIndex);
    }
    return orZero(read(columnIndex, column, Byte.class)).byteValue();
  }

  @Override
  public byte[] getBytes(String columnLabel) throws java.sql.SQLException {
    return getBytes(findColumn(columnLabel));
  }

  @Override
  public byte[] getBytes(int columnIndex) throws java.sql.SQLException {
    ColumnPolicy column = column(columnIndex);
    if (column == null) {
      return delegate.getBytes(columnIndex);
    }
    return read(columnIndex, column, byte[].class);
  }

  @Override
  public java.io.Reader getCharacterStream(String columnLabel) throws java.sql.SQLException {
    return getCharacterStream(findColumn(columnLabel));
  }

  @Override
  public java.io.Reader getCharacterStream(int columnIndex) throws java.sql.SQLException {
    ColumnPolicy column = column(columnIndex);
    if (column == null) {
      return delegate.getCharacterStream(columnIndex);
    }
    return Reads.chars(read(columnIndex, column, String.class));
  }

  @Override
  public java.sql.Clob getClob(String columnLabel) throws java.sql.SQLException {
    return getClob(findColumn(columnLabel));
  }

  @Override
  public java.sql.Clob getClob(int columnIndex) throws java.sql.SQLException {
    ColumnPolicy column = column(columnIndex);
    if (column == null) {
      return delegate.getClob(columnIndex);
    }
    throw unsupported(column, "getClob");
  }

  @Override
  public java.sql.Date getDate(String columnLabel, java.util.Calendar calendar)
      throws java.sql.SQLException {
    return getDate(findColumn(columnLabel), calendar);
  }

  @Override
  public java.sql.Date getDate(String columnLabel) throws java.sql.SQLException {
    return getDate(findColumn(columnLabel));
  }

  @Override
  public java.sql.Date getDate(int columnIndex, java.util.Calendar calendar)
      throws java.sql.SQLException {
    ColumnPolicy column = column(columnIndex);
    if (column == null) {
      return delegate.getDate(columnIndex, calendar);
    }
    return Reads.date(read(columnIndex, column, java.time.LocalDate.class), calendar);
  }

  @Override
  public java.sql.Date getDate(int columnIndex) throws java.sql.SQLException {
    ColumnPolicy column = column(columnIndex);
    if (column == null) {
      return delegate.getDate(columnIndex);
    }
    return read(columnIndex, column, java.sql.Date.class);
  }

  @Override
  public double getDouble(String columnLabel) throws java.sql.SQLException {
    return getDouble(findColumn(columnLabel));
  }

  @Override
  public double getDouble(int columnIndex) throws java.sql.SQLException {
    ColumnPolicy column = column(columnIndex);
    if (column == null) {
      return delegate.getDouble(columnIndex);
    }
    return orZero(read(columnIndex, column, Double.class)).doubleValue();
  }

  @Override
  public float getFloat(String columnLabel) throws java.sql.SQLException {
    return getFloat(findColumn(columnLabel));
  }

  @Override
  public float getFloat(int columnIndex) throws java.sql.SQLException {
    ColumnPolicy column = column(columnIndex);
    if (column == null) {
      return delegate.getFloat(columnIndex);
    }
    return orZero(read(columnIndex, column, Float.class)).floatValue();
  }

  @Override
  public int getInt(String columnLabel) throws java.sql.SQLException {
    return getInt(findColumn(columnLabel));
  }

  @Override
  public int getInt(int columnIndex) throws java.sql.SQLException {
    ColumnPolicy column = column(columnIndex);
    if (column == null) {
      return delegate.getInt(columnIndex);
    }
    return orZero(read(columnIndex, column, Integer.class)).intValue();
  }

  @Override
  public long getLong(String columnLabel) throws java.sql.SQLException {
    return getLong(findColumn(columnLabel));
  }

  @Override
  public long getLong(int columnIndex) throws java.sql.SQLException {
    ColumnPolicy column = column(columnIndex);
    if (column == null) {
      return delegate.getLong(columnIndex);
    }
    return orZero(read(columnIndex, column, Long.class)).longValue();
  }

  @Override
  public java.io.Reader getNCharacterStream(String columnLabel) throws java.sql.SQLException {
    return getNCharacterStream(findColumn(columnLabel));
  }

  @Override
  public java.io.Reader getNCharacterStream(int columnIndex) throws java.sql.SQLException {
    ColumnPolicy column = column(columnIndex);
    if (column == null) {
      return delegate.getNCharacterStream(columnIndex);
    }
    return Reads.chars(read(columnIndex, column, String.class));
  }

  @Override
  public java.sql.NClob getNClob(String columnLabel) throws java.sql.SQLException {
    return getNClob(findColumn(columnLabel));
  }

  @Override
  public java.sql.NClob getNClob(int columnIndex) throws java.sql.SQLException {
    ColumnPolicy column = column(columnIndex);
    if (column == null) {
      return delegate.getNClob(columnIndex);
    }
    throw unsupported(column, "getNClob");
  }

  @Override
  public String getNString(String columnLabel) throws java.sql.SQLException {
    return getNString(findColumn(columnLabel));
  }

  @Override
  public String getNString(int columnIndex) throws java.sql.SQLException {
    ColumnPolicy column = column(columnIndex);
    if (column == null) {
      return delegate.getNString(columnIndex);
    }
    return read(columnIndex, column, String.class);
  }

  @Override
  public <T> T getObject(String columnLabel, Class<T> type) throws java.sql.SQLException {
    return getObject(findColumn(columnLabel), type);
  }

  @Override
  public Object getObject(String columnLabel, java.util.Map<String, Class<?>> map)
      throws java.sql.SQLException {
    return getObject(findColumn(columnLabel), map);
  }

  @Override
  public Object getObject(String columnLabel) throws java.sql.SQLException {
    return getObject(findColumn(columnLabel));
  }

  @Override
  public <T> T getObject(int columnIndex, Class<T> type) throws java.sql.SQLException {
    ColumnPolicy column = column(columnIndex);
    if (column == null) {
      return delegate.getObject(columnIndex, type);
    }
    return read(columnIndex, column, type);
  }

  @Override
  public Object getObject(int columnIndex, java.util.Map<String, Class<?>> map)
      throws java.sql.SQLException {
    ColumnPolicy column = column(columnIndex);
    if (column == null) {
      return delegate.getObject(columnIndex, map);
    }
    return read(columnIndex, column, Object.class);
  }

  @Override
  public Object getObject(int columnIndex) throws java.sql.SQLException {
    ColumnPolicy column = column(columnIndex);
    if (column == null) {
      return delegate.getObject(columnIndex);
    }
    return read(columnIndex, column, Object.class);
  }

  @Override
  public java.sql.Ref getRef(String columnLabel) throws java.sql.SQLException {
    return getRef(findColumn(columnLabel));
  }

  @Override
  public java.sql.Ref getRef(int columnIndex) throws java.sql.SQLException {
    ColumnPolicy column = column(columnIndex);
    if (column == null) {
      return delegate.getRef(columnIndex);
    }
    throw unsupported(column, "getRef");
  }

  @Override
  public java.sql.RowId getRowId(String columnLabel) throws java.sql.SQLException {
    return getRowId(findColumn(columnLabel));
  }

  @Override
  public java.sql.RowId getRowId(int columnIndex) throws java.sql.SQLException {
    ColumnPolicy column = column(columnIndex);
    if (column == null) {
      return delegate.getRowId(columnIndex);
    }
    throw unsupported(column, "getRowId");
  }

  @Override
  public java.sql.SQLXML getSQLXML(String columnLabel) throws java.sql.SQLException {
    return getSQLXML(findColumn(columnLabel));
  }

  @Override
  public java.sql.SQLXML getSQLXML(int columnIndex) throws java.sql.SQLException {
    ColumnPolicy column = column(columnIndex);
    if (column == null) {
      return delegate.getSQLXML(columnIndex);
    }
    throw unsupported(column, "getSQLXML");
  }

  @Override
  public short getShort(String columnLabel) throws java.sql.SQLException {
    return getShort(findColumn(columnLabel));
  }

  @Override
  public short getShort(int columnIndex) throws java.sql.SQLException {
    ColumnPolicy column = column(columnIndex);
    if (column == null) {
      return delegate.getShort(columnIndex);
    }
    return orZero(read(columnIndex, column, Short.class)).shortValue();
  }

  @Override
  public String getString(String columnLabel) throws java.sql.SQLException {
    return getString(findColumn(columnLabel));
  }

  @Override
  public String getString(int columnIndex) throws java.sql.SQLException {
    ColumnPolicy column = column(columnIndex);
    if (column == null) {
      return delegate.getString(columnIndex);
    }
    return read(columnIndex, column, String.class);
  }

  @Override
  public java.sql.Time getTime(String columnLabel, java.util.Calendar calendar)
      throws java.sql.SQLException {
    return getTime(findColumn(columnLabel), calendar);
  }

  @Override
  public java.sql.Time getTime(String columnLabel) throws java.sql.SQLException {
    return getTime(findColumn(columnLabel));
  }

  @Override
  public java.sql.Time getTime(int columnIndex, java.util.Calendar calendar)
      throws java.sql.SQLException {
    ColumnPolicy column = column(columnIndex);
    if (column == null) {
      return delegate.getTime(columnIndex, calendar);
    }
    return Reads.time(read(columnIndex, column, java.time.LocalTime.class), calendar);
  }

  @Override
  public java.sql.Time getTime(int columnIndex) throws java.sql.SQLException {
    ColumnPolicy column = column(columnIndex);
    if (column == null) {
      return delegate.getTime(columnIndex);
    }
    return read(columnIndex, column, java.sql.Time.class);
  }

  @Override
  public java.sql.Timestamp getTimestamp(String columnLabel, java.util.Calendar calendar)
      throws java.sql.SQLException {
    return getTimestamp(findColumn(columnLabel), calendar);
  }

  @Override
  public java.sql.Timestamp getTimestamp(String columnLabel) throws java.sql.SQLException {
    return getTimestamp(findColumn(columnLabel));
  }

  @Override
  public java.sql.Timestamp getTimestamp(int columnIndex, java.util.Calendar calendar)
      throws java.sql.SQLException {
    ColumnPolicy column = column(columnIndex);
    if (column == null) {
      return delegate.getTimestamp(columnIndex, calendar);
    }
    return Reads.timestamp(read(columnIndex, column, java.time.LocalDateTime.class), calendar);
  }

  @Override
  public java.sql.Timestamp getTimestamp(int columnIndex) throws java.sql.SQLException {
    ColumnPolicy column = column(columnIndex);
    if (column == null) {
      return delegate.getTimestamp(columnIndex);
    }
    return read(columnIndex, column, java.sql.Timestamp.class);
  }

  @Override
  public java.net.URL getURL(String columnLabel) throws java.sql.SQLException {
    return getURL(findColumn(columnLabel));
  }

  @Override
  public java.net.URL getURL(int columnIndex) throws java.sql.SQLException {
    ColumnPolicy column = column(columnIndex);
    if (column == null) {
      return delegate.getURL(columnIndex);
    }
    throw unsupported(column, "getURL");
  }

  @Deprecated
  @Override
  public java.io.InputStream getUnicodeStream(String columnLabel) throws java.sql.SQLException {
    return getUnicodeStream(findColumn(columnLabel));
  }

  @Deprecated
  @Override
  public java.io.InputStream getUnicodeStream(int columnIndex) throws java.sql.SQLException {
    ColumnPolicy column = column(columnIndex);
    if (column == null) {
      return delegate.getUnicodeStream(columnIndex);
    }
    throw unsupported(column, "getUnicodeStream");
  }
}
