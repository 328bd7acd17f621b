package dev.veil.jdbc;

/**
 * Forwards every method of {@link java.sql.ResultSetMetaData}, default methods included, to {@link
 * #delegate()}. Veil's wrappers extend it and override only what they intercept; a reflection test
 * checks that nothing is left to an interface default.
 */
@SuppressWarnings("deprecation")
abstract class ForwardingResultSetMetaData implements java.sql.ResultSetMetaData {

  /** The object calls are forwarded to. */
  protected abstract java.sql.ResultSetMetaData delegate();

  @Override
  public String getCatalogName(int columnIndex) throws java.sql.SQLException {
    return delegate().getCatalogName(columnIndex);
  }

  @Override
  public String getColumnClassName(int columnIndex) throws java.sql.SQLException {
    return delegate().getColumnClassName(columnIndex);
  }

  @Override
  public int getColumnCount() throws java.sql.SQLException {
    return delegate().getColumnCount();
  }

  @Override
  public int getColumnDisplaySize(int columnIndex) throws java.sql.SQLException {
    return delegate().getColumnDisplaySize(columnIndex);
  }

  @Override
  public String getColumnLabel(int columnIndex) throws java.sql.SQLException {
    return delegate().getColumnLabel(columnIndex);
  }

  @Override
  public String getColumnName(int columnIndex) throws java.sql.SQLException {
    return delegate().getColumnName(columnIndex);
  }

  @Override
  public int getColumnType(int columnIndex) throws java.sql.SQLException {
    return delegate().getColumnType(columnIndex);
  }

  @Override
  public String getColumnTypeName(int columnIndex) throws java.sql.SQLException {
    return delegate().getColumnTypeName(columnIndex);
  }

  @Override
  public int getPrecision(int columnIndex) throws java.sql.SQLException {
    return delegate().getPrecision(columnIndex);
  }

  @Override
  public int getScale(int columnIndex) throws java.sql.SQLException {
    return delegate().getScale(columnIndex);
  }

  @Override
  public String getSchemaName(int columnIndex) throws java.sql.SQLException {
    return delegate().getSchemaName(columnIndex);
  }

  @Override
  public String getTableName(int columnIndex) throws java.sql.SQLException {
    return delegate().getTableName(columnIndex);
  }

  @Override
  public boolean isAutoIncrement(int columnIndex) throws java.sql.SQLException {
    return delegate().isAutoIncrement(columnIndex);
  }

  @Override
  public boolean isCaseSensitive(int columnIndex) throws java.sql.SQLException {
    return delegate().isCaseSensitive(columnIndex);
  }

  @Override
  public boolean isCurrency(int columnIndex) throws java.sql.SQLException {
    return delegate().isCurrency(columnIndex);
  }

  @Override
  public boolean isDefinitelyWritable(int columnIndex) throws java.sql.SQLException {
    return delegate().isDefinitelyWritable(columnIndex);
  }

  @Override
  public int isNullable(int columnIndex) throws java.sql.SQLException {
    return delegate().isNullable(columnIndex);
  }

  @Override
  public boolean isReadOnly(int columnIndex) throws java.sql.SQLException {
    return delegate().isReadOnly(columnIndex);
  }

  @Override
  public boolean isSearchable(int columnIndex) throws java.sql.SQLException {
    return delegate().isSearchable(columnIndex);
  }

  @Override
  public boolean isSigned(int columnIndex) throws java.sql.SQLException {
    return delegate().isSigned(columnIndex);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) throws java.sql.SQLException {
    return delegate().isWrapperFor(type);
  }

  @Override
  public boolean isWritable(int columnIndex) throws java.sql.SQLException {
    return delegate().isWritable(columnIndex);
  }

  @Override
  public <T> T unwrap(Class<T> type) throws java.sql.SQLException {
    return delegate().unwrap(type);
  }
}
