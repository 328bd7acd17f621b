package dev.veil.sql;

import dev.veil.policy.ColumnPolicy;

/**
 * What the database learns about a protected column's plaintexts from one statement, beyond their
 * length and NULL-ness, for {@code veil explain} and reviews.
 *
 * @param column the protected column
 * @param what what is revealed, e.g. "equality with a value the application supplies"
 */
public record Reveal(ColumnPolicy column, String what) {}
