package dev.veil.policy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which columns of which tables are protected, and how. Immutable.
 *
 * @param source where the policy was read from, for messages
 * @param tables the protected tables, in file order
 */
public record Policy(String source, List<TablePolicy> tables) {

  public Policy {
    tables = List.copyOf(tables);
  }

  /** The table policy that a table written in SQL as {@code table} refers to, if any. */
  public Optional<TablePolicy> table(TableName table, IdentifierCase folding) {
    for (TablePolicy candidate : tables) {
      if (candidate.name().matches(table, folding)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** Every protected column, in file order. */
  public List<ColumnPolicy> columns() {
    List<ColumnPolicy> all = new ArrayList<>();
    for (TablePolicy table : tables) {
      all.addAll(table.columns());
    }
    return all;
  }

  /** The lower-cased names of the protected tables, for a quick scan of SQL text. */
  public Set<String> tableNamesLowerCase() {
    Set<String> names = new HashSet<>();
    for (TablePolicy table : tables) {
      names.add(table.name().table().text().toLowerCase(Locale.ROOT));
    }
    return names;
  }
}
