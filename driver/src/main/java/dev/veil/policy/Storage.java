package dev.veil.policy;

/** How ciphertext is stored in the database column. */
public enum Storage {
  /** Raw bytes, for BYTEA, VARBINARY and BLOB columns. */
  BINARY,
  /** Base64 text, for CHAR, VARCHAR and TEXT columns. */
  TEXT,
  /** Not written in the policy: detected once per table from {@code DatabaseMetaData}. */
  AUTO
}
