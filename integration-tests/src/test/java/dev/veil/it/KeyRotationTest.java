package dev.veil.it;

import static dev.veil.it.KeyringFixture.lookupWidth;
import static dev.veil.it.KeyringFixture.sentSqlExpression;
import static dev.veil.it.KeyringFixture.storedKeyId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.veil.keys.Keyring;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 4, rotation: {@code veil keys rotate} while the application runs, lookups across key
 * versions, and retiring old versions after re-encryption, on real PostgreSQL and MariaDB.
 */
class KeyRotationTest {
  private static final String POLICY =
      """
      version: 1
      tables:
        rot_load:
          columns:
            ssn:  { encrypt: deterministic, type: string, key: pii }
            note: { encrypt: randomized,    type: string, key: pii }
        rot_widen:
          columns:
            ssn:  { encrypt: deterministic, type: string, key: pii }
            note: { encrypt: randomized,    type: string, key: pii }
        rot_retire:
          columns:
            ssn:  { encrypt: deterministic, type: string, key: pii }
            note: { encrypt: randomized,    type: string, key: pii }
        rot_held:
          columns:
            ssn:  { encrypt: deterministic, type: string, key: pii }
            note: { encrypt: randomized,    type: string, key: pii }
        rot_instances:
          columns:
            ssn:  { encrypt: deterministic, type: string, key: pii }
            note: { encrypt: randomized,    type: string, key: pii }
        rot_group:
          columns:
            ssn:  { encrypt: deterministic, type: string, key: pii }
            note: { encrypt: randomized,    type: string, key: pii }
      """;

  private static final String TTL = "200ms";

  /** How long after a rotation every open connection has surely refreshed its keys. */
  private static final Duration SETTLED = Duration.ofMillis(1000);

  /** How long the load keeps running once the rotation has settled. */
  private static final Duration RUN = Duration.ofSeconds(2);

  private static void createTable(Database database, String table) throws SQLException {
    KeyringFixture.recreate(
        database, table, "id INT PRIMARY KEY, ssn VARCHAR(1000), note " + database.binaryType);
    try (Connection raw = database.raw();
        Statement sentinel = raw.createStatement()) {
      sentinel.execute("INSERT INTO " + table + " (id) VALUES (0)");
    }
  }

  private static String ssn(int id) {
    return String.format("%03d-%02d-%04d", 100 + (id * 7) % 900, (id * 13) % 100, id);
  }

  private static String note(int id) {
    return "note of row " + id;
  }

  private static void insert(Connection connection, String table, int id) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement("INSERT INTO " + table + " (id, ssn, note) VALUES (?, ?, ?)")) {
      insert.setInt(1, id);
      insert.setString(2, ssn(id));
      insert.setString(3, note(id));
      assertThat(insert.executeUpdate()).isEqualTo(1);
    }
  }

  /** One equality lookup and the SQL the database received for it. */
  private record Lookup(List<Integer> ids, List<String> notes, String sent) {}

  /**
   * Looks rows up by {@code ssn}. The statement also returns the sentinel row 0, so that the SQL
   * the database received can be read even when no row matches.
   */
  private static Lookup lookup(Connection connection, Database database, String table, String ssn)
      throws SQLException {
    // MariaDB's processlist now and then shows no statement text for the running connection
    // (seen once in CI under load); the rows are right then, only the evidence is missing.
    for (int attempt = 1; ; attempt++) {
      Lookup lookup = lookupOnce(connection, database, table, ssn);
      if (lookup.sent() != null || attempt == 3) {
        assertThat(lookup.sent()).as("the sentinel row 0").isNotNull();
        return lookup;
      }
    }
  }

  private static Lookup lookupOnce(
      Connection connection, Database database, String table, String ssn) throws SQLException {
    try (PreparedStatement find =
        connection.prepareStatement(
            "SELECT id, note, "
                + sentSqlExpression(database)
                + " AS sent FROM "
                + table
                + " WHERE ssn = ? OR id = 0 ORDER BY id")) {
      find.setString(1, ssn);
      List<Integer> ids = new ArrayList<>();
      List<String> notes = new ArrayList<>();
      String sent = null;
      try (ResultSet results = find.executeQuery()) {
        while (results.next()) {
          sent = results.getString("sent");
          if (results.getInt("id") != 0) {
            ids.add(results.getInt("id"));
            notes.add(results.getString("note"));
          }
        }
      }
      return new Lookup(ids, notes, sent);
    }
  }

  private static List<Integer> ids(ResultSet results) throws SQLException {
    try (results) {
      List<Integer> ids = new ArrayList<>();
      while (results.next()) {
        ids.add(results.getInt(1));
      }
      return ids;
    }
  }

  /** The key ids the raw stored values of {@code column} name, by row id. */
  private static Map<Integer, Long> storedKeyIds(Database database, String table, String column)
      throws SQLException {
    Map<Integer, Long> keyIds = new TreeMap<>();
    try (Connection raw = database.raw();
        Statement select = raw.createStatement();
        ResultSet results =
            select.executeQuery("SELECT id, " + column + " FROM " + table + " WHERE id > 0")) {
      while (results.next()) {
        keyIds.put(results.getInt(1), storedKeyId(results.getObject(2)));
      }
    }
    return keyIds;
  }

  private static void await(String what, Duration timeout, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  /** One lookup the reader threads made during the run. */
  private record Observed(
      long startNanos, int id, List<Integer> found, List<String> notes, int width) {}

  @ParameterizedTest
  @EnumSource(
      value = Database.class,
      names = {"POSTGRESQL", "MARIADB"})
  void lookupsFindEveryRowWhileTheKeyRotatesUnderLoad(Database database) throws Exception {
    String table = "rot_load";
    createTable(database, table);
    KeyringFixture keys = KeyringFixture.create(POLICY, "pii");
    long oldDeterministic = keys.primary("pii", Keyring.DETERMINISTIC);
    long oldRandomized = keys.primary("pii", Keyring.RANDOMIZED);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(database.veilUrl());
    config.setDataSourceProperties(keys.properties(database, "veil.keyCacheTtl", TTL));
    config.setMaximumPoolSize(4);
    config.setMinimumIdle(4);
    AtomicInteger committed = new AtomicInteger();
    AtomicBoolean stop = new AtomicBoolean();
    Queue<Observed> observed = new ConcurrentLinkedQueue<>();
    Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
    ExecutorService threads = Executors.newFixedThreadPool(3);
    long rotationStart;
    long rotated;
    int lastRowBeforeRotation;
    try (HikariDataSource pool = new HikariDataSource(config)) {
      // Every connection of the pool is open before the rotation, so all of them share one
      // snapshot of the keys; connections opened after it are the subject of another test.
      await(
          "the pool to fill",
          Duration.ofSeconds(10),
          () -> pool.getHikariPoolMXBean().getTotalConnections() == 4);
      threads.submit(
          () -> {
            try {
              while (!stop.get() && committed.get() < 9_999) {
                int id = committed.get() + 1;
                try (Connection connection = pool.getConnection()) {
                  insert(connection, table, id);
                }
                committed.set(id);
              }
            } catch (Throwable e) {
              failures.add(e);
            }
          });
      for (int reader = 0; reader < 2; reader++) {
        threads.submit(
            () -> {
              try {
                while (!stop.get()) {
                  int written = committed.get();
                  if (written == 0) {
                    Thread.onSpinWait();
                    continue;
                  }
                  int id = ThreadLocalRandom.current().nextInt(1, written + 1);
                  long start = System.nanoTime();
                  Lookup lookup;
                  try (Connection connection = pool.getConnection()) {
                    lookup = lookup(connection, database, table, ssn(id));
                  }
                  observed.add(
                      new Observed(
                          start,
                          id,
                          lookup.ids(),
                          lookup.notes(),
                          lookupWidth(lookup.sent(), "ssn")));
                }
              } catch (Throwable e) {
                failures.add(e);
              }
            });
      }
      await(
          "rows and lookups before the rotation",
          Duration.ofSeconds(20),
          () -> committed.get() >= 200 && observed.size() >= 100 || !failures.isEmpty());
      lastRowBeforeRotation = committed.get();
      rotationStart = System.nanoTime();
      keys.keys("rotate", "pii");
      rotated = System.nanoTime();
      long settled = rotated + SETTLED.toNanos();
      await(
          "lookups after the rotation has settled, of rows written before and after it",
          Duration.ofSeconds(30),
          () -> {
            if (!failures.isEmpty() || committed.get() >= 9_999) {
              return true;
            }
            long oldRows = 0;
            long newRows = 0;
            for (Observed o : observed) {
              if (o.startNanos() > settled) {
                if (o.id() <= lastRowBeforeRotation) {
                  oldRows++;
                } else {
                  newRows++;
                }
              }
            }
            return oldRows >= 50 && newRows >= 50 && System.nanoTime() > settled + RUN.toNanos();
          });
      stop.set(true);
      threads.shutdown();
      assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      stop.set(true);
      threads.shutdownNow();
    }
    assertThat(failures).as("statements that failed during the run").isEmpty();
    List<Observed> misses =
        observed.stream()
            .filter(
                o -> !o.found().equals(List.of(o.id())) || !o.notes().equals(List.of(note(o.id()))))
            .toList();
    assertThat(misses)
        .as("lookups of %d that did not find exactly their row", observed.size())
        .isEmpty();

    List<Observed> before = observed.stream().filter(o -> o.startNanos() < rotationStart).toList();
    List<Observed> after =
        observed.stream().filter(o -> o.startNanos() > rotated + SETTLED.toNanos()).toList();
    assertThat(before).hasSizeGreaterThanOrEqualTo(100);
    assertThat(before)
        .as("lookups before the rotation are not widened")
        .allMatch(o -> o.width() == 1);
    assertThat(after).hasSizeGreaterThanOrEqualTo(100);
    assertThat(after)
        .as("once the key cache has refreshed, lookups match both enabled versions")
        .allMatch(o -> o.width() == 2);
    assertThat(after).anyMatch(o -> o.id() <= lastRowBeforeRotation);
    assertThat(after).anyMatch(o -> o.id() > lastRowBeforeRotation);

    long newDeterministic = keys.primary("pii", Keyring.DETERMINISTIC);
    long newRandomized = keys.primary("pii", Keyring.RANDOMIZED);
    assertThat(newDeterministic).isNotEqualTo(oldDeterministic);
    Map<Integer, Long> ssnKeys = storedKeyIds(database, table, "ssn");
    Map<Integer, Long> noteKeys = storedKeyIds(database, table, "note");
    assertThat(ssnKeys).hasSize(committed.get());
    assertThat(ssnKeys.values()).containsOnly(oldDeterministic, newDeterministic);
    assertThat(noteKeys.values()).containsOnly(oldRandomized, newRandomized);
    for (int id = 1; id <= lastRowBeforeRotation; id++) {
      assertThat(ssnKeys.get(id))
          .as("row %d, written before the rotation", id)
          .isEqualTo(oldDeterministic);
    }
    assertThat(ssnKeys.get(committed.get())).as("the last row").isEqualTo(newDeterministic);

    try (Connection connection = keys.connect(database);
        Statement select = connection.createStatement();
        ResultSet results =
            select.executeQuery("SELECT id, ssn, note FROM " + table + " WHERE id > 0")) {
      int rows = 0;
      while (results.next()) {
        int id = results.getInt(1);
        assertThat(results.getString(2)).isEqualTo(ssn(id));
        assertThat(results.getString(3)).isEqualTo(note(id));
        rows++;
      }
      assertThat(rows).isEqualTo(committed.get());
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Database.class,
      names = {"POSTGRESQL", "MARIADB"})
  void lookupsAreWidenedOnlyWhileSeveralVersionsAreEnabled(Database database) throws Exception {
    String table = "rot_widen";
    createTable(database, table);
    KeyringFixture keys = KeyringFixture.create(POLICY, "pii");
    try (Connection open = keys.connect(database, "veil.keyCacheTtl", TTL)) {
      insert(open, table, 1);
      Lookup first = lookup(open, database, table, ssn(1));
      assertThat(first.ids()).containsExactly(1);
      assertThat(lookupWidth(first.sent(), "ssn")).isEqualTo(1);

      long oldDeterministic = keys.primary("pii", Keyring.DETERMINISTIC);
      long oldRandomized = keys.primary("pii", Keyring.RANDOMIZED);
      keys.keys("rotate", "pii");
      try (Connection fresh = keys.connect(database, "veil.keyCacheTtl", TTL)) {
        insert(fresh, table, 2);
        Lookup old = lookup(fresh, database, table, ssn(1));
        assertThat(old.ids()).as("a row under the old version").containsExactly(1);
        assertThat(lookupWidth(old.sent(), "ssn")).isEqualTo(2);
        assertThat(lookup(fresh, database, table, ssn(2)).ids()).containsExactly(2);
        try (PreparedStatement in =
            fresh.prepareStatement(
                "SELECT id FROM " + table + " WHERE ssn IN (?, ?) ORDER BY id")) {
          in.setString(1, ssn(1));
          in.setString(2, ssn(2));
          assertThat(ids(in.executeQuery())).containsExactly(1, 2);
        }
        try (PreparedStatement not =
            fresh.prepareStatement("SELECT id FROM " + table + " WHERE ssn <> ? ORDER BY id")) {
          not.setString(1, ssn(1));
          assertThat(ids(not.executeQuery())).containsExactly(2);
          not.setString(1, ssn(2));
          assertThat(ids(not.executeQuery())).containsExactly(1);
        }
        try (Statement literal = fresh.createStatement()) {
          assertThat(
                  ids(
                      literal.executeQuery(
                          "SELECT id FROM " + table + " WHERE ssn = '" + ssn(1) + "'")))
              .containsExactly(1);
        }
        if (database == Database.POSTGRESQL) {
          try (PreparedStatement any =
              fresh.prepareStatement(
                  "SELECT id FROM " + table + " WHERE ssn = ANY(?) ORDER BY id")) {
            any.setArray(1, fresh.createArrayOf("varchar", new Object[] {ssn(1), ssn(2)}));
            assertThat(ids(any.executeQuery())).containsExactly(1, 2);
          }
        }
      }
      await(
          "the open connection to widen its lookups within veil.keyCacheTtl",
          Duration.ofSeconds(5),
          () -> widthOn(open, database, table, ssn(1)) == 2);
      assertThat(lookup(open, database, table, ssn(2)).ids()).containsExactly(2);

      // Re-encrypt row 1 under the new primary, then retire the old versions.
      try (PreparedStatement update =
          open.prepareStatement("UPDATE " + table + " SET ssn = ?, note = ? WHERE id = ?")) {
        update.setString(1, ssn(1));
        update.setString(2, note(1));
        update.setInt(3, 1);
        assertThat(update.executeUpdate()).isEqualTo(1);
      }
      keys.keys("retire", "pii", Long.toString(oldDeterministic), Long.toString(oldRandomized));
      try (Connection fresh = keys.connect(database, "veil.keyCacheTtl", TTL)) {
        Lookup narrowed = lookup(fresh, database, table, ssn(1));
        assertThat(narrowed.ids()).containsExactly(1);
        assertThat(lookupWidth(narrowed.sent(), "ssn"))
            .as("after the old versions are retired")
            .isEqualTo(1);
      }
      await(
          "the open connection to narrow its lookups within veil.keyCacheTtl",
          Duration.ofSeconds(5),
          () -> widthOn(open, database, table, ssn(1)) == 1);
      assertThat(lookup(open, database, table, ssn(1)).ids()).containsExactly(1);
      assertThat(lookup(open, database, table, ssn(2)).ids()).containsExactly(2);
    }
  }

  private static int widthOn(Connection connection, Database database, String table, String ssn) {
    try {
      return lookupWidth(lookup(connection, database, table, ssn).sent(), "ssn");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Database.class,
      names = {"POSTGRESQL", "MARIADB"})
  void retiringTheOldVersionsAfterReencryptionKeepsEveryRowReadableAndFound(Database database)
      throws Exception {
    String table = "rot_retire";
    createTable(database, table);
    KeyringFixture keys = KeyringFixture.create(POLICY, "pii");
    long oldDeterministic = keys.primary("pii", Keyring.DETERMINISTIC);
    long oldRandomized = keys.primary("pii", Keyring.RANDOMIZED);
    int leftBehind = 7;
    try (Connection connection = keys.connect(database)) {
      for (int id = 1; id <= 10; id++) {
        insert(connection, table, id);
      }
    }
    keys.keys("rotate", "pii");
    long newDeterministic = keys.primary("pii", Keyring.DETERMINISTIC);
    long newRandomized = keys.primary("pii", Keyring.RANDOMIZED);
    try (Connection connection = keys.connect(database)) {
      for (int id = 11; id <= 15; id++) {
        insert(connection, table, id);
      }
      // Re-encrypt through Veil: read each value and write it back under the primary.
      Map<Integer, String[]> values = new TreeMap<>();
      try (Statement select = connection.createStatement();
          ResultSet results =
              select.executeQuery("SELECT id, ssn, note FROM " + table + " WHERE id > 0")) {
        while (results.next()) {
          values.put(results.getInt(1), new String[] {results.getString(2), results.getString(3)});
        }
      }
      try (PreparedStatement update =
          connection.prepareStatement("UPDATE " + table + " SET ssn = ?, note = ? WHERE id = ?")) {
        for (Map.Entry<Integer, String[]> row : values.entrySet()) {
          if (row.getKey() == leftBehind) {
            continue;
          }
          update.setString(1, row.getValue()[0]);
          update.setString(2, row.getValue()[1]);
          update.setInt(3, row.getKey());
          update.addBatch();
        }
        assertThat(update.executeBatch()).hasSize(14);
      }
    }
    Map<Integer, Long> ssnKeys = storedKeyIds(database, table, "ssn");
    Map<Integer, Long> noteKeys = storedKeyIds(database, table, "note");
    for (int id = 1; id <= 15; id++) {
      assertThat(ssnKeys.get(id))
          .as("ssn of row %d", id)
          .isEqualTo(id == leftBehind ? oldDeterministic : newDeterministic);
      assertThat(noteKeys.get(id))
          .as("note of row %d", id)
          .isEqualTo(id == leftBehind ? oldRandomized : newRandomized);
    }

    String printed =
        keys.keys("retire", "pii", Long.toString(oldDeterministic), Long.toString(oldRandomized));
    assertThat(printed).contains("retired version pii/" + oldDeterministic);
    try (Connection connection = keys.connect(database)) {
      for (int id = 1; id <= 15; id++) {
        if (id == leftBehind) {
          continue;
        }
        Lookup found = lookup(connection, database, table, ssn(id));
        assertThat(found.ids()).as("lookup of row %d", id).containsExactly(id);
        assertThat(found.notes()).containsExactly(note(id));
        assertThat(lookupWidth(found.sent(), "ssn")).isEqualTo(1);
      }
      assertThat(lookup(connection, database, table, ssn(leftBehind)).ids())
          .as("a retired version is no longer looked up")
          .isEmpty();
      try (PreparedStatement select =
          connection.prepareStatement("SELECT ssn, note FROM " + table + " WHERE id = ?")) {
        select.setInt(1, leftBehind);
        try (ResultSet results = select.executeQuery()) {
          assertThat(results.next()).isTrue();
          assertThatThrownBy(() -> results.getString("ssn"))
              .isInstanceOf(SQLDataException.class)
              .hasMessageContaining(table + ".ssn")
              .hasMessageContaining("retired version pii/" + oldDeterministic)
              .hasMessageContaining("veil keys enable pii " + oldDeterministic)
              .hasMessageNotContaining(ssn(leftBehind))
              .extracting(e -> ((SQLException) e).getSQLState())
              .isEqualTo("22V01");
          assertThatThrownBy(() -> results.getString("note"))
              .isInstanceOf(SQLDataException.class)
              .hasMessageContaining("retired version pii/" + oldRandomized)
              .hasMessageNotContaining(note(leftBehind))
              .extracting(e -> ((SQLException) e).getSQLState())
              .isEqualTo("22V01");
        }
      }
    }

    keys.keys("enable", "pii", Long.toString(oldDeterministic), Long.toString(oldRandomized));
    try (Connection connection = keys.connect(database)) {
      Lookup back = lookup(connection, database, table, ssn(leftBehind));
      assertThat(back.ids()).as("enabled again").containsExactly(leftBehind);
      assertThat(back.notes()).containsExactly(note(leftBehind));
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Database.class,
      names = {"POSTGRESQL", "MARIADB"})
  void aLookupPreparedBeforeTheRotationKeepsFindingTheRowsOfTheVersionsItWasPreparedFor(
      Database database) throws Exception {
    String table = "rot_held";
    createTable(database, table);
    KeyringFixture keys = KeyringFixture.create(POLICY, "pii");
    try (Connection connection = keys.connect(database, "veil.keyCacheTtl", TTL);
        PreparedStatement held =
            connection.prepareStatement("SELECT id FROM " + table + " WHERE ssn = ?")) {
      insert(connection, table, 1);
      held.setString(1, ssn(1));
      assertThat(ids(held.executeQuery())).containsExactly(1);

      keys.keys("rotate", "pii");
      await(
          "the connection's key cache to pick up the rotation",
          Duration.ofSeconds(5),
          () -> widthOn(connection, database, table, ssn(1)) == 2);
      insert(connection, table, 2);
      assertThat(storedKeyIds(database, table, "ssn").get(2))
          .isEqualTo(keys.primary("pii", Keyring.DETERMINISTIC));

      List<List<Integer>> found = new ArrayList<>();
      for (int id = 1; id <= 2; id++) {
        held.setString(1, ssn(id));
        found.add(ids(held.executeQuery()));
      }
      // The statement was planned for one version: it binds that version's form (not the new
      // primary's, which would miss every older row), so rows written under the new version need
      // a statement prepared after the rotation (docs/key-management.md).
      assertThat(found)
          .as("a statement an application prepared once and keeps executing, after the rotation")
          .containsExactly(List.of(1), List.of());
      try (PreparedStatement fresh =
          connection.prepareStatement("SELECT id FROM " + table + " WHERE ssn = ?")) {
        for (int id = 1; id <= 2; id++) {
          fresh.setString(1, ssn(id));
          assertThat(ids(fresh.executeQuery())).containsExactly(id);
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Database.class,
      names = {"POSTGRESQL", "MARIADB"})
  void aConnectionOpenedBeforeTheRotationFindsRowsWrittenThroughOneOpenedAfterIt(Database database)
      throws Exception {
    String table = "rot_instances";
    createTable(database, table);
    KeyringFixture keys = KeyringFixture.create(POLICY, "pii");
    // Two connections of one pool (or two instances of one application), default key cache TTL.
    try (Connection before = keys.connect(database)) {
      insert(before, table, 1);
      assertThat(lookup(before, database, table, ssn(1)).ids()).containsExactly(1);
      keys.keys("rotate", "pii");
      try (Connection after = keys.connect(database)) {
        insert(after, table, 2);
        assertThat(lookup(after, database, table, ssn(1)).ids()).containsExactly(1);
        assertThat(lookup(after, database, table, ssn(2)).ids()).containsExactly(2);
      }
      assertThat(lookup(before, database, table, ssn(2)).ids())
          .as(
              "a row written under the new primary, looked up through a connection opened"
                  + " before the rotation")
          .containsExactly(2);
    }
  }

  /**
   * The answer of {@code query}, or the refusal Veil gave; fail-closed allows either, but never a
   * wrong answer.
   */
  private static Object answerOrRefusal(Connection connection, String query) {
    try (Statement statement = connection.createStatement();
        ResultSet results = statement.executeQuery(query)) {
      List<List<String>> rows = new ArrayList<>();
      int columns = results.getMetaData().getColumnCount();
      while (results.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(results.getString(i));
        }
        rows.add(row);
      }
      return rows;
    } catch (SQLException e) {
      return "refused " + e.getSQLState();
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Database.class,
      names = {"POSTGRESQL", "MARIADB"})
  void groupingDistinctAndJoinsOnADeterministicColumnAreRightOrRefusedWhileTwoVersionsAreEnabled(
      Database database) throws Exception {
    String table = "rot_group";
    createTable(database, table);
    KeyringFixture keys = KeyringFixture.create(POLICY, "pii");
    String same = "123-45-6789";
    try (Connection connection = keys.connect(database);
        PreparedStatement insert =
            connection.prepareStatement("INSERT INTO " + table + " (id, ssn) VALUES (?, ?)")) {
      insert.setInt(1, 1);
      insert.setString(2, same);
      insert.executeUpdate();
    }
    keys.keys("rotate", "pii");
    try (Connection connection = keys.connect(database)) {
      try (PreparedStatement insert =
          connection.prepareStatement("INSERT INTO " + table + " (id, ssn) VALUES (?, ?)")) {
        insert.setInt(1, 2);
        insert.setString(2, same);
        insert.executeUpdate();
      }
      assertThat(lookup(connection, database, table, same).ids())
          .as("both rows hold one value, under two versions")
          .containsExactly(1, 2);
      String refused = "refused 42V01";
      SoftAssertions softly = new SoftAssertions();
      softly
          .assertThat(answerOrRefusal(connection, "SELECT COUNT(DISTINCT ssn) FROM " + table))
          .as("COUNT(DISTINCT ssn)")
          .isIn(List.of(List.of("1")), refused);
      softly
          .assertThat(
              answerOrRefusal(
                  connection, "SELECT ssn, COUNT(*) FROM " + table + " WHERE id > 0 GROUP BY ssn"))
          .as("GROUP BY ssn")
          .isIn(List.of(List.of(same, "2")), refused);
      softly
          .assertThat(
              answerOrRefusal(connection, "SELECT DISTINCT ssn FROM " + table + " WHERE id > 0"))
          .as("SELECT DISTINCT ssn")
          .isIn(List.of(List.of(same)), refused);
      softly
          .assertThat(
              answerOrRefusal(
                  connection,
                  "SELECT a.id, b.id FROM "
                      + table
                      + " a JOIN "
                      + table
                      + " b ON a.ssn = b.ssn WHERE a.id < b.id"))
          .as("a join on ssn")
          .isIn(List.of(List.of("1", "2")), refused);
      softly.assertAll();
    }
  }
}
