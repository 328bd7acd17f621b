package dev.veil.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.policy.IdentifierCase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class PlanCacheTest {
  private static SqlAnalyzer analyzer() {
    return new SqlAnalyzer(SqlAnalyzerTest.POLICY, IdentifierCase.LOWER, 5_000);
  }

  @Test
  void analysesEachTextOnceAndCountsHitsAndMisses() {
    PlanCache cache = new PlanCache(analyzer(), 2);
    StatementPlan first = cache.plan("SELECT id FROM patients WHERE ssn = ?");
    assertThat(cache.plan("SELECT id FROM patients WHERE ssn = ?")).isSameAs(first);
    assertThat(cache.statistics()).isEqualTo(new PlanCache.Statistics(1, 1, 1, 0));
  }

  @Test
  void staysWithinItsBoundWhenEveryStatementCarriesADifferentLiteral() {
    PlanCache cache = new PlanCache(analyzer(), 100);
    for (int i = 0; i < 2_000; i++) {
      cache.plan("SELECT id FROM patients WHERE ssn = '" + i + "'");
      assertThat(cache.statistics().size()).isLessThanOrEqualTo(100);
    }
    assertThat(cache.statistics().misses()).isEqualTo(2_000);
    assertThat(cache.statistics().evictions()).isEqualTo(1_900);
  }

  @Test
  void concurrentFirstLookupsOfOneTextShareOnePlan() throws Exception {
    PlanCache cache = new PlanCache(analyzer(), 10);
    int threads = 8;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<StatementPlan>> plans = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        plans.add(
            pool.submit(
                () -> {
                  start.await();
                  return cache.plan("UPDATE patients SET name = ? WHERE ssn = ?");
                }));
      }
      start.countDown();
      StatementPlan first = plans.get(0).get();
      for (Future<StatementPlan> plan : plans) {
        assertThat(plan.get()).isSameAs(first);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(cache.statistics().misses()).isEqualTo(1);
    assertThat(cache.statistics().hits()).isEqualTo(threads - 1);
  }
}
