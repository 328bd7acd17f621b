package dev.veil.sql;

import dev.veil.policy.ColumnPolicy;
import dev.veil.policy.Identifier;
import dev.veil.policy.IdentifierCase;
import dev.veil.policy.TableName;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Which columns of a result must be decrypted. Items of the select list map to positions directly;
 * a {@code *} or {@code t.*} covers as many columns as the table has, which only the result's
 * metadata knows, so those are matched by label when the result arrives.
 *
 * @param items one entry per select-list item, in order
 */
public record ResultShape(List<Item> items) {

  /** No result columns to decrypt. */
  public static final ResultShape NONE = new ResultShape(List.of());

  public ResultShape {
    items = List.copyOf(items);
  }

  /**
   * One item of the select list.
   *
   * @param column the protected column it returns, or {@code null}; for a star, {@code null}
   * @param label the column label the database will report for it, or {@code null} when only the
   *     database knows it; used to match inside a star region and to name a derived table's columns
   * @param star the protected columns a {@code *} may return, each with its label, or {@code null}
   *     when not a star
   * @param sources besides the column's own table, the table names a driver may report for this
   *     column when it comes through an alias, a derived table or a common table expression
   */
  public record Item(
      ColumnPolicy column, Identifier label, List<Item> star, List<Identifier> sources) {

    public Item {
      star = star == null ? null : List.copyOf(star);
      sources = List.copyOf(sources);
    }

    static Item column(ColumnPolicy column, Identifier label) {
      return new Item(column, label, null, List.of());
    }

    static Item star(List<Item> candidates) {
      return new Item(null, null, candidates, List.of());
    }

    /** This item as seen through {@code name}, an alias, derived table or CTE that returns it. */
    Item through(Identifier name) {
      if (name == null) {
        return this;
      }
      List<Identifier> widened = new ArrayList<>(sources);
      widened.add(name);
      return new Item(column, label, star, widened);
    }

    /** Whether this item is a {@code *} or {@code t.*}. */
    public boolean isStar() {
      return star != null;
    }

    /** Whether a value of this item may need decryption. */
    public boolean isProtected() {
      return column != null || (star != null && !star.isEmpty());
    }

    /** The protected columns a star may return; empty when this is not a star. */
    public List<ColumnPolicy> starColumns() {
      return star == null ? List.of() : star.stream().map(Item::column).toList();
    }

    /** Whether a driver that reports {@code table} for a result column may mean this item. */
    boolean mayComeFrom(String table, IdentifierCase folding) {
      Identifier reported = new Identifier(table, true);
      if (column.table().matches(new TableName(null, reported), folding)) {
        return true;
      }
      return sources.stream().anyMatch(source -> source.matches(reported, folding));
    }
  }

  /** Whether any result column may need decryption. */
  public boolean decrypts() {
    return items.stream().anyMatch(Item::isProtected);
  }

  /** Whether positions are only known once the result's metadata is read. */
  public boolean needsMetadata() {
    return items.stream().anyMatch(Item::isStar);
  }

  /** The protected column at each 1-based position when no star is present; index 0 unused. */
  public ColumnPolicy[] staticColumns() {
    ColumnPolicy[] columns = new ColumnPolicy[items.size() + 1];
    for (int i = 0; i < items.size(); i++) {
      columns[i + 1] = items.get(i).column();
    }
    return columns;
  }

  /**
   * Resolves the protected column at each 1-based position of a result with {@code columnCount}
   * columns. A position inside a star region takes the protected column whose name equals its
   * label, unless the reported table name shows it comes from another table. A label that two
   * different protected columns share is marked ambiguous in the {@link Resolution}.
   *
   * @param label the column label at a position
   * @param tableName the table name the driver reports at a position, or blank when unknown
   */
  public Resolution resolve(
      int columnCount,
      IntFunction<String> label,
      IntFunction<String> tableName,
      IdentifierCase folding) {
    ColumnPolicy[] columns = new ColumnPolicy[columnCount + 1];
    boolean[] ambiguous = new boolean[columnCount + 1];
    if (!needsMetadata()) {
      ColumnPolicy[] fixed = staticColumns();
      System.arraycopy(fixed, 0, columns, 0, Math.min(fixed.length, columns.length));
      return new Resolution(columns, ambiguous);
    }
    int firstStar = -1;
    int lastStar = -1;
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i).isStar()) {
        firstStar = firstStar < 0 ? i : firstStar;
        lastStar = i;
      }
    }
    int trailing = items.size() - 1 - lastStar;
    for (int i = 0; i < firstStar && i < columnCount; i++) {
      columns[i + 1] = items.get(i).column();
    }
    for (int k = 0; k < trailing; k++) {
      int position = columnCount - trailing + 1 + k;
      if (position >= 1) {
        columns[position] = items.get(lastStar + 1 + k).column();
      }
    }
    List<Item> candidates = new ArrayList<>();
    for (int i = firstStar; i <= lastStar; i++) {
      Item item = items.get(i);
      if (item.isStar()) {
        candidates.addAll(item.star());
      } else if (item.column() != null && item.label() != null) {
        candidates.add(item);
      }
    }
    for (int position = firstStar + 1; position <= columnCount - trailing; position++) {
      // Drivers report names as stored, their case already settled: compare them as quoted.
      String reported = label.apply(position);
      if (reported == null || reported.isEmpty()) {
        continue;
      }
      Identifier actual = new Identifier(reported, true);
      String table = tableName.apply(position);
      ColumnPolicy match = null;
      for (Item candidate : candidates) {
        if (!candidate.label().matches(actual, folding)) {
          continue;
        }
        if (table != null && !table.isBlank() && !candidate.mayComeFrom(table, folding)) {
          continue;
        }
        if (match != null && !match.equals(candidate.column())) {
          ambiguous[position] = true;
        }
        match = candidate.column();
      }
      columns[position] = match;
    }
    return new Resolution(columns, ambiguous);
  }

  /**
   * The protected column at each position of one concrete result.
   *
   * @param columns index = 1-based position; {@code null} where nothing is decrypted
   * @param ambiguous positions whose label two protected columns share
   */
  public record Resolution(ColumnPolicy[] columns, boolean[] ambiguous) {}
}
