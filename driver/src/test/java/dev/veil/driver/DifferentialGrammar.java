package dev.veil.driver;

import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The data and the statement grammar of {@link DifferentialTest}. Every statement it produces is a
 * shape the SQL support spec says Veil serves over this policy, so a refusal is a bug in Veil, not
 * in the grammar: protected columns are compared only with values of their own column or with
 * columns of their own equality group, never ordered, aggregated beyond COUNT, or fed to functions
 * other than CASE and COALESCE; randomized columns are only projected, tested for NULL, copied to
 * themselves and written.
 *
 * <p>Protected values have formats no plain value has ({@code ssn-123-45-6789}, {@code code-K07},
 * {@code name-Ada-17}, MRNs from 7000000000), so the leak check can recognise any of them.
 */
final class DifferentialGrammar {

  enum Protection {
    DETERMINISTIC,
    RANDOMIZED,
    PLAIN
  }

  /** What a column holds. Protected columns of one domain share one encryption context. */
  enum Domain {
    SSN,
    MRN,
    NAME,
    CODE,
    CITY,
    ID,
    AMOUNT
  }

  record Column(String table, String name, Domain domain, Protection protection, int sqlType) {
    boolean isProtected() {
      return protection != Protection.PLAIN;
    }
  }

  static final Column P_ID =
      new Column("patients", "id", Domain.ID, Protection.PLAIN, Types.INTEGER);
  static final Column P_SSN =
      new Column("patients", "ssn", Domain.SSN, Protection.DETERMINISTIC, Types.VARCHAR);
  static final Column P_MRN =
      new Column("patients", "mrn", Domain.MRN, Protection.DETERMINISTIC, Types.BIGINT);
  static final Column P_NAME =
      new Column("patients", "name", Domain.NAME, Protection.RANDOMIZED, Types.VARCHAR);
  static final Column P_CITY =
      new Column("patients", "city", Domain.CITY, Protection.PLAIN, Types.VARCHAR);
  static final Column C_ID = new Column("claims", "id", Domain.ID, Protection.PLAIN, Types.INTEGER);
  static final Column C_SSN =
      new Column("claims", "patient_ssn", Domain.SSN, Protection.DETERMINISTIC, Types.VARCHAR);
  static final Column C_AMOUNT =
      new Column("claims", "amount", Domain.AMOUNT, Protection.PLAIN, Types.INTEGER);
  static final Column C_CODE =
      new Column("claims", "code", Domain.CODE, Protection.DETERMINISTIC, Types.VARCHAR);

  static final List<Column> PATIENTS = List.of(P_ID, P_SSN, P_MRN, P_NAME, P_CITY);
  static final List<Column> CLAIMS = List.of(C_ID, C_SSN, C_AMOUNT, C_CODE);
  static final Map<String, List<Column>> TABLES =
      new LinkedHashMap<>(Map.of("patients", PATIENTS, "claims", CLAIMS));

  private static final List<String> CITIES =
      List.of("Lyon", "Oslo", "Porto", "Quito", "Turku", "Accra");
  private static final List<String> FIRST_NAMES =
      List.of("Ada", "Alan", "Grace", "Edsger", "Barbara", "Donald", "Frances", "Niklaus");

  /** A column as a query names it: through a qualifier (or none) and a label. */
  record Ref(String qualifier, String label, Column column) {
    String sql() {
      return qualifier == null ? label : qualifier + "." + label;
    }

    Domain domain() {
      return column.domain();
    }

    boolean isProtected() {
      return column.isProtected();
    }

    boolean isDeterministic() {
      return column.protection() == Protection.DETERMINISTIC;
    }

    boolean isRandomized() {
      return column.protection() == Protection.RANDOMIZED;
    }
  }

  /** A NULL bound with {@code setNull}. */
  record Null(int sqlType) {}

  /** A {@code java.sql.Array} parameter, created on each connection from these elements. */
  record ArrayValue(String typeName, Object[] elements) {
    @Override
    public String toString() {
      return typeName + List.of(elements);
    }
  }

  /** SQL text and the values its placeholders take, in text order. */
  record Fragment(String sql, List<Object> params) {
    static final Fragment EMPTY = new Fragment("", List.of());

    static Fragment of(Object... parts) {
      StringBuilder sql = new StringBuilder();
      List<Object> params = new ArrayList<>();
      for (Object part : parts) {
        if (part instanceof Fragment fragment) {
          sql.append(fragment.sql);
          params.addAll(fragment.params);
        } else {
          sql.append(part);
        }
      }
      return new Fragment(sql.toString(), List.copyOf(params));
    }

    static Fragment join(String separator, List<Fragment> parts) {
      List<Object> pieces = new ArrayList<>();
      for (int i = 0; i < parts.size(); i++) {
        if (i > 0) {
          pieces.add(separator);
        }
        pieces.add(parts.get(i));
      }
      return of(pieces.toArray());
    }
  }

  enum Shape {
    SELECT_WHERE(15),
    JOIN(10),
    DISTINCT(6),
    GROUP_BY(8),
    DERIVED_TABLE(6),
    CTE(6),
    IN_SUBQUERY(7),
    EXISTS(5),
    SET_OPERATION(8),
    CASE_COALESCE(7),
    ANY_ARRAY(3),
    UPDATE(7),
    DELETE(4),
    INSERT_SELECT(5),
    INSERT_VALUES(3);

    final int weight;

    Shape(int weight) {
      this.weight = weight;
    }

    boolean isWrite() {
      return this == UPDATE || this == DELETE || this == INSERT_SELECT || this == INSERT_VALUES;
    }
  }

  /**
   * One generated statement. {@code ordered}: the result has a total order on plain columns and is
   * compared as a list. {@code prepared}: run as a PreparedStatement (always when it has
   * parameters), otherwise through a plain Statement.
   */
  record Generated(
      int number, Shape shape, String sql, List<Object> params, boolean ordered, boolean prepared) {
    boolean write() {
      return shape.isWrite();
    }

    String describe() {
      return "#"
          + number
          + " "
          + shape
          + (prepared ? "" : " (Statement)")
          + ": "
          + sql
          + (params.isEmpty() ? "" : "  params " + params);
    }
  }

  /** What the grammar needs to know about the current data: read from the plain database. */
  interface Database {
    int maxId(String table);

    /** The distinct non-NULL values the column holds now. */
    List<Object> values(Column column);
  }

  record Patient(int id, String ssn, Long mrn, String name, String city) {
    List<Object> row() {
      return Arrays.asList(id, ssn, mrn, name, city);
    }
  }

  record Claim(int id, String patientSsn, Integer amount, String code) {
    List<Object> row() {
      return Arrays.asList(id, patientSsn, amount, code);
    }
  }

  private final Random random;
  private final Database database;
  private final Map<Domain, List<Object>> pool = new LinkedHashMap<>();
  private final Set<String> protectedStrings = new HashSet<>();
  private final Set<Long> protectedLongs = new HashSet<>();
  final List<Patient> patients = new ArrayList<>();
  final List<Claim> claims = new ArrayList<>();

  /** Set by a shape when its result has a total order. */
  private boolean ordered;

  DifferentialGrammar(long seed, Database database) {
    this.random = new Random(seed);
    this.database = database;
    createData();
  }

  /** Every protected string plaintext in the data or in any generated statement so far. */
  Set<String> protectedStrings() {
    return Collections.unmodifiableSet(protectedStrings);
  }

  /** Every MRN (protected long) in the data or in any generated statement so far. */
  Set<Long> protectedLongs() {
    return Collections.unmodifiableSet(protectedLongs);
  }

  // ------------------------------------------------------------------ data

  /**
   * Few distinct values per column so that duplicates, NULLs, orphan claims (an SSN no patient has)
   * and patients without claims make DISTINCT, GROUP BY, outer joins and NOT IN matter.
   */
  private void createData() {
    List<Object> ssns = new ArrayList<>();
    for (int i = 0; i < 36; i++) {
      ssns.add(fresh(Domain.SSN));
    }
    List<Object> mrns = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      mrns.add(fresh(Domain.MRN));
    }
    List<Object> names = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      names.add(fresh(Domain.NAME));
    }
    List<Object> codes = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      codes.add(fresh(Domain.CODE));
    }
    pool.put(Domain.SSN, ssns);
    pool.put(Domain.MRN, mrns);
    pool.put(Domain.NAME, names);
    pool.put(Domain.CODE, codes);
    pool.put(Domain.CITY, new ArrayList<>(CITIES));
    for (int id = 1; id <= 60; id++) {
      patients.add(
          new Patient(
              id,
              percent(8) ? null : (String) ssns.get(random.nextInt(30)),
              percent(10) ? null : (Long) pick(mrns),
              percent(10) ? null : (String) pick(names),
              percent(10) ? null : pick(CITIES)));
    }
    for (int id = 1; id <= 150; id++) {
      String ssn =
          percent(10)
              ? null
              : (String) ssns.get(percent(11) ? 30 + random.nextInt(6) : random.nextInt(30));
      claims.add(
          new Claim(
              id,
              ssn,
              percent(5) ? null : 1 + random.nextInt(1000),
              percent(8) ? null : (String) pick(codes)));
    }
  }

  private Object fresh(Domain domain) {
    Object value =
        switch (domain) {
          case SSN ->
              String.format(
                  "ssn-%03d-%02d-%04d",
                  random.nextInt(1000), random.nextInt(100), random.nextInt(10000));
          case MRN -> 7_000_000_000L + random.nextInt(1_000_000_000);
          case NAME -> "name-" + pick(FIRST_NAMES) + "-" + random.nextInt(100);
          case CODE ->
              "code-" + (char) ('A' + random.nextInt(26)) + random.nextInt(10) + random.nextInt(10);
          case CITY -> "Nowhere";
          case ID, AMOUNT -> 1 + random.nextInt(1000);
        };
    if (value instanceof String s && domain != Domain.CITY) {
      protectedStrings.add(s);
    } else if (value instanceof Long l) {
      protectedLongs.add(l);
    }
    return value;
  }

  /** Mostly a value the data holds, so that predicates match rows; sometimes one it does not. */
  private Object value(Domain domain) {
    return switch (domain) {
      case ID, AMOUNT -> 1 + random.nextInt(1000);
      default -> {
        List<Object> values = pool.get(domain);
        if (percent(85)) {
          yield pick(values);
        }
        Object value = fresh(domain);
        values.add(value);
        yield value;
      }
    };
  }

  // ------------------------------------------------------------- statements

  Generated next(int number) {
    Shape shape = pickShape();
    ordered = false;
    Fragment statement =
        switch (shape) {
          case SELECT_WHERE -> selectWhere();
          case JOIN -> join();
          case DISTINCT -> distinct();
          case GROUP_BY -> groupBy();
          case DERIVED_TABLE -> derived(false);
          case CTE -> derived(true);
          case IN_SUBQUERY -> inSubquery();
          case EXISTS -> exists();
          case SET_OPERATION -> setOperation();
          case CASE_COALESCE -> caseCoalesce();
          case ANY_ARRAY -> anyArray();
          case UPDATE -> update();
          case DELETE -> delete();
          case INSERT_SELECT -> insertSelect();
          case INSERT_VALUES -> insertValues();
        };
    boolean prepared = !statement.params().isEmpty() || random.nextBoolean();
    return new Generated(
        number, shape, statement.sql(), statement.params(), ordered && !shape.isWrite(), prepared);
  }

  private Shape pickShape() {
    int total = Stream.of(Shape.values()).mapToInt(s -> s.weight).sum();
    int r = random.nextInt(total);
    for (Shape shape : Shape.values()) {
      r -= shape.weight;
      if (r < 0) {
        return shape;
      }
    }
    throw new AssertionError();
  }

  private Fragment selectWhere() {
    boolean onPatients = random.nextBoolean();
    String alias = onPatients ? "p" : "c";
    String table = onPatients ? "patients" : "claims";
    List<Ref> scope = refs(alias, TABLES.get(table));
    int star = random.nextInt(20);
    Object items = star == 0 ? "*" : star == 1 ? alias + ".*" : list(some(scope, 1, 5, r -> true));
    Fragment where =
        percent(90) ? Fragment.of(" WHERE ", predicate(scope, random.nextInt(3))) : Fragment.EMPTY;
    String tail = "";
    if (percent(30)) {
      ordered = true;
      tail = " ORDER BY " + alias + ".id" + (random.nextBoolean() ? " DESC" : "") + limit();
    }
    return Fragment.of("SELECT ", items, " FROM ", table, " ", alias, where, tail);
  }

  private String limit() {
    return switch (random.nextInt(4)) {
      case 0 -> " LIMIT " + (1 + random.nextInt(10));
      case 1 -> " LIMIT " + (1 + random.nextInt(10)) + " OFFSET " + random.nextInt(5);
      case 2 -> " FETCH FIRST " + (1 + random.nextInt(10)) + " ROWS ONLY";
      default -> "";
    };
  }

  private Fragment join() {
    List<Ref> p = refs("p", PATIENTS);
    List<Ref> c = refs("c", CLAIMS);
    String on = random.nextBoolean() ? "c.patient_ssn = p.ssn" : "p.ssn = c.patient_ssn";
    Fragment extra =
        percent(25)
            ? Fragment.of(" AND ", atom(pick(random.nextBoolean() ? p : c)))
            : Fragment.EMPTY;
    List<Ref> scope = concat(p, c);
    String order = "p.id, c.id";
    Fragment from;
    Fragment where = Fragment.EMPTY;
    int variant = random.nextInt(10);
    switch (variant) {
      case 0, 1, 2, 3 ->
          from =
              Fragment.of(
                  "claims c ",
                  random.nextBoolean() ? "JOIN" : "INNER JOIN",
                  " patients p ON ",
                  on,
                  extra);
      case 4, 5 ->
          from =
              Fragment.of(
                  "claims c ",
                  random.nextBoolean() ? "LEFT JOIN" : "LEFT OUTER JOIN",
                  " patients p ON ",
                  on,
                  extra);
      case 6 -> from = Fragment.of("patients p LEFT JOIN claims c ON ", on, extra);
      case 7 -> from = Fragment.of("patients p RIGHT JOIN claims c ON ", on, extra);
      case 8 -> {
        from = Fragment.of("patients p, claims c");
        where = Fragment.of(" WHERE ", on);
      }
      default -> {
        // Joins within one context: a column with itself.
        switch (random.nextInt(3)) {
          case 0 -> {
            from =
                Fragment.of(
                    "claims c JOIN claims c2 ON c2.patient_ssn = c.patient_ssn AND c2.id <> c.id");
            scope = concat(c, refs("c2", CLAIMS));
            order = "c.id, c2.id";
          }
          case 1 -> {
            from = Fragment.of("claims c JOIN claims c2 ON c.code = c2.code AND c2.id < c.id");
            scope = concat(c, refs("c2", CLAIMS));
            order = "c.id, c2.id";
          }
          default -> {
            from = Fragment.of("patients p JOIN patients p2 ON p2.mrn = p.mrn AND p2.id <> p.id");
            scope = concat(p, refs("p2", PATIENTS));
            order = "p.id, p2.id";
          }
        }
      }
    }
    if (percent(70)) {
      Fragment condition = predicate(scope, random.nextInt(3));
      where =
          where == Fragment.EMPTY
              ? Fragment.of(" WHERE ", condition)
              : Fragment.of(where, " AND (", condition, ")");
    }
    String tail = "";
    if (percent(25)) {
      ordered = true;
      tail = " ORDER BY " + order;
    }
    return Fragment.of("SELECT ", list(some(scope, 1, 5, r -> true)), " FROM ", from, where, tail);
  }

  private Fragment distinct() {
    List<Ref> scope;
    Fragment from;
    switch (random.nextInt(4)) {
      case 0 -> {
        scope = refs("p", PATIENTS);
        from = Fragment.of("patients p");
      }
      case 1, 2 -> {
        scope = refs("c", CLAIMS);
        from = Fragment.of("claims c");
      }
      default -> {
        scope = concat(refs("c", CLAIMS), refs("p", PATIENTS));
        from =
            Fragment.of(
                "claims c ",
                random.nextBoolean() ? "JOIN" : "LEFT JOIN",
                " patients p ON c.patient_ssn = p.ssn");
      }
    }
    List<Ref> items =
        some(
            scope,
            1,
            3,
            r -> r.isDeterministic() || r.domain() == Domain.CITY || r.domain() == Domain.AMOUNT);
    if (items.stream().noneMatch(Ref::isProtected)) {
      items.set(0, pick(scope.stream().filter(Ref::isDeterministic).toList()));
      items = items.stream().distinct().collect(Collectors.toCollection(ArrayList::new));
    }
    return Fragment.of("SELECT DISTINCT ", list(items), " FROM ", from, optionalWhere(scope, 60));
  }

  private Fragment groupBy() {
    List<Ref> scope;
    Fragment from;
    switch (random.nextInt(5)) {
      case 0, 1 -> {
        scope = refs("c", CLAIMS);
        from = Fragment.of("claims c");
      }
      case 2, 3 -> {
        scope = refs("p", PATIENTS);
        from = Fragment.of("patients p");
      }
      default -> {
        scope = concat(refs("p", PATIENTS), refs("c", CLAIMS));
        from =
            Fragment.of(
                "patients p ",
                random.nextBoolean() ? "LEFT JOIN" : "JOIN",
                " claims c ON c.patient_ssn = p.ssn");
      }
    }
    List<Fragment> aggregates = new ArrayList<>();
    int count = 1 + random.nextInt(3);
    for (int i = 0; i < count; i++) {
      aggregates.add(Fragment.of(aggregate(scope)));
    }
    Fragment where = optionalWhere(scope, 50);
    if (percent(15)) {
      return Fragment.of("SELECT ", Fragment.join(", ", aggregates), " FROM ", from, where);
    }
    List<Ref> keys =
        some(
            scope,
            1,
            2,
            r -> r.isDeterministic() || r.domain() == Domain.CITY || r.domain() == Domain.AMOUNT);
    if (keys.stream().noneMatch(Ref::isProtected)) {
      keys.set(0, pick(scope.stream().filter(Ref::isDeterministic).toList()));
      keys = keys.stream().distinct().collect(Collectors.toCollection(ArrayList::new));
    }
    String having = percent(20) ? " HAVING COUNT(*) > 1" : "";
    return Fragment.of(
        "SELECT ",
        list(keys),
        ", ",
        Fragment.join(", ", aggregates),
        " FROM ",
        from,
        where,
        " GROUP BY ",
        list(keys),
        having);
  }

  private String aggregate(List<Ref> scope) {
    return switch (random.nextInt(5)) {
      case 0 -> "COUNT(*)";
      case 1 ->
          "COUNT(DISTINCT "
              + pick(scope.stream().filter(Ref::isDeterministic).toList()).sql()
              + ")";
      case 2 -> "COUNT(" + pick(scope.stream().filter(Ref::isProtected).toList()).sql() + ")";
      case 3 -> {
        List<Ref> amounts = scope.stream().filter(r -> r.domain() == Domain.AMOUNT).toList();
        yield amounts.isEmpty()
            ? "COUNT(*)"
            : (random.nextBoolean() ? "SUM(" : "MAX(") + amounts.get(0).sql() + ")";
      }
      default ->
          "MIN(" + pick(scope.stream().filter(r -> r.domain() == Domain.ID).toList()).sql() + ")";
    };
  }

  /** A derived table or CTE over one table, re-exposing protected columns under their labels. */
  private record Inner(Fragment select, List<Ref> exposed) {}

  private Inner inner(String table, String exposedAs, Predicate<Ref> mustInclude) {
    String alias = table.equals("patients") ? "p" : "c";
    List<Ref> scope = refs(alias, TABLES.get(table));
    List<Ref> chosen = some(scope, 1, scope.size(), r -> r.domain() != Domain.ID);
    for (Ref ref : scope) {
      if (mustInclude.test(ref) && !chosen.contains(ref)) {
        chosen.add(ref);
      }
    }
    if (chosen.stream().noneMatch(Ref::isProtected)) {
      chosen.add(pick(scope.stream().filter(Ref::isDeterministic).toList()));
    }
    List<String> items = new ArrayList<>();
    List<Ref> exposed = new ArrayList<>();
    int n = 0;
    for (Ref ref : chosen) {
      String label = ref.label();
      if (percent(40)) {
        label = "v" + ++n;
        items.add(ref.sql() + " AS " + label);
      } else {
        items.add(ref.sql());
      }
      exposed.add(new Ref(exposedAs, label, ref.column()));
    }
    boolean distinct = percent(15) && chosen.stream().noneMatch(Ref::isRandomized);
    Fragment select =
        Fragment.of(
            "SELECT ",
            distinct ? "DISTINCT " : "",
            String.join(", ", items),
            " FROM ",
            table,
            " ",
            alias,
            optionalWhere(scope, 60));
    return new Inner(select, exposed);
  }

  private Fragment derived(boolean cte) {
    String table = random.nextBoolean() ? "patients" : "claims";
    String other = table.equals("patients") ? "claims" : "patients";
    String name = cte ? "x" : "d";
    int variant = random.nextInt(cte ? 5 : 4);
    if (variant == 4) {
      // Two CTEs joined on their SSN columns, one from each table of the group.
      Inner pa = inner("patients", "pa", r -> r.domain() == Domain.SSN);
      Inner cl = inner("claims", "cl", r -> r.domain() == Domain.SSN);
      Ref left = ssnOf(pa.exposed());
      Ref right = ssnOf(cl.exposed());
      List<Ref> scope = concat(pa.exposed(), cl.exposed());
      return Fragment.of(
          "WITH pa AS (",
          pa.select(),
          "), cl AS (",
          cl.select(),
          ") SELECT ",
          list(some(scope, 1, 4, r -> true)),
          " FROM pa ",
          random.nextBoolean() ? "JOIN" : "LEFT JOIN",
          " cl ON cl.",
          right.label(),
          " = pa.",
          left.label(),
          optionalWhere(scope, 40));
    }
    Inner inner =
        inner(
            table,
            name,
            variant == 1
                ? r -> r.domain() == Domain.SSN
                : variant >= 2 ? Ref::isDeterministic : r -> false);
    Fragment head =
        cte ? Fragment.of("WITH x AS (", inner.select(), ") SELECT ") : Fragment.of("SELECT ");
    Fragment source = cte ? Fragment.of("x") : Fragment.of("(", inner.select(), ") d");
    List<Ref> scope = inner.exposed();
    switch (variant) {
      case 1 -> {
        String o = other.equals("patients") ? "p" : "c";
        List<Ref> otherRefs = refs(o, TABLES.get(other));
        Ref ssn = ssnOf(scope);
        Ref otherSsn = ssnOf(otherRefs);
        List<Ref> both = concat(scope, otherRefs);
        return Fragment.of(
            head,
            list(some(both, 1, 4, r -> true)),
            " FROM ",
            source,
            " ",
            random.nextBoolean() ? "JOIN" : "LEFT JOIN",
            " ",
            other,
            " ",
            o,
            " ON ",
            otherSsn.sql(),
            " = ",
            ssn.sql(),
            optionalWhere(both, 40));
      }
      case 2 -> {
        Ref key = pick(scope.stream().filter(Ref::isDeterministic).toList());
        return Fragment.of(
            head,
            key.sql(),
            ", COUNT(*) FROM ",
            source,
            optionalWhere(scope, 30),
            " GROUP BY ",
            key.sql());
      }
      case 3 -> {
        List<Ref> keys = some(scope, 1, 2, Ref::isDeterministic);
        return Fragment.of(
            cte ? Fragment.of("WITH x AS (", inner.select(), ") ") : Fragment.EMPTY,
            "SELECT DISTINCT ",
            list(keys),
            " FROM ",
            source,
            optionalWhere(scope, 30));
      }
      default -> {
        return Fragment.of(
            head, list(some(scope, 1, 4, r -> true)), " FROM ", source, optionalWhere(scope, 70));
      }
    }
  }

  private Fragment inSubquery() {
    boolean outerPatients = random.nextBoolean();
    List<Ref> outer = refs(outerPatients ? "p" : "c", outerPatients ? PATIENTS : CLAIMS);
    String from = outerPatients ? "patients p" : "claims c";
    Fragment condition;
    switch (random.nextInt(4)) {
      case 0 -> {
        // Across the group: patients.ssn against claims.patient_ssn, or the other way round.
        boolean not = percent(30);
        String inner = outerPatients ? "c2" : "p2";
        List<Ref> innerRefs = refs(inner, outerPatients ? CLAIMS : PATIENTS);
        Ref innerSsn = ssnOf(innerRefs);
        Fragment innerWhere =
            not && percent(50)
                ? Fragment.of(" WHERE ", innerSsn.sql(), " IS NOT NULL", optionalAnd(innerRefs, 50))
                : optionalWhere(innerRefs, 70);
        condition =
            Fragment.of(
                ssnOf(outer).sql(),
                not ? " NOT IN (SELECT " : " IN (SELECT ",
                innerSsn.sql(),
                " FROM ",
                outerPatients ? "claims " : "patients ",
                inner,
                innerWhere,
                ")");
      }
      case 1 -> {
        // The same column on both sides.
        Ref column = pick(outer.stream().filter(Ref::isDeterministic).toList());
        String inner = outerPatients ? "p2" : "c2";
        List<Ref> innerRefs = refs(inner, outerPatients ? PATIENTS : CLAIMS);
        condition =
            Fragment.of(
                column.sql(),
                percent(25) ? " NOT IN (SELECT " : " IN (SELECT ",
                inner,
                ".",
                column.label(),
                " FROM ",
                column.column().table(),
                " ",
                inner,
                optionalWhere(innerRefs, 80),
                ")");
      }
      case 2 -> {
        // A scalar subquery: at most one row, by primary key.
        String inner = outerPatients ? "c2" : "p2";
        String innerTable = outerPatients ? "claims" : "patients";
        int id = 1 + random.nextInt(Math.max(1, database.maxId(innerTable)));
        condition =
            Fragment.of(
                ssnOf(outer).sql(),
                " = (SELECT ",
                inner,
                ".",
                outerPatients ? "patient_ssn" : "ssn",
                " FROM ",
                innerTable,
                " ",
                inner,
                " WHERE ",
                inner,
                ".id = ",
                id,
                ")");
      }
      default -> {
        // Through a derived column of the subquery's own derived table.
        String inner = outerPatients ? "c2" : "p2";
        String innerTable = outerPatients ? "claims" : "patients";
        List<Ref> innerRefs = refs(inner, outerPatients ? CLAIMS : PATIENTS);
        Ref innerSsn = ssnOf(innerRefs);
        condition =
            Fragment.of(
                ssnOf(outer).sql(),
                " IN (SELECT dd.s FROM (SELECT ",
                innerSsn.sql(),
                " AS s FROM ",
                innerTable,
                " ",
                inner,
                optionalWhere(innerRefs, 70),
                ") dd)");
      }
    }
    if (percent(35)) {
      condition =
          Fragment.of(
              "(",
              condition,
              random.nextBoolean() ? " AND " : " OR ",
              predicate(outer, random.nextInt(2)),
              ")");
    }
    return Fragment.of(
        "SELECT ", list(some(outer, 1, 4, r -> true)), " FROM ", from, " WHERE ", condition);
  }

  private Fragment exists() {
    boolean outerPatients = random.nextBoolean();
    List<Ref> outer = refs(outerPatients ? "p" : "c", outerPatients ? PATIENTS : CLAIMS);
    String from = outerPatients ? "patients p" : "claims c";
    String not = percent(30) ? "NOT " : "";
    Fragment condition;
    switch (random.nextInt(3)) {
      case 0 -> {
        // Correlated on the group, with qualified references to both scopes.
        String inner = outerPatients ? "c2" : "p2";
        List<Ref> innerRefs = refs(inner, outerPatients ? CLAIMS : PATIENTS);
        Fragment more =
            percent(60)
                ? Fragment.of(" AND ", predicate(concat(innerRefs, outer), random.nextInt(2)))
                : Fragment.EMPTY;
        condition =
            Fragment.of(
                not,
                "EXISTS (SELECT 1 FROM ",
                outerPatients ? "claims " : "patients ",
                inner,
                " WHERE ",
                ssnOf(innerRefs).sql(),
                " = ",
                ssnOf(outer).sql(),
                more,
                ")");
      }
      case 1 -> {
        // Correlated on the same column.
        Ref column = pick(outer.stream().filter(Ref::isDeterministic).toList());
        String inner = outerPatients ? "p2" : "c2";
        condition =
            Fragment.of(
                not,
                "EXISTS (SELECT 1 FROM ",
                column.column().table(),
                " ",
                inner,
                " WHERE ",
                inner,
                ".",
                column.label(),
                " = ",
                column.sql(),
                " AND ",
                inner,
                ".id <> ",
                column.qualifier(),
                ".id)");
      }
      default -> {
        String inner = outerPatients ? "c2" : "p2";
        List<Ref> innerRefs = refs(inner, outerPatients ? CLAIMS : PATIENTS);
        condition =
            Fragment.of(
                not,
                "EXISTS (SELECT 1 FROM ",
                outerPatients ? "claims " : "patients ",
                inner,
                " WHERE ",
                predicate(innerRefs, random.nextInt(2)),
                ")");
      }
    }
    if (percent(35)) {
      condition = Fragment.of(condition, " AND ", predicate(outer, random.nextInt(2)));
    }
    return Fragment.of(
        "SELECT ", list(some(outer, 1, 4, r -> true)), " FROM ", from, " WHERE ", condition);
  }

  /**
   * Branches over either table; each output position has one domain, filled by the branch's column
   * of that domain or by NULL. Set operations that deduplicate get no randomized column.
   */
  private Fragment setOperation() {
    String operator =
        switch (random.nextInt(10)) {
          case 0, 1, 2, 3 -> "UNION";
          case 4, 5, 6, 7 -> "UNION ALL";
          case 8 -> "INTERSECT";
          default -> "EXCEPT";
        };
    boolean all = operator.equals("UNION ALL");
    int branches = percent(15) ? 3 : 2;
    List<String> tables = new ArrayList<>();
    for (int i = 0; i < branches; i++) {
      tables.add(random.nextBoolean() ? "patients" : "claims");
    }
    List<Column> first = TABLES.get(tables.get(0));
    List<Column> positions =
        someColumns(first, 1, 3, c -> all || c.protection() != Protection.RANDOMIZED);
    if (positions.stream().noneMatch(Column::isProtected)) {
      positions.set(
          0, pick(first.stream().filter(c -> c.protection() == Protection.DETERMINISTIC).toList()));
      positions = positions.stream().distinct().collect(Collectors.toCollection(ArrayList::new));
    }
    List<Fragment> selects = new ArrayList<>();
    for (int b = 0; b < branches; b++) {
      String table = tables.get(b);
      String alias = (table.equals("patients") ? "p" : "c") + b;
      List<Ref> scope = refs(alias, TABLES.get(table));
      List<String> items = new ArrayList<>();
      for (Column position : positions) {
        Ref match =
            scope.stream()
                .filter(
                    r ->
                        r.domain() == position.domain()
                            || (r.domain() == Domain.ID && position.domain() == Domain.AMOUNT)
                            || (r.domain() == Domain.AMOUNT && position.domain() == Domain.ID))
                .findFirst()
                .orElse(null);
        items.add(match == null || (b > 0 && percent(10)) ? "NULL" : match.sql());
      }
      selects.add(
          Fragment.of(
              "SELECT ",
              String.join(", ", items),
              " FROM ",
              table,
              " ",
              alias,
              optionalWhere(scope, 60)));
    }
    return Fragment.join(" " + operator + " ", selects);
  }

  private Fragment caseCoalesce() {
    List<Ref> scope;
    String from;
    switch (random.nextInt(3)) {
      case 0 -> {
        scope = refs("p", PATIENTS);
        from = "patients p";
      }
      case 1 -> {
        scope = refs("c", CLAIMS);
        from = "claims c";
      }
      default -> {
        scope = concat(refs("c", CLAIMS), refs("p", PATIENTS));
        from =
            "claims c "
                + (random.nextBoolean() ? "JOIN" : "LEFT JOIN")
                + " patients p ON p.ssn = c.patient_ssn";
      }
    }
    List<Ref> protectedRefs = scope.stream().filter(Ref::isProtected).toList();
    List<Ref> deterministic = scope.stream().filter(Ref::isDeterministic).toList();
    List<Fragment> items = new ArrayList<>();
    if (percent(50)) {
      items.add(Fragment.of(scope.get(0).qualifier(), ".id"));
    }
    int count = 1 + random.nextInt(3);
    for (int i = 1; i <= count; i++) {
      Fragment item =
          switch (random.nextInt(6)) {
            case 0, 1 -> {
              Ref column = pick(protectedRefs);
              List<Ref> sameContext =
                  protectedRefs.stream()
                      .filter(
                          r -> r != column && r.domain() == column.domain() && r.isDeterministic())
                      .toList();
              Fragment otherwise =
                  switch (random.nextInt(4)) {
                    case 0 -> Fragment.of(" ELSE NULL");
                    case 1 -> Fragment.of(" ELSE ", bind(value(column.domain())));
                    case 2 ->
                        column.isDeterministic() && !sameContext.isEmpty()
                            ? Fragment.of(" ELSE ", pick(sameContext).sql())
                            : Fragment.EMPTY;
                    default -> Fragment.EMPTY;
                  };
              yield Fragment.of(
                  "CASE WHEN ",
                  predicate(scope, random.nextInt(2)),
                  " THEN ",
                  column.sql(),
                  otherwise,
                  " END");
            }
            case 2 -> {
              Ref column = pick(deterministic);
              Ref plain =
                  pick(
                      scope.stream()
                          .filter(r -> r.domain() == Domain.ID || r.domain() == Domain.AMOUNT)
                          .toList());
              Fragment second =
                  percent(40)
                      ? Fragment.of(" WHEN ", bind(value(column.domain())), " THEN 0")
                      : Fragment.EMPTY;
              yield Fragment.of(
                  "CASE ",
                  column.sql(),
                  " WHEN ",
                  bind(value(column.domain())),
                  " THEN ",
                  plain.sql(),
                  second,
                  " ELSE -1 END");
            }
            default -> {
              Ref column = pick(protectedRefs);
              yield Fragment.of(
                  random.nextInt(3) == 0 ? "IFNULL(" : "COALESCE(",
                  column.sql(),
                  ", ",
                  bind(value(column.domain())),
                  ")");
            }
          };
      items.add(Fragment.of(item, " AS k", i));
    }
    return Fragment.of(
        "SELECT ", Fragment.join(", ", items), " FROM ", from, optionalWhere(scope, 40));
  }

  private Fragment anyArray() {
    boolean onPatients = random.nextBoolean();
    List<Ref> scope = refs(onPatients ? "p" : "c", onPatients ? PATIENTS : CLAIMS);
    Ref column = pick(scope.stream().filter(Ref::isDeterministic).toList());
    int size = 1 + random.nextInt(4);
    Object[] elements = column.domain() == Domain.MRN ? new Long[size] : new String[size];
    for (int i = 0; i < size; i++) {
      elements[i] = value(column.domain());
    }
    ArrayValue array =
        new ArrayValue(column.domain() == Domain.MRN ? "BIGINT" : "VARCHAR", elements);
    String test = percent(70) ? " = ANY(?)" : " <> ALL(?)";
    Fragment condition = new Fragment(column.sql() + test, List.of(array));
    if (percent(30)) {
      condition = Fragment.of(condition, " AND ", predicate(scope, 0));
    }
    return Fragment.of(
        "SELECT ",
        list(some(scope, 1, 4, r -> true)),
        " FROM ",
        onPatients ? "patients " : "claims ",
        scope.get(0).qualifier(),
        " WHERE ",
        condition);
  }

  private Fragment update() {
    String table = random.nextBoolean() ? "patients" : "claims";
    List<Ref> scope = refs(null, TABLES.get(table));
    List<Ref> targets = some(scope, 1, 3, r -> r.domain() != Domain.ID);
    if (targets.stream().noneMatch(Ref::isProtected)) {
      targets.add(pick(scope.stream().filter(Ref::isProtected).toList()));
    }
    List<Fragment> sets = new ArrayList<>();
    for (Ref target : targets) {
      Fragment value;
      if (target.domain() == Domain.AMOUNT && percent(50)) {
        value = Fragment.of("amount + 1");
      } else if (percent(10)) {
        value = Fragment.of("NULL");
      } else if (percent(10)) {
        value = new Fragment("?", List.of(new Null(target.column().sqlType())));
      } else {
        value = bind(value(target.domain()));
      }
      sets.add(Fragment.of(target.sql(), " = ", value));
    }
    return Fragment.of(
        "UPDATE ", table, " SET ", Fragment.join(", ", sets), " WHERE ", writeFilter(scope));
  }

  /** Mostly equality on a deterministic column, the shape writes take in applications. */
  private Fragment writeFilter(List<Ref> scope) {
    Ref key = pick(scope.stream().filter(Ref::isDeterministic).toList());
    return switch (random.nextInt(6)) {
      case 0 ->
          Fragment.of(key.sql(), " IN (", bind(present(key)), ", ", bind(value(key.domain())), ")");
      case 1 -> Fragment.of(key.sql(), " = ", bind(present(key)), " AND ", predicate(scope, 1));
      default -> Fragment.of(key.sql(), " = ", bind(present(key)));
    };
  }

  /**
   * Mostly a value the column holds right now: writes are few, and one that changes nothing would
   * agree with plain JDBC whatever Veil did.
   */
  private Object present(Ref key) {
    List<Object> values = database.values(key.column());
    return values.isEmpty() || percent(10) ? value(key.domain()) : pick(values);
  }

  private Fragment delete() {
    boolean patientsTable = percent(30);
    String table = patientsTable ? "patients" : "claims";
    List<Ref> scope = refs(null, TABLES.get(table));
    if (!patientsTable && percent(20)) {
      return Fragment.of(
          "DELETE FROM claims WHERE patient_ssn IN (SELECT p.ssn FROM patients p WHERE p.mrn = ",
          bind(value(Domain.MRN)),
          ")");
    }
    return Fragment.of("DELETE FROM ", table, " WHERE ", writeFilter(scope));
  }

  private Fragment insertSelect() {
    int variant = random.nextInt(4);
    String target = variant == 0 || variant == 3 ? "patients" : "claims";
    int offset = database.maxId(target);
    return switch (variant) {
      case 0 ->
          Fragment.of(
              "INSERT INTO patients (id, ssn, mrn, name, city) SELECT p.id + ",
              offset,
              ", p.ssn, p.mrn, p.name, p.city FROM patients p WHERE ",
              filterOn(refs("p", PATIENTS)));
      case 1 ->
          Fragment.of(
              "INSERT INTO claims (id, patient_ssn, amount, code) SELECT c.id + ",
              offset,
              ", c.patient_ssn, c.amount, c.code FROM claims c WHERE ",
              filterOn(refs("c", CLAIMS)));
      case 2 -> {
        // The group lets a patient's SSN become a claim's; the code comes from the application.
        Fragment code = percent(20) ? Fragment.of("NULL") : bind(value(Domain.CODE));
        yield Fragment.of(
            "INSERT INTO claims (code, id, patient_ssn, amount) SELECT ",
            code,
            ", p.id + ",
            offset,
            ", p.ssn, ",
            random.nextInt(1000),
            " FROM patients p WHERE ",
            filterOn(refs("p", PATIENTS)));
      }
      default ->
          Fragment.of(
              "INSERT INTO patients (id, ssn, mrn, city) SELECT c.id + ",
              offset,
              ", c.patient_ssn, ",
              bind(value(Domain.MRN)),
              ", 'Lyon' FROM claims c WHERE ",
              filterOn(refs("c", CLAIMS)));
    };
  }

  private Fragment filterOn(List<Ref> scope) {
    Ref key = pick(scope.stream().filter(Ref::isDeterministic).toList());
    Fragment filter = Fragment.of(key.sql(), " = ", bind(present(key)));
    return percent(25) ? Fragment.of(filter, " AND ", predicate(scope, 0)) : filter;
  }

  private Fragment insertValues() {
    String table = random.nextBoolean() ? "patients" : "claims";
    List<Column> columns = new ArrayList<>(TABLES.get(table));
    Collections.shuffle(columns, random);
    if (percent(30)) {
      // Leave out a non-key column: it gets its default, NULL.
      columns.remove(columns.get(0).domain() == Domain.ID ? 1 : 0);
    }
    int id = database.maxId(table);
    int rows = 1 + random.nextInt(3);
    List<Fragment> tuples = new ArrayList<>();
    for (int r = 0; r < rows; r++) {
      List<Fragment> cells = new ArrayList<>();
      for (Column column : columns) {
        if (column.domain() == Domain.ID) {
          cells.add(bind(++id));
        } else if (percent(8)) {
          cells.add(Fragment.of("NULL"));
        } else if (percent(8)) {
          cells.add(new Fragment("?", List.of(new Null(column.sqlType()))));
        } else if (percent(6)) {
          cells.add(Fragment.of("DEFAULT"));
        } else {
          cells.add(bind(value(column.domain())));
        }
      }
      tuples.add(Fragment.of("(", Fragment.join(", ", cells), ")"));
    }
    return Fragment.of(
        "INSERT INTO ",
        table,
        " (",
        columns.stream().map(Column::name).collect(Collectors.joining(", ")),
        ") VALUES ",
        Fragment.join(", ", tuples));
  }

  // ------------------------------------------------------------- predicates

  private Fragment optionalWhere(List<Ref> scope, int percent) {
    return percent(percent)
        ? Fragment.of(" WHERE ", predicate(scope, random.nextInt(3)))
        : Fragment.EMPTY;
  }

  private Fragment optionalAnd(List<Ref> scope, int percent) {
    return percent(percent)
        ? Fragment.of(" AND ", predicate(scope, random.nextInt(2)))
        : Fragment.EMPTY;
  }

  /** AND, OR and NOT over comparisons, mostly on protected columns. */
  Fragment predicate(List<Ref> scope, int depth) {
    int r = random.nextInt(100);
    if (depth > 0 && r < 30) {
      return Fragment.of(
          "(",
          predicate(scope, depth - 1),
          random.nextBoolean() ? " AND " : " OR ",
          predicate(scope, depth - 1),
          ")");
    }
    if (depth > 0 && r < 38) {
      return Fragment.of("NOT (", predicate(scope, depth - 1), ")");
    }
    List<Ref> protectedRefs = scope.stream().filter(Ref::isProtected).toList();
    return atom(percent(75) && !protectedRefs.isEmpty() ? pick(protectedRefs) : pick(scope));
  }

  private Fragment atom(Ref ref) {
    String column = ref.sql();
    Domain domain = ref.domain();
    if (ref.isRandomized() || (ref.isDeterministic() && percent(15))) {
      return Fragment.of(column, random.nextBoolean() ? " IS NULL" : " IS NOT NULL");
    }
    if (ref.isDeterministic() || domain == Domain.CITY) {
      return switch (random.nextInt(9)) {
        case 0, 1, 2 -> Fragment.of(column, " = ", bind(value(domain)));
        case 3 -> Fragment.of(bind(value(domain)), " = ", column);
        case 4 -> Fragment.of(column, random.nextBoolean() ? " <> " : " != ", bind(value(domain)));
        case 5, 6, 7 -> Fragment.of(column, " IN (", inList(domain), ")");
        default -> Fragment.of(column, " NOT IN (", inList(domain), ")");
      };
    }
    int bound = domain == Domain.ID ? Math.max(1, database.maxId(ref.column().table())) : 1000;
    return switch (random.nextInt(5)) {
      case 0 -> Fragment.of(column, " < ", bind(1 + random.nextInt(bound)));
      case 1 -> Fragment.of(column, " > ", bind(1 + random.nextInt(bound)));
      case 2 -> Fragment.of(column, " = ", bind(1 + random.nextInt(bound)));
      case 3 -> {
        int low = random.nextInt(bound);
        yield Fragment.of(column, " BETWEEN ", low, " AND ", low + random.nextInt(bound));
      }
      default -> Fragment.of(column, random.nextBoolean() ? " IS NULL" : " IS NOT NULL");
    };
  }

  private Fragment inList(Domain domain) {
    List<Fragment> values = new ArrayList<>();
    int size = 1 + random.nextInt(4);
    for (int i = 0; i < size; i++) {
      values.add(bind(value(domain)));
    }
    return Fragment.join(", ", values);
  }

  /** The value as a parameter or as an inline literal: Veil must handle both. */
  private Fragment bind(Object value) {
    if (percent(55)) {
      return new Fragment("?", List.of(value));
    }
    return Fragment.of(value instanceof String s ? "'" + s + "'" : String.valueOf(value));
  }

  // ------------------------------------------------------------------ helpers

  static List<Ref> refs(String qualifier, List<Column> columns) {
    return columns.stream().map(c -> new Ref(qualifier, c.name(), c)).toList();
  }

  private static Ref ssnOf(List<Ref> refs) {
    return refs.stream().filter(r -> r.domain() == Domain.SSN).findFirst().orElseThrow();
  }

  private static Fragment list(List<Ref> refs) {
    return Fragment.of(refs.stream().map(Ref::sql).collect(Collectors.joining(", ")));
  }

  /** Between min and max distinct refs that pass the filter, in random order. */
  private List<Ref> some(List<Ref> scope, int min, int max, Predicate<Ref> filter) {
    List<Ref> candidates = new ArrayList<>(scope.stream().filter(filter).toList());
    Collections.shuffle(candidates, random);
    int size = Math.min(candidates.size(), min + random.nextInt(Math.max(1, max - min + 1)));
    return new ArrayList<>(candidates.subList(0, size));
  }

  private List<Column> someColumns(
      List<Column> columns, int min, int max, Predicate<Column> filter) {
    List<Column> candidates = new ArrayList<>(columns.stream().filter(filter).toList());
    Collections.shuffle(candidates, random);
    int size = Math.min(candidates.size(), min + random.nextInt(Math.max(1, max - min + 1)));
    return new ArrayList<>(candidates.subList(0, size));
  }

  @SafeVarargs
  private static <T> List<T> concat(List<T>... lists) {
    return Stream.of(lists).flatMap(List::stream).toList();
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  private boolean percent(int percent) {
    return random.nextInt(100) < percent;
  }
}
