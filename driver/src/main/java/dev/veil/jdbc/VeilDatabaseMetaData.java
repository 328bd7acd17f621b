package dev.veil.jdbc;

import dev.veil.sql.ResultShape;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Database metadata whose {@link #getConnection()} is the Veil connection and whose result sets are
 * wrapped, so that no path leads back to the raw connection.
 */
public final class VeilDatabaseMetaData extends ForwardingDatabaseMetaData {
  private final VeilConnection connection;
  private final DatabaseMetaData delegate;

  VeilDatabaseMetaData(VeilConnection connection, DatabaseMetaData delegate) {
    this.connection = connection;
    this.delegate = delegate;
  }

  @Override
  protected DatabaseMetaData delegate() {
    return delegate;
  }

  private ResultSet wrap(ResultSet results) throws SQLException {
    return VeilResultSet.wrap(null, results, ResultShape.NONE, connection.context());
  }

  @Override
  public Connection getConnection() {
    return connection;
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return Unwrapping.unwrap(this, delegate, DatabaseMetaData.class, iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return Unwrapping.isWrapperFor(this, delegate, DatabaseMetaData.class, iface);
  }

  @Override
  public java.sql.ResultSet getAttributes(String s1, String s2, String s3, String s4)
      throws java.sql.SQLException {
    return wrap(delegate.getAttributes(s1, s2, s3, s4));
  }

  @Override
  public java.sql.ResultSet getProcedures(String s1, String s2, String s3)
      throws java.sql.SQLException {
    return wrap(delegate.getProcedures(s1, s2, s3));
  }

  @Override
  public java.sql.ResultSet getProcedureColumns(String s1, String s2, String s3, String s4)
      throws java.sql.SQLException {
    return wrap(delegate.getProcedureColumns(s1, s2, s3, s4));
  }

  @Override
  public java.sql.ResultSet getTables(String s1, String s2, String s3, String[] names)
      throws java.sql.SQLException {
    return wrap(delegate.getTables(s1, s2, s3, names));
  }

  @Override
  public java.sql.ResultSet getSchemas(String s1, String s2) throws java.sql.SQLException {
    return wrap(delegate.getSchemas(s1, s2));
  }

  @Override
  public java.sql.ResultSet getSchemas() throws java.sql.SQLException {
    return wrap(delegate.getSchemas());
  }

  @Override
  public java.sql.ResultSet getCatalogs() throws java.sql.SQLException {
    return wrap(delegate.getCatalogs());
  }

  @Override
  public java.sql.ResultSet getTableTypes() throws java.sql.SQLException {
    return wrap(delegate.getTableTypes());
  }

  @Override
  public java.sql.ResultSet getColumns(String s1, String s2, String s3, String s4)
      throws java.sql.SQLException {
    return wrap(delegate.getColumns(s1, s2, s3, s4));
  }

  @Override
  public java.sql.ResultSet getColumnPrivileges(String s1, String s2, String s3, String s4)
      throws java.sql.SQLException {
    return wrap(delegate.getColumnPrivileges(s1, s2, s3, s4));
  }

  @Override
  public java.sql.ResultSet getTablePrivileges(String s1, String s2, String s3)
      throws java.sql.SQLException {
    return wrap(delegate.getTablePrivileges(s1, s2, s3));
  }

  @Override
  public java.sql.ResultSet getBestRowIdentifier(
      String s1, String s2, String s3, int n, boolean flag) throws java.sql.SQLException {
    return wrap(delegate.getBestRowIdentifier(s1, s2, s3, n, flag));
  }

  @Override
  public java.sql.ResultSet getVersionColumns(String s1, String s2, String s3)
      throws java.sql.SQLException {
    return wrap(delegate.getVersionColumns(s1, s2, s3));
  }

  @Override
  public java.sql.ResultSet getPrimaryKeys(String s1, String s2, String s3)
      throws java.sql.SQLException {
    return wrap(delegate.getPrimaryKeys(s1, s2, s3));
  }

  @Override
  public java.sql.ResultSet getImportedKeys(String s1, String s2, String s3)
      throws java.sql.SQLException {
    return wrap(delegate.getImportedKeys(s1, s2, s3));
  }

  @Override
  public java.sql.ResultSet getExportedKeys(String s1, String s2, String s3)
      throws java.sql.SQLException {
    return wrap(delegate.getExportedKeys(s1, s2, s3));
  }

  @Override
  public java.sql.ResultSet getCrossReference(
      String s1, String s2, String s3, String s4, String s5, String s6)
      throws java.sql.SQLException {
    return wrap(delegate.getCrossReference(s1, s2, s3, s4, s5, s6));
  }

  @Override
  public java.sql.ResultSet getTypeInfo() throws java.sql.SQLException {
    return wrap(delegate.getTypeInfo());
  }

  @Override
  public java.sql.ResultSet getIndexInfo(
      String s1, String s2, String s3, boolean flag1, boolean flag2) throws java.sql.SQLException {
    return wrap(delegate.getIndexInfo(s1, s2, s3, flag1, flag2));
  }

  @Override
  public java.sql.ResultSet getUDTs(String s1, String s2, String s3, int[] indexes)
      throws java.sql.SQLException {
    return wrap(delegate.getUDTs(s1, s2, s3, indexes));
  }

  @Override
  public java.sql.ResultSet getSuperTypes(String s1, String s2, String s3)
      throws java.sql.SQLException {
    return wrap(delegate.getSuperTypes(s1, s2, s3));
  }

  @Override
  public java.sql.ResultSet getSuperTables(String s1, String s2, String s3)
      throws java.sql.SQLException {
    return wrap(delegate.getSuperTables(s1, s2, s3));
  }

  @Override
  public java.sql.ResultSet getClientInfoProperties() throws java.sql.SQLException {
    return wrap(delegate.getClientInfoProperties());
  }

  @Override
  public java.sql.ResultSet getFunctions(String s1, String s2, String s3)
      throws java.sql.SQLException {
    return wrap(delegate.getFunctions(s1, s2, s3));
  }

  @Override
  public java.sql.ResultSet getFunctionColumns(String s1, String s2, String s3, String s4)
      throws java.sql.SQLException {
    return wrap(delegate.getFunctionColumns(s1, s2, s3, s4));
  }

  @Override
  public java.sql.ResultSet getPseudoColumns(String s1, String s2, String s3, String s4)
      throws java.sql.SQLException {
    return wrap(delegate.getPseudoColumns(s1, s2, s3, s4));
  }
}
