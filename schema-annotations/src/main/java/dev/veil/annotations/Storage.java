package dev.veil.annotations;

/** How the ciphertext of an {@link Encrypted} column is stored; written as {@code storage:}. */
public enum Storage {
  /** Not written in the policy: the driver detects it from the column's SQL type. */
  AUTO,
  /** Raw bytes, for {@code BYTEA}, {@code VARBINARY} and {@code BLOB} columns. */
  BINARY,
  /** Base64 text, for {@code CHAR}, {@code VARCHAR} and {@code TEXT} columns. */
  TEXT
}
