package dev.veil.annotations.processor;

import javax.lang.model.element.Element;

/**
 * One annotated column of the compilation.
 *
 * @param element the field or record component, where messages about it point
 * @param origin {@code com.example.Patient.ssn}, to name the element in messages
 * @param table the table it belongs to
 * @param column the column
 * @param definition how it is encrypted
 */
record ColumnSpec(
    Element element, String origin, TableRef table, SqlName column, Definition definition) {

  /** {@code table.column} as the policy spells it, for messages. */
  String displayName() {
    return table.policySpelling() + "." + column.policySpelling();
  }

  /** The key under which two annotations describe the same column. */
  String canonical() {
    return table.canonical() + "." + column.canonical();
  }
}
