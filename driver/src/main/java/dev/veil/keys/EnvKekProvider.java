package dev.veil.keys;

import dev.veil.errors.VeilErrors;
import dev.veil.errors.VeilSqlState;
import java.sql.SQLException;

/** {@code env:NAME}: the KEK is base64 of 32 bytes in the environment variable {@code NAME}. */
public final class EnvKekProvider implements KekProvider {
  private static final String PREFIX = "env:";

  @Override
  public boolean supports(String kekUri) {
    return kekUri.startsWith(PREFIX);
  }

  @Override
  public Kek open(String kekUri) throws SQLException {
    String name = kekUri.substring(PREFIX.length());
    String value = name.isEmpty() ? null : System.getenv(name);
    if (value == null || value.isBlank()) {
      throw VeilErrors.of(
          VeilSqlState.CONFIGURATION,
          "the KEK environment variable '" + name + "' is not set; export it or change veil.kek");
    }
    return RawKek.fromBase64(value, "environment variable " + name, kekUri);
  }
}
