package dev.veil.jdbc;

import dev.veil.errors.VeilErrors;
import dev.veil.errors.VeilSqlState;
import java.sql.SQLException;

/** The refusal for SQL strings handed to a prepared or callable statement. */
final class SqlStrings {
  private SqlStrings() {}

  static SQLException refused() {
    return VeilErrors.of(
        VeilSqlState.REFUSED_OPERATION,
        "a PreparedStatement or CallableStatement does not take SQL text (JDBC forbids it);"
            + " use a Statement or prepare the SQL");
  }
}
