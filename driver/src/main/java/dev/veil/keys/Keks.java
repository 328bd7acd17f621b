package dev.veil.keys;

import dev.veil.errors.VeilErrors;
import dev.veil.errors.VeilSqlState;
import java.sql.SQLException;
import java.util.ServiceLoader;

/** Opens a KEK by URI through the first {@link KekProvider} that supports it. */
public final class Keks {
  private Keks() {}

  /** Opens the KEK that {@code kekUri} names. */
  public static Kek open(String kekUri) throws SQLException {
    if (kekUri == null || kekUri.isBlank()) {
      throw VeilErrors.of(
          VeilSqlState.CONFIGURATION,
          "no KEK configured; set veil.kek (or VEIL_KEK) to env:NAME or file:/path");
    }
    for (KekProvider provider :
        ServiceLoader.load(KekProvider.class, Keks.class.getClassLoader())) {
      if (provider.supports(kekUri)) {
        Kek kek = provider.open(kekUri);
        if (kek == null) {
          throw VeilErrors.of(
              VeilSqlState.KEY_ACCESS,
              "KEK provider "
                  + provider.getClass().getName()
                  + " returned no KEK for "
                  + scheme(kekUri));
        }
        return kek;
      }
    }
    throw VeilErrors.of(
        VeilSqlState.CONFIGURATION,
        "no KEK provider understands '"
            + scheme(kekUri)
            + "'; use env:, file:, pkcs12:, pkcs11:, aws-kms:// or gcp-kms://, or add a"
            + " KekProvider");
  }

  /** A fresh random KEK, as base64 of 32 bytes, for {@code env:} and {@code file:} use. */
  public static String generate() {
    return RawKek.generate();
  }

  private static String scheme(String kekUri) {
    int colon = kekUri.indexOf(':');
    return colon < 0 ? "(no scheme)" : kekUri.substring(0, colon + 1);
  }
}
