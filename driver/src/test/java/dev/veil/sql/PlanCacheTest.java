package dev.veil.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.policy.IdentifierCase;
import org.junit.jupiter.api.Test;

class PlanCacheTest {

  @Test
  void analysesEachTextOnceAndCountsHitsAndMisses() {
    PlanCache cache =
        new PlanCache(new SqlAnalyzer(SqlAnalyzerTest.POLICY, IdentifierCase.LOWER, 5_000), 2);
    StatementPlan first = cache.plan("SELECT id FROM patients WHERE ssn = ?");
    assertThat(cache.plan("SELECT id FROM patients WHERE ssn = ?")).isSameAs(first);
    assertThat(cache.misses()).isEqualTo(1);
    assertThat(cache.hits()).isEqualTo(1);
  }
}
