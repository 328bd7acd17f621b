package dev.veil.sql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Plans by SQL text, bounded in size, so each distinct statement is analysed once and an
 * application that builds SQL with inline values cannot grow memory without bound.
 */
public final class PlanCache {
  private final SqlAnalyzer analyzer;
  private final Object keys;
  private final Cache<String, StatementPlan> plans;

  /**
   * @param analyzer makes plans on a miss
   * @param maximumSize the most plans kept; least recently used ones are evicted
   */
  public PlanCache(SqlAnalyzer analyzer, long maximumSize) {
    this(analyzer, maximumSize, null);
  }

  /**
   * @param analyzer makes plans on a miss
   * @param maximumSize the most plans kept; least recently used ones are evicted
   * @param keys the keys the analyzer's lookup widths come from, remembered by every plan
   */
  public PlanCache(SqlAnalyzer analyzer, long maximumSize, Object keys) {
    this.analyzer = analyzer;
    this.keys = keys;
    // Evicting on the caller's thread keeps the bound exact at every moment; the work is tiny.
    this.plans =
        Caffeine.newBuilder()
            .maximumSize(maximumSize)
            .executor(Runnable::run)
            .recordStats()
            .build();
  }

  /** The plan for {@code sql}, analysing it on a miss. */
  public StatementPlan plan(String sql) {
    return plans.get(sql, text -> analyzer.analyze(text).withKeys(keys));
  }

  /** Hit, miss, size and eviction counts since the cache was created. */
  public Statistics statistics() {
    var stats = plans.stats();
    return new Statistics(
        stats.hitCount(), stats.missCount(), plans.estimatedSize(), stats.evictionCount());
  }

  /**
   * Counts for one plan cache, shared by every connection of one configuration.
   *
   * @param hits lookups answered from the cache
   * @param misses lookups that had to analyse the SQL
   * @param size plans held now (an estimate while evictions are pending)
   * @param evictions plans dropped to stay within the bound
   */
  public record Statistics(long hits, long misses, long size, long evictions) {}
}
