package dev.veil.sql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Plans by SQL text, bounded in size, so each distinct statement is analysed once and an
 * application that builds SQL with inline values cannot grow memory without bound.
 */
public final class PlanCache {
  private final SqlAnalyzer analyzer;
  private final Cache<String, StatementPlan> plans;

  /**
   * @param analyzer makes plans on a miss
   * @param maximumSize the most plans kept; least recently used ones are evicted
   */
  public PlanCache(SqlAnalyzer analyzer, long maximumSize) {
    this.analyzer = analyzer;
    this.plans = Caffeine.newBuilder().maximumSize(maximumSize).recordStats().build();
  }

  /** The plan for {@code sql}, analysing it on a miss. */
  public StatementPlan plan(String sql) {
    return plans.get(sql, analyzer::analyze);
  }

  /** Lookups answered from the cache. */
  public long hits() {
    return plans.stats().hitCount();
  }

  /** Lookups that had to analyse. */
  public long misses() {
    return plans.stats().missCount();
  }
}
