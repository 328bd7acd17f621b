package dev.veil.annotations.processor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The columns of the compilation so far, and the rules that span several annotations: one column
 * described twice must be described the same way, and the members of an equality group must encrypt
 * alike. Each column is checked as it is added, so that an error points at the newer element while
 * it still belongs to the current round (javac cannot place a message on an element of an earlier
 * round).
 */
final class PolicyColumns {
  private final Reporter reporter;
  private final Map<String, ColumnSpec> byColumn = new LinkedHashMap<>();
  private final Map<String, ColumnSpec> groupLeaders = new HashMap<>();

  PolicyColumns(Reporter reporter) {
    this.reporter = reporter;
  }

  /**
   * Adds {@code column}; an identical second description (a record projection of an entity, say) is
   * dropped, a different one reported.
   */
  void add(ColumnSpec column) {
    ColumnSpec first = byColumn.get(column.canonical());
    if (first != null) {
      if (!first.definition().equals(column.definition())) {
        reporter.error(
            column.element(),
            "conflicting definitions of column "
                + column.displayName()
                + ": @Encrypted on "
                + column.origin()
                + " and on "
                + first.origin()
                + " differ in "
                + String.join(", ", column.definition().differencesFrom(first.definition()))
                + "; annotate both the same way, or map one of them to another column");
      }
      return;
    }
    if (joinsGroup(column)) {
      byColumn.put(column.canonical(), column);
    }
  }

  /** Every column once, in the order first seen. */
  List<ColumnSpec> columns() {
    return new ArrayList<>(byColumn.values());
  }

  private boolean joinsGroup(ColumnSpec column) {
    Definition mine = column.definition();
    ColumnSpec leader =
        mine.group() == null ? null : groupLeaders.putIfAbsent(mine.group(), column);
    if (leader == null) {
      return true;
    }
    Definition theirs = leader.definition();
    if (mine.type().equals(theirs.type())
        && mine.key().equals(theirs.key())
        && Objects.equals(mine.storage(), theirs.storage())) {
      return true;
    }
    // Members that encrypt differently would never match each other, silently.
    reporter.error(
        column.element(),
        "group '"
            + mine.group()
            + "': "
            + column.origin()
            + " ("
            + describe(mine)
            + ") and "
            + leader.origin()
            + " ("
            + describe(theirs)
            + ") must have the same type, key and storage to be compared; align them or use"
            + " separate groups");
    return false;
  }

  private static String describe(Definition definition) {
    return "type "
        + definition.type()
        + ", key "
        + definition.key()
        + ", storage "
        + definition.storage();
  }
}
