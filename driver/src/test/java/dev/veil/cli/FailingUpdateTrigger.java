package dev.veil.cli;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.api.Trigger;

/**
 * An H2 trigger that lets a set number of updates through and fails the next one, the way a lost
 * connection or a killed server would fail a batch half-way.
 */
public final class FailingUpdateTrigger implements Trigger {
  /** Updates still allowed before one fails. */
  static final AtomicInteger ALLOWED = new AtomicInteger(Integer.MAX_VALUE);

  @Override
  public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
    if (ALLOWED.getAndDecrement() <= 0) {
      throw new SQLException("simulated crash in the middle of a batch", "08006");
    }
  }
}
