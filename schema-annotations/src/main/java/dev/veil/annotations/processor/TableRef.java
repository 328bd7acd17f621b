package dev.veil.annotations.processor;

/**
 * A protected table: its name and, when written, its schema.
 *
 * @param schema the schema, or {@code null} when the table is unqualified
 * @param table the table
 */
record TableRef(SqlName schema, SqlName table) {

  /** The policy file's spelling: {@code table} or {@code schema.table}. */
  String policySpelling() {
    return schema == null
        ? table.policySpelling()
        : schema.policySpelling() + "." + table.policySpelling();
  }

  /** The spelling by which the driver tells tables apart. */
  String canonical() {
    return schema == null ? table.canonical() : schema.canonical() + "." + table.canonical();
  }
}
