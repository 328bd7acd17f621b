package dev.veil.jdbc;

import dev.veil.crypto.ValueConversions;
import dev.veil.policy.ColumnPolicy;
import dev.veil.sql.ResultShape;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;

/**
 * Reports a protected column as its declared plaintext type, not as the binary or text column that
 * holds the ciphertext, so that frameworks reading the metadata pick the right getter.
 */
public final class VeilResultSetMetaData extends ForwardingResultSetMetaData {
  private final ResultSetMetaData delegate;
  private final ResultShape.Resolution resolution;

  VeilResultSetMetaData(ResultSetMetaData delegate, ResultShape.Resolution resolution) {
    this.delegate = delegate;
    this.resolution = resolution;
  }

  @Override
  protected ResultSetMetaData delegate() {
    return delegate;
  }

  private ColumnPolicy column(int column) {
    ColumnPolicy[] columns = resolution.columns();
    return column > 0 && column < columns.length ? columns[column] : null;
  }

  @Override
  public int getColumnType(int column) throws SQLException {
    ColumnPolicy policy = column(column);
    return policy == null
        ? delegate.getColumnType(column)
        : ValueConversions.sqlType(policy.type());
  }

  @Override
  public String getColumnTypeName(int column) throws SQLException {
    ColumnPolicy policy = column(column);
    return policy == null
        ? delegate.getColumnTypeName(column)
        : ValueConversions.sqlTypeName(policy.type());
  }

  @Override
  public String getColumnClassName(int column) throws SQLException {
    ColumnPolicy policy = column(column);
    return policy == null
        ? delegate.getColumnClassName(column)
        : ValueConversions.defaultClassName(policy.type());
  }

  @Override
  public int getPrecision(int column) throws SQLException {
    return column(column) == null ? delegate.getPrecision(column) : 0;
  }

  @Override
  public int getScale(int column) throws SQLException {
    return column(column) == null ? delegate.getScale(column) : 0;
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return Unwrapping.unwrap(this, delegate, ResultSetMetaData.class, iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return Unwrapping.isWrapperFor(this, delegate, ResultSetMetaData.class, iface);
  }
}
