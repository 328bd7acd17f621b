package dev.veil.policy;

import java.util.Locale;

/**
 * The declared plaintext type of a protected column. It, and not the JDBC setter the application
 * happened to call, decides the canonical encoding of a value.
 */
public enum ColumnType {
  STRING,
  INT,
  LONG,
  DECIMAL,
  DOUBLE,
  BOOLEAN,
  DATE,
  TIME,
  TIMESTAMP,
  BYTES,
  UUID;

  /** The spelling used in the policy file. */
  public String policyName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
