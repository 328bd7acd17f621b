package dev.veil.annotations.processor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The rules that span several annotations: one column described twice must be described the same
 * way, and the members of an equality group must encrypt alike.
 */
final class PolicyChecks {
  private PolicyChecks() {}

  /**
   * Each column once, in the order first seen; an identical second description (a record projection
   * of an entity, say) is dropped, a different one reported on the later element.
   */
  static List<ColumnSpec> unique(List<ColumnSpec> columns, Reporter reporter) {
    Map<String, ColumnSpec> byColumn = new LinkedHashMap<>();
    for (ColumnSpec column : columns) {
      ColumnSpec first = byColumn.putIfAbsent(column.canonical(), column);
      if (first != null && !first.definition().equals(column.definition())) {
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
    }
    List<ColumnSpec> unique = new ArrayList<>(byColumn.values());
    checkGroups(unique, reporter);
    return unique;
  }

  private static void checkGroups(List<ColumnSpec> columns, Reporter reporter) {
    Map<String, ColumnSpec> leaders = new LinkedHashMap<>();
    for (ColumnSpec column : columns) {
      Definition mine = column.definition();
      ColumnSpec leader = mine.group() == null ? null : leaders.putIfAbsent(mine.group(), column);
      if (leader == null) {
        continue;
      }
      Definition theirs = leader.definition();
      if (!mine.type().equals(theirs.type())
          || !mine.key().equals(theirs.key())
          || !Objects.equals(mine.storage(), theirs.storage())) {
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
                + ") must have the same type, key and storage to be compared; align them or"
                + " use separate groups");
      }
    }
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
