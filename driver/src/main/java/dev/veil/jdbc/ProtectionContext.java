package dev.veil.jdbc;

import dev.veil.crypto.ColumnCrypto;
import dev.veil.crypto.Disclosure;
import dev.veil.policy.ColumnPolicy;
import dev.veil.policy.IdentifierCase;
import dev.veil.policy.Storage;
import dev.veil.sql.PlanCache;
import dev.veil.sql.StatementPlan;
import dev.veil.transport.TlsSession;
import java.sql.SQLException;

/**
 * What the wrappers ask of Veil for one connection: the plan for a SQL text, the cipher for a
 * column, and how a column stores its ciphertext. The driver supplies it; the wrappers hold no SQL
 * or crypto logic of their own.
 */
public interface ProtectionContext {

  /** The cached plan for {@code sql}. */
  StatementPlan plan(String sql) throws SQLException;

  /** The counts of the plan cache this connection uses. */
  PlanCache.Statistics planCacheStatistics() throws SQLException;

  /** The cipher for a protected column, under the keys in force now. */
  ColumnCrypto crypto(ColumnPolicy column) throws SQLException;

  /**
   * What this connection's reader sees of a non-null stored value of {@code column}: the plaintext,
   * its mask, or, when the keyring lacks the key, what {@code veil.onMissingKey} says.
   */
  Disclosure.Disclosed disclose(ColumnPolicy column, Object stored) throws SQLException;

  /** In what form this connection's reader gets {@code column}'s values, for result metadata. */
  Disclosure.View view(ColumnPolicy column) throws SQLException;

  /**
   * The cipher for a protected column under the keys {@code plan} was made for: for an equality
   * lookup whose plan has room for fewer stored forms than the keys now give.
   */
  ColumnCrypto plannedCrypto(ColumnPolicy column, StatementPlan plan) throws SQLException;

  /** Whether {@code column} stores ciphertext as bytes or as base64 text on this database. */
  Storage storage(ColumnPolicy column) throws SQLException;

  /** The SQL type name of an array of ciphertexts, for {@code Connection.createArrayOf}. */
  String arrayElementType(Storage storage);

  /** What Veil found the connection's transport to be when it was opened. */
  TlsSession transport();

  /** How this database folds unquoted identifiers, for matching result labels. */
  IdentifierCase folding();
}
