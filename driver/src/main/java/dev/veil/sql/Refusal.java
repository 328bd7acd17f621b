package dev.veil.sql;

import dev.veil.errors.VeilSqlState;

/** Raised inside the analysis to abandon a statement; becomes a refused plan. */
final class Refusal extends Exception {
  private static final long serialVersionUID = 1L;

  final transient VeilSqlState state;

  Refusal(VeilSqlState state, String message) {
    super(message, null, false, false);
    this.state = state;
  }

  static Refusal operation(String message) {
    return new Refusal(VeilSqlState.REFUSED_OPERATION, message);
  }
}
