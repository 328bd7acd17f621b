package dev.veil.transport;

import java.util.Locale;

/**
 * How well the connection to the database must be protected, weakest first. Each level includes
 * every guarantee of the ones before it.
 */
public enum TransportLevel {
  /** Plaintext is accepted. Chosen explicitly only; logged and audited once per database URL. */
  ALLOW_PLAINTEXT("allow-plaintext"),
  /** TLS, without verifying the server: stops passive eavesdroppers, not an active attacker. */
  REQUIRE("require"),
  /** TLS with a server certificate signed by a trusted CA, for any host name. */
  VERIFY_CA("verify-ca"),
  /** TLS with a trusted server certificate issued for the host connected to. */
  VERIFY_FULL("verify-full");

  private final String setting;

  TransportLevel(String setting) {
    this.setting = setting;
  }

  /** The value of {@code veil.transport} that names this level. */
  public String setting() {
    return setting;
  }

  /** Whether this level asks for at least what {@code other} asks for. */
  public boolean atLeast(TransportLevel other) {
    return compareTo(other) >= 0;
  }

  /** The level named by a {@code veil.transport} value, or {@code null} for an unknown name. */
  public static TransportLevel parse(String value) {
    String wanted = value.strip().toLowerCase(Locale.ROOT);
    for (TransportLevel level : values()) {
      if (level.setting.equals(wanted)) {
        return level;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return setting;
  }
}
