package dev.veil.keys;

import dev.veil.errors.VeilErrors;
import dev.veil.errors.VeilSqlState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.AuthProvider;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.security.auth.login.FailedLoginException;

/**
 * {@code pkcs11:config=/path/pkcs11.cfg;key=LABEL[;slot=ID|;slotListIndex=N][;pinEnv=NAME]}: an
 * AES-256 secret key inside a PKCS#11 token, used through the JDK's SunPKCS11 provider.
 *
 * <ul>
 *   <li>{@code config}: a SunPKCS11 configuration file (it names the token's module with {@code
 *       library} and usually the slot).
 *   <li>{@code key}: the key's label ({@code CKA_LABEL}).
 *   <li>{@code slot} or {@code slotListIndex}: override the slot the configuration chooses.
 *   <li>{@code pinEnv}: the environment variable holding the user PIN; {@code VEIL_PKCS11_PIN} by
 *       default.
 * </ul>
 *
 * <h2>Security guarantees</h2>
 *
 * Every wrap and unwrap is AES/GCM/NoPadding performed by the token ({@code C_Encrypt} / {@code
 * C_Decrypt}) with a fresh 12-byte IV prefixed to the output; the key bytes never enter the
 * process. {@link #create} generates the key inside the token as a token object with {@code
 * CKA_SENSITIVE=true} and {@code CKA_EXTRACTABLE=false}, and {@link #open} refuses a key whose
 * value the token would hand out.
 *
 * <p>A PKCS#11 login holds for the whole process and token, so Veil serialises its token work and
 * logs out before checking a PIN: a wrong PIN is refused even if another connection already logged
 * in with the right one.
 */
public final class Pkcs11KekProvider implements KekProvider {
  static final String DEFAULT_PIN_ENV = "VEIL_PKCS11_PIN";
  private static final String PREFIX = "pkcs11:";
  private static final Set<String> ATTRIBUTES =
      Set.of("config", "key", "slot", "slotListIndex", "pinEnv");
  private static final Pattern SLOT_LINE = Pattern.compile("(?m)^\\s*(slot|slotListIndex)\\s*=.*$");
  private static final Pattern NUMBER = Pattern.compile("[0-9]{1,19}");
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final String CIPHER = "AES/GCM/NoPadding";

  /** Asks the token to make generated AES keys sensitive and unextractable. */
  private static final String KEY_TEMPLATE =
      """

      attributes(generate, CKO_SECRET_KEY, CKK_AES) = {
        CKA_SENSITIVE = true
        CKA_EXTRACTABLE = false
      }
      """;

  /** One SunPKCS11 instance per configuration: each instance holds sessions and native state. */
  private static final Map<String, Provider> PROVIDERS = new ConcurrentHashMap<>();

  /** Login state is per token and process, so token work is serialised. */
  private static final Object TOKEN_LOCK = new Object();

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Function<String, String> environment;

  /** The provider {@link java.util.ServiceLoader} creates: reads the process environment. */
  public Pkcs11KekProvider() {
    this(System::getenv);
  }

  Pkcs11KekProvider(Function<String, String> environment) {
    this.environment = environment;
  }

  @Override
  public boolean supports(String kekUri) {
    return kekUri.startsWith(PREFIX);
  }

  @Override
  public Kek open(String kekUri) throws SQLException {
    Location where = Location.parse(kekUri);
    Provider provider = provider(where);
    char[] pin = where.pin(environment);
    synchronized (TOKEN_LOCK) {
      KeyStore store = login(provider, where, pin);
      Key key = key(store, where);
      if (key == null) {
        throw VeilErrors.of(
            VeilSqlState.CONFIGURATION,
            "the token has no secret key labelled '"
                + where.key
                + "' ("
                + kekUri
                + "); create it with 'veil kek create --kek "
                + kekUri
                + "'");
      }
      requireUsable(key, where);
    }
    return new TokenKek(provider, where, pin);
  }

  /** Generates the AES-256 key inside the token, sensitive and unextractable, as a token object. */
  @Override
  public Kek create(String kekUri) throws SQLException {
    Location where = Location.parse(kekUri);
    Provider provider = provider(where);
    char[] pin = where.pin(environment);
    synchronized (TOKEN_LOCK) {
      KeyStore store = login(provider, where, pin);
      if (key(store, where) != null) {
        throw VeilErrors.of(
            VeilSqlState.CONFIGURATION,
            "the token already holds a key labelled '"
                + where.key
                + "'; Veil never replaces a KEK, choose another label");
      }
      try {
        KeyGenerator generator = KeyGenerator.getInstance("AES", provider);
        generator.init(RawKek.KEY_BYTES * 8);
        SecretKey sessionKey = generator.generateKey();
        // The key store copies the generated session object into a labelled token object; the
        // copy keeps CKA_SENSITIVE and CKA_EXTRACTABLE from the template above.
        store.setEntry(where.key, new KeyStore.SecretKeyEntry(sessionKey), null);
      } catch (GeneralSecurityException e) {
        throw VeilErrors.of(
            VeilSqlState.KEY_ACCESS,
            "the token could not generate AES-256 key '" + where.key + "' (" + kekUri + ")",
            e);
      }
      Key key = key(store, where);
      if (key == null) {
        throw VeilErrors.of(
            VeilSqlState.KEY_ACCESS,
            "the token did not keep key '" + where.key + "' (" + kekUri + ") after generating it");
      }
      try {
        requireUsable(key, where);
      } catch (SQLException e) {
        // A token that ignored the template must not keep a KEK it would hand out.
        try {
          store.deleteEntry(where.key);
        } catch (GeneralSecurityException deleteFailed) {
          e.addSuppressed(deleteFailed);
        }
        throw e;
      }
    }
    return new TokenKek(provider, where, pin);
  }

  private static Provider provider(Location where) throws SQLException {
    String config;
    try {
      config = Files.readString(where.config, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw VeilErrors.of(
          VeilSqlState.CONFIGURATION,
          "the SunPKCS11 configuration "
              + where.config
              + " does not exist; write one that names the token's module (library = ...)",
          e);
    } catch (IOException e) {
      throw VeilErrors.of(
          VeilSqlState.CONFIGURATION,
          "cannot read the SunPKCS11 configuration " + where.config + ": " + e,
          e);
    }
    if (where.slot != null || where.slotListIndex != null) {
      // SunPKCS11 refuses a second slot line, so the URI's replaces the configuration's.
      config = SLOT_LINE.matcher(config).replaceAll("");
    }
    StringBuilder effective = new StringBuilder(config).append('\n');
    if (where.slot != null) {
      effective.append("slot = ").append(where.slot).append('\n');
    }
    if (where.slotListIndex != null) {
      effective.append("slotListIndex = ").append(where.slotListIndex).append('\n');
    }
    effective.append(KEY_TEMPLATE);
    try {
      return PROVIDERS.computeIfAbsent(
          effective.toString(), text -> Security.getProvider("SunPKCS11").configure("--" + text));
    } catch (RuntimeException e) {
      throw VeilErrors.of(
          VeilSqlState.KEY_ACCESS,
          "SunPKCS11 cannot use the token configured by "
              + where.config
              + " ("
              + where.uri
              + "): "
              + rootMessage(e)
              + "; check the library path, the slot and that the token is present",
          e);
    }
  }

  /** Logs out, then in with {@code pin}, so that only the right PIN ever passes. */
  private static KeyStore login(Provider provider, Location where, char[] pin) throws SQLException {
    try {
      ((AuthProvider) provider).logout();
      KeyStore store = KeyStore.getInstance("PKCS11", provider);
      store.load(null, pin);
      return store;
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      if (hasCause(e, FailedLoginException.class)) {
        throw VeilErrors.of(
            VeilSqlState.KEY_ACCESS,
            "the PKCS#11 token ("
                + where.uri
                + ") refused the PIN in "
                + where.pinEnv
                + "; set it to the token's user PIN",
            e);
      }
      throw VeilErrors.of(
          VeilSqlState.KEY_ACCESS,
          "cannot log in to the PKCS#11 token ("
              + where.uri
              + "): "
              + rootMessage(e)
              + "; check that the token is present and initialised",
          e);
    }
  }

  private static Key key(KeyStore store, Location where) throws SQLException {
    try {
      return store.isKeyEntry(where.key) ? store.getKey(where.key, null) : null;
    } catch (GeneralSecurityException e) {
      throw VeilErrors.of(
          VeilSqlState.KEY_ACCESS,
          "cannot look up key '" + where.key + "' in the token (" + where.uri + ")",
          e);
    }
  }

  /**
   * Refuses a key that is not AES, or that the token would let out: one marked extractable can be
   * exported wrapped ({@code C_WrapKey}) even when sensitive. SunPKCS11 exposes no attribute API;
   * its description of a key ends in {@code extractable} or {@code unextractable}, from {@code
   * CKA_EXTRACTABLE}.
   */
  private static void requireUsable(Key key, Location where) throws SQLException {
    if (!(key instanceof SecretKey) || !"AES".equalsIgnoreCase(key.getAlgorithm())) {
      throw VeilErrors.of(
          VeilSqlState.CONFIGURATION,
          "the token's key '"
              + where.key
              + "' is not an AES secret key; create one with 'veil kek create'");
    }
    if (!key.toString().contains("unextractable")) {
      throw VeilErrors.of(
          VeilSqlState.CONFIGURATION,
          "the token's key '"
              + where.key
              + "' can be exported from the token (CKA_EXTRACTABLE is true);"
              + " create a new one with 'veil kek create --kek pkcs11:...' and move the keyring"
              + " to it with 'veil kek rotate'");
    }
  }

  private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  /** A KEK that asks the token for each operation. */
  private static final class TokenKek implements Kek {
    private final Provider provider;
    private final Location where;
    private final char[] pin;

    TokenKek(Provider provider, Location where, char[] pin) {
      this.provider = provider;
      this.where = where;
      this.pin = pin;
    }

    @Override
    public byte[] wrap(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
      byte[] iv = new byte[IV_BYTES];
      RANDOM.nextBytes(iv);
      byte[] sealed = run(Cipher.ENCRYPT_MODE, iv, plaintext, 0, associatedData);
      byte[] out = Arrays.copyOf(iv, IV_BYTES + sealed.length);
      System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
      return out;
    }

    @Override
    public byte[] unwrap(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
      if (ciphertext.length < IV_BYTES + TAG_BITS / 8) {
        throw new GeneralSecurityException("ciphertext too short");
      }
      return run(
          Cipher.DECRYPT_MODE,
          Arrays.copyOf(ciphertext, IV_BYTES),
          ciphertext,
          IV_BYTES,
          associatedData);
    }

    private byte[] run(int mode, byte[] iv, byte[] input, int offset, byte[] associatedData)
        throws GeneralSecurityException {
      synchronized (TOKEN_LOCK) {
        // Logs in again if another open() logged the process out while checking a PIN; a no-op
        // while the login holds. The key is looked up each time because a logout may invalidate
        // the handle.
        KeyStore store = KeyStore.getInstance("PKCS11", provider);
        try {
          store.load(null, pin);
        } catch (IOException e) {
          throw new GeneralSecurityException("cannot log in to the token " + where.uri, e);
        }
        Key key = store.getKey(where.key, null);
        if (key == null) {
          throw new GeneralSecurityException("the token has no key '" + where.key + "'");
        }
        Cipher cipher = Cipher.getInstance(CIPHER, provider);
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
        if (associatedData != null && associatedData.length > 0) {
          cipher.updateAAD(associatedData);
        }
        return cipher.doFinal(input, offset, input.length - offset);
      }
    }

    @Override
    public String location() {
      return where.uri;
    }

    @Override
    public String toString() {
      return "Kek[" + where.uri + "]";
    }
  }

  /** The parts of a {@code pkcs11:} URI. */
  private static final class Location {
    final String uri;
    final Path config;
    final String key;
    final String slot;
    final String slotListIndex;
    final String pinEnv;

    private Location(Map<String, String> attributes, String uri) {
      this.uri = uri;
      this.config = Path.of(attributes.get("config"));
      this.key = attributes.get("key");
      this.slot = attributes.get("slot");
      this.slotListIndex = attributes.get("slotListIndex");
      this.pinEnv = attributes.getOrDefault("pinEnv", DEFAULT_PIN_ENV);
    }

    static Location parse(String kekUri) throws SQLException {
      Map<String, String> attributes = new LinkedHashMap<>();
      for (String part : kekUri.substring(PREFIX.length()).split(";", -1)) {
        int equals = part.indexOf('=');
        String name = equals < 0 ? part : part.substring(0, equals);
        if (equals < 1 || !ATTRIBUTES.contains(name) || attributes.containsKey(name)) {
          throw invalid(
              kekUri,
              equals < 1
                  ? "'" + part + "' is not name=value"
                  : attributes.containsKey(name)
                      ? name + " is given twice"
                      : "unknown attribute '" + name + "'");
        }
        attributes.put(name, part.substring(equals + 1));
      }
      for (String required : new String[] {"config", "key"}) {
        if (attributes.getOrDefault(required, "").isEmpty()) {
          throw invalid(kekUri, required + " is missing");
        }
      }
      for (String number : new String[] {"slot", "slotListIndex"}) {
        if (attributes.containsKey(number) && !NUMBER.matcher(attributes.get(number)).matches()) {
          throw invalid(kekUri, number + " must be a number");
        }
      }
      if (attributes.containsKey("slot") && attributes.containsKey("slotListIndex")) {
        throw invalid(kekUri, "give slot or slotListIndex, not both");
      }
      if (attributes.containsKey("pinEnv")
          && !ENV_NAME.matcher(attributes.get("pinEnv")).matches()) {
        throw invalid(kekUri, "pinEnv must name an environment variable");
      }
      return new Location(attributes, kekUri);
    }

    private static SQLException invalid(String kekUri, String problem) {
      return VeilErrors.of(
          VeilSqlState.CONFIGURATION,
          "'"
              + kekUri
              + "' is not a usable pkcs11: KEK URI ("
              + problem
              + "); write pkcs11:config=/path/pkcs11.cfg;key=LABEL, optionally with ;slot=ID or"
              + " ;slotListIndex=N and ;pinEnv=NAME");
    }

    char[] pin(Function<String, String> environment) throws SQLException {
      String value = environment.apply(pinEnv);
      if (value == null || value.isEmpty()) {
        throw VeilErrors.of(
            VeilSqlState.CONFIGURATION,
            "the PKCS#11 PIN variable "
                + pinEnv
                + " is not set; export it with the token's user PIN ("
                + uri
                + ")");
      }
      return value.toCharArray();
    }
  }
}
