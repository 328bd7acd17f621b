package dev.veil.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Array;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every statement shape of the issue 3 SQL spec, end to end on each {@link Database} that has the
 * shape. Each test checks what the application reads through Veil and, through a plain connection,
 * that the database holds ciphertext (and, for refusals, that nothing changed).
 *
 * <p>The policy is {@code it-sql-policy.yaml}: {@code sc_patients.ssn} and {@code
 * sc_claims.patient_ssn} form the equality group {@code ssn}; {@code sc_claims.code} is
 * deterministic with the same type and key but its own context; {@code sc_patients.name} is
 * randomized; {@code sc_claims.name} and {@code sc_visits.ssn} are plain columns named like
 * protected ones. The column named by a reserved word, {@code sc_orders."order"}, is protected only
 * under {@code it-sql-reserved-policy.yaml}, used by one test: under that policy the keyword ORDER
 * is also the name of a protected column, which every ORDER BY then has to survive. Every test
 * drops and recreates its tables, so it depends on no other test.
 */
class SqlCoverageTest {
  private static final VeilFixture VEIL = VeilFixture.create();
  private static final String POLICY = "classpath:it-sql-policy.yaml";
  private static final String RESERVED_POLICY = "classpath:it-sql-reserved-policy.yaml";

  private static final String ADA_SSN = "123-45-6789";
  private static final String ALAN_SSN = "987-65-4321";
  private static final String GRACE_SSN = "555-12-3456";
  private static final String ORPHAN_SSN = "000-11-2222";
  private static final String BARBARA_SSN = "321-54-9876";
  private static final String EDSGER_SSN = "654-32-1098";
  private static final String ADA_NAME = "Ada Lovelace";
  private static final String ALAN_NAME = "Alan Turing";
  private static final String BARBARA_NAME = "Barbara Liskov";
  private static final String EDSGER_NAME = "Edsger Dijkstra";
  private static final String RENAMED = "Alan Mathison Turing";
  private static final String WITHHELD = "Name Withheld";
  private static final long ADA_MRN = 5550001001L;
  private static final long ALAN_MRN = 5550001002L;
  private static final long GRACE_MRN = 5550001003L;
  private static final long BARBARA_MRN = 5550001004L;
  private static final long EDSGER_MRN = 5550001005L;
  private static final String ALPHA = "CODE-ALPHA-7";
  private static final String BRAVO = "CODE-BRAVO-8";
  private static final String CHARLIE = "CODE-CHARLIE-9";
  private static final String IBAN = "DE89370400440532013000";
  private static final String ORDER_A = "PO-7731-ALPHA";
  private static final String ORDER_B = "PO-7731-BRAVO";

  /** Plain values of sc_visits.ssn: stored as written, because that column is not protected. */
  private static final String VISIT_SSN = "111-22-3333";

  /** Every plaintext written to a protected column; none may appear in what the database stores. */
  private static final List<String> SECRETS =
      List.of(
          ADA_SSN,
          ALAN_SSN,
          GRACE_SSN,
          ORPHAN_SSN,
          BARBARA_SSN,
          EDSGER_SSN,
          ADA_NAME,
          ALAN_NAME,
          BARBARA_NAME,
          EDSGER_NAME,
          RENAMED,
          WITHHELD,
          Long.toString(ADA_MRN),
          Long.toString(ALAN_MRN),
          Long.toString(GRACE_MRN),
          Long.toString(BARBARA_MRN),
          Long.toString(EDSGER_MRN),
          ALPHA,
          BRAVO,
          CHARLIE,
          IBAN,
          ORDER_A,
          ORDER_B);

  // ---------------------------------------------------------------------------------------------
  // INSERT

  @ParameterizedTest
  @EnumSource(Database.class)
  void insertsColumnsListedInAnyOrderAndCase(Database database) throws SQLException {
    setUp(database);
    // MariaDB compares table names case-sensitively on Linux (lower_case_table_names=0) but
    // column names never; H2 and PostgreSQL fold unquoted names.
    String table = database == Database.MARIADB ? "sc_patients" : "SC_Patients";
    try (Connection connection = veil(database)) {
      assertThat(
              update(
                  connection,
                  "INSERT INTO " + table + " (Note, MRN, SSN, Id, NAME) VALUES (?, ?, ?, ?, ?)",
                  "fourth",
                  BARBARA_MRN,
                  BARBARA_SSN,
                  4,
                  BARBARA_NAME))
          .isEqualTo(1);
      assertThat(
              updateText(
                  connection,
                  "insert into "
                      + table
                      + " (NAME, id, ssn) values ('Edsger Dijkstra', 5, '654-32-1098')"))
          .isEqualTo(1);
      assertThat(
              query(
                  connection,
                  "SELECT id, ssn, name, mrn, note FROM sc_patients WHERE id IN (?, ?) ORDER BY id",
                  4,
                  5))
          .containsExactly(
              row(4, BARBARA_SSN, BARBARA_NAME, BARBARA_MRN, "fourth"),
              row(5, EDSGER_SSN, EDSGER_NAME, null, "none"));
    }
    assertStoredEncrypted(database, "sc_patients", "ssn", 4, BARBARA_SSN);
    assertStoredEncrypted(database, "sc_patients", "name", 4, BARBARA_NAME);
    assertStoredEncrypted(database, "sc_patients", "mrn", 4, Long.toString(BARBARA_MRN));
    assertStoredEncrypted(database, "sc_patients", "name", 5, EDSGER_NAME);
    assertNoPlaintextStored(database);
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void insertsSeveralRowsPerValuesClause(Database database) throws SQLException {
    setUp(database);
    try (Connection connection = veil(database)) {
      assertThat(
              update(
                  connection,
                  "INSERT INTO sc_patients (id, ssn, name, mrn) VALUES (?, ?, ?, ?), (?, ?, ?, ?)",
                  4,
                  BARBARA_SSN,
                  BARBARA_NAME,
                  BARBARA_MRN,
                  5,
                  EDSGER_SSN,
                  null,
                  EDSGER_MRN))
          .isEqualTo(2);
      assertThat(
              updateText(
                  connection,
                  "INSERT INTO sc_claims (id, patient_ssn, code, note) VALUES"
                      + " (20, '321-54-9876', 'CODE-ALPHA-7', 'multi-1'),"
                      + " (21, '654-32-1098', 'CODE-BRAVO-8', 'multi-2')"))
          .isEqualTo(2);
      assertThat(
              query(
                  connection,
                  "SELECT id, ssn, name, mrn FROM sc_patients WHERE id > 3 ORDER BY id"))
          .containsExactly(
              row(4, BARBARA_SSN, BARBARA_NAME, BARBARA_MRN), row(5, EDSGER_SSN, null, EDSGER_MRN));
      assertThat(
              query(
                  connection,
                  "SELECT id, patient_ssn, code, note FROM sc_claims WHERE id >= 20 ORDER BY id"))
          .containsExactly(
              row(20, BARBARA_SSN, ALPHA, "multi-1"), row(21, EDSGER_SSN, BRAVO, "multi-2"));
    }
    // A literal encrypted for a group member must equal a parameter encrypted for another member.
    assertThat(assertStoredEncrypted(database, "sc_claims", "patient_ssn", 20, BARBARA_SSN))
        .isEqualTo(assertStoredEncrypted(database, "sc_patients", "ssn", 4, BARBARA_SSN));
    assertStoredEncrypted(database, "sc_claims", "code", 21, BRAVO);
    assertNoPlaintextStored(database);
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void insertsDefaultIntoUnprotectedColumnsBesideEncryptedValues(Database database)
      throws SQLException {
    setUp(database);
    try (Connection connection = veil(database)) {
      assertThat(
              update(
                  connection,
                  "INSERT INTO sc_patients (id, ssn, note, name) VALUES (?, ?, DEFAULT, ?)",
                  4,
                  BARBARA_SSN,
                  BARBARA_NAME))
          .isEqualTo(1);
      assertThat(
              updateText(
                  connection,
                  "INSERT INTO sc_patients (id, note, ssn, mrn) VALUES"
                      + " (5, DEFAULT, '654-32-1098', 5550001005)"))
          .isEqualTo(1);
      assertThat(query(connection, "SELECT id, ssn, name, mrn, note FROM sc_patients WHERE id > 3"))
          .containsExactlyInAnyOrder(
              row(4, BARBARA_SSN, BARBARA_NAME, null, "none"),
              row(5, EDSGER_SSN, null, EDSGER_MRN, "none"));
    }
    assertStoredEncrypted(database, "sc_patients", "ssn", 4, BARBARA_SSN);
    assertStoredEncrypted(database, "sc_patients", "mrn", 5, Long.toString(EDSGER_MRN));
    assertNoPlaintextStored(database);
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void copiesSameContextColumnsWithInsertSelect(Database database) throws SQLException {
    setUp(database);
    try (Connection connection = veil(database)) {
      assertThat(
              update(
                  connection,
                  "INSERT INTO sc_claims (id, patient_ssn, code, name, note)"
                      + " SELECT id + 100, ssn, ?, 'copied', note FROM sc_patients"
                      + " WHERE ssn IN (?, ?)",
                  CHARLIE,
                  ADA_SSN,
                  ALAN_SSN))
          .isEqualTo(2);
      assertThat(
              updateText(
                  connection,
                  "INSERT INTO sc_patients (id, ssn, name, mrn, note)"
                      + " SELECT id + 10, ssn, name, mrn, 'clone' FROM sc_patients"
                      + " WHERE mrn = 5550001001"))
          .isEqualTo(1);
      assertThat(
              query(
                  connection,
                  "SELECT id, patient_ssn, code, name, note FROM sc_claims WHERE id > 100"
                      + " ORDER BY id"))
          .containsExactly(
              row(101, ADA_SSN, CHARLIE, "copied", "first"),
              row(102, ALAN_SSN, CHARLIE, "copied", "second"));
      assertThat(query(connection, "SELECT ssn, name, mrn, note FROM sc_patients WHERE id = 11"))
          .containsExactly(row(ADA_SSN, ADA_NAME, ADA_MRN, "clone"));
    }
    // The database copied ciphertext: equal bytes, not a re-encryption of plaintext.
    assertThat(assertStoredEncrypted(database, "sc_claims", "patient_ssn", 101, ADA_SSN))
        .isEqualTo(assertStoredEncrypted(database, "sc_patients", "ssn", 1, ADA_SSN));
    assertThat(assertStoredEncrypted(database, "sc_patients", "name", 11, ADA_NAME))
        .isEqualTo(assertStoredEncrypted(database, "sc_patients", "name", 1, ADA_NAME));
    assertThat(assertStoredEncrypted(database, "sc_claims", "code", 102, CHARLIE))
        .isEqualTo(assertStoredEncrypted(database, "sc_claims", "code", 13, CHARLIE));
    assertNoPlaintextStored(database);
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void refusesInsertSelectThatWouldStorePlaintextOrAnotherContext(Database database)
      throws SQLException {
    setUp(database);
    List<String> before = snapshot(database);
    try (Connection connection = veil(database)) {
      assertRefused(
          connection,
          "INSERT INTO sc_claims (id, patient_ssn, note)"
              + " SELECT id + 200, note, note FROM sc_patients",
          "42V01");
      assertRefused(
          connection,
          "INSERT INTO sc_claims (id, patient_ssn, note)"
              + " SELECT id + 200, code, note FROM sc_claims",
          "42V01");
      assertRefused(
          connection,
          "INSERT INTO sc_claims (id, patient_ssn) SELECT id + 200, mrn FROM sc_patients",
          "42V01");
      assertRefused(
          connection,
          "INSERT INTO sc_visits (id, patient_id, ssn) SELECT id + 200, id, ssn FROM sc_patients",
          "42V01");
      assertThat(query(connection, "SELECT patient_ssn, code FROM sc_claims WHERE id = 10"))
          .containsExactly(row(ADA_SSN, ALPHA));
    }
    assertThat(snapshot(database)).isEqualTo(before);
    assertSeedEncrypted(database);
  }

  // ---------------------------------------------------------------------------------------------
  // UPDATE and DELETE

  @ParameterizedTest
  @EnumSource(Database.class)
  void updatesSeveralColumnsWhereDeterministicColumnsMatch(Database database) throws SQLException {
    setUp(database);
    try (Connection connection = veil(database)) {
      assertThat(
              update(
                  connection,
                  "UPDATE sc_patients SET name = ?, ssn = ?, mrn = ?, note = 'moved'"
                      + " WHERE ssn = ? AND mrn IN (?, ?)",
                  EDSGER_NAME,
                  EDSGER_SSN,
                  EDSGER_MRN,
                  ALAN_SSN,
                  ALAN_MRN,
                  GRACE_MRN))
          .isEqualTo(1);
      assertThat(
              updateText(
                  connection,
                  "UPDATE sc_claims SET patient_ssn = '654-32-1098', code = 'CODE-CHARLIE-9'"
                      + " WHERE patient_ssn = '987-65-4321' AND code = 'CODE-ALPHA-7'"))
          .isEqualTo(1);
      assertThat(query(connection, "SELECT ssn, name, mrn, note FROM sc_patients WHERE id = 2"))
          .containsExactly(row(EDSGER_SSN, EDSGER_NAME, EDSGER_MRN, "moved"));
      assertThat(query(connection, "SELECT patient_ssn, code FROM sc_claims WHERE id = 12"))
          .containsExactly(row(EDSGER_SSN, CHARLIE));
    }
    assertThat(assertStoredEncrypted(database, "sc_claims", "patient_ssn", 12, EDSGER_SSN))
        .isEqualTo(assertStoredEncrypted(database, "sc_patients", "ssn", 2, EDSGER_SSN));
    assertStoredEncrypted(database, "sc_patients", "name", 2, EDSGER_NAME);
    assertStoredEncrypted(database, "sc_patients", "mrn", 2, Long.toString(EDSGER_MRN));
    assertNoPlaintextStored(database);
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void deletesRowsWhereDeterministicColumnsMatch(Database database) throws SQLException {
    setUp(database);
    try (Connection connection = veil(database)) {
      assertThat(
              update(
                  connection,
                  "DELETE FROM sc_claims WHERE patient_ssn = ? AND code <> ?",
                  ADA_SSN,
                  ALPHA))
          .isEqualTo(1);
      assertThat(
              updateText(
                  connection,
                  "DELETE FROM sc_claims WHERE patient_ssn IN ('987-65-4321', '000-11-2222')"
                      + " OR code = 'CODE-BRAVO-8'"))
          .isEqualTo(2);
      assertThat(query(connection, "SELECT id, patient_ssn, code FROM sc_claims"))
          .containsExactly(row(10, ADA_SSN, ALPHA));
    }
    assertThat(rawIds(database, "sc_claims")).containsExactly(10);
    assertStoredEncrypted(database, "sc_claims", "patient_ssn", 10, ADA_SSN);
    assertNoPlaintextStored(database);
  }

  // ---------------------------------------------------------------------------------------------
  // SELECT: result columns

  @ParameterizedTest
  @EnumSource(Database.class)
  void decryptsColumnsUnderAliases(Database database) throws SQLException {
    setUp(database);
    try (Connection connection = veil(database);
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT p.ssn AS patient_id_number, p.name full_name, mrn AS record, note n"
                    + " FROM sc_patients p WHERE p.id = ?")) {
      select.setInt(1, 1);
      try (ResultSet results = select.executeQuery()) {
        assertThat(results.next()).isTrue();
        assertThat(results.getString("patient_id_number")).isEqualTo(ADA_SSN);
        assertThat(results.getString("full_name")).isEqualTo(ADA_NAME);
        assertThat(results.getLong("record")).isEqualTo(ADA_MRN);
        assertThat(results.getString("n")).isEqualTo("first");
        assertThat(results.next()).isFalse();
      }
    }
    assertSeedEncrypted(database);
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void decryptsStarAndQualifiedStar(Database database) throws SQLException {
    setUp(database);
    try (Connection connection = veil(database);
        Statement statement = connection.createStatement()) {
      try (ResultSet results = statement.executeQuery("SELECT * FROM sc_patients WHERE id = 2")) {
        assertThat(results.next()).isTrue();
        assertThat(results.getString("ssn")).isEqualTo(ALAN_SSN);
        assertThat(results.getString("name")).isEqualTo(ALAN_NAME);
        assertThat(results.getLong("mrn")).isEqualTo(ALAN_MRN);
        assertThat(results.getString("note")).isEqualTo("second");
      }
      // p.* then c.*: the plain sc_claims.name must come back as stored, p.name decrypted.
      try (ResultSet results =
          statement.executeQuery(
              "SELECT p.*, c.* FROM sc_patients p, sc_claims c WHERE p.id = 1 AND c.id = 13")) {
        assertThat(rows(results))
            .containsExactly(
                row(
                    1,
                    ADA_SSN,
                    ADA_NAME,
                    ADA_MRN,
                    "first",
                    13,
                    ORPHAN_SSN,
                    CHARLIE,
                    "claimant-d",
                    "claim-13"));
      }
    }
    assertSeedEncrypted(database);
  }

  // ---------------------------------------------------------------------------------------------
  // SELECT: joins

  @ParameterizedTest
  @EnumSource(Database.class)
  void joinsOnGroupColumnsCompareCiphertexts(Database database) throws SQLException {
    setUp(database);
    try (Connection connection = veil(database)) {
      assertThat(
              query(
                  connection,
                  "SELECT p.id, c.id, p.ssn, c.patient_ssn, p.name, c.code"
                      + " FROM sc_patients p JOIN sc_claims c ON c.patient_ssn = p.ssn"))
          .containsExactlyInAnyOrder(
              row(1, 10, ADA_SSN, ADA_SSN, ADA_NAME, ALPHA),
              row(1, 11, ADA_SSN, ADA_SSN, ADA_NAME, BRAVO),
              row(2, 12, ALAN_SSN, ALAN_SSN, ALAN_NAME, ALPHA));
      assertThat(
              query(
                  connection,
                  "SELECT c.id, p.name FROM sc_claims c INNER JOIN sc_patients p"
                      + " ON p.ssn = c.patient_ssn AND p.mrn = ? WHERE c.code = ?",
                  ADA_MRN,
                  BRAVO))
          .containsExactly(row(11, ADA_NAME));
    }
    byte[] ada = assertStoredEncrypted(database, "sc_patients", "ssn", 1, ADA_SSN);
    assertThat(assertStoredEncrypted(database, "sc_claims", "patient_ssn", 10, ADA_SSN))
        .isEqualTo(ada);
    assertThat(assertStoredEncrypted(database, "sc_claims", "patient_ssn", 11, ADA_SSN))
        .isEqualTo(ada);
    assertNoPlaintextStored(database);
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void keepsUnmatchedRowsInLeftAndRightJoinsOnGroupColumns(Database database) throws SQLException {
    setUp(database);
    try (Connection connection = veil(database)) {
      assertThat(
              query(
                  connection,
                  "SELECT p.id, c.id, p.ssn, c.patient_ssn"
                      + " FROM sc_patients p LEFT JOIN sc_claims c ON p.ssn = c.patient_ssn"))
          .containsExactlyInAnyOrder(
              row(1, 10, ADA_SSN, ADA_SSN),
              row(1, 11, ADA_SSN, ADA_SSN),
              row(2, 12, ALAN_SSN, ALAN_SSN),
              row(3, null, GRACE_SSN, null));
      assertThat(
              query(
                  connection,
                  "SELECT p.id, c.id, p.ssn, c.patient_ssn"
                      + " FROM sc_patients p RIGHT OUTER JOIN sc_claims c"
                      + " ON p.ssn = c.patient_ssn"))
          .containsExactlyInAnyOrder(
              row(1, 10, ADA_SSN, ADA_SSN),
              row(1, 11, ADA_SSN, ADA_SSN),
              row(2, 12, ALAN_SSN, ALAN_SSN),
              row(null, 13, null, ORPHAN_SSN));
    }
    assertSeedEncrypted(database);
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void refusesJoinsAcrossEncryptionContexts(Database database) throws SQLException {
    setUp(database);
    List<String> before = snapshot(database);
    try (Connection connection = veil(database)) {
      // Same type, key and storage as the group, but another context: the bytes never match.
      assertRefused(
          connection, "SELECT p.id FROM sc_patients p JOIN sc_claims c ON p.ssn = c.code", "42V01");
      assertRefused(
          connection,
          "SELECT p.id FROM sc_patients p LEFT JOIN sc_claims c ON c.code = p.ssn",
          "42V01");
      assertRefused(
          connection, "SELECT p.id FROM sc_patients p JOIN sc_visits v ON v.ssn = p.ssn", "42V01");
      assertRefused(
          connection,
          "SELECT p.id FROM sc_patients p JOIN sc_patients q ON p.name = q.name",
          "42V01");
      assertRefused(
          connection, "UPDATE sc_claims SET note = 'changed' WHERE patient_ssn = code", "42V01");
      assertThat(query(connection, "SELECT ssn FROM sc_patients WHERE id = 1"))
          .containsExactly(row(ADA_SSN));
    }
    assertThat(snapshot(database)).isEqualTo(before);
    assertSeedEncrypted(database);
  }

  // ---------------------------------------------------------------------------------------------
  // SELECT: derived tables, CTEs, subqueries

  @ParameterizedTest
  @EnumSource(Database.class)
  void decryptsProtectedColumnsReExposedByDerivedTables(Database database) throws SQLException {
    setUp(database);
    try (Connection connection = veil(database)) {
      assertThat(
              query(
                  connection,
                  "SELECT d.s, d.n, d.id FROM (SELECT id, ssn AS s, name AS n FROM sc_patients) d"
                      + " WHERE d.s = ?",
                  ADA_SSN))
          .containsExactly(row(ADA_SSN, ADA_NAME, 1));
      assertThat(
              query(
                  connection,
                  "SELECT p.id, d.patient_ssn FROM sc_patients p"
                      + " JOIN (SELECT patient_ssn FROM sc_claims WHERE code = ?) d"
                      + " ON d.patient_ssn = p.ssn",
                  ALPHA))
          .containsExactlyInAnyOrder(row(1, ADA_SSN), row(2, ALAN_SSN));
    }
    assertSeedEncrypted(database);
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void decryptsProtectedColumnsReExposedByCtes(Database database) throws SQLException {
    setUp(database);
    try (Connection connection = veil(database)) {
      assertThat(
              query(
                  connection,
                  "WITH alpha AS (SELECT id, patient_ssn FROM sc_claims WHERE code = ?)"
                      + " SELECT p.name, alpha.patient_ssn, alpha.id"
                      + " FROM alpha JOIN sc_patients p ON p.ssn = alpha.patient_ssn"
                      + " WHERE alpha.patient_ssn = ?",
                  ALPHA,
                  ALAN_SSN))
          .containsExactly(row(ALAN_NAME, ALAN_SSN, 12));
      assertThat(
              query(
                  connection,
                  "WITH records AS (SELECT ssn, mrn FROM sc_patients)"
                      + " SELECT mrn, ssn FROM records WHERE mrn = ?",
                  GRACE_MRN))
          .containsExactly(row(GRACE_MRN, GRACE_SSN));
    }
    assertSeedEncrypted(database);
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void decryptsStarsOverDerivedTablesCtesAndUnions(Database database) throws SQLException {
    setUp(database);
    try (Connection connection = veil(database)) {
      assertThat(
              query(connection, "SELECT * FROM (SELECT id, ssn FROM sc_patients WHERE id = 1) d"))
          .containsExactly(row(1, ADA_SSN));
      assertThat(
              query(
                  connection,
                  "WITH c AS (SELECT id, ssn AS s FROM sc_patients WHERE id = 2) SELECT * FROM c"))
          .containsExactly(row(2, ALAN_SSN));
      assertThat(
              query(
                  connection,
                  "WITH c AS (SELECT id, ssn FROM sc_patients), d AS (SELECT * FROM c)"
                      + " SELECT x.* FROM d x WHERE x.ssn = ?",
                  ADA_SSN))
          .containsExactly(row(1, ADA_SSN));
      assertThat(
              query(
                  connection,
                  "SELECT d.* FROM (SELECT ssn FROM sc_patients WHERE id = 1"
                      + " UNION ALL SELECT patient_ssn FROM sc_claims WHERE id = 12) d"))
          .containsExactlyInAnyOrder(row(ADA_SSN), row(ALAN_SSN));
    }
    assertSeedEncrypted(database);
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void filtersWithInAndScalarSubqueriesOfTheSameContext(Database database) throws SQLException {
    setUp(database);
    try (Connection connection = veil(database)) {
      assertThat(
              query(
                  connection,
                  "SELECT id, ssn FROM sc_patients"
                      + " WHERE ssn IN (SELECT patient_ssn FROM sc_claims WHERE code = ?)",
                  ALPHA))
          .containsExactlyInAnyOrder(row(1, ADA_SSN), row(2, ALAN_SSN));
      assertThat(
              query(
                  connection,
                  "SELECT id FROM sc_patients WHERE ssn NOT IN (SELECT patient_ssn FROM sc_claims)"))
          .containsExactly(row(3));
      assertThat(
              query(
                  connection,
                  "SELECT id, name FROM sc_patients"
                      + " WHERE ssn = (SELECT patient_ssn FROM sc_claims WHERE id = ?)",
                  12))
          .containsExactly(row(2, ALAN_NAME));
    }
    assertSeedEncrypted(database);
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void filtersWithCorrelatedExists(Database database) throws SQLException {
    setUp(database);
    try (Connection connection = veil(database)) {
      assertThat(
              query(
                  connection,
                  "SELECT p.id, p.ssn FROM sc_patients p WHERE EXISTS"
                      + " (SELECT 1 FROM sc_claims c WHERE c.patient_ssn = p.ssn AND c.code = ?)",
                  BRAVO))
          .containsExactly(row(1, ADA_SSN));
      assertThat(
              query(
                  connection,
                  "SELECT p.id FROM sc_patients p WHERE NOT EXISTS"
                      + " (SELECT 1 FROM sc_claims c WHERE c.patient_ssn = p.ssn)"))
          .containsExactly(row(3));
    }
    assertSeedEncrypted(database);
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void decryptsScalarSubqueriesInTheSelectList(Database database) throws SQLException {
    setUp(database);
    try (Connection connection = veil(database)) {
      assertThat(
              query(
                  connection,
                  "SELECT c.id,"
                      + " (SELECT p.name FROM sc_patients p WHERE p.ssn = c.patient_ssn) AS who,"
                      + " (SELECT p.ssn FROM sc_patients p WHERE p.ssn = c.patient_ssn) AS matched"
                      + " FROM sc_claims c WHERE c.id IN (?, ?) ORDER BY c.id",
                  12,
                  13))
          .containsExactly(row(12, ALAN_NAME, ALAN_SSN), row(13, null, null));
    }
    assertSeedEncrypted(database);
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void refusesAnUnqualifiedNameProtectedOnlyInAnOuterScope(Database database) throws SQLException {
    setUp(database);
    try (Connection connection = veil(database)) {
      // Valid SQL (ssn resolves to p.ssn), but Veil must not guess which table the name means.
      assertRefused(
          connection,
          "SELECT p.id FROM sc_patients p WHERE EXISTS"
              + " (SELECT 1 FROM sc_claims c WHERE c.patient_ssn = ssn)",
          "42702");
      assertThat(
              query(
                  connection,
                  "SELECT p.id FROM sc_patients p WHERE EXISTS"
                      + " (SELECT 1 FROM sc_claims c WHERE c.patient_ssn = p.ssn) ORDER BY p.id"))
          .containsExactly(row(1), row(2));
    }
    assertSeedEncrypted(database);
  }

  // ---------------------------------------------------------------------------------------------
  // SELECT: set operations, DISTINCT, grouping, paging, locking

  @ParameterizedTest
  @EnumSource(Database.class)
  void combinesSameContextBranchesWithSetOperations(Database database) throws SQLException {
    setUp(database);
    try (Connection connection = veil(database)) {
      assertThat(
              query(
                  connection,
                  "SELECT ssn FROM sc_patients UNION SELECT patient_ssn FROM sc_claims"))
          .containsExactlyInAnyOrder(row(ADA_SSN), row(ALAN_SSN), row(GRACE_SSN), row(ORPHAN_SSN));
      assertThat(
              query(
                  connection,
                  "SELECT ssn FROM sc_patients WHERE id = ?"
                      + " UNION ALL SELECT patient_ssn FROM sc_claims WHERE code = ?",
                  1,
                  ALPHA))
          .containsExactlyInAnyOrder(row(ADA_SSN), row(ADA_SSN), row(ALAN_SSN));
      assertThat(
              query(
                  connection,
                  "SELECT ssn FROM sc_patients INTERSECT SELECT patient_ssn FROM sc_claims"))
          .containsExactlyInAnyOrder(row(ADA_SSN), row(ALAN_SSN));
      assertThat(
              query(
                  connection,
                  "SELECT patient_ssn FROM sc_claims EXCEPT SELECT ssn FROM sc_patients"))
          .containsExactly(row(ORPHAN_SSN));
      assertThat(
              query(
                  connection,
                  "SELECT ssn, name FROM sc_patients WHERE id = 1"
                      + " UNION ALL SELECT NULL, NULL FROM sc_claims WHERE id = 13"))
          .containsExactlyInAnyOrder(row(ADA_SSN, ADA_NAME), row(null, null));
    }
    assertSeedEncrypted(database);
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void refusesSetOperationsThatMixContexts(Database database) throws SQLException {
    setUp(database);
    try (Connection connection = veil(database)) {
      assertRefused(
          connection, "SELECT ssn FROM sc_patients UNION SELECT code FROM sc_claims", "42V01");
      assertRefused(
          connection,
          "SELECT patient_ssn FROM sc_claims UNION ALL SELECT name FROM sc_claims",
          "42V01");
      assertRefused(
          connection, "SELECT ssn FROM sc_patients EXCEPT SELECT ssn FROM sc_visits", "42V01");
      assertThat(query(connection, "SELECT code FROM sc_claims WHERE id = 10"))
          .containsExactly(row(ALPHA));
    }
    assertSeedEncrypted(database);
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void deduplicatesCountsAndGroupsDeterministicColumns(Database database) throws SQLException {
    setUp(database);
    try (Connection connection = veil(database)) {
      assertThat(query(connection, "SELECT DISTINCT patient_ssn FROM sc_claims"))
          .containsExactlyInAnyOrder(row(ADA_SSN), row(ALAN_SSN), row(ORPHAN_SSN));
      assertThat(
              query(
                  connection,
                  "SELECT COUNT(DISTINCT patient_ssn), COUNT(DISTINCT code),"
                      + " COUNT(patient_ssn), COUNT(*) FROM sc_claims"))
          .containsExactly(row(3, 3, 4, 4));
      assertThat(
              query(connection, "SELECT patient_ssn, COUNT(*) FROM sc_claims GROUP BY patient_ssn"))
          .containsExactlyInAnyOrder(row(ADA_SSN, 2), row(ALAN_SSN, 1), row(ORPHAN_SSN, 1));
      assertThat(
              query(
                  connection,
                  "SELECT code, COUNT(*) FROM sc_claims WHERE patient_ssn = ? GROUP BY code",
                  ADA_SSN))
          .containsExactlyInAnyOrder(row(ALPHA, 1), row(BRAVO, 1));
    }
    assertSeedEncrypted(database);
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void pagesWithLimitOffsetAndFetchFirst(Database database) throws SQLException {
    setUp(database);
    try (Connection connection = veil(database)) {
      assertThat(
              query(
                  connection,
                  "SELECT id, ssn, name FROM sc_patients ORDER BY id LIMIT ? OFFSET ?",
                  1,
                  1))
          .containsExactly(row(2, ALAN_SSN, ALAN_NAME));
      assertThat(
              queryText(
                  connection,
                  "SELECT id, ssn FROM sc_patients ORDER BY id OFFSET 2 ROWS FETCH FIRST 1 ROWS"
                      + " ONLY"))
          .containsExactly(row(3, GRACE_SSN));
      assertThat(
              query(
                  connection,
                  "SELECT id, patient_ssn FROM sc_claims WHERE patient_ssn = ? ORDER BY id"
                      + " FETCH FIRST ? ROWS ONLY",
                  ADA_SSN,
                  1))
          .containsExactly(row(10, ADA_SSN));
    }
    assertSeedEncrypted(database);
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void locksRowsSelectedForUpdate(Database database) throws SQLException {
    setUp(database);
    try (Connection connection = veil(database)) {
      connection.setAutoCommit(false);
      assertThat(
              query(
                  connection,
                  "SELECT id, ssn, name FROM sc_patients WHERE ssn = ? FOR UPDATE",
                  ALAN_SSN))
          .containsExactly(row(2, ALAN_SSN, ALAN_NAME));
      assertThat(
              update(
                  connection, "UPDATE sc_patients SET name = ? WHERE ssn = ?", RENAMED, ALAN_SSN))
          .isEqualTo(1);
      connection.commit();
      connection.setAutoCommit(true);
      assertThat(query(connection, "SELECT name FROM sc_patients WHERE id = 2"))
          .containsExactly(row(RENAMED));
    }
    assertStoredEncrypted(database, "sc_patients", "name", 2, RENAMED);
    assertNoPlaintextStored(database);
  }

  // ---------------------------------------------------------------------------------------------
  // SELECT: expressions and comparisons

  @ParameterizedTest
  @EnumSource(Database.class)
  void decryptsCaseAndCoalesceOverProtectedColumns(Database database) throws SQLException {
    setUp(database);
    try (Connection connection = veil(database)) {
      assertThat(
              query(
                  connection,
                  "SELECT id, CASE WHEN note = 'first' THEN ssn ELSE NULL END AS first_ssn,"
                      + " COALESCE(name, ?) AS shown, CASE ssn WHEN ? THEN 'ada' ELSE 'other' END"
                      + " FROM sc_patients WHERE id IN (1, 3) ORDER BY id",
                  WITHHELD,
                  ADA_SSN))
          .containsExactly(row(1, ADA_SSN, ADA_NAME, "ada"), row(3, null, WITHHELD, "other"));
      // The ELSE parameter and the COALESCE literal are encrypted as the column they stand in for.
      assertThat(
              queryText(
                  connection,
                  "SELECT CASE WHEN id = 3 THEN ssn ELSE '000-11-2222' END,"
                      + " COALESCE(name, 'Name Withheld') FROM sc_patients WHERE id IN (2, 3)"
                      + " ORDER BY id"))
          .containsExactly(row(ORPHAN_SSN, ALAN_NAME), row(GRACE_SSN, WITHHELD));
      assertThat(
              query(
                  connection,
                  "SELECT CASE WHEN id = 3 THEN ssn ELSE ? END FROM sc_patients WHERE id = 2",
                  ORPHAN_SSN))
          .containsExactly(row(ORPHAN_SSN));
    }
    assertSeedEncrypted(database);
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void comparesWithTheValueOnEitherSide(Database database) throws SQLException {
    setUp(database);
    try (Connection connection = veil(database)) {
      assertThat(query(connection, "SELECT id, name FROM sc_patients WHERE ? = ssn", ALAN_SSN))
          .containsExactly(row(2, ALAN_NAME));
      assertThat(
              queryText(
                  connection,
                  "SELECT id FROM sc_patients WHERE '555-12-3456' = ssn OR 5550001001 = mrn"
                      + " ORDER BY id"))
          .containsExactly(row(1), row(3));
      assertThat(
              query(
                  connection,
                  "SELECT id FROM sc_patients WHERE ssn <> ? AND NOT (mrn = ?) ORDER BY id",
                  ADA_SSN,
                  GRACE_MRN))
          .containsExactly(row(2));
      assertThat(
              query(
                  connection,
                  "SELECT id FROM sc_patients WHERE ssn NOT IN (?, ?) AND name IS NULL",
                  ADA_SSN,
                  ALAN_SSN))
          .containsExactly(row(3));
    }
    assertSeedEncrypted(database);
  }

  @ParameterizedTest
  @EnumSource(
      value = Database.class,
      names = {"H2", "POSTGRESQL"})
  void matchesAnyElementOfAnArrayParameter(Database database) throws SQLException {
    setUp(database);
    boolean postgres = database == Database.POSTGRESQL;
    try (Connection connection = veil(database)) {
      Array ssns =
          connection.createArrayOf(
              postgres ? "varchar" : "VARCHAR", new Object[] {ADA_SSN, GRACE_SSN});
      Array mrns = connection.createArrayOf(postgres ? "int8" : "BIGINT", new Object[] {ALAN_MRN});
      // mrn is stored as text, ssn as bytes: the two element encodings the driver must build.
      assertThat(query(connection, "SELECT id, mrn FROM sc_patients WHERE mrn = ANY(?)", mrns))
          .containsExactly(row(2, ALAN_MRN));
      assertThat(
              query(
                  connection,
                  "SELECT id, ssn FROM sc_patients WHERE ssn = ANY(?) ORDER BY id",
                  ssns))
          .containsExactly(row(1, ADA_SSN), row(3, GRACE_SSN));
      assertThat(
              query(connection, "SELECT id FROM sc_patients WHERE ssn <> ALL(?) ORDER BY id", ssns))
          .containsExactly(row(2));
      assertThat(
              query(
                  connection,
                  "SELECT c.id FROM sc_claims c WHERE c.patient_ssn = ANY(?) ORDER BY c.id",
                  ssns))
          .containsExactly(row(10), row(11));
    }
    assertSeedEncrypted(database);
  }

  @ParameterizedTest
  @EnumSource(
      value = Database.class,
      names = {"H2", "MARIADB"})
  void decryptsIfNullWithAnEncryptedDefault(Database database) throws SQLException {
    setUp(database);
    try (Connection connection = veil(database)) {
      assertThat(
              query(
                  connection,
                  "SELECT id, IFNULL(name, ?) FROM sc_patients WHERE id IN (1, 3) ORDER BY id",
                  WITHHELD))
          .containsExactly(row(1, ADA_NAME), row(3, WITHHELD));
    }
    assertSeedEncrypted(database);
  }

  // ---------------------------------------------------------------------------------------------
  // JDBC API

  @ParameterizedTest
  @EnumSource(Database.class)
  void runsStatementBatchesWithInlineLiterals(Database database) throws SQLException {
    setUp(database);
    try (Connection connection = veil(database)) {
      try (Statement batch = connection.createStatement()) {
        batch.addBatch(
            "INSERT INTO sc_patients (id, ssn, name, mrn)"
                + " VALUES (4, '321-54-9876', 'Barbara Liskov', 5550001004)");
        batch.addBatch(
            "UPDATE sc_patients SET name = 'Alan Mathison Turing', note = 'batched'"
                + " WHERE ssn = '987-65-4321'");
        batch.addBatch(
            "INSERT INTO sc_claims (id, patient_ssn, code) VALUES (30, '321-54-9876', 'CODE-BRAVO-8')");
        batch.addBatch("DELETE FROM sc_claims WHERE patient_ssn = '000-11-2222'");
        assertThat(batch.executeBatch()).containsExactly(1, 1, 1, 1);
      }
      assertThat(query(connection, "SELECT id, ssn, name, mrn, note FROM sc_patients WHERE id > 1"))
          .containsExactlyInAnyOrder(
              row(2, ALAN_SSN, RENAMED, ALAN_MRN, "batched"),
              row(3, GRACE_SSN, null, GRACE_MRN, "third"),
              row(4, BARBARA_SSN, BARBARA_NAME, BARBARA_MRN, "none"));
      assertThat(query(connection, "SELECT id, patient_ssn, code FROM sc_claims WHERE id >= 13"))
          .containsExactly(row(30, BARBARA_SSN, BRAVO));
    }
    assertThat(assertStoredEncrypted(database, "sc_claims", "patient_ssn", 30, BARBARA_SSN))
        .isEqualTo(assertStoredEncrypted(database, "sc_patients", "ssn", 4, BARBARA_SSN));
    assertStoredEncrypted(database, "sc_patients", "name", 2, RENAMED);
    assertNoPlaintextStored(database);
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void runsPreparedStatementBatches(Database database) throws SQLException {
    setUp(database);
    try (Connection connection = veil(database)) {
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO sc_claims (id, patient_ssn, code, note) VALUES (?, ?, ?, ?)")) {
        bind(insert, 30, GRACE_SSN, CHARLIE, "batch-1");
        insert.addBatch();
        bind(insert, 31, GRACE_SSN, ALPHA, "batch-2");
        insert.addBatch();
        assertThat(insert.executeBatch()).containsExactly(1, 1);
      }
      try (PreparedStatement rename =
          connection.prepareStatement("UPDATE sc_patients SET name = ? WHERE ssn = ?")) {
        bind(rename, RENAMED, ALAN_SSN);
        rename.addBatch();
        bind(rename, WITHHELD, GRACE_SSN);
        rename.addBatch();
        assertThat(rename.executeBatch()).containsExactly(1, 1);
      }
      assertThat(
              query(
                  connection,
                  "SELECT c.id, c.code, p.name FROM sc_claims c"
                      + " JOIN sc_patients p ON p.ssn = c.patient_ssn WHERE c.id >= 30 ORDER BY c.id"))
          .containsExactly(row(30, CHARLIE, WITHHELD), row(31, ALPHA, WITHHELD));
      assertThat(query(connection, "SELECT name FROM sc_patients WHERE id = 2"))
          .containsExactly(row(RENAMED));
    }
    assertThat(assertStoredEncrypted(database, "sc_claims", "patient_ssn", 31, GRACE_SSN))
        .isEqualTo(assertStoredEncrypted(database, "sc_patients", "ssn", 3, GRACE_SSN));
    assertStoredEncrypted(database, "sc_patients", "name", 3, WITHHELD);
    assertNoPlaintextStored(database);
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void decryptsProtectedColumnsAmongGeneratedKeys(Database database) throws SQLException {
    setUp(database);
    int generated;
    try (Connection connection = veil(database)) {
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO sc_claims (patient_ssn, code, note) VALUES (?, ?, ?)",
              Statement.RETURN_GENERATED_KEYS)) {
        bind(insert, GRACE_SSN, CHARLIE, "generated");
        assertThat(insert.executeUpdate()).isEqualTo(1);
        try (ResultSet keys = insert.getGeneratedKeys()) {
          assertThat(keys.next()).isTrue();
          List<String> labels = labels(keys);
          generated = keys.getInt(idColumn(labels));
          if (database == Database.POSTGRESQL) {
            assertThat(labels).as("pgjdbc returns every column").contains("patient_ssn", "code");
          }
          if (labels.contains("patient_ssn")) {
            assertThat(keys.getString("patient_ssn")).isEqualTo(GRACE_SSN);
            assertThat(keys.getString("code")).isEqualTo(CHARLIE);
          }
        }
      }
      try (Statement statement = connection.createStatement()) {
        assertThat(
                statement.executeUpdate(
                    "INSERT INTO sc_claims (patient_ssn, code, note)"
                        + " VALUES ('555-12-3456', 'CODE-BRAVO-8', 'generated-2')",
                    Statement.RETURN_GENERATED_KEYS))
            .isEqualTo(1);
        try (ResultSet keys = statement.getGeneratedKeys()) {
          assertThat(keys.next()).isTrue();
          List<String> labels = labels(keys);
          assertThat(keys.getInt(idColumn(labels))).isNotEqualTo(generated);
          if (labels.contains("patient_ssn")) {
            assertThat(keys.getString("patient_ssn")).isEqualTo(GRACE_SSN);
            assertThat(keys.getString("code")).isEqualTo(BRAVO);
          }
        }
      }
      assertThat(
              query(
                  connection,
                  "SELECT patient_ssn, code, note FROM sc_claims WHERE id = ?",
                  generated))
          .containsExactly(row(GRACE_SSN, CHARLIE, "generated"));
    }
    assertStoredEncrypted(database, "sc_claims", "patient_ssn", generated, GRACE_SSN);
    assertStoredEncrypted(database, "sc_claims", "code", generated, CHARLIE);
    assertNoPlaintextStored(database);
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void reportsResultsAndUpdateCountsThroughExecuteAndGetMoreResults(Database database)
      throws SQLException {
    setUp(database);
    try (Connection connection = veil(database)) {
      try (Statement statement = connection.createStatement()) {
        // With a literal: Veil runs it as a prepared statement, which must answer these calls.
        assertThat(statement.execute("SELECT ssn, name FROM sc_patients WHERE ssn = '123-45-6789'"))
            .isTrue();
        try (ResultSet results = statement.getResultSet()) {
          assertThat(rows(results)).containsExactly(row(ADA_SSN, ADA_NAME));
        }
        assertThat(statement.getMoreResults()).isFalse();
        assertThat(statement.getUpdateCount()).isEqualTo(-1);
        assertThat(
                statement.execute(
                    "UPDATE sc_patients SET name = 'Name Withheld' WHERE ssn = '555-12-3456'"))
            .isFalse();
        assertThat(statement.getUpdateCount()).isEqualTo(1);
        assertThat(statement.getMoreResults()).isFalse();
        assertThat(statement.getUpdateCount()).isEqualTo(-1);
      }
      try (PreparedStatement select =
          connection.prepareStatement("SELECT id, name FROM sc_patients WHERE ssn = ?")) {
        select.setString(1, GRACE_SSN);
        assertThat(select.execute()).isTrue();
        try (ResultSet results = select.getResultSet()) {
          assertThat(rows(results)).containsExactly(row(3, WITHHELD));
        }
        assertThat(select.getMoreResults()).isFalse();
        assertThat(select.getUpdateCount()).isEqualTo(-1);
      }
      try (PreparedStatement rename =
          connection.prepareStatement("UPDATE sc_patients SET name = ? WHERE ssn = ?")) {
        bind(rename, RENAMED, ALAN_SSN);
        assertThat(rename.execute()).isFalse();
        assertThat(rename.getUpdateCount()).isEqualTo(1);
        assertThat(rename.getMoreResults()).isFalse();
        assertThat(rename.getUpdateCount()).isEqualTo(-1);
      }
    }
    assertStoredEncrypted(database, "sc_patients", "name", 3, WITHHELD);
    assertStoredEncrypted(database, "sc_patients", "name", 2, RENAMED);
    assertNoPlaintextStored(database);
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void callsRoutinesThatNameNoProtectedTable(Database database) throws SQLException {
    setUp(database);
    try (Connection connection = veil(database);
        CallableStatement call = connection.prepareCall("{? = call sc_add(?, ?)}")) {
      call.registerOutParameter(1, Types.INTEGER);
      call.setInt(2, 2);
      call.setInt(3, 3);
      call.execute();
      assertThat(call.getInt(1)).isEqualTo(5);
      assertThat(query(connection, "SELECT ssn FROM sc_patients WHERE id = 1"))
          .containsExactly(row(ADA_SSN));
    }
    assertSeedEncrypted(database);
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void refusesCallsThatNameAProtectedTable(Database database) throws SQLException {
    setUp(database);
    List<String> before = snapshot(database);
    String sql = "{? = call sc_add((SELECT MAX(id) FROM sc_patients), ?)}";
    try (Connection connection = veil(database)) {
      // Veil cannot see what the routine does with its arguments; the spec fixes no SQLState for
      // this refusal, and the escape syntax may be refused as unparseable instead.
      assertThatThrownBy(() -> connection.prepareCall(sql))
          .isInstanceOfSatisfying(
              SQLException.class,
              e -> assertThat(e.getSQLState()).as(e.getMessage()).isIn("42V01", "42601"));
      assertThat(connection.isValid(2)).isTrue();
    }
    assertThat(snapshot(database)).isEqualTo(before);
    assertSeedEncrypted(database);
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void translatesEscapesWithNativeSqlAndRunsTheTranslation(Database database) throws SQLException {
    setUp(database);
    String sql = "SELECT ssn, {fn UCASE(note)} AS loud FROM sc_patients WHERE ssn = '123-45-6789'";
    String expected;
    try (Connection raw = database.raw()) {
      expected = raw.nativeSQL(sql);
    }
    try (Connection connection = veil(database)) {
      String translated = connection.nativeSQL(sql);
      assertThat(translated).isEqualTo(expected).doesNotContain("{fn");
      assertThat(queryText(connection, translated)).containsExactly(row(ADA_SSN, "FIRST"));
    }
    assertSeedEncrypted(database);
  }

  // ---------------------------------------------------------------------------------------------
  // Identifiers

  @ParameterizedTest
  @EnumSource(Database.class)
  void matchesQuotedMixedCaseIdentifiers(Database database) throws SQLException {
    setUp(database);
    String table = quote(database, "ScPatients");
    String ssn = quote(database, "SSN");
    try (Connection connection = veil(database)) {
      assertThat(
              update(
                  connection,
                  "INSERT INTO " + table + " (id, " + ssn + ", note) VALUES (?, ?, ?)",
                  1,
                  ADA_SSN,
                  "quoted"))
          .isEqualTo(1);
      assertThat(
              updateText(
                  connection,
                  "INSERT INTO " + table + " (" + ssn + ", id) VALUES ('987-65-4321', 2)"))
          .isEqualTo(1);
      assertThat(
              query(
                  connection,
                  "SELECT " + table + "." + ssn + " FROM " + table + " WHERE " + table + "." + ssn
                      + " = ?",
                  ALAN_SSN))
          .containsExactly(row(ALAN_SSN));
      assertThat(
              query(
                  connection,
                  "SELECT q."
                      + ssn
                      + ", q.id FROM "
                      + table
                      + " q WHERE q."
                      + ssn
                      + " IN (?, ?) ORDER BY q.id",
                  ADA_SSN,
                  ALAN_SSN))
          .containsExactly(row(ADA_SSN, 1), row(ALAN_SSN, 2));
      assertThat(queryText(connection, "SELECT * FROM " + table + " WHERE id = 1"))
          .containsExactly(row(1, ADA_SSN, "quoted"));
    }
    assertStoredEncrypted(database, table, ssn, 1, ADA_SSN);
    assertStoredEncrypted(database, table, ssn, 2, ALAN_SSN);
    assertNoPlaintextStored(database);
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void matchesSchemaQualifiedTables(Database database) throws SQLException {
    setUp(database);
    String schema = defaultSchema(database);
    try (Connection connection = veil(database)) {
      assertThat(
              update(
                  connection,
                  "INSERT INTO sc_archive.sc_ledger (id, iban, note) VALUES (?, ?, ?)",
                  1,
                  IBAN,
                  "ledger"))
          .isEqualTo(1);
      assertThat(
              query(
                  connection,
                  "SELECT l.iban, l.note FROM sc_archive.sc_ledger l WHERE l.iban = ?",
                  IBAN))
          .containsExactly(row(IBAN, "ledger"));
      assertThat(
              query(
                  connection,
                  "SELECT p.ssn, p.name FROM " + schema + ".sc_patients p WHERE p.ssn = ?",
                  ALAN_SSN))
          .containsExactly(row(ALAN_SSN, ALAN_NAME));
      assertThat(
              update(
                  connection,
                  "UPDATE " + schema + ".sc_patients SET name = ? WHERE ssn = ?",
                  RENAMED,
                  ALAN_SSN))
          .isEqualTo(1);
      assertThat(
              query(
                  connection,
                  "SELECT "
                      + schema
                      + ".sc_patients.name FROM "
                      + schema
                      + ".sc_patients WHERE "
                      + schema
                      + ".sc_patients.id = 2"))
          .containsExactly(row(RENAMED));
    }
    assertStoredEncrypted(database, "sc_archive.sc_ledger", "iban", 1, IBAN);
    assertStoredEncrypted(database, "sc_patients", "name", 2, RENAMED);
    assertNoPlaintextStored(database);
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void matchesReservedWordsAsColumnNames(Database database) throws SQLException {
    setUp(database);
    // H2 stores unquoted names in upper case, so the quoted spelling that matches is "ORDER".
    String order = quote(database, database == Database.H2 ? "ORDER" : "order");
    try (Connection connection = veil(database, RESERVED_POLICY)) {
      assertThat(
              update(
                  connection,
                  "INSERT INTO sc_orders (id, " + order + ", note) VALUES (?, ?, ?), (?, ?, ?)",
                  1,
                  ORDER_A,
                  "reserved",
                  2,
                  ORDER_B,
                  "other"))
          .isEqualTo(2);
      assertThat(
              update(
                  connection,
                  "UPDATE sc_orders SET " + order + " = ? WHERE " + order + " = ?",
                  ORDER_B,
                  ORDER_A))
          .isEqualTo(1);
      assertThat(
              query(
                  connection,
                  "SELECT o.id, o." + order + " FROM sc_orders o WHERE o." + order + " = ?",
                  ORDER_B))
          .containsExactlyInAnyOrder(row(1, ORDER_B), row(2, ORDER_B));
      // The keyword ORDER is not the column "order": ordering other tables must still work.
      assertThat(query(connection, "SELECT id, ssn FROM sc_patients ORDER BY id"))
          .containsExactly(row(1, ADA_SSN), row(2, ALAN_SSN), row(3, GRACE_SSN));
    }
    assertStoredEncrypted(database, "sc_orders", order, 1, ORDER_B);
    assertThat(assertStoredEncrypted(database, "sc_orders", order, 2, ORDER_B))
        .isEqualTo(assertStoredEncrypted(database, "sc_orders", order, 1, ORDER_B));
    assertNoPlaintextStored(database);
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void resolvesAColumnNameProtectedInOnlyOneOfTheJoinedTables(Database database)
      throws SQLException {
    setUp(database);
    try (Connection connection = veil(database)) {
      // v.ssn and c.name are plain: their parameter goes as written, their value comes back as is.
      assertThat(
              query(
                  connection,
                  "SELECT p.ssn, v.ssn AS visit_ssn, p.name, c.name AS claimant"
                      + " FROM sc_patients p JOIN sc_visits v ON v.patient_id = p.id"
                      + " JOIN sc_claims c ON c.patient_ssn = p.ssn"
                      + " WHERE v.ssn = ? AND c.code = ? AND p.ssn = ?",
                  VISIT_SSN,
                  ALPHA,
                  ADA_SSN))
          .containsExactly(row(ADA_SSN, VISIT_SSN, ADA_NAME, "claimant-a"));
      assertThat(
              update(
                  connection,
                  "UPDATE sc_visits SET ssn = ?"
                      + " WHERE patient_id = (SELECT p.id FROM sc_patients p WHERE p.ssn = ?)",
                  "222-33-4444",
                  ALAN_SSN))
          .isEqualTo(1);
    }
    try (Connection raw = database.raw();
        Statement statement = raw.createStatement();
        ResultSet results = statement.executeQuery("SELECT ssn FROM sc_visits WHERE id = 101")) {
      assertThat(results.next()).isTrue();
      assertThat(results.getString(1))
          .as("a plain column stores plaintext")
          .isEqualTo("222-33-4444");
    }
    assertSeedEncrypted(database);
  }

  // ---------------------------------------------------------------------------------------------
  // Refusals

  @ParameterizedTest
  @EnumSource(Database.class)
  void refusesOrderingAggregatesAndFunctionsOnProtectedColumns(Database database)
      throws SQLException {
    setUp(database);
    List<String> before = snapshot(database);
    try (Connection connection = veil(database)) {
      for (String sql :
          List.of(
              "SELECT id FROM sc_patients ORDER BY ssn",
              "SELECT id, name FROM sc_patients ORDER BY name DESC",
              "SELECT MIN(ssn) FROM sc_patients",
              "SELECT MAX(patient_ssn) FROM sc_claims",
              "SELECT SUM(mrn) FROM sc_patients",
              "SELECT AVG(mrn) FROM sc_patients",
              "SELECT id FROM sc_patients WHERE mrn > 5550001001",
              "SELECT id FROM sc_patients WHERE ssn LIKE '123%'",
              "SELECT UPPER(ssn) FROM sc_patients",
              "SELECT CASE WHEN c.id = 10 THEN c.patient_ssn ELSE c.code END FROM sc_claims c")) {
        assertRefused(connection, sql, "42V01");
      }
      assertThat(query(connection, "SELECT mrn FROM sc_patients WHERE id = 1"))
          .containsExactly(row(ADA_MRN));
    }
    assertThat(snapshot(database)).isEqualTo(before);
    assertSeedEncrypted(database);
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void refusesRandomizedColumnsInPredicatesAndChangesNothing(Database database)
      throws SQLException {
    setUp(database);
    List<String> before = snapshot(database);
    try (Connection connection = veil(database)) {
      for (String sql :
          List.of(
              "UPDATE sc_patients SET note = 'changed' WHERE name = ?",
              "DELETE FROM sc_patients WHERE name = 'Ada Lovelace'",
              "UPDATE sc_patients SET note = 'changed' WHERE name IN ('Ada Lovelace', ?)",
              "SELECT DISTINCT name FROM sc_patients",
              "SELECT COUNT(DISTINCT name) FROM sc_patients",
              "SELECT name, COUNT(*) FROM sc_patients GROUP BY name",
              "UPDATE sc_claims SET patient_ssn = code WHERE id = 10",
              "UPDATE sc_patients SET note = 'changed' WHERE ssn IN (SELECT code FROM sc_claims)")) {
        assertRefused(connection, sql, "42V01");
      }
      assertThat(query(connection, "SELECT name, note FROM sc_patients WHERE id = 1"))
          .containsExactly(row(ADA_NAME, "first"));
    }
    assertThat(snapshot(database)).isEqualTo(before);
    assertSeedEncrypted(database);
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void passesSchemaChangesThroughUnlessTheyCarryAProtectedValue(Database database)
      throws SQLException {
    setUp(database);
    try (Connection connection = veil(database)) {
      try (Statement ddl = connection.createStatement()) {
        ddl.execute("CREATE INDEX sc_patients_ssn ON sc_patients (ssn)");
        ddl.execute("ALTER TABLE sc_patients ADD COLUMN extra VARCHAR(20)");
      }
      // The default would be stored in the catalog, and in every row that takes it, as plaintext.
      assertRefused(
          connection,
          "ALTER TABLE sc_patients ALTER COLUMN name SET DEFAULT 'Ada Lovelace'",
          "42V01");
      assertThat(query(connection, "SELECT ssn, extra FROM sc_patients WHERE ssn = ?", ADA_SSN))
          .containsExactly(row(ADA_SSN, null));
    }
    try (Connection raw = database.raw();
        Statement statement = raw.createStatement()) {
      statement.executeUpdate("INSERT INTO sc_patients (id) VALUES (50)");
      try (ResultSet results =
          statement.executeQuery("SELECT name, extra FROM sc_patients WHERE id = 50")) {
        assertThat(rows(results))
            .as("no default reached the column")
            .containsExactly(row(null, null));
      }
    }
    assertSeedEncrypted(database);
  }

  // ---------------------------------------------------------------------------------------------
  // Upserts and MERGE

  @ParameterizedTest
  @EnumSource(
      value = Database.class,
      names = {"H2", "POSTGRESQL"})
  void mergesWithWhenMatchedAndWhenNotMatched(Database database) throws SQLException {
    setUp(database);
    // PostgreSQL rejects a qualified target column in MERGE's SET; H2 takes both spellings.
    String target = database == Database.H2 ? "t." : "";
    try (Connection connection = veil(database)) {
      assertThat(
              update(
                  connection,
                  "MERGE INTO sc_patients t"
                      + " USING (SELECT id, patient_ssn FROM sc_claims WHERE id IN (12, 13)) s"
                      + " ON t.ssn = s.patient_ssn"
                      + " WHEN MATCHED THEN UPDATE SET "
                      + target
                      + "note = 'merged', "
                      + target
                      + "name = ?"
                      + " WHEN NOT MATCHED THEN INSERT (id, ssn, name, note)"
                      + " VALUES (s.id, s.patient_ssn, ?, 'inserted')",
                  RENAMED,
                  WITHHELD))
          .isEqualTo(2);
      assertThat(
              query(
                  connection,
                  "SELECT id, ssn, name, note FROM sc_patients WHERE id IN (2, 13) ORDER BY id"))
          .containsExactly(
              row(2, ALAN_SSN, RENAMED, "merged"), row(13, ORPHAN_SSN, WITHHELD, "inserted"));
    }
    assertThat(assertStoredEncrypted(database, "sc_patients", "ssn", 13, ORPHAN_SSN))
        .isEqualTo(assertStoredEncrypted(database, "sc_claims", "patient_ssn", 13, ORPHAN_SSN));
    assertStoredEncrypted(database, "sc_patients", "name", 2, RENAMED);
    assertStoredEncrypted(database, "sc_patients", "name", 13, WITHHELD);
    assertNoPlaintextStored(database);
  }

  @Nested
  class OnH2 {
    private final Database database = Database.H2;

    @Test
    void refusesMergeKeyWhichTheParserCannotRead() throws SQLException {
      setUp(database);
      List<String> before = snapshot(database);
      try (Connection connection = veil(database)) {
        assertRefused(
            connection,
            "MERGE INTO sc_patients (id, ssn, name) KEY (id) VALUES (?, ?, ?)",
            "42601");
        assertThat(query(connection, "SELECT ssn FROM sc_patients WHERE id = 2"))
            .containsExactly(row(ALAN_SSN));
      }
      assertThat(snapshot(database)).isEqualTo(before);
      assertSeedEncrypted(database);
    }

    @Test
    void passesMergeKeyThroughWhenItNamesNoProtectedTable() throws SQLException {
      setUp(database);
      try (Connection connection = veil(database)) {
        assertThat(
                update(
                    connection,
                    "MERGE INTO sc_visits (id, patient_id, ssn) KEY (id) VALUES (?, ?, ?)",
                    100,
                    1,
                    "999-88-7777"))
            .isEqualTo(1);
      }
      try (Connection raw = database.raw();
          Statement statement = raw.createStatement();
          ResultSet results = statement.executeQuery("SELECT ssn FROM sc_visits WHERE id = 100")) {
        assertThat(rows(results))
            .as("a plain column stores plaintext")
            .containsExactly(row("999-88-7777"));
      }
      assertSeedEncrypted(database);
    }
  }

  @Nested
  class OnPostgreSql {
    private final Database database = Database.POSTGRESQL;

    @Test
    void decryptsJoinedTablesColumnsAmongGeneratedKeysOfUpdateFrom() throws SQLException {
      setUp(database);
      try (Connection connection = veil(database);
          PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE sc_patients SET note = ? FROM sc_claims c"
                      + " WHERE c.patient_ssn = sc_patients.ssn AND c.id = ?",
                  Statement.RETURN_GENERATED_KEYS)) {
        update.setString(1, "keyed");
        update.setInt(2, 12);
        assertThat(update.executeUpdate()).isEqualTo(1);
        // pgjdbc returns every column of both tables as the generated keys.
        try (ResultSet keys = update.getGeneratedKeys()) {
          assertThat(keys.next()).isTrue();
          assertThat(keys.getString("ssn")).isEqualTo(ALAN_SSN);
          assertThat(keys.getString("patient_ssn")).isEqualTo(ALAN_SSN);
        }
      }
      assertSeedEncrypted(database);
    }

    @Test
    void upsertsWithOnConflictFromExcludedOrDoNothing() throws SQLException {
      setUp(database);
      try (Connection connection = veil(database)) {
        String fromExcluded =
            "INSERT INTO sc_patients (id, ssn, name, mrn) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (id) DO UPDATE SET ssn = EXCLUDED.ssn, name = EXCLUDED.name,"
                + " note = 'upserted'";
        assertThat(update(connection, fromExcluded, 1, BARBARA_SSN, BARBARA_NAME, BARBARA_MRN))
            .isEqualTo(1);
        assertThat(update(connection, fromExcluded, 4, EDSGER_SSN, EDSGER_NAME, EDSGER_MRN))
            .isEqualTo(1);
        assertThat(
                update(
                    connection,
                    "INSERT INTO sc_patients (id, ssn) VALUES (?, ?) ON CONFLICT (id) DO NOTHING",
                    3,
                    EDSGER_SSN))
            .isZero();
        assertUpserted(database, connection);
      }
    }

    @Test
    void upsertsWithOnConflictSettingAParameter() throws SQLException {
      setUp(database);
      try (Connection connection = veil(database)) {
        assertThat(
                update(
                    connection,
                    "INSERT INTO sc_patients (id, ssn) VALUES (?, ?)"
                        + " ON CONFLICT (id) DO UPDATE SET name = ?, ssn = ?",
                    2,
                    ALAN_SSN,
                    RENAMED,
                    EDSGER_SSN))
            .isEqualTo(1);
        assertThat(query(connection, "SELECT ssn, name, mrn FROM sc_patients WHERE id = 2"))
            .containsExactly(row(EDSGER_SSN, RENAMED, ALAN_MRN));
      }
      assertStoredEncrypted(database, "sc_patients", "name", 2, RENAMED);
      assertStoredEncrypted(database, "sc_patients", "ssn", 2, EDSGER_SSN);
      assertNoPlaintextStored(database);
    }

    @Test
    void decryptsReturningItemsAndReturningStar() throws SQLException {
      setUp(database);
      try (Connection connection = veil(database)) {
        assertThat(
                query(
                    connection,
                    "INSERT INTO sc_patients (id, ssn, name, mrn) VALUES (?, ?, ?, ?)"
                        + " RETURNING id, ssn, name, mrn",
                    4,
                    BARBARA_SSN,
                    BARBARA_NAME,
                    BARBARA_MRN))
            .containsExactly(row(4, BARBARA_SSN, BARBARA_NAME, BARBARA_MRN));
        try (PreparedStatement rename =
            connection.prepareStatement(
                "UPDATE sc_patients SET name = ? WHERE ssn = ? RETURNING *")) {
          bind(rename, RENAMED, ALAN_SSN);
          try (ResultSet results = rename.executeQuery()) {
            assertThat(results.next()).isTrue();
            assertThat(results.getString("ssn")).isEqualTo(ALAN_SSN);
            assertThat(results.getString("name")).isEqualTo(RENAMED);
            assertThat(results.getLong("mrn")).isEqualTo(ALAN_MRN);
            assertThat(results.getString("note")).isEqualTo("second");
            assertThat(results.next()).isFalse();
          }
        }
        assertThat(
                query(
                    connection,
                    "DELETE FROM sc_claims WHERE patient_ssn = ? RETURNING id, patient_ssn, code",
                    ORPHAN_SSN))
            .containsExactly(row(13, ORPHAN_SSN, CHARLIE));
      }
      assertStoredEncrypted(database, "sc_patients", "ssn", 4, BARBARA_SSN);
      assertStoredEncrypted(database, "sc_patients", "name", 2, RENAMED);
      assertThat(rawIds(database, "sc_claims")).containsExactly(10, 11, 12);
      assertNoPlaintextStored(database);
    }

    @Test
    void updatesFromAJoinedTable() throws SQLException {
      setUp(database);
      try (Connection connection = veil(database)) {
        assertThat(
                update(
                    connection,
                    "UPDATE sc_claims c SET code = ?, note = 'reviewed' FROM sc_patients p"
                        + " WHERE p.ssn = c.patient_ssn AND p.mrn = ?",
                    CHARLIE,
                    ADA_MRN))
            .isEqualTo(2);
        assertThat(
                update(
                    connection,
                    "UPDATE sc_claims c SET patient_ssn = p.ssn FROM sc_patients p"
                        + " WHERE p.id = ? AND c.id = ?",
                    3,
                    13))
            .isEqualTo(1);
        assertClaimsUpdatedFromPatients(database, connection);
      }
    }

    @Test
    void deletesUsingAJoinedTable() throws SQLException {
      setUp(database);
      try (Connection connection = veil(database)) {
        assertThat(
                update(
                    connection,
                    "DELETE FROM sc_claims c USING sc_patients p"
                        + " WHERE c.patient_ssn = p.ssn AND p.ssn = ?",
                    ADA_SSN))
            .isEqualTo(2);
        assertThat(query(connection, "SELECT id, patient_ssn FROM sc_claims ORDER BY id"))
            .containsExactly(row(12, ALAN_SSN), row(13, ORPHAN_SSN));
      }
      assertThat(rawIds(database, "sc_claims")).containsExactly(12, 13);
      assertStoredEncrypted(database, "sc_claims", "patient_ssn", 12, ALAN_SSN);
      assertStoredEncrypted(database, "sc_patients", "ssn", 1, ADA_SSN);
      assertNoPlaintextStored(database);
    }

    @Test
    void keepsUnmatchedRowsOfBothSidesInFullJoinsOnGroupColumns() throws SQLException {
      setUp(database);
      try (Connection connection = veil(database)) {
        assertThat(
                query(
                    connection,
                    "SELECT p.id, c.id, p.ssn, c.patient_ssn"
                        + " FROM sc_patients p FULL OUTER JOIN sc_claims c"
                        + " ON p.ssn = c.patient_ssn"))
            .containsExactlyInAnyOrder(
                row(1, 10, ADA_SSN, ADA_SSN),
                row(1, 11, ADA_SSN, ADA_SSN),
                row(2, 12, ALAN_SSN, ALAN_SSN),
                row(3, null, GRACE_SSN, null),
                row(null, 13, null, ORPHAN_SSN));
      }
      assertSeedEncrypted(database);
    }
  }

  @Nested
  class OnMariaDb {
    private final Database database = Database.MARIADB;

    @Test
    void upsertsWithOnDuplicateKeyUpdateFromValues() throws SQLException {
      setUp(database);
      try (Connection connection = veil(database)) {
        String fromValues =
            "INSERT INTO sc_patients (id, ssn, name, mrn) VALUES (?, ?, ?, ?)"
                + " ON DUPLICATE KEY UPDATE ssn = VALUES(ssn), name = VALUES(name),"
                + " note = 'upserted'";
        // MariaDB counts an updated row twice and an inserted one once.
        assertThat(update(connection, fromValues, 1, BARBARA_SSN, BARBARA_NAME, BARBARA_MRN))
            .isEqualTo(2);
        assertThat(update(connection, fromValues, 4, EDSGER_SSN, EDSGER_NAME, EDSGER_MRN))
            .isEqualTo(1);
        assertUpserted(database, connection);
      }
    }

    @Test
    void upsertsWithOnDuplicateKeyUpdateSettingAParameter() throws SQLException {
      setUp(database);
      try (Connection connection = veil(database)) {
        assertThat(
                update(
                    connection,
                    "INSERT INTO sc_patients (id, ssn) VALUES (?, ?)"
                        + " ON DUPLICATE KEY UPDATE name = ?, ssn = ?",
                    2,
                    ALAN_SSN,
                    RENAMED,
                    EDSGER_SSN))
            .isEqualTo(2);
        assertThat(query(connection, "SELECT ssn, name, mrn FROM sc_patients WHERE id = 2"))
            .containsExactly(row(EDSGER_SSN, RENAMED, ALAN_MRN));
      }
      assertStoredEncrypted(database, "sc_patients", "name", 2, RENAMED);
      assertStoredEncrypted(database, "sc_patients", "ssn", 2, EDSGER_SSN);
      assertNoPlaintextStored(database);
    }

    @Test
    void updatesJoinedTables() throws SQLException {
      setUp(database);
      try (Connection connection = veil(database)) {
        assertThat(
                update(
                    connection,
                    "UPDATE sc_claims c JOIN sc_patients p ON p.ssn = c.patient_ssn"
                        + " SET c.code = ?, c.note = 'reviewed' WHERE p.mrn = ?",
                    CHARLIE,
                    ADA_MRN))
            .isEqualTo(2);
        assertThat(
                update(
                    connection,
                    "UPDATE sc_claims c JOIN sc_patients p ON p.id = ?"
                        + " SET c.patient_ssn = p.ssn WHERE c.id = ?",
                    3,
                    13))
            .isEqualTo(1);
        assertClaimsUpdatedFromPatients(database, connection);
      }
    }

    @Test
    void deletesFromOneOfTheJoinedTables() throws SQLException {
      setUp(database);
      try (Connection connection = veil(database)) {
        assertThat(
                update(
                    connection,
                    "DELETE c FROM sc_claims c JOIN sc_patients p ON p.ssn = c.patient_ssn"
                        + " WHERE p.ssn = ?",
                    ADA_SSN))
            .isEqualTo(2);
        assertThat(query(connection, "SELECT id, patient_ssn FROM sc_claims ORDER BY id"))
            .containsExactly(row(12, ALAN_SSN), row(13, ORPHAN_SSN));
      }
      assertThat(rawIds(database, "sc_claims")).containsExactly(12, 13);
      assertThat(rawIds(database, "sc_patients")).containsExactly(1, 2, 3);
      assertStoredEncrypted(database, "sc_claims", "patient_ssn", 12, ALAN_SSN);
      assertStoredEncrypted(database, "sc_patients", "ssn", 1, ADA_SSN);
      assertNoPlaintextStored(database);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Fixture

  private static Connection veil(Database database) throws SQLException {
    return veil(database, POLICY);
  }

  private static Connection veil(Database database, String policy) throws SQLException {
    database.raw().close();
    Properties info = VEIL.properties(database);
    info.setProperty("veil.policy", policy);
    return DriverManager.getConnection(database.veilUrl(), info);
  }

  private static String quote(Database database, String name) {
    return database == Database.MARIADB ? "`" + name + "`" : "\"" + name + "\"";
  }

  /** The schema unqualified names resolve to; MariaDB calls it the database (the catalog). */
  private static String defaultSchema(Database database) throws SQLException {
    try (Connection raw = database.raw()) {
      return database == Database.MARIADB ? raw.getCatalog() : raw.getSchema();
    }
  }

  /**
   * Drops and recreates every table of the policy, then writes the same rows through Veil. Claims
   * 10 and 11 belong to Ada, 12 to Alan; claim 13 has no patient and Grace (3) has no claim and no
   * name, so outer joins and NULL handling have something to show.
   */
  private static void setUp(Database database) throws SQLException {
    String binary = database.binaryType;
    String text = "VARCHAR(1000)";
    String identity =
        database == Database.MARIADB
            ? "INT AUTO_INCREMENT PRIMARY KEY"
            : "INT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY";
    String quotedTable = quote(database, "ScPatients");
    String order = quote(database, database == Database.H2 ? "ORDER" : "order");
    try (Connection raw = database.raw();
        Statement ddl = raw.createStatement()) {
      ddl.execute("CREATE SCHEMA IF NOT EXISTS sc_archive");
      for (String table :
          List.of(
              "sc_claims",
              "sc_patients",
              "sc_visits",
              "sc_orders",
              quotedTable,
              "sc_archive.sc_ledger")) {
        ddl.execute("DROP TABLE IF EXISTS " + table);
      }
      ddl.execute(
          "CREATE TABLE sc_patients (id INT PRIMARY KEY, ssn "
              + binary
              + ", name "
              + text
              + ", mrn "
              + text
              + ", note VARCHAR(100) DEFAULT 'none')");
      ddl.execute(
          "CREATE TABLE sc_claims (id "
              + identity
              + ", patient_ssn "
              + binary
              + ", code "
              + binary
              + ", name VARCHAR(100), note VARCHAR(100))");
      ddl.execute(
          "CREATE TABLE sc_visits (id INT PRIMARY KEY, patient_id INT, ssn VARCHAR(100),"
              + " name VARCHAR(100))");
      ddl.execute(
          "CREATE TABLE "
              + quotedTable
              + " (id INT PRIMARY KEY, "
              + quote(database, "SSN")
              + " "
              + text
              + ", note VARCHAR(100))");
      ddl.execute(
          "CREATE TABLE sc_orders (id INT PRIMARY KEY, "
              + order
              + " "
              + text
              + ", note VARCHAR(100))");
      ddl.execute(
          "CREATE TABLE sc_archive.sc_ledger (id INT PRIMARY KEY, iban "
              + text
              + ", note VARCHAR(100))");
      ddl.execute(
          switch (database) {
            case H2 -> "CREATE ALIAS IF NOT EXISTS SC_ADD FOR 'java.lang.Integer.sum'";
            case POSTGRESQL ->
                "CREATE OR REPLACE FUNCTION sc_add(a INT, b INT) RETURNS INT"
                    + " LANGUAGE SQL IMMUTABLE AS 'SELECT a + b'";
            case MARIADB ->
                "CREATE OR REPLACE FUNCTION sc_add(a INT, b INT) RETURNS INT DETERMINISTIC"
                    + " RETURN a + b";
          });
      ddl.execute(
          "INSERT INTO sc_visits (id, patient_id, ssn, name) VALUES"
              + " (100, 1, '"
              + VISIT_SSN
              + "', 'Visitor One'), (101, 2, '444-55-6666', 'Visitor Two')");
    }
    try (Connection connection = veil(database)) {
      String patient = "INSERT INTO sc_patients (id, ssn, name, mrn, note) VALUES (?, ?, ?, ?, ?)";
      update(connection, patient, 1, ADA_SSN, ADA_NAME, ADA_MRN, "first");
      update(connection, patient, 2, ALAN_SSN, ALAN_NAME, ALAN_MRN, "second");
      update(connection, patient, 3, GRACE_SSN, null, GRACE_MRN, "third");
      String claim =
          "INSERT INTO sc_claims (id, patient_ssn, code, name, note) VALUES (?, ?, ?, ?, ?)";
      update(connection, claim, 10, ADA_SSN, ALPHA, "claimant-a", "claim-10");
      update(connection, claim, 11, ADA_SSN, BRAVO, "claimant-b", "claim-11");
      update(connection, claim, 12, ALAN_SSN, ALPHA, "claimant-c", "claim-12");
      update(connection, claim, 13, ORPHAN_SSN, CHARLIE, "claimant-d", "claim-13");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Running statements

  private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
    for (int i = 0; i < parameters.length; i++) {
      Object parameter = parameters[i];
      if (parameter == null) {
        statement.setNull(i + 1, Types.VARCHAR);
      } else if (parameter instanceof Array array) {
        statement.setArray(i + 1, array);
      } else {
        statement.setObject(i + 1, parameter);
      }
    }
  }

  private static List<List<String>> query(Connection connection, String sql, Object... parameters)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement, parameters);
      try (ResultSet results = statement.executeQuery()) {
        return rows(results);
      }
    }
  }

  /** Through a plain {@code Statement}, where Veil moves the literals out itself. */
  private static List<List<String>> queryText(Connection connection, String sql)
      throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet results = statement.executeQuery(sql)) {
      return rows(results);
    }
  }

  private static int update(Connection connection, String sql, Object... parameters)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement, parameters);
      return statement.executeUpdate();
    }
  }

  private static int updateText(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      return statement.executeUpdate(sql);
    }
  }

  private static List<List<String>> rows(ResultSet results) throws SQLException {
    int columns = results.getMetaData().getColumnCount();
    List<List<String>> rows = new ArrayList<>();
    while (results.next()) {
      List<String> row = new ArrayList<>();
      for (int column = 1; column <= columns; column++) {
        row.add(results.getString(column));
      }
      rows.add(row);
    }
    return rows;
  }

  /** An expected row, compared as {@code getString} renders each value. */
  /** After the joined updates that reviewed claims 10 and 11 and gave claim 13 Grace's SSN. */
  private static void assertClaimsUpdatedFromPatients(Database database, Connection connection)
      throws SQLException {
    assertThat(query(connection, "SELECT id, patient_ssn, code, note FROM sc_claims ORDER BY id"))
        .containsExactly(
            row(10, ADA_SSN, CHARLIE, "reviewed"),
            row(11, ADA_SSN, CHARLIE, "reviewed"),
            row(12, ALAN_SSN, ALPHA, "claim-12"),
            row(13, GRACE_SSN, CHARLIE, "claim-13"));
    assertThat(assertStoredEncrypted(database, "sc_claims", "patient_ssn", 13, GRACE_SSN))
        .isEqualTo(assertStoredEncrypted(database, "sc_patients", "ssn", 3, GRACE_SSN));
    assertThat(assertStoredEncrypted(database, "sc_claims", "code", 10, CHARLIE))
        .isEqualTo(assertStoredEncrypted(database, "sc_claims", "code", 13, CHARLIE));
    assertNoPlaintextStored(database);
  }

  /** After an upsert that updated row 1 and inserted row 4 of the standard data. */
  private static void assertUpserted(Database database, Connection connection) throws SQLException {
    assertThat(query(connection, "SELECT id, ssn, name, mrn, note FROM sc_patients ORDER BY id"))
        .containsExactly(
            row(1, BARBARA_SSN, BARBARA_NAME, ADA_MRN, "upserted"),
            row(2, ALAN_SSN, ALAN_NAME, ALAN_MRN, "second"),
            row(3, GRACE_SSN, null, GRACE_MRN, "third"),
            row(4, EDSGER_SSN, EDSGER_NAME, EDSGER_MRN, "none"));
    assertStoredEncrypted(database, "sc_patients", "ssn", 1, BARBARA_SSN);
    assertStoredEncrypted(database, "sc_patients", "name", 1, BARBARA_NAME);
    assertStoredEncrypted(database, "sc_patients", "ssn", 4, EDSGER_SSN);
    assertNoPlaintextStored(database);
  }

  private static List<String> row(Object... values) {
    return Arrays.stream(values).map(v -> v == null ? null : v.toString()).toList();
  }

  /** Where the key is: MariaDB returns only the AUTO_INCREMENT value, labelled insert_id. */
  private static int idColumn(List<String> labels) {
    return labels.contains("id") ? labels.indexOf("id") + 1 : 1;
  }

  private static List<String> labels(ResultSet results) throws SQLException {
    ResultSetMetaData metaData = results.getMetaData();
    List<String> labels = new ArrayList<>();
    for (int i = 1; i <= metaData.getColumnCount(); i++) {
      labels.add(metaData.getColumnLabel(i).toLowerCase(Locale.ROOT));
    }
    return labels;
  }

  /**
   * Refused both when prepared and when executed as text, with {@code sqlState}, and with no value
   * in the message.
   */
  private static void assertRefused(Connection connection, String sql, String sqlState)
      throws SQLException {
    assertThatThrownBy(() -> connection.prepareStatement(sql).close())
        .as("prepare %s", sql)
        .isInstanceOfSatisfying(SQLException.class, e -> assertRefusal(e, sql, sqlState));
    try (Statement statement = connection.createStatement()) {
      assertThatThrownBy(() -> statement.execute(sql))
          .as("execute %s", sql)
          .isInstanceOfSatisfying(SQLException.class, e -> assertRefusal(e, sql, sqlState));
    }
    assertThat(connection.isValid(2)).isTrue();
  }

  private static void assertRefusal(SQLException e, String sql, String sqlState) {
    assertThat(e.getSQLState()).as("SQLState of %s: %s", sql, e.getMessage()).isEqualTo(sqlState);
    for (String secret : SECRETS) {
      assertThat(e.getMessage()).as("message for %s", sql).doesNotContain(secret);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // What the database holds, read without Veil

  /**
   * Reads {@code table.column} of row {@code id} without Veil, checks it is a non-null ciphertext
   * that does not reveal {@code plaintext}, and returns its bytes for comparisons.
   */
  private static byte[] assertStoredEncrypted(
      Database database, String table, String column, int id, String plaintext)
      throws SQLException {
    try (Connection raw = database.raw();
        PreparedStatement select =
            raw.prepareStatement("SELECT " + column + " FROM " + table + " WHERE id = ?")) {
      select.setInt(1, id);
      try (ResultSet results = select.executeQuery()) {
        assertThat(results.next()).as("%s row %d", table, id).isTrue();
        Object stored = results.getObject(1);
        assertThat(stored).as("%s.%s of row %d", table, column, id).isNotNull();
        if (stored instanceof String text) {
          assertThat(text).as("text storage holds base64").matches("[A-Za-z0-9+/]+=*");
        }
        for (String view : VeilFixture.plaintextViews(stored)) {
          assertThat(view).as("%s.%s of row %d", table, column, id).doesNotContain(plaintext);
        }
        assertThat(results.next()).isFalse();
        return VeilFixture.storedBytes(stored);
      }
    }
  }

  /** The seeded rows: ciphertext everywhere, and one ciphertext per plaintext across the group. */
  private static void assertSeedEncrypted(Database database) throws SQLException {
    byte[] ada = assertStoredEncrypted(database, "sc_patients", "ssn", 1, ADA_SSN);
    assertStoredEncrypted(database, "sc_patients", "name", 1, ADA_NAME);
    assertStoredEncrypted(database, "sc_patients", "mrn", 1, Long.toString(ADA_MRN));
    assertThat(assertStoredEncrypted(database, "sc_claims", "patient_ssn", 10, ADA_SSN))
        .isEqualTo(ada);
    assertStoredEncrypted(database, "sc_claims", "code", 10, ALPHA);
    assertNoPlaintextStored(database);
  }

  /** Every protected column of every table: no test plaintext in any form. */
  private static void assertNoPlaintextStored(Database database) throws SQLException {
    String order = quote(database, database == Database.H2 ? "ORDER" : "order");
    List<String> reads =
        List.of(
            "SELECT ssn, name, mrn FROM sc_patients",
            "SELECT patient_ssn, code FROM sc_claims",
            "SELECT " + quote(database, "SSN") + " FROM " + quote(database, "ScPatients"),
            "SELECT " + order + " FROM sc_orders",
            "SELECT iban FROM sc_archive.sc_ledger");
    try (Connection raw = database.raw();
        Statement select = raw.createStatement()) {
      for (String sql : reads) {
        try (ResultSet results = select.executeQuery(sql)) {
          int columns = results.getMetaData().getColumnCount();
          while (results.next()) {
            for (int column = 1; column <= columns; column++) {
              Object stored = results.getObject(column);
              if (stored == null) {
                continue;
              }
              for (String view : VeilFixture.plaintextViews(stored)) {
                for (String secret : SECRETS) {
                  assertThat(view).as("%s, column %d", sql, column).doesNotContain(secret);
                }
              }
            }
          }
        }
      }
    }
  }

  /** The ids of {@code table}, read without Veil. */
  private static List<Integer> rawIds(Database database, String table) throws SQLException {
    List<Integer> ids = new ArrayList<>();
    try (Connection raw = database.raw();
        Statement select = raw.createStatement();
        ResultSet results = select.executeQuery("SELECT id FROM " + table + " ORDER BY id")) {
      while (results.next()) {
        ids.add(results.getInt(1));
      }
    }
    return ids;
  }

  /** Every stored cell of the tables a refused statement could have touched, as hex. */
  private static List<String> snapshot(Database database) throws SQLException {
    List<String> cells = new ArrayList<>();
    try (Connection raw = database.raw();
        Statement select = raw.createStatement()) {
      for (String table : List.of("sc_patients", "sc_claims", "sc_visits")) {
        try (ResultSet results = select.executeQuery("SELECT * FROM " + table + " ORDER BY id")) {
          int columns = results.getMetaData().getColumnCount();
          while (results.next()) {
            StringBuilder cell = new StringBuilder(table);
            for (int column = 1; column <= columns; column++) {
              Object stored = results.getObject(column);
              cell.append('|')
                  .append(
                      stored == null
                          ? "NULL"
                          : HexFormat.of().formatHex(VeilFixture.storedBytes(stored)));
            }
            cells.add(cell.toString());
          }
        }
      }
    }
    return cells;
  }
}
