package dev.veil.sql;

import dev.veil.policy.ColumnPolicy;
import dev.veil.policy.EncryptionMode;
import java.util.List;

/**
 * The refusals that follow from encryption contexts alone: what a randomized column cannot do, when
 * a ciphertext may be copied into a column, and which select-list positions and outputs Veil can
 * still find once a star or an unnamed expression hides them. Stateless.
 */
final class ContextRules {
  private ContextRules() {}

  /**
   * The columns a derived table or common table expression returns are found by label; a protected
   * one must have a label Veil knows, or a later reference to it would escape decryption.
   */
  static void requireNamedOutputs(List<ResultShape.Item> outputs, String what, boolean renamed)
      throws Refusal {
    for (ResultShape.Item item : outputs) {
      if (item.isProtected() && (renamed || (item.column() != null && item.label() == null))) {
        throw Refusal.operation(
            what
                + " returns a protected column "
                + (renamed ? "under a column list" : "without a name")
                + "; give each protected column of the subquery an alias instead");
      }
    }
  }

  static void requirePositionPlain(long position, List<ResultShape.Item> items, String clause)
      throws Refusal {
    ColumnPolicy column = itemAt(position, items, clause);
    if (column != null) {
      throw Refusal.operation(
          clause
              + " "
              + position
              + " names protected column "
              + column.displayName()
              + ": ciphertext order is not plaintext order");
    }
  }

  /** The protected column at a 1-based select-list position; a star before it hides positions. */
  static ColumnPolicy itemAt(long position, List<ResultShape.Item> items, String clause)
      throws Refusal {
    boolean anyProtected = items.stream().anyMatch(ResultShape.Item::isProtected);
    for (int i = 0; i < items.size() && i < position; i++) {
      ResultShape.Item item = items.get(i);
      if (item.isStar() && anyProtected) {
        throw Refusal.operation(
            clause
                + " "
                + position
                + " counts past a *, whose width only the database knows, in a query that"
                + " returns protected columns; name the column");
      }
      if (i == position - 1) {
        return item.column();
      }
    }
    return null;
  }

  static void requireSameContext(ColumnPolicy target, ColumnPolicy from, String where)
      throws Refusal {
    if (target == null) {
      throw Refusal.operation(
          where
              + " would copy the ciphertext of "
              + from.displayName()
              + " into an unprotected column, where it could not be read back");
    }
    if (from == null) {
      throw Refusal.operation(
          where
              + " would store a plain value in protected column "
              + target.displayName()
              + "; bind it as a parameter so that Veil encrypts it");
    }
    if (!from.sharesContextWith(target)) {
      throw Refusal.operation(
          where
              + " would copy the ciphertext of "
              + from.displayName()
              + " into "
              + target.displayName()
              + ", which cannot decrypt it; put both in one equality group");
    }
  }

  static void requireDeterministic(ColumnPolicy column, String how, String why) throws Refusal {
    if (column.mode() == EncryptionMode.RANDOMIZED) {
      throw Refusal.operation(
          "randomized column "
              + column.displayName()
              + " cannot be "
              + how
              + ": every encryption of a value differs, so its ciphertexts "
              + why
              + ". Declare it deterministic if this is needed");
    }
  }
}
