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
    KekProvider provider = providerFor(kekUri);
    return checked(provider, provider.open(kekUri), kekUri);
  }

  /**
   * Creates the KEK that {@code kekUri} names in its store (a file, a keystore entry, a key inside
   * a PKCS#11 token) and opens it; refuses to replace one that exists.
   */
  public static Kek create(String kekUri) throws SQLException {
    KekProvider provider = providerFor(kekUri);
    return checked(provider, provider.create(kekUri), kekUri);
  }

  private static KekProvider providerFor(String kekUri) throws SQLException {
    if (kekUri == null || kekUri.isBlank()) {
      throw VeilErrors.of(
          VeilSqlState.CONFIGURATION,
          "no KEK configured; set veil.kek (or VEIL_KEK) to a KEK URI such as env:NAME,"
              + " file:/path, pkcs12:/path#alias or pkcs11:config=/path;key=LABEL");
    }
    for (KekProvider provider :
        ServiceLoader.load(KekProvider.class, Keks.class.getClassLoader())) {
      if (provider.supports(kekUri)) {
        return provider;
      }
    }
    throw VeilErrors.of(
        VeilSqlState.CONFIGURATION,
        "no KEK provider understands '"
            + scheme(kekUri)
            + "'; use env:, file:, pkcs12:, pkcs11:, aws-kms:// or gcp-kms://, or put a jar"
            + " with a KekProvider for it on the class path");
  }

  private static Kek checked(KekProvider provider, Kek kek, String kekUri) throws SQLException {
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

  /** A fresh random KEK, as base64 of 32 bytes, for {@code env:} and {@code file:} use. */
  public static String generate() {
    return RawKek.generate();
  }

  /** The scheme of a KEK URI, the only part of it that messages may show before it is parsed. */
  static String scheme(String kekUri) {
    int colon = kekUri.indexOf(':');
    return colon < 0 ? "(no scheme)" : kekUri.substring(0, colon + 1);
  }
}
