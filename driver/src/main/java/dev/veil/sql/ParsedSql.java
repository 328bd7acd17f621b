package dev.veil.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.parser.Token;
import net.sf.jsqlparser.statement.Statements;

/**
 * One SQL text parsed by JSqlParser on the caller's thread, with the parser's own token stream.
 *
 * <p>{@code CCJSqlParserUtil.parse} starts a thread per call to bound parse time; instead one
 * shared timer flips the parser's {@code interrupted} flag, which the generated parser polls, so
 * hostile input still cannot hold a thread for longer than the bound.
 */
final class ParsedSql {
  private static final ScheduledExecutorService TIMER = timer();

  final Statements statements;
  final List<Token> tokens;

  private ParsedSql(Statements statements, List<Token> tokens) {
    this.statements = statements;
    this.tokens = tokens;
  }

  /**
   * Parses {@code sql}, first with the fast grammar and then, if that fails, with complex parsing,
   * both within one bound.
   *
   * @return the parse, or {@code null} if the text does not parse within {@code timeoutMillis}
   */
  static ParsedSql parse(String sql, long timeoutMillis) {
    long start = System.nanoTime();
    ParsedSql parsed = attempt(sql, false, timeoutMillis);
    if (parsed != null) {
      return parsed;
    }
    long left = timeoutMillis - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    return left > 0 ? attempt(sql, true, left) : null;
  }

  private static ParsedSql attempt(String sql, boolean complex, long timeoutMillis) {
    CCJSqlParser parser = CCJSqlParserUtil.newParser(sql).withAllowComplexParsing(complex);
    Token start = parser.token;
    ScheduledFuture<?> deadline =
        TIMER.schedule(() -> parser.interrupted = true, timeoutMillis, TimeUnit.MILLISECONDS);
    try {
      Statements statements = parser.Statements();
      if (parser.interrupted) {
        return null;
      }
      List<Token> tokens = new ArrayList<>();
      for (Token t = start.next; t != null && t.kind != 0; t = t.next) {
        tokens.add(t);
      }
      return new ParsedSql(statements, tokens);
    } catch (ParseException | RuntimeException | StackOverflowError e) {
      return null;
    } finally {
      deadline.cancel(false);
    }
  }

  private static ScheduledExecutorService timer() {
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread thread = Executors.defaultThreadFactory().newThread(runnable);
              thread.setName("veil-parse-timer");
              thread.setDaemon(true);
              return thread;
            });
    executor.setRemoveOnCancelPolicy(true);
    return executor;
  }
}
