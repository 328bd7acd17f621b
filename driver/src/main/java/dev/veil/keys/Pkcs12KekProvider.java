package dev.veil.keys;

import dev.veil.errors.VeilErrors;
import dev.veil.errors.VeilSqlState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

/**
 * {@code pkcs12:/path/keystore.p12#alias}: an AES-256 secret-key entry of a PKCS#12 Java KeyStore.
 * The keystore password, which also protects the entry (as {@code keytool} does for PKCS#12), comes
 * from the environment variable {@code VEIL_KEYSTORE_PASSWORD}, or the one named by a {@code
 * ?passwordEnv=NAME} suffix of the path.
 *
 * <p>The KEK is AES-256-GCM: every wrap draws a fresh 12-byte IV and prefixes it to the output.
 *
 * <h2>Warning</h2>
 *
 * The key is read out of the keystore into the process, as with {@code file:}; the keystore only
 * adds a password. Prefer {@code pkcs11:} or a KMS where the key must never leave its store.
 */
public final class Pkcs12KekProvider implements KekProvider {
  static final String DEFAULT_PASSWORD_ENV = "VEIL_KEYSTORE_PASSWORD";
  private static final String PREFIX = "pkcs12:";
  private static final Pattern URI =
      Pattern.compile(
          "pkcs12:(?<path>[^?#]+)(?:\\?passwordEnv=(?<env>[A-Za-z_][A-Za-z0-9_]*))?"
              + "#(?<alias>[^#]+)");

  private final Function<String, String> environment;

  /** The provider {@link java.util.ServiceLoader} creates: reads the process environment. */
  public Pkcs12KekProvider() {
    this(System::getenv);
  }

  Pkcs12KekProvider(Function<String, String> environment) {
    this.environment = environment;
  }

  @Override
  public boolean supports(String kekUri) {
    return kekUri.startsWith(PREFIX);
  }

  @Override
  public Kek open(String kekUri) throws SQLException {
    Location where = Location.parse(kekUri);
    char[] password = where.password(environment);
    try {
      KeyStore store = load(where, password);
      Key key = store.getKey(where.alias, password);
      if (key == null) {
        throw VeilErrors.of(
            VeilSqlState.CONFIGURATION,
            "the keystore "
                + where.path
                + " has no key entry '"
                + where.alias
                + "'; create it with 'veil kek create --kek "
                + kekUri
                + "'");
      }
      return fromKey(key, where, kekUri);
    } catch (UnrecoverableKeyException e) {
      throw VeilErrors.of(
          VeilSqlState.KEY_ACCESS,
          "cannot recover entry '"
              + where.alias
              + "' of "
              + where.path
              + " with the password from "
              + where.passwordEnv
              + "; the entry must be protected by the keystore password",
          e);
    } catch (GeneralSecurityException e) {
      throw VeilErrors.of(
          VeilSqlState.KEY_ACCESS, "cannot read entry '" + where.alias + "' of " + where.path, e);
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  @Override
  public Kek create(String kekUri) throws SQLException {
    Location where = Location.parse(kekUri);
    char[] password = where.password(environment);
    try {
      KeyStore store;
      if (Files.exists(where.path)) {
        store = load(where, password);
        if (store.containsAlias(where.alias)) {
          throw VeilErrors.of(
              VeilSqlState.CONFIGURATION,
              "the keystore "
                  + where.path
                  + " already has an entry '"
                  + where.alias
                  + "'; choose another alias");
        }
      } else {
        store = KeyStore.getInstance("PKCS12");
        store.load(null, password);
      }
      KeyGenerator generator = KeyGenerator.getInstance("AES");
      generator.init(RawKek.KEY_BYTES * 8);
      SecretKey key = generator.generateKey();
      store.setEntry(
          where.alias, new KeyStore.SecretKeyEntry(key), new KeyStore.PasswordProtection(password));
      save(store, where.path, password);
      return fromKey(key, where, kekUri);
    } catch (GeneralSecurityException | IOException e) {
      throw VeilErrors.of(
          VeilSqlState.KEY_ACCESS,
          "cannot add entry '" + where.alias + "' to the keystore " + where.path + ": " + e,
          e);
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  private static KeyStore load(Location where, char[] password) throws SQLException {
    try (InputStream in = Files.newInputStream(where.path)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
      return store;
    } catch (NoSuchFileException e) {
      throw VeilErrors.of(
          VeilSqlState.CONFIGURATION,
          "the keystore "
              + where.path
              + " does not exist; create it with 'veil kek create --kek "
              + where.uri
              + "'",
          e);
    } catch (IOException e) {
      if (e.getCause() instanceof UnrecoverableKeyException) {
        throw VeilErrors.of(
            VeilSqlState.KEY_ACCESS,
            "the keystore "
                + where.path
                + " did not open with the password from "
                + where.passwordEnv
                + ": the password is wrong or the file is damaged",
            e);
      }
      throw VeilErrors.of(
          VeilSqlState.KEY_ACCESS,
          "cannot read the keystore " + where.path + " as PKCS#12: " + e,
          e);
    } catch (GeneralSecurityException e) {
      throw VeilErrors.of(
          VeilSqlState.KEY_ACCESS, "cannot read the keystore " + where.path + " as PKCS#12", e);
    }
  }

  /** Replaces the keystore whole, owner-only from its first byte, so no reader sees half of it. */
  private static void save(KeyStore store, Path path, char[] password)
      throws IOException, GeneralSecurityException, SQLException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    store.store(out, password);
    OwnerOnlyFiles.replace(path, out.toByteArray(), temp -> {});
  }

  private static Kek fromKey(Key key, Location where, String kekUri)
      throws SQLException, GeneralSecurityException {
    byte[] bytes = key.getEncoded();
    try {
      if (!"AES".equalsIgnoreCase(key.getAlgorithm())
          || bytes == null
          || bytes.length != RawKek.KEY_BYTES) {
        throw VeilErrors.of(
            VeilSqlState.CONFIGURATION,
            "entry '"
                + where.alias
                + "' of "
                + where.path
                + " is not an AES-256 secret key ("
                + key.getAlgorithm()
                + "); create one with 'veil kek create --kek pkcs12:"
                + where.path
                + "#NEW-ALIAS'");
      }
      return RawKek.fromBytes(bytes, kekUri);
    } finally {
      if (bytes != null) {
        Arrays.fill(bytes, (byte) 0);
      }
    }
  }

  /** The parts of a {@code pkcs12:} URI. */
  private static final class Location {
    final String uri;
    final Path path;
    final String passwordEnv;
    final String alias;

    private Location(String uri, Path path, String passwordEnv, String alias) {
      this.uri = uri;
      this.path = path;
      this.passwordEnv = passwordEnv;
      this.alias = alias;
    }

    static Location parse(String kekUri) throws SQLException {
      Matcher m = URI.matcher(kekUri);
      if (!m.matches()) {
        throw VeilErrors.of(
            VeilSqlState.CONFIGURATION,
            "'"
                + kekUri
                + "' is not a pkcs12: KEK URI; write pkcs12:/path/keystore.p12#alias, optionally"
                + " pkcs12:/path/keystore.p12?passwordEnv=NAME#alias");
      }
      String path = m.group("path");
      if (path.startsWith("//")) {
        path = path.substring(2);
      }
      String env = m.group("env") == null ? DEFAULT_PASSWORD_ENV : m.group("env");
      return new Location(kekUri, Path.of(path), env, m.group("alias"));
    }

    char[] password(Function<String, String> environment) throws SQLException {
      String value = environment.apply(passwordEnv);
      if (value == null || value.isEmpty()) {
        throw VeilErrors.of(
            VeilSqlState.CONFIGURATION,
            "the keystore password variable "
                + passwordEnv
                + " is not set; export it with the password of "
                + path);
      }
      return value.toCharArray();
    }
  }
}
