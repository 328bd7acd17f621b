package dev.veil.driver;

import dev.veil.crypto.ColumnCrypto;
import dev.veil.crypto.Disclosure;
import dev.veil.jdbc.ProtectionContext;
import dev.veil.policy.ColumnPolicy;
import dev.veil.policy.IdentifierCase;
import dev.veil.policy.Storage;
import dev.veil.sql.PlanCache;
import dev.veil.sql.StatementPlan;
import dev.veil.transport.TlsSession;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;

/** The {@link ProtectionContext} of one physical connection. */
final class ConnectionContext implements ProtectionContext {
  private final VeilRuntime runtime;
  private final Connection delegate;
  private final String databaseKey;
  private final IdentifierCase folding;
  private final boolean postgres;
  private final TlsSession transport;
  private final String principal;

  private ConnectionContext(
      VeilRuntime runtime,
      Connection delegate,
      String databaseKey,
      IdentifierCase folding,
      boolean postgres,
      TlsSession transport,
      String principal) {
    this.runtime = runtime;
    this.delegate = delegate;
    this.databaseKey = databaseKey;
    this.folding = folding;
    this.postgres = postgres;
    this.transport = transport;
    this.principal = principal;
  }

  static ConnectionContext open(
      VeilRuntime runtime,
      Connection delegate,
      String delegateUrl,
      TlsSession transport,
      String principal)
      throws SQLException {
    DatabaseMetaData metaData = delegate.getMetaData();
    String product = String.valueOf(metaData.getDatabaseProductName()).toLowerCase(Locale.ROOT);
    return new ConnectionContext(
        runtime,
        delegate,
        delegateUrl,
        StorageDetector.folding(metaData),
        product.contains("postgres"),
        transport,
        principal);
  }

  @Override
  public TlsSession transport() {
    return transport;
  }

  @Override
  public StatementPlan plan(String sql) throws SQLException {
    return runtime.plans(folding).plan(sql);
  }

  /** PostgreSQL names its binary type bytea; H2 and others take the standard name. */
  @Override
  public String arrayElementType(Storage storage) {
    if (storage == Storage.TEXT) {
      return "varchar";
    }
    return postgres ? "bytea" : "varbinary";
  }

  @Override
  public PlanCache.Statistics planCacheStatistics() throws SQLException {
    return runtime.plans(folding).statistics();
  }

  @Override
  public ColumnCrypto crypto(ColumnPolicy column) throws SQLException {
    return runtime.crypto(column);
  }

  @Override
  public Disclosure.Disclosed disclose(ColumnPolicy column, Object stored) throws SQLException {
    return Disclosure.disclose(
        column, runtime.heldCrypto(column), principal, runtime.onMissingKey(), stored);
  }

  @Override
  public Disclosure.View view(ColumnPolicy column) throws SQLException {
    return Disclosure.view(
        column, runtime.heldCrypto(column) != null, principal, runtime.onMissingKey());
  }

  @Override
  public ColumnCrypto plannedCrypto(ColumnPolicy column, StatementPlan plan) throws SQLException {
    return runtime.plannedCrypto(column, plan);
  }

  @Override
  public Storage storage(ColumnPolicy column) throws SQLException {
    return runtime.storage(column, databaseKey, delegate, folding);
  }

  @Override
  public IdentifierCase folding() {
    return folding;
  }
}
