package dev.veil.jdbc;

import dev.veil.crypto.Disclosure;
import dev.veil.crypto.ValueConversions;
import dev.veil.policy.ColumnPolicy;
import dev.veil.sql.ResultShape;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;

/**
 * Reports a protected column as its reader gets it, not as the binary or text column that holds the
 * ciphertext, so that frameworks and tools reading the metadata pick the right getter: the declared
 * plaintext type for a reader in clear, text for a masked reader, and the stored column itself for
 * one that reads ciphertext ({@code veil.onMissingKey=ciphertext}).
 */
public final class VeilResultSetMetaData extends ForwardingResultSetMetaData {
  private final ResultSetMetaData delegate;
  private final ResultShape.Resolution resolution;
  private final ProtectionContext context;

  VeilResultSetMetaData(
      ResultSetMetaData delegate, ResultShape.Resolution resolution, ProtectionContext context) {
    this.delegate = delegate;
    this.resolution = resolution;
    this.context = context;
  }

  @Override
  protected ResultSetMetaData delegate() {
    return delegate;
  }

  /** The protected column at {@code column}, or {@code null} when it is described as stored. */
  private ColumnPolicy column(int column) throws SQLException {
    ColumnPolicy[] columns = resolution.columns();
    ColumnPolicy policy = column > 0 && column < columns.length ? columns[column] : null;
    return policy == null || context.view(policy) == Disclosure.View.CIPHERTEXT ? null : policy;
  }

  private boolean masked(ColumnPolicy policy) throws SQLException {
    return context.view(policy) == Disclosure.View.MASKED;
  }

  @Override
  public int getColumnType(int column) throws SQLException {
    ColumnPolicy policy = column(column);
    if (policy == null) {
      return delegate.getColumnType(column);
    }
    return masked(policy) ? Types.VARCHAR : ValueConversions.sqlType(policy.type());
  }

  @Override
  public String getColumnTypeName(int column) throws SQLException {
    ColumnPolicy policy = column(column);
    if (policy == null) {
      return delegate.getColumnTypeName(column);
    }
    return masked(policy) ? "VARCHAR" : ValueConversions.sqlTypeName(policy.type());
  }

  @Override
  public String getColumnClassName(int column) throws SQLException {
    ColumnPolicy policy = column(column);
    if (policy == null) {
      return delegate.getColumnClassName(column);
    }
    return masked(policy)
        ? String.class.getName()
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
