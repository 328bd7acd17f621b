package dev.veil.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.veil.jdbc.VeilConnection;
import dev.veil.sql.PlanCache;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Issue 7's soak: 32 threads share a HikariCP pool of 8 Veil connections to PostgreSQL and run a
 * seeded mix of inserts, equality lookups, updates, deletes and ad-hoc SQL. Every read is checked
 * against what its thread wrote. {@code veil.soak.statements} sets the length: CI runs a short
 * soak, {@code -Psoak} runs a million statements.
 */
class SoakTest {
  private static final int THREADS = 32;
  private static final int POOL = 8;
  private static final int PLAN_CACHE = 64;
  private static final long SEED = 0x5EED_7L;
  private static final String TABLE = "soak_rows";
  private static final String POLICY =
      """
      version: 1
      tables:
        soak_rows:
          columns:
            ssn:     { encrypt: deterministic, type: string,  key: pii }
            dob:     { encrypt: randomized,    type: date,    key: pii }
            balance: { encrypt: randomized,    type: decimal, key: pii }
      """;
  private static final String INSERT =
      "INSERT INTO soak_rows (id, owner, ssn, dob, balance) VALUES (?, ?, ?, ?, ?)";
  private static final String FIND = "SELECT id, dob, balance FROM soak_rows WHERE ssn = ?";
  private static final String UPDATE =
      "UPDATE soak_rows SET ssn = ?, dob = ?, balance = ? WHERE id = ?";
  private static final String DELETE = "DELETE FROM soak_rows WHERE ssn = ?";

  /** What one thread last wrote to one of its rows. */
  private record Row(String ssn, LocalDate dob, BigDecimal balance) {}

  @Test
  void everyReadMatchesWhatWasWrittenWithNoLeakedConnectionsAndBoundedMemory() throws Exception {
    long statements = Long.getLong("veil.soak.statements", 20_000);
    Database database = Database.POSTGRESQL;
    KeyringFixture.recreate(
        database,
        TABLE,
        "id BIGINT PRIMARY KEY, owner INT NOT NULL, ssn VARCHAR(200), dob "
            + database.binaryType
            + ", balance "
            + database.binaryType);
    KeyringFixture keys = KeyringFixture.create(POLICY, "pii");
    Map<Integer, Map<Long, Row>> written = new ConcurrentHashMap<>();
    AtomicLong mismatches = new AtomicLong();
    AtomicLong executed = new AtomicLong();
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

    try (HikariDataSource pool =
        keys.pool(database, POOL, "veil.planCacheSize", String.valueOf(PLAN_CACHE))) {
      long warmUp = statements / 10;
      run(pool, warmUp, 0, written, mismatches, executed);
      long heapAfterWarmUp = usedHeapAfterGc(memory);
      run(pool, statements - warmUp, 1, written, mismatches, executed);
      long heapAtEnd = usedHeapAfterGc(memory);

      assertThat(executed.get()).isEqualTo(statements);
      assertThat(mismatches.get()).as("reads that disagreed with what was written").isZero();
      assertThat(pool.getHikariPoolMXBean().getActiveConnections())
          .as("connections not returned to the pool")
          .isZero();
      assertThat(pool.getHikariPoolMXBean().getTotalConnections()).isLessThanOrEqualTo(POOL);
      try (Connection connection = pool.getConnection()) {
        PlanCache.Statistics plans = connection.unwrap(VeilConnection.class).planCacheStatistics();
        assertThat(plans.size()).as("plans held").isLessThanOrEqualTo(PLAN_CACHE);
        assertThat(plans.evictions()).as("the ad-hoc SQL pushed plans out").isPositive();
        assertThat(plans.hits()).isGreaterThan(plans.misses());
      }
      assertThat(heapAtEnd - heapAfterWarmUp)
          .as("heap growth after warm-up, bytes (%d then %d)", heapAfterWarmUp, heapAtEnd)
          .isLessThan(64L << 20);
      assertTableHolds(pool, written);
    }
    Row any =
        written.values().stream().flatMap(rows -> rows.values().stream()).findFirst().orElseThrow();
    VeilFixture.assertStoredAsCiphertext(database, TABLE, any.ssn(), "ssn", "dob", "balance");
  }

  private static void run(
      HikariDataSource pool,
      long statements,
      int phase,
      Map<Integer, Map<Long, Row>> written,
      AtomicLong mismatches,
      AtomicLong executed)
      throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int owner = t;
        long share = statements / THREADS + (t < statements % THREADS ? 1 : 0);
        Map<Long, Row> mine = written.computeIfAbsent(owner, o -> new HashMap<>());
        Random random = new Random(SEED * 31 + owner * 7919L + phase);
        done.add(
            threads.submit(
                () -> {
                  new Worker(pool, owner, mine, random, mismatches, executed).run(share);
                  return null;
                }));
      }
      for (Future<?> future : done) {
        future.get(30, TimeUnit.MINUTES);
      }
    } finally {
      threads.shutdownNow();
    }
  }

  /**
   * One thread's statements; it alone writes the rows it owns, so its model is exact. Its rows are
   * capped so the model, and with it the heap, stays flat however long the soak runs.
   */
  private static final class Worker {
    private static final int MOST_ROWS = 512;
    private final HikariDataSource pool;
    private final int owner;
    private final Map<Long, Row> mine;
    private final List<Long> ids;
    private final Random random;
    private final AtomicLong mismatches;
    private final AtomicLong executed;

    Worker(
        HikariDataSource pool,
        int owner,
        Map<Long, Row> mine,
        Random random,
        AtomicLong mismatches,
        AtomicLong executed) {
      this.pool = pool;
      this.owner = owner;
      this.mine = mine;
      this.ids = new ArrayList<>(mine.keySet());
      this.random = random;
      this.mismatches = mismatches;
      this.executed = executed;
    }

    void run(long statements) throws SQLException {
      for (long i = 0; i < statements; i++) {
        try (Connection connection = pool.getConnection()) {
          int dice = random.nextInt(100);
          if (ids.isEmpty() || dice < 25 && ids.size() < MOST_ROWS) {
            insert(connection);
          } else if (dice < 25 || dice >= 75 && dice < 90) {
            delete(connection, random.nextInt(ids.size()));
          } else if (dice < 60) {
            lookUp(connection, ids.get(random.nextInt(ids.size())));
          } else if (dice < 75) {
            update(connection, ids.get(random.nextInt(ids.size())));
          } else {
            adHoc(connection, ids.get(random.nextInt(ids.size())));
          }
        }
        executed.incrementAndGet();
      }
    }

    private Row next(long id) {
      return new Row(
          String.format("%02d-%012d-%04d", owner, id, random.nextInt(10_000)),
          LocalDate.of(1900, 1, 1).plusDays(random.nextInt(50_000)),
          BigDecimal.valueOf(random.nextLong() % 10_000_000_000L, random.nextInt(4)));
    }

    private void insert(Connection connection) throws SQLException {
      long id = (long) owner << 40 | executed.get() << 8 | random.nextInt(256);
      while (mine.containsKey(id)) {
        id++;
      }
      Row row = next(id);
      try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
        insert.setLong(1, id);
        insert.setInt(2, owner);
        bind(insert, 3, row);
        insert.executeUpdate();
      }
      mine.put(id, row);
      ids.add(id);
    }

    private void lookUp(Connection connection, long id) throws SQLException {
      Row expected = mine.get(id);
      try (PreparedStatement find = connection.prepareStatement(FIND)) {
        find.setString(1, expected.ssn());
        try (ResultSet rows = find.executeQuery()) {
          boolean matches =
              rows.next()
                  && rows.getLong(1) == id
                  && expected.dob().equals(rows.getObject(2, LocalDate.class))
                  && expected.balance().compareTo(rows.getBigDecimal(3)) == 0
                  && !rows.next();
          if (!matches) {
            mismatches.incrementAndGet();
          }
        }
      }
    }

    private void update(Connection connection, long id) throws SQLException {
      Row row = next(id);
      try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
        bind(update, 1, row);
        update.setLong(4, id);
        if (update.executeUpdate() != 1) {
          mismatches.incrementAndGet();
        }
      }
      mine.put(id, row);
    }

    private void delete(Connection connection, int index) throws SQLException {
      long id = ids.get(index);
      try (PreparedStatement delete = connection.prepareStatement(DELETE)) {
        delete.setString(1, mine.get(id).ssn());
        if (delete.executeUpdate() != 1) {
          mismatches.incrementAndGet();
        }
      }
      mine.remove(id);
      ids.set(index, ids.get(ids.size() - 1));
      ids.remove(ids.size() - 1);
    }

    /**
     * SQL built with an inline id, as some applications do: a new text each time, which the plan
     * cache has to evict rather than keep.
     */
    private void adHoc(Connection connection, long id) throws SQLException {
      try (Statement select = connection.createStatement();
          ResultSet rows =
              select.executeQuery("SELECT ssn, owner FROM soak_rows WHERE id = " + id)) {
        boolean matches =
            rows.next()
                && mine.get(id).ssn().equals(rows.getString(1))
                && rows.getInt(2) == owner
                && !rows.next();
        if (!matches) {
          mismatches.incrementAndGet();
        }
      }
    }

    private static void bind(PreparedStatement statement, int first, Row row) throws SQLException {
      statement.setString(first, row.ssn());
      statement.setDate(first + 1, Date.valueOf(row.dob()));
      statement.setBigDecimal(first + 2, row.balance());
    }
  }

  /** The whole table, decrypted in one pass, is exactly the union of the threads' models. */
  private static void assertTableHolds(HikariDataSource pool, Map<Integer, Map<Long, Row>> written)
      throws SQLException {
    Map<Long, Row> expected = new HashMap<>();
    written.values().forEach(expected::putAll);
    Map<Long, Row> actual = new HashMap<>();
    try (Connection connection = pool.getConnection();
        Statement select = connection.createStatement();
        ResultSet rows = select.executeQuery("SELECT id, ssn, dob, balance FROM soak_rows")) {
      while (rows.next()) {
        actual.put(
            rows.getLong(1),
            new Row(
                rows.getString(2),
                rows.getObject(3, LocalDate.class),
                rows.getBigDecimal(4).stripTrailingZeros()));
      }
    }
    expected.replaceAll(
        (id, row) -> new Row(row.ssn(), row.dob(), row.balance().stripTrailingZeros()));
    assertThat(actual).isEqualTo(expected);
  }

  private static long usedHeapAfterGc(MemoryMXBean memory) {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
