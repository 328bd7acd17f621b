package dev.veil.jdbc;

import dev.veil.sql.StatementPlan;
import java.sql.ParameterMetaData;
import java.sql.SQLException;

/**
 * Parameter metadata by the application's parameter indexes, where the SQL sent has moved literals
 * or widened lookups and so numbers its parameters differently. Each parameter is described by the
 * first parameter it fills in the SQL sent.
 */
final class VeilParameterMetaData implements ParameterMetaData {
  private final ParameterMetaData delegate;
  private final StatementPlan plan;

  VeilParameterMetaData(ParameterMetaData delegate, StatementPlan plan) {
    this.delegate = delegate;
    this.plan = plan;
  }

  private int sent(int param) throws SQLException {
    return plan.sentIndex(param);
  }

  @Override
  public int getParameterCount() {
    return plan.parameterCount();
  }

  @Override
  public int isNullable(int param) throws SQLException {
    return delegate.isNullable(sent(param));
  }

  @Override
  public boolean isSigned(int param) throws SQLException {
    return delegate.isSigned(sent(param));
  }

  @Override
  public int getPrecision(int param) throws SQLException {
    return delegate.getPrecision(sent(param));
  }

  @Override
  public int getScale(int param) throws SQLException {
    return delegate.getScale(sent(param));
  }

  @Override
  public int getParameterType(int param) throws SQLException {
    return delegate.getParameterType(sent(param));
  }

  @Override
  public String getParameterTypeName(int param) throws SQLException {
    return delegate.getParameterTypeName(sent(param));
  }

  @Override
  public String getParameterClassName(int param) throws SQLException {
    return delegate.getParameterClassName(sent(param));
  }

  @Override
  public int getParameterMode(int param) throws SQLException {
    return delegate.getParameterMode(sent(param));
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw new SQLException("not a wrapper for " + iface.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }
}
