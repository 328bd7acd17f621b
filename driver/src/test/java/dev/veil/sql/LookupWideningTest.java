package dev.veil.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.policy.IdentifierCase;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * While a deterministic key has several enabled versions, equality lookups are sent with one
 * parameter per version; writes stay on one parameter.
 */
class LookupWideningTest {
  /** pii has two enabled deterministic versions; finance has one. */
  private static final SqlAnalyzer TWO_VERSIONS =
      new SqlAnalyzer(
          SqlAnalyzerTest.POLICY,
          IdentifierCase.LOWER,
          5_000,
          column -> column.key().equals("pii") ? 2 : 1);

  private static StatementPlan plan(String sql) {
    StatementPlan plan = TWO_VERSIONS.analyze(sql);
    assertThat(plan.refusal()).isNull();
    return plan;
  }

  @Test
  void sendsAnEqualityLookupAsInWithOneParameterPerVersion() throws Exception {
    StatementPlan plan = plan("SELECT name FROM patients WHERE ssn = ?");
    assertThat(plan.sql()).isEqualTo("SELECT name FROM patients WHERE (ssn IN (?, ?))");
    assertThat(plan.sentIndex(1)).isEqualTo(1);
    assertThat(plan.sentWidth(1)).isEqualTo(2);
  }

  @Test
  void sendsAnInequalityAsNotIn() throws Exception {
    assertThat(plan("SELECT id FROM patients WHERE ssn <> ?").sql())
        .isEqualTo("SELECT id FROM patients WHERE (ssn NOT IN (?, ?))");
  }

  @Test
  void widensAParameterWrittenBeforeTheColumn() throws Exception {
    StatementPlan plan = plan("SELECT id FROM patients p WHERE ? = p.ssn AND id = ?");
    assertThat(plan.sql())
        .isEqualTo("SELECT id FROM patients p WHERE (p.ssn IN (?, ?)) AND id = ?");
    assertThat(plan.sentIndex(1)).isEqualTo(1);
    assertThat(plan.sentWidth(1)).isEqualTo(2);
    assertThat(plan.sentIndex(2)).isEqualTo(3);
    assertThat(plan.sentWidth(2)).isEqualTo(1);
  }

  @Test
  void mapsParametersAroundAWidenedLookup() throws Exception {
    StatementPlan plan =
        plan("SELECT id FROM patients WHERE id > ? AND ssn = ? AND balance IS NOT NULL AND id < ?");
    assertThat(plan.sql())
        .isEqualTo(
            "SELECT id FROM patients WHERE id > ? AND (ssn IN (?, ?)) AND balance IS NOT NULL"
                + " AND id < ?");
    assertThat(List.of(plan.sentIndex(1), plan.sentIndex(2), plan.sentIndex(3)))
        .containsExactly(1, 2, 4);
    assertThat(List.of(plan.sentWidth(1), plan.sentWidth(2), plan.sentWidth(3)))
        .containsExactly(1, 2, 1);
  }

  @Test
  void widensAMovedLiteralIntoOneBindingPerVersion() throws Exception {
    StatementPlan plan = plan("SELECT id FROM patients WHERE ssn = '123-45-6789' AND id = ?");
    assertThat(plan.sql()).isEqualTo("SELECT id FROM patients WHERE (ssn IN (?, ?)) AND id = ?");
    assertThat(plan.literals())
        .singleElement()
        .satisfies(
            literal -> {
              assertThat(literal.sentIndex()).isEqualTo(1);
              assertThat(literal.width()).isEqualTo(2);
              assertThat(literal.value()).isEqualTo("123-45-6789");
            });
    assertThat(plan.sentIndex(1)).isEqualTo(3);
  }

  @Test
  void widensEachValueOfAnInList() throws Exception {
    StatementPlan plan = plan("SELECT id FROM patients WHERE ssn IN (?, '1', ?) AND id = ?");
    assertThat(plan.sql())
        .isEqualTo("SELECT id FROM patients WHERE ssn IN (?, ?, ?, ?, ?, ?) AND id = ?");
    assertThat(List.of(plan.sentIndex(1), plan.sentIndex(2), plan.sentIndex(3)))
        .containsExactly(1, 5, 7);
    assertThat(plan.literals()).singleElement().extracting(LiteralBinding::sentIndex).isEqualTo(3);
  }

  @Test
  void keepsWritesOnTheirOneParameter() throws Exception {
    StatementPlan plan = plan("UPDATE patients SET ssn = ?, name = ? WHERE ssn = ?");
    assertThat(plan.sql()).isEqualTo("UPDATE patients SET ssn = ?, name = ? WHERE (ssn IN (?, ?))");
    assertThat(List.of(plan.sentWidth(1), plan.sentWidth(2), plan.sentWidth(3)))
        .containsExactly(1, 1, 2);
    assertThat(plan("INSERT INTO patients (ssn, mrn) VALUES (?, ?)").sql())
        .isEqualTo("INSERT INTO patients (ssn, mrn) VALUES (?, ?)");
  }

  @Test
  void leavesColumnsWhoseKeyHasOneVersionAndComparisonsWithNullAlone() throws Exception {
    assertThat(plan("SELECT id FROM patients WHERE balance IS NULL AND ssn = NULL").sql())
        .isEqualTo("SELECT id FROM patients WHERE balance IS NULL AND ssn = NULL");
    StatementPlan oneVersion =
        new SqlAnalyzer(SqlAnalyzerTest.POLICY, IdentifierCase.LOWER, 5_000)
            .analyze("SELECT id FROM patients WHERE ssn = ?");
    assertThat(oneVersion.sql()).isEqualTo("SELECT id FROM patients WHERE ssn = ?");
    assertThat(oneVersion.sentWidth(1)).isEqualTo(1);
  }

  @Test
  void keepsAnArrayLookupAsOneParameter() throws Exception {
    StatementPlan plan = plan("SELECT id FROM patients WHERE ssn = ANY(?)");
    assertThat(plan.sql()).isEqualTo("SELECT id FROM patients WHERE ssn = ANY(?)");
    assertThat(plan.arrayParameter(1)).isTrue();
    assertThat(plan.sentWidth(1)).isEqualTo(1);
  }

  @Test
  void widensLookupsInJoinsSubqueriesAndCaseExpressions() throws Exception {
    assertThat(
            plan("SELECT s.id FROM staff s JOIN patients p ON p.id = s.id AND p.ssn = ?"
                    + " WHERE s.id IN (SELECT id FROM patients WHERE ssn = ?)")
                .sql())
        .isEqualTo(
            "SELECT s.id FROM staff s JOIN patients p ON p.id = s.id AND (p.ssn IN (?, ?))"
                + " WHERE s.id IN (SELECT id FROM patients WHERE (ssn IN (?, ?)))");
    assertThat(plan("SELECT CASE WHEN ssn = ? THEN 1 ELSE 0 END FROM patients").sql())
        .isEqualTo("SELECT CASE WHEN (ssn IN (?, ?)) THEN 1 ELSE 0 END FROM patients");
  }

  /**
   * Seeded: random conjunctions of plain and protected comparisons keep every application parameter
   * on its own sent slots, in order, with widths that add up to the placeholders sent.
   */
  @Test
  void mapsEveryParameterToDistinctOrderedSlotsForRandomPredicates() throws Exception {
    Random random = new Random(20261123);
    String[] comparisons = {
      "id = ?", "ssn = ?", "? = ssn", "mrn <> ?", "ssn IN (?, ?)", "name IS NULL", "mrn = 7"
    };
    for (int run = 0; run < 300; run++) {
      StringBuilder where = new StringBuilder();
      int terms = 1 + random.nextInt(6);
      for (int t = 0; t < terms; t++) {
        where.append(t == 0 ? "" : random.nextBoolean() ? " AND " : " OR ");
        where.append(comparisons[random.nextInt(comparisons.length)]);
      }
      String sql = "SELECT id FROM patients WHERE " + where;
      StatementPlan plan = plan(sql);
      int written = (int) sql.chars().filter(c -> c == '?').count();
      int sent =
          (int) plan.sql().chars().filter(c -> c == '?').count()
              - plan.literals().stream().mapToInt(LiteralBinding::width).sum();
      int next = 1;
      int total = 0;
      for (int i = 1; i <= written; i++) {
        assertThat(plan.sentIndex(i)).as(sql).isGreaterThanOrEqualTo(next);
        next = plan.sentIndex(i) + plan.sentWidth(i);
        total += plan.sentWidth(i);
      }
      assertThat(total).as(sql).isEqualTo(sent);
    }
  }

  @Test
  void refusesWhatTheDatabaseWouldCompareWhileAValueHasSeveralStoredForms() {
    for (String sql :
        List.of(
            "SELECT DISTINCT ssn FROM patients",
            "SELECT ssn, COUNT(*) FROM patients GROUP BY ssn",
            "SELECT COUNT(DISTINCT ssn) FROM patients",
            "SELECT p.id FROM patients p JOIN patients q ON p.ssn = q.ssn",
            "SELECT ssn FROM patients UNION SELECT ssn FROM patients",
            "SELECT id FROM patients WHERE CASE ssn WHEN ? THEN 1 ELSE 0 END = 1")) {
      StatementPlan plan = TWO_VERSIONS.analyze(sql);
      assertThat(plan.refusal()).as(sql).contains("patients.ssn");
    }
    assertThat(TWO_VERSIONS.analyze("SELECT DISTINCT ssn FROM patients").refusal())
        .contains("several enabled versions")
        .contains("veil reencrypt");
    assertThat(
            new SqlAnalyzer(SqlAnalyzerTest.POLICY, IdentifierCase.LOWER, 5_000)
                .analyze("SELECT ssn, COUNT(*) FROM patients GROUP BY ssn")
                .refusal())
        .isNull();
  }

  @Test
  void refusesAnArrayComparisonThatSeveralFormsOfOneElementWouldAnswerWrongly() {
    for (String sql :
        List.of(
            "SELECT id FROM patients WHERE ssn <> ANY(?)",
            "SELECT id FROM patients WHERE ssn = ALL(?)",
            "DELETE FROM patients WHERE ssn <> SOME(?)")) {
      assertThat(TWO_VERSIONS.analyze(sql).refusal()).as(sql).contains("use = ANY(?) or <> ALL(?)");
    }
    assertThat(TWO_VERSIONS.analyze("SELECT id FROM patients WHERE ssn <> ALL(?)").refusal())
        .isNull();
  }

  @Test
  void marksLookupParametersAndLiteralsButNotWrites() throws Exception {
    StatementPlan plan = plan("UPDATE patients SET ssn = ? WHERE ssn = ? OR ssn = '1'");
    assertThat(plan.lookupParameter(1)).isFalse();
    assertThat(plan.lookupParameter(2)).isTrue();
    assertThat(plan.literals()).singleElement().extracting(LiteralBinding::lookup).isEqualTo(true);
    assertThat(plan.renumbersParameters()).isTrue();
    assertThat(plan.parameterCount()).isEqualTo(2);
  }
}
