package dev.veil.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.driver.DifferentialGrammar.ArrayValue;
import dev.veil.driver.DifferentialGrammar.Column;
import dev.veil.driver.DifferentialGrammar.Generated;
import dev.veil.driver.DifferentialGrammar.Null;
import dev.veil.driver.DifferentialGrammar.Shape;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Veil against plain JDBC on one seeded, generated workload. The same schema lives in two H2
 * databases: a plain one with ordinary column types, read and written with H2 alone, and an
 * encrypted one whose protected columns are VARBINARY, read and written only through Veil (over
 * {@link CapturingDriver}). Both get the same data and then the same statements from {@link
 * DifferentialGrammar}, which only produces shapes the SQL support spec says Veil serves; so every
 * refusal, error or difference is a finding. The seed is in every failure message; rerun one with
 * {@code -Dveil.differential.seed=N} (and {@code -Dveil.differential.statements=N}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DifferentialTest {
  private static final long DEFAULT_SEED = 20_250_611L;
  private static final int DEFAULT_STATEMENTS = 400;

  private static final String POLICY =
      """
      version: 1
      tables:
        patients:
          columns:
            ssn:  { encrypt: deterministic, type: string, key: pii, storage: binary, group: ssn }
            mrn:  { encrypt: deterministic, type: long,   key: pii, storage: binary }
            name: { encrypt: randomized,    type: string, key: pii, storage: binary }
        claims:
          columns:
            patient_ssn: { encrypt: deterministic, type: string, key: pii, storage: binary, group: ssn }
            code:        { encrypt: deterministic, type: string, key: pii, storage: binary }
      """;

  private static final String PLAIN_SCHEMA =
      "CREATE TABLE patients (id INT PRIMARY KEY, ssn VARCHAR(40), mrn BIGINT, name VARCHAR(60),"
          + " city VARCHAR(40));"
          + "CREATE TABLE claims (id INT PRIMARY KEY, patient_ssn VARCHAR(40), amount INT,"
          + " code VARCHAR(20))";

  private static final String ENCRYPTED_SCHEMA =
      "CREATE TABLE patients (id INT PRIMARY KEY, ssn VARBINARY(200), mrn VARBINARY(200),"
          + " name VARBINARY(200), city VARCHAR(40));"
          + "CREATE TABLE claims (id INT PRIMARY KEY, patient_ssn VARBINARY(200), amount INT,"
          + " code VARBINARY(200))";

  /** SQLStates of the analyzer's refusals (refused operation, refused syntax, ambiguous column). */
  private static final Set<String> REFUSAL_STATES = Set.of("42V01", "42601", "42702");

  /**
   * The formats of protected plaintext. No plain value, identifier or keyword has them, so any
   * match in SQL text or in a bound string is a leak; in ciphertext bytes only an exact known value
   * counts, since random bytes may spell a short match by chance.
   */
  private static final Pattern PROTECTED_TEXT =
      Pattern.compile(
          "ssn-\\d{3}-\\d{2}-\\d{4}|code-[A-Z]\\d{2}|name-[A-Z][a-z]+-\\d{1,2}|(?<!\\d)7\\d{9}(?!\\d)");

  enum Kind {
    REFUSED,
    VEIL_ERROR,
    DIFFERENT_RESULT,
    DIFFERENT_UPDATE_COUNT,
    DIFFERENT_TABLE_CONTENTS,
    PLAIN_REJECTED
  }

  private record Failure(Generated statement, Kind kind, String detail) {}

  /** Everything the delegate received from {@code from} on (inclusive) until the next span. */
  private record Span(int from, String activity) {}

  private record Outcome(List<List<Object>> rows, int columns, Integer count, Exception error) {
    static Outcome failed(Exception error) {
      return new Outcome(null, 0, null, error);
    }
  }

  private long seed;
  private int statementCount;
  private Connection plain;
  private Connection encryptedRaw;
  private Connection veil;
  private DifferentialGrammar grammar;
  private final List<Generated> generated = new ArrayList<>();
  private final List<Failure> failures = new ArrayList<>();
  private final List<Span> spans = new ArrayList<>();
  private List<Object> sent;
  private int queries;
  private int queriesReturningRows;
  private int writes;
  private int writesChangingRows;

  @BeforeAll
  void runTheWorkloadOnBothDatabases(@TempDir Path dir) throws Exception {
    seed = Long.getLong("veil.differential.seed", DEFAULT_SEED);
    statementCount = Integer.getInteger("veil.differential.statements", DEFAULT_STATEMENTS);
    CapturingDriver.register();
    TestSetup setup = new TestSetup(dir);
    Files.writeString(setup.policy, POLICY);

    // No DB_CLOSE_DELAY: each in-memory database lives as long as its first connection here.
    plain = DriverManager.getConnection("jdbc:h2:mem:plain-" + UUID.randomUUID());
    String encrypted = "h2:mem:encrypted-" + UUID.randomUUID();
    encryptedRaw = DriverManager.getConnection("jdbc:" + encrypted);
    try (Statement ddl = plain.createStatement()) {
      ddl.execute(PLAIN_SCHEMA);
    }
    try (Statement ddl = encryptedRaw.createStatement()) {
      ddl.execute(ENCRYPTED_SCHEMA);
    }
    CapturingDriver.SENT.clear();
    veil =
        DriverManager.getConnection(
            "jdbc:veil:capture:" + encrypted,
            CapturingDriver.allowingPlaintext(setup.properties()));

    grammar = new DifferentialGrammar(seed, new PlainDatabase());
    span("loading the data");
    List<List<Object>> patients = grammar.patients.stream().map(p -> p.row()).toList();
    List<List<Object>> claims = grammar.claims.stream().map(c -> c.row()).toList();
    insert(plain, "patients", patients);
    insert(plain, "claims", claims);
    insert(veil, "patients", patients);
    insert(veil, "claims", claims);
    plain.setAutoCommit(false);

    for (int i = 1; i <= statementCount; i++) {
      Generated statement = grammar.next(i);
      generated.add(statement);
      run(statement);
    }
    span("end");
    sent = List.copyOf(CapturingDriver.SENT);
  }

  @AfterAll
  void closeTheDatabases() throws SQLException {
    CapturingDriver.SENT.clear();
    for (Connection connection : new Connection[] {veil, plain, encryptedRaw}) {
      if (connection != null) {
        connection.close();
      }
    }
  }

  @Test
  void veilAnswersLikePlainJdbcOnGeneratedStatements() {
    assertThat(generated).hasSize(statementCount);
    assertThat(failures.stream().filter(f -> f.kind() == Kind.PLAIN_REJECTED))
        .withFailMessage(
            () ->
                "the grammar produced SQL that plain H2 rejects (a bug in the test):\n" + report())
        .isEmpty();
    // Statements that match nothing would agree whatever Veil did.
    assertThat(queriesReturningRows)
        .withFailMessage(() -> "too few generated queries return rows:\n" + report())
        .isGreaterThan(queries / 2);
    assertThat(writesChangingRows)
        .withFailMessage(() -> "too few generated writes change rows:\n" + report())
        .isGreaterThan(writes / 2);
    assertThat(failures).withFailMessage(this::report).isEmpty();
  }

  @Test
  void delegateNeverReceivesProtectedPlaintext() {
    // The capture works: the data went through Veil, so its inserts reached the delegate.
    assertThat(sent)
        .anyMatch(s -> s instanceof String sql && sql.startsWith("INSERT INTO patients"));
    List<String> leaks = new ArrayList<>();
    int span = 0;
    for (int i = 0; i < sent.size(); i++) {
      while (span + 1 < spans.size() && spans.get(span + 1).from() <= i) {
        span++;
      }
      String leak = leak(sent.get(i));
      if (leak != null) {
        leaks.add(leak + " while " + spans.get(span).activity());
      }
    }
    assertThat(leaks)
        .withFailMessage(
            () ->
                leaks.size()
                    + " protected plaintexts reached the delegate driver ("
                    + seedNote()
                    + "), first ones:\n  "
                    + leaks.stream().limit(20).collect(Collectors.joining("\n  ")))
        .isEmpty();
  }

  // ------------------------------------------------------------------ running

  private void run(Generated statement) throws SQLException {
    int before = CapturingDriver.SENT.size();
    span("running " + statement.describe());
    Outcome viaVeil = execute(veil, statement);
    boolean reachedDelegate = CapturingDriver.SENT.size() > before;
    // Plain H2 runs every statement, even those Veil fails on, so that the grammar's SQL is
    // checked too; its writes are rolled back unless Veil's succeeded.
    Outcome viaPlain = execute(plain, statement);
    if (viaPlain.error() != null) {
      plain.rollback();
      failures.add(new Failure(statement, Kind.PLAIN_REJECTED, describe(viaPlain.error())));
      if (statement.write() && reachedDelegate) {
        resynchronise(statement);
      }
      return;
    }
    if (statement.write()) {
      writes++;
      writesChangingRows += viaPlain.count() > 0 ? 1 : 0;
    } else {
      queries++;
      queriesReturningRows += viaPlain.rows().isEmpty() ? 0 : 1;
    }
    if (viaVeil.error() != null) {
      plain.rollback();
      Exception error = viaVeil.error();
      boolean refused =
          !reachedDelegate
              && error instanceof SQLException e
              && REFUSAL_STATES.contains(e.getSQLState());
      failures.add(
          new Failure(statement, refused ? Kind.REFUSED : Kind.VEIL_ERROR, describe(error)));
      if (statement.write() && reachedDelegate) {
        // A write that failed after reaching the database may have changed part of it.
        resynchronise(statement);
      }
      return;
    }
    plain.commit();
    if (!statement.write()) {
      String difference = compare(viaPlain, viaVeil, statement.ordered());
      if (difference != null) {
        failures.add(new Failure(statement, Kind.DIFFERENT_RESULT, difference));
      }
      return;
    }
    if (!viaPlain.count().equals(viaVeil.count())) {
      failures.add(
          new Failure(
              statement,
              Kind.DIFFERENT_UPDATE_COUNT,
              "plain JDBC updated " + viaPlain.count() + " rows, Veil " + viaVeil.count()));
    }
    span("reading the tables after " + statement.describe());
    for (String table : DifferentialGrammar.TABLES.keySet()) {
      Outcome expected = contents(plain, table);
      Outcome actual = contents(veil, table);
      String difference =
          actual.error() != null
              ? "cannot read " + table + " through Veil: " + describe(actual.error())
              : compare(expected, actual, true);
      if (difference != null) {
        failures.add(
            new Failure(statement, Kind.DIFFERENT_TABLE_CONTENTS, table + ": " + difference));
        resynchronise(statement);
        return;
      }
    }
  }

  private static Outcome execute(Connection connection, Generated statement) {
    try {
      if (statement.prepared()) {
        try (PreparedStatement prepared = connection.prepareStatement(statement.sql())) {
          bind(connection, prepared, statement.params());
          if (statement.write()) {
            return new Outcome(null, 0, prepared.executeUpdate(), null);
          }
          return read(prepared.executeQuery());
        }
      }
      try (Statement plainStatement = connection.createStatement()) {
        if (statement.write()) {
          return new Outcome(null, 0, plainStatement.executeUpdate(statement.sql()), null);
        }
        return read(plainStatement.executeQuery(statement.sql()));
      }
    } catch (SQLException | RuntimeException e) {
      // A bug in Veil may surface as any exception; record it and go on with the workload.
      return Outcome.failed(e);
    }
  }

  private static void bind(Connection connection, PreparedStatement statement, List<Object> params)
      throws SQLException {
    for (int i = 0; i < params.size(); i++) {
      Object value = params.get(i);
      if (value instanceof Null nul) {
        statement.setNull(i + 1, nul.sqlType());
      } else if (value instanceof ArrayValue array) {
        statement.setArray(i + 1, connection.createArrayOf(array.typeName(), array.elements()));
      } else {
        statement.setObject(i + 1, value);
      }
    }
  }

  private static Outcome read(ResultSet resultSet) throws SQLException {
    try (ResultSet rs = resultSet) {
      int columns = rs.getMetaData().getColumnCount();
      List<List<Object>> rows = new ArrayList<>();
      while (rs.next()) {
        List<Object> row = new ArrayList<>(columns);
        for (int i = 1; i <= columns; i++) {
          row.add(normalise(rs.getObject(i)));
        }
        rows.add(row);
      }
      return new Outcome(rows, columns, null, null);
    }
  }

  private static Outcome contents(Connection connection, String table) {
    String columns =
        DifferentialGrammar.TABLES.get(table).stream()
            .map(Column::name)
            .collect(Collectors.joining(", "));
    try (Statement statement = connection.createStatement()) {
      return read(statement.executeQuery("SELECT " + columns + " FROM " + table + " ORDER BY id"));
    } catch (SQLException | RuntimeException e) {
      return Outcome.failed(e);
    }
  }

  /** The grammar's view of the current data: the plain database, which is the reference. */
  private final class PlainDatabase implements DifferentialGrammar.Database {
    @Override
    public int maxId(String table) {
      try (Statement statement = plain.createStatement();
          ResultSet rs = statement.executeQuery("SELECT COALESCE(MAX(id), 0) FROM " + table)) {
        rs.next();
        return rs.getInt(1);
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public List<Object> values(Column column) {
      String sql =
          "SELECT DISTINCT "
              + column.name()
              + " FROM "
              + column.table()
              + " WHERE "
              + column.name()
              + " IS NOT NULL ORDER BY 1";
      List<Object> values = new ArrayList<>();
      try (Statement statement = plain.createStatement();
          ResultSet rs = statement.executeQuery(sql)) {
        while (rs.next()) {
          values.add(rs.getObject(1));
        }
        return values;
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static void insert(Connection connection, String table, List<List<Object>> rows)
      throws SQLException {
    List<Column> columns = DifferentialGrammar.TABLES.get(table);
    String sql =
        "INSERT INTO "
            + table
            + " ("
            + columns.stream().map(Column::name).collect(Collectors.joining(", "))
            + ") VALUES ("
            + columns.stream().map(c -> "?").collect(Collectors.joining(", "))
            + ")";
    try (PreparedStatement insert = connection.prepareStatement(sql)) {
      for (List<Object> row : rows) {
        for (int i = 0; i < columns.size(); i++) {
          Object value = row.get(i);
          if (value == null) {
            insert.setNull(i + 1, columns.get(i).sqlType());
          } else {
            insert.setObject(i + 1, value);
          }
        }
        insert.executeUpdate();
      }
    }
  }

  /**
   * Makes the encrypted database hold what the plain one holds, so that one divergent write does
   * not turn every later comparison into a failure.
   */
  private void resynchronise(Generated after) throws SQLException {
    span("copying the plain tables into the encrypted database after " + after.describe());
    try (Statement statement = encryptedRaw.createStatement()) {
      statement.executeUpdate("DELETE FROM claims");
      statement.executeUpdate("DELETE FROM patients");
    }
    for (String table : DifferentialGrammar.TABLES.keySet()) {
      insert(veil, table, contents(plain, table).rows());
    }
  }

  private void span(String activity) {
    spans.add(new Span(CapturingDriver.SENT.size(), activity));
  }

  // ---------------------------------------------------------------- comparing

  /** One Java value per SQL value, so that equal values compare equal whatever their class. */
  static Object normalise(Object value) throws SQLException {
    if (value == null) {
      return null;
    }
    if (value instanceof Byte || value instanceof Short || value instanceof Integer) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger big) {
      return normalise(new BigDecimal(big));
    }
    if (value instanceof BigDecimal decimal) {
      BigDecimal stripped = decimal.stripTrailingZeros();
      try {
        return stripped.longValueExact();
      } catch (ArithmeticException notWhole) {
        return stripped;
      }
    }
    if (value instanceof Float f) {
      return f.doubleValue();
    }
    if (value instanceof java.sql.Date date) {
      return date.toLocalDate();
    }
    if (value instanceof Timestamp timestamp) {
      return timestamp.toLocalDateTime();
    }
    if (value instanceof Time time) {
      return time.toLocalTime();
    }
    if (value instanceof byte[] bytes) {
      return "bytes:" + HexFormat.of().formatHex(bytes);
    }
    if (value instanceof Clob clob) {
      return clob.getSubString(1, (int) clob.length());
    }
    if (value instanceof Array array) {
      List<Object> elements = new ArrayList<>();
      for (Object element : (Object[]) array.getArray()) {
        elements.add(normalise(element));
      }
      return elements;
    }
    return value;
  }

  /** {@code null} when equal; otherwise what differs, for the report. */
  private static String compare(Outcome plainOutcome, Outcome veilOutcome, boolean ordered) {
    if (plainOutcome.columns() != veilOutcome.columns()) {
      return "plain JDBC returned "
          + plainOutcome.columns()
          + " columns, Veil "
          + veilOutcome.columns();
    }
    List<List<Object>> expected = plainOutcome.rows();
    List<List<Object>> actual = veilOutcome.rows();
    if (ordered ? expected.equals(actual) : counts(expected).equals(counts(actual))) {
      return null;
    }
    Map<List<Object>, Integer> missing = counts(expected);
    Map<List<Object>, Integer> extra = counts(actual);
    for (List<Object> row : actual) {
      missing.computeIfPresent(row, (r, n) -> n == 1 ? null : n - 1);
    }
    for (List<Object> row : expected) {
      extra.computeIfPresent(row, (r, n) -> n == 1 ? null : n - 1);
    }
    if (missing.isEmpty() && extra.isEmpty()) {
      return "same rows in a different order; plain JDBC "
          + abbreviate(expected)
          + ", Veil "
          + abbreviate(actual);
    }
    return expected.size()
        + " rows from plain JDBC, "
        + actual.size()
        + " from Veil; only plain JDBC "
        + abbreviate(missing)
        + ", only Veil "
        + abbreviate(extra);
  }

  private static Map<List<Object>, Integer> counts(List<List<Object>> rows) {
    Map<List<Object>, Integer> counts = new HashMap<>();
    for (List<Object> row : rows) {
      counts.merge(row, 1, Integer::sum);
    }
    return counts;
  }

  private static String abbreviate(List<List<Object>> rows) {
    return rows.stream().limit(5).map(Object::toString).collect(Collectors.joining(" ", "", ""))
        + (rows.size() > 5 ? " ... (" + rows.size() + " rows)" : "");
  }

  private static String abbreviate(Map<List<Object>, Integer> rows) {
    return rows.entrySet().stream()
            .limit(5)
            .map(e -> e.getKey() + (e.getValue() > 1 ? " x" + e.getValue() : ""))
            .collect(Collectors.joining(" "))
        + (rows.size() > 5 ? " ... (" + rows.size() + " distinct rows)" : "");
  }

  private static String describe(Exception error) {
    String state = error instanceof SQLException e ? e.getSQLState() + " " : "";
    return state + error.getClass().getSimpleName() + ": " + error.getMessage();
  }

  // ------------------------------------------------------------------- leaks

  /** What of a protected plaintext this value carries to the delegate, or {@code null}. */
  private String leak(Object value) {
    if (value instanceof String text) {
      Matcher matcher = PROTECTED_TEXT.matcher(text);
      return matcher.find() ? "'" + matcher.group() + "' in " + abbreviate(text) : null;
    }
    if (value instanceof byte[] bytes) {
      Matcher matcher = PROTECTED_TEXT.matcher(new String(bytes, StandardCharsets.ISO_8859_1));
      while (matcher.find()) {
        if (grammar.protectedStrings().contains(matcher.group())) {
          return "'" + matcher.group() + "' in bound bytes";
        }
      }
      // An MRN sent as its canonical encoding (8 bytes big-endian) but not encrypted.
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      for (int i = 0; i + Long.BYTES <= bytes.length; i++) {
        if (grammar.protectedLongs().contains(buffer.getLong(i))) {
          return "MRN " + buffer.getLong(i) + " encoded in bound bytes";
        }
      }
      return null;
    }
    if (value instanceof Long || value instanceof BigDecimal || value instanceof BigInteger) {
      long number = ((Number) value).longValue();
      return grammar.protectedLongs().contains(number)
          ? "MRN " + number + " bound as a number"
          : null;
    }
    if (value instanceof Array array) {
      try {
        for (Object element : (Object[]) array.getArray()) {
          String leak = leak(element);
          if (leak != null) {
            return leak + " (an array element)";
          }
        }
        return null;
      } catch (SQLException e) {
        return leak(String.valueOf(array));
      }
    }
    return value == null || value instanceof Number ? null : leak(String.valueOf(value));
  }

  private static String abbreviate(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "...";
  }

  // ------------------------------------------------------------------ report

  /** The message without the SQL that H2 appends, so that one cause makes one group. */
  private static String reason(String detail) {
    int sql = detail.indexOf("; SQL statement:");
    String reason = sql < 0 ? detail : detail.substring(0, sql);
    int line = reason.indexOf('\n');
    return line < 0 ? reason : reason.substring(0, line);
  }

  private String seedNote() {
    return "seed " + seed + "; rerun with -Dveil.differential.seed=" + seed;
  }

  private String report() {
    StringBuilder report = new StringBuilder();
    long failing = failures.stream().map(Failure::statement).distinct().count();
    report
        .append("Veil and plain JDBC disagree on ")
        .append(failing)
        .append(" of ")
        .append(generated.size())
        .append(" generated statements (")
        .append(seedNote())
        .append(")\nOn plain JDBC, ")
        .append(queriesReturningRows)
        .append(" of ")
        .append(queries)
        .append(" queries return rows and ")
        .append(writesChangingRows)
        .append(" of ")
        .append(writes)
        .append(" writes change rows.\n\n");
    Map<Shape, Map<Kind, Integer>> byShape = new EnumMap<>(Shape.class);
    Map<Shape, Integer> total = new EnumMap<>(Shape.class);
    for (Generated statement : generated) {
      total.merge(statement.shape(), 1, Integer::sum);
    }
    for (Failure failure : failures) {
      byShape
          .computeIfAbsent(failure.statement().shape(), s -> new EnumMap<>(Kind.class))
          .merge(failure.kind(), 1, Integer::sum);
    }
    report.append(String.format("%-16s %9s %6s", "shape", "generated", "agree"));
    for (Kind kind : Kind.values()) {
      report.append(String.format(" %s", kind.name().toLowerCase().replace('_', '-')));
    }
    report.append('\n');
    for (Shape shape : Shape.values()) {
      Map<Kind, Integer> kinds = byShape.getOrDefault(shape, Map.of());
      int n = total.getOrDefault(shape, 0);
      long bad =
          failures.stream()
              .filter(f -> f.statement().shape() == shape)
              .map(Failure::statement)
              .distinct()
              .count();
      report.append(String.format("%-16s %9d %6d", shape, n, n - bad));
      for (Kind kind : Kind.values()) {
        int width = kind.name().length();
        report.append(String.format(" %" + width + "d", kinds.getOrDefault(kind, 0)));
      }
      report.append('\n');
    }
    Map<String, List<Failure>> byReason = new LinkedHashMap<>();
    for (Failure failure : failures) {
      String reason =
          failure.kind() == Kind.REFUSED || failure.kind() == Kind.VEIL_ERROR
              ? failure.kind() + " " + reason(failure.detail())
              : failure.kind() + " in " + failure.statement().shape();
      byReason.computeIfAbsent(reason, r -> new ArrayList<>()).add(failure);
    }
    report.append("\nBy reason (count, reason, first statements):\n");
    byReason.entrySet().stream()
        .sorted((a, b) -> b.getValue().size() - a.getValue().size())
        .limit(40)
        .forEach(
            entry -> {
              report.append(String.format("%4d x %s%n", entry.getValue().size(), entry.getKey()));
              for (Failure failure :
                  entry.getValue().subList(0, Math.min(2, entry.getValue().size()))) {
                report.append("       ").append(failure.statement().describe()).append('\n');
                if (failure.kind() != Kind.REFUSED) {
                  report.append("         ").append(failure.detail()).append('\n');
                }
              }
            });
    return report.toString();
  }
}
