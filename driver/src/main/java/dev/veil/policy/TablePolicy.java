package dev.veil.policy;

import java.util.List;
import java.util.Optional;

/**
 * The protected columns of one table.
 *
 * @param name the table
 * @param columns its protected columns, in file order
 */
public record TablePolicy(TableName name, List<ColumnPolicy> columns) {

  public TablePolicy {
    columns = List.copyOf(columns);
  }

  /** The protected column that {@code column} names, if any. */
  public Optional<ColumnPolicy> column(Identifier column, IdentifierCase folding) {
    for (ColumnPolicy candidate : columns) {
      if (candidate.column().matches(column, folding)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
