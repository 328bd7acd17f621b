package dev.veil.driver;

import com.google.crypto.tink.Aead;
import dev.veil.crypto.ColumnCrypto;
import dev.veil.errors.VeilErrors;
import dev.veil.errors.VeilSqlState;
import dev.veil.keys.DataKey;
import dev.veil.keys.Keks;
import dev.veil.keys.Keyring;
import dev.veil.policy.ColumnPolicy;
import dev.veil.policy.IdentifierCase;
import dev.veil.policy.Policy;
import dev.veil.policy.PolicyException;
import dev.veil.policy.PolicyLoader;
import dev.veil.policy.Storage;
import dev.veil.policy.TableName;
import dev.veil.sql.PlanCache;
import dev.veil.sql.SqlAnalyzer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One loaded configuration: policy, unwrapped data keys and the ciphers built from them, plan
 * caches, and detected storage. Shared by every connection opened with the same configuration.
 */
final class VeilRuntime {
  private final Policy policy;
  private final Map<ColumnPolicy, ColumnCrypto> cryptos;
  private final long planCacheSize;
  private final long parseTimeoutMillis;
  private final Map<IdentifierCase, PlanCache> planCaches = new EnumMap<>(IdentifierCase.class);
  private final ConcurrentMap<String, Map<ColumnPolicy, Storage>> storage =
      new ConcurrentHashMap<>();

  private VeilRuntime(
      Policy policy,
      Map<ColumnPolicy, ColumnCrypto> cryptos,
      long planCacheSize,
      long parseTimeoutMillis) {
    this.policy = policy;
    this.cryptos = cryptos;
    this.planCacheSize = planCacheSize;
    this.parseTimeoutMillis = parseTimeoutMillis;
  }

  /** Loads the policy, opens the KEK, unwraps the keyring and builds every column's cipher. */
  static VeilRuntime load(VeilConfig config) throws SQLException {
    Policy policy;
    try {
      policy = PolicyLoader.load(config.policy());
    } catch (PolicyException e) {
      throw VeilErrors.of(VeilSqlState.CONFIGURATION, "invalid Veil policy: " + e.getMessage(), e);
    }
    Aead kek = Keks.open(config.kek());
    Keyring keyring = Keyring.read(Path.of(config.keyring()), kek);
    Map<ColumnPolicy, ColumnCrypto> cryptos = new HashMap<>();
    for (ColumnPolicy column : policy.columns()) {
      DataKey key =
          keyring
              .key(column.key())
              .orElseThrow(
                  () ->
                      VeilErrors.of(
                          VeilSqlState.CONFIGURATION,
                          "the policy protects "
                              + column.displayName()
                              + " with key '"
                              + column.key()
                              + "', which keyring "
                              + config.keyring()
                              + " does not hold; add it with 'veil keys add "
                              + column.key()
                              + "'"));
      cryptos.put(column, ColumnCrypto.create(column, key));
    }
    return new VeilRuntime(
        policy, Map.copyOf(cryptos), config.planCacheSize(), config.parseTimeoutMillis());
  }

  Policy policy() {
    return policy;
  }

  synchronized PlanCache plans(IdentifierCase folding) {
    return planCaches.computeIfAbsent(
        folding, f -> new PlanCache(new SqlAnalyzer(policy, f, parseTimeoutMillis), planCacheSize));
  }

  ColumnCrypto crypto(ColumnPolicy column) throws SQLException {
    ColumnCrypto crypto = cryptos.get(column);
    if (crypto == null) {
      throw VeilErrors.of(
          VeilSqlState.CONFIGURATION, "no cipher for " + column.displayName() + " in this policy");
    }
    return crypto;
  }

  /**
   * How {@code column} stores ciphertext on the database {@code databaseKey}: as the policy says,
   * or detected once per table from the connection's metadata.
   */
  Storage storage(
      ColumnPolicy column, String databaseKey, Connection connection, IdentifierCase folding)
      throws SQLException {
    if (column.storage() != Storage.AUTO) {
      return column.storage();
    }
    String key = databaseKey + "\u0000" + column.table().canonical();
    Map<ColumnPolicy, Storage> detected = storage.get(key);
    if (detected == null) {
      detected = StorageDetector.detect(connection, tableColumns(column.table()), folding);
      storage.put(key, detected);
    }
    Storage found = detected.get(column);
    if (found == null) {
      throw VeilErrors.of(
          VeilSqlState.CONFIGURATION,
          "cannot detect how " + column.displayName() + " stores ciphertext");
    }
    return found;
  }

  private List<ColumnPolicy> tableColumns(TableName table) {
    return policy.columns().stream().filter(c -> c.table().equals(table)).toList();
  }
}
