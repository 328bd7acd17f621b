package dev.veil.policy;

/**
 * A table name, optionally qualified by a schema.
 *
 * @param schema the schema, or {@code null} when not written
 * @param table the table
 */
public record TableName(Identifier schema, Identifier table) {

  public TableName {
    if (table == null) {
      throw new IllegalArgumentException("a table name needs a table");
    }
  }

  /**
   * Whether a table written in SQL as {@code other} may be this table. A missing schema on either
   * side matches any schema: the search path decides at run time, so Veil assumes the protected
   * table is meant.
   */
  public boolean matches(TableName other, IdentifierCase folding) {
    if (!table.matches(other.table, folding)) {
      return false;
    }
    return schema == null || other.schema == null || schema.matches(other.schema, folding);
  }

  /** The database-independent spelling used in associated data. */
  public String canonical() {
    return schema == null ? table.canonical() : schema.canonical() + "." + table.canonical();
  }

  @Override
  public String toString() {
    return schema == null ? table.toString() : schema + "." + table;
  }
}
