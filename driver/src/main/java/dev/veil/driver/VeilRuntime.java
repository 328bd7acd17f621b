package dev.veil.driver;

import dev.veil.audit.Audit;
import dev.veil.audit.AuditEvent;
import dev.veil.audit.AuditOperation;
import dev.veil.crypto.ColumnCrypto;
import dev.veil.crypto.Disclosure;
import dev.veil.crypto.OnMissingKey;
import dev.veil.errors.VeilErrors;
import dev.veil.errors.VeilSqlState;
import dev.veil.keys.DataKey;
import dev.veil.keys.Kek;
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
import dev.veil.sql.StatementPlan;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One loaded configuration: the policy, the unwrapped data keys and the ciphers and plan caches
 * built from them, and detected storage. Shared by every connection opened with the same
 * configuration.
 *
 * <p>The keys are a snapshot with an age. Once it is older than {@code veil.keyCacheTtl}, the next
 * statement starts a background refresh that re-reads the keyring and consults the KEK, while
 * statements go on with the snapshot, so a rotation reaches open connections within the TTL and a
 * revoked KEK is noticed. A new connection re-reads a keyring file that changed at once. While the
 * KEK cannot be consulted the old snapshot keeps serving, retried at most every {@link #RETRY},
 * until it is older than {@code veil.keyCacheMaxStale}; then every encryption and decryption fails
 * until the KEK answers again. Statements on unprotected tables never depend on the KEK.
 */
final class VeilRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(VeilRuntime.class);
  private static final Duration RETRY = Duration.ofSeconds(30);

  /**
   * Runs key refreshes off the statement threads, so that a slow or hung KEK holds up no statement:
   * daemon threads, made on demand and dropped when idle.
   */
  private static final Executor REFRESHER =
      new ThreadPoolExecutor(
          0,
          Integer.MAX_VALUE,
          60,
          TimeUnit.SECONDS,
          new SynchronousQueue<>(),
          task -> {
            Thread thread = new Thread(task, "veil-key-refresh");
            thread.setDaemon(true);
            return thread;
          });

  private final VeilConfig config;
  private final Policy policy;
  private final long ttlNanos;
  private final long maxStaleNanos;
  private final long retryNanos;
  private final ReentrantLock refreshing = new ReentrantLock();
  private final ConcurrentMap<String, Map<ColumnPolicy, Storage>> storage =
      new ConcurrentHashMap<>();
  private volatile Keys keys;
  private final AtomicBoolean refreshInFlight = new AtomicBoolean();
  private volatile String lastFailure;
  private volatile long lastFailureNanos;
  private volatile String kekLocation;

  /**
   * The keys as of one keyring read: each column's cipher, and the plans made for them (a plan
   * widens lookups to the number of key versions, so it belongs to one snapshot).
   */
  private final class Keys {
    final Map<ColumnPolicy, ColumnCrypto> cryptos;
    final Set<String> missing;
    final Object keyringStamp;
    final long loadedNanos;
    final Instant loadedAt;
    final AtomicReferenceArray<PlanCache> plans =
        new AtomicReferenceArray<>(IdentifierCase.values().length);

    Keys(
        Map<ColumnPolicy, ColumnCrypto> cryptos,
        Set<String> missing,
        Object keyringStamp,
        long loadedNanos) {
      this.cryptos = cryptos;
      this.missing = missing;
      this.keyringStamp = keyringStamp;
      this.loadedNanos = loadedNanos;
      this.loadedAt = Instant.now();
    }

    /** The same keys, consulted again now. */
    Keys renewed(long nanos) {
      Keys renewed = new Keys(cryptos, missing, keyringStamp, nanos);
      for (int i = 0; i < plans.length(); i++) {
        renewed.plans.set(i, plans.get(i));
      }
      return renewed;
    }

    PlanCache plans(IdentifierCase folding) {
      PlanCache cache = plans.get(folding.ordinal());
      if (cache == null) {
        SqlAnalyzer analyzer =
            new SqlAnalyzer(
                policy,
                folding,
                config.parseTimeoutMillis(),
                column -> {
                  ColumnCrypto crypto = cryptos.get(column);
                  return crypto == null ? 1 : crypto.lookupWidth();
                });
        plans.compareAndSet(
            folding.ordinal(), null, new PlanCache(analyzer, config.planCacheSize(), this));
        cache = plans.get(folding.ordinal());
      }
      return cache;
    }
  }

  private VeilRuntime(VeilConfig config, Policy policy) {
    this.config = config;
    this.policy = policy;
    this.ttlNanos = config.keyCacheTtl().toNanos();
    this.maxStaleNanos = config.keyCacheMaxStale().toNanos();
    this.retryNanos = Math.min(ttlNanos, RETRY.toNanos());
  }

  /** Loads the policy, opens the KEK, unwraps the keyring and builds every column's cipher. */
  static VeilRuntime load(VeilConfig config) throws SQLException {
    if (config.auditFile() != null) {
      try {
        Audit.toFile(Path.of(config.auditFile()));
      } catch (IOException | RuntimeException e) {
        throw VeilErrors.of(
            VeilSqlState.CONFIGURATION,
            "cannot open the audit file " + config.auditFile() + " (" + e + "); fix veil.auditFile",
            e);
      }
    }
    Policy policy;
    try {
      policy = PolicyLoader.load(config.policy());
    } catch (PolicyException e) {
      throw VeilErrors.of(VeilSqlState.CONFIGURATION, "invalid Veil policy: " + e.getMessage(), e);
    }
    VeilRuntime runtime = new VeilRuntime(config, policy);
    runtime.keys = runtime.readKeys(null);
    return runtime;
  }

  /**
   * Reads the keyring with the KEK; reuses the ciphers and plans of {@code previous} if the file is
   * as it was.
   */
  private Keys readKeys(Keys previous) throws SQLException {
    long now = System.nanoTime();
    Object stamp = RuntimeRegistry.stamp(config.keyring());
    Kek kek;
    try {
      kek = Keks.open(config.kek());
    } catch (SQLException e) {
      Audit.record(
          AuditEvent.failed(AuditOperation.KEK_UNWRAP, null, null, null, null, e.getMessage()));
      throw e;
    }
    Keyring keyring = Keyring.read(Path.of(config.keyring()), kek);
    kekLocation = kek.location();
    if (previous != null && previous.keyringStamp.equals(stamp)) {
      return previous.renewed(now);
    }
    // A keyring may hold only some of the policy's keys: least privilege on the reading side. The
    // columns it lacks read as veil.onMissingKey says and refuse writes and lookups.
    Map<ColumnPolicy, ColumnCrypto> cryptos = new HashMap<>();
    Set<String> missing = new TreeSet<>();
    for (ColumnPolicy column : policy.columns()) {
      Optional<DataKey> key = keyring.key(column.key());
      if (key.isPresent()) {
        cryptos.put(column, ColumnCrypto.create(column, key.get(), config.onUndecryptable()));
      } else {
        missing.add(column.key());
      }
    }
    if (!missing.isEmpty() && (previous == null || !missing.equals(previous.missing))) {
      LOG.info(
          "keyring {} holds none of the keys {}; their columns read as veil.onMissingKey={}"
              + " and refuse writes and lookups",
          config.keyring(),
          missing,
          config.onMissingKey().name().toLowerCase(Locale.ROOT));
    }
    return new Keys(Map.copyOf(cryptos), Set.copyOf(missing), stamp, now);
  }

  Policy policy() {
    return policy;
  }

  /**
   * The keys to plan with: the snapshot in hand, whatever its age, so that statements on
   * unprotected tables never wait for or fail on the KEK. Past the TTL it starts a refresh in the
   * background.
   */
  private Keys current() {
    Keys current = keys;
    if (System.nanoTime() - current.loadedNanos >= ttlNanos) {
      refreshInBackground(current);
    }
    return current;
  }

  /** The keys to encrypt and decrypt with: refused once older than the hard limit. */
  private Keys usable() throws SQLException {
    Keys current = current();
    if (System.nanoTime() - current.loadedNanos > maxStaleNanos) {
      throw VeilErrors.of(
          VeilSqlState.KEY_ACCESS,
          "Veil's data keys were last unwrapped at "
              + current.loadedAt
              + ", longer ago than veil.keyCacheMaxStale ("
              + config.keyCacheMaxStale()
              + "), and the KEK cannot be consulted ("
              + lastFailure
              + "); restore access to the KEK "
              + kekLocation);
    }
    return current;
  }

  /**
   * Starts a refresh off the statement threads: one at a time, and after a failure not again before
   * the retry interval.
   */
  private void refreshInBackground(Keys current) {
    if (tooSoon(System.nanoTime()) || !refreshInFlight.compareAndSet(false, true)) {
      return;
    }
    REFRESHER.execute(
        () -> {
          try {
            refresh(current);
          } finally {
            refreshInFlight.set(false);
          }
        });
  }

  /** Whether the last refresh failed less than a retry interval ago. */
  private boolean tooSoon(long now) {
    return lastFailure != null && now - lastFailureNanos < retryNanos;
  }

  /**
   * Re-reads the keyring at once if the file changed since the keys in hand were read, so that a
   * new connection sees a rotation immediately. If that fails (the KEK was rotated and this
   * configuration still names the old one, say), the keys in hand keep serving, as after a failed
   * refresh.
   */
  void refreshIfKeyringChanged() {
    Keys current = keys;
    if (!current.keyringStamp.equals(RuntimeRegistry.stamp(config.keyring()))
        && !tooSoon(System.nanoTime())) {
      refresh(current);
    }
  }

  private void refresh(Keys current) {
    refreshing.lock();
    try {
      if (keys != current) {
        return;
      }
      keys = readKeys(current);
      lastFailure = null;
    } catch (SQLException | RuntimeException e) {
      lastFailureNanos = System.nanoTime();
      lastFailure = e.getMessage();
      LOG.warn(
          "Veil could not refresh its data keys; it keeps serving with the keys unwrapped at {}"
              + " for at most veil.keyCacheMaxStale ({}): {}",
          current.loadedAt,
          config.keyCacheMaxStale(),
          e.getMessage());
    } finally {
      refreshing.unlock();
    }
  }

  PlanCache plans(IdentifierCase folding) {
    return current().plans(folding);
  }

  /**
   * The cipher of the keys {@code plan} was made for, for a lookup whose plan has fewer slots than
   * the current keys give stored forms: a statement prepared just before a refresh still matches
   * every form it was planned for. Subject to the same hard limit as {@link #crypto}.
   */
  ColumnCrypto plannedCrypto(ColumnPolicy column, StatementPlan plan) throws SQLException {
    usable();
    ColumnCrypto crypto = plan.keys() instanceof Keys planned ? planned.cryptos.get(column) : null;
    if (crypto == null) {
      if (plan.keys() instanceof Keys planned && planned.missing.contains(column.key())) {
        throw Disclosure.notGranted(column);
      }
      throw VeilErrors.of(
          VeilSqlState.KEY_ACCESS,
          "the key of "
              + column.displayName()
              + " gained versions after this statement was prepared; prepare it again");
    }
    return crypto;
  }

  /** The cipher of {@code column}, for writes and lookups: refused when the keyring lacks it. */
  ColumnCrypto crypto(ColumnPolicy column) throws SQLException {
    ColumnCrypto crypto = heldCrypto(column);
    if (crypto == null) {
      throw Disclosure.notGranted(column);
    }
    return crypto;
  }

  /** The cipher of {@code column}, or {@code null} when the keyring holds no key for it. */
  ColumnCrypto heldCrypto(ColumnPolicy column) throws SQLException {
    Keys current = usable();
    ColumnCrypto crypto = current.cryptos.get(column);
    if (crypto == null && !current.missing.contains(column.key())) {
      throw VeilErrors.of(
          VeilSqlState.CONFIGURATION, "no cipher for " + column.displayName() + " in this policy");
    }
    return crypto;
  }

  OnMissingKey onMissingKey() {
    return config.onMissingKey();
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
