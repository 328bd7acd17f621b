package dev.veil.jdbc;

import java.sql.SQLException;

/** A function that may throw {@link SQLException}. */
@FunctionalInterface
interface SqlFunction<A, R> {
  R apply(A argument) throws SQLException;
}
