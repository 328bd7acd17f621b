package dev.veil.driver;

import dev.veil.crypto.ColumnCrypto;
import dev.veil.jdbc.ProtectionContext;
import dev.veil.policy.ColumnPolicy;
import dev.veil.policy.IdentifierCase;
import dev.veil.policy.Storage;
import dev.veil.sql.PlanCache;
import dev.veil.sql.StatementPlan;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;

/** The {@link ProtectionContext} of one physical connection. */
final class ConnectionContext implements ProtectionContext {
  private final VeilRuntime runtime;
  private final Connection delegate;
  private final String databaseKey;
  private final IdentifierCase folding;
  private final PlanCache plans;

  private ConnectionContext(
      VeilRuntime runtime, Connection delegate, String databaseKey, IdentifierCase folding) {
    this.runtime = runtime;
    this.delegate = delegate;
    this.databaseKey = databaseKey;
    this.folding = folding;
    this.plans = runtime.plans(folding);
  }

  static ConnectionContext open(VeilRuntime runtime, Connection delegate, String delegateUrl)
      throws SQLException {
    DatabaseMetaData metaData = delegate.getMetaData();
    IdentifierCase folding =
        metaData.storesLowerCaseIdentifiers()
            ? IdentifierCase.LOWER
            : metaData.storesUpperCaseIdentifiers() ? IdentifierCase.UPPER : IdentifierCase.MIXED;
    return new ConnectionContext(runtime, delegate, delegateUrl, folding);
  }

  @Override
  public StatementPlan plan(String sql) {
    return plans.plan(sql);
  }

  @Override
  public ColumnCrypto crypto(ColumnPolicy column) throws SQLException {
    return runtime.crypto(column);
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
