package dev.veil.keys;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.daead.DeterministicAeadConfig;
import com.google.crypto.tink.daead.PredefinedDeterministicAeadParameters;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.veil.audit.Audit;
import dev.veil.audit.AuditEvent;
import dev.veil.audit.AuditOperation;
import dev.veil.errors.VeilErrors;
import dev.veil.errors.VeilSqlState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * Named data keys, stored as a JSON file under envelope encryption: the KEK wraps one keyring key,
 * a fresh one at every write, and the keyring key encrypts every keyset and seals the whole file.
 * Opening a keyring therefore consults the KEK exactly once, and re-wrapping it under another KEK
 * touches no data key. Immutable: every change returns a new keyring.
 *
 * <h2>Security guarantees</h2>
 *
 * No key material is in the file in the clear. Each encrypted keyset is bound, through associated
 * data, to its key name and purpose, and the seal authenticates everything else in the file
 * (statuses, creation times, destroyed versions), so an edited file is refused rather than read.
 * The metadata (names, key ids, times) is readable without the KEK.
 */
public final class Keyring {
  /** The purpose of the AES-SIV keyset, for deterministic columns. */
  public static final String DETERMINISTIC = "deterministic";

  /** The purpose of the AES-GCM keyset, for randomized columns. */
  public static final String RANDOMIZED = "randomized";

  private static final String FORMAT = "veil-keyring";
  private static final int VERSION = 2;
  private static final Pattern KEY_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
  private static final byte[] WRAP_CONTEXT = "veil-keyring-v2".getBytes(StandardCharsets.UTF_8);
  private static final byte[] SEAL_CONTEXT =
      "veil-keyring-v2/seal".getBytes(StandardCharsets.UTF_8);
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The one serialisation the seal covers, on write and on read. */
  private static final Gson COMPACT = new Gson();

  static {
    try {
      AeadConfig.register();
      DeterministicAeadConfig.register();
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Map<String, DataKey> keys;

  private Keyring(Map<String, DataKey> keys) {
    this.keys = Collections.unmodifiableMap(new TreeMap<>(keys));
  }

  /** A keyring with no keys. */
  public static Keyring empty() {
    return new Keyring(Map.of());
  }

  /** This keyring plus a freshly generated data key called {@code name}. */
  public Keyring withNewKey(String name) throws SQLException {
    if (!KEY_NAME.matcher(name).matches()) {
      throw VeilErrors.of(
          VeilSqlState.CONFIGURATION,
          "key name '" + name + "' must be 1-64 letters, digits, '_', '.' or '-'");
    }
    if (keys.containsKey(name)) {
      throw VeilErrors.of(
          VeilSqlState.CONFIGURATION, "the keyring already holds a key named '" + name + "'");
    }
    Instant now = Instant.now();
    try {
      KeysetHandle deterministic =
          KeysetHandle.generateNew(
              PredefinedDeterministicAeadParameters.AES256_SIV, RegistryConfiguration.get());
      KeysetHandle randomized =
          KeysetHandle.generateNew(
              PredefinedAeadParameters.AES256_GCM, RegistryConfiguration.get());
      List<KeyMetadata> versions = new ArrayList<>();
      versions.add(newVersion(name, DETERMINISTIC, deterministic.getPrimary().getId(), now));
      versions.add(newVersion(name, RANDOMIZED, randomized.getPrimary().getId(), now));
      return with(new DataKey(name, now, null, deterministic, randomized, versions));
    } catch (GeneralSecurityException e) {
      throw VeilErrors.of(VeilSqlState.KEY_ACCESS, "cannot generate key '" + name + "'", e);
    }
  }

  /**
   * This keyring with a new primary version of key {@code name}, in both of its keysets. Values
   * written before stay readable: the key id in each ciphertext picks the version.
   */
  public Keyring rotate(String name) throws SQLException {
    return addVersions(name, true);
  }

  /**
   * This keyring with a new version of key {@code name} in both keysets, enabled but not primary:
   * lookups already match it while nothing is written under it yet. Once every application has
   * loaded it, {@link #promote} makes it primary, so that no application writes values that others
   * cannot find.
   */
  public Keyring stage(String name) throws SQLException {
    return addVersions(name, false);
  }

  private Keyring addVersions(String name, boolean primary) throws SQLException {
    DataKey key = live(name);
    Instant now = Instant.now();
    try {
      KeysetHandle deterministic =
          addVersion(
              key.deterministic(), PredefinedDeterministicAeadParameters.AES256_SIV, primary);
      KeysetHandle randomized =
          addVersion(key.randomized(), PredefinedAeadParameters.AES256_GCM, primary);
      List<KeyMetadata> versions = new ArrayList<>(key.versions());
      versions.add(newVersion(name, DETERMINISTIC, newest(deterministic), now));
      versions.add(newVersion(name, RANDOMIZED, newest(randomized), now));
      return with(
          new DataKey(
              name,
              key.created(),
              null,
              deterministic,
              randomized,
              withPrimaries(versions, deterministic, randomized)));
    } catch (GeneralSecurityException e) {
      throw VeilErrors.of(VeilSqlState.KEY_ACCESS, "cannot rotate key '" + name + "'", e);
    }
  }

  private static KeysetHandle addVersion(
      KeysetHandle handle, Parameters parameters, boolean primary) throws GeneralSecurityException {
    KeysetHandle.Builder.Entry entry =
        KeysetHandle.generateEntryFromParameters(parameters).withRandomId();
    KeysetHandle.Builder builder = KeysetHandle.newBuilder(handle);
    builder.addEntry(primary ? entry.makePrimary() : entry);
    return builder.build();
  }

  private static int newest(KeysetHandle handle) {
    return handle.getAt(handle.size() - 1).getId();
  }

  /** The versions with their primary flags as the keysets say. */
  private static List<KeyMetadata> withPrimaries(
      List<KeyMetadata> versions, KeysetHandle deterministic, KeysetHandle randomized) {
    long primaryDeterministic = Integer.toUnsignedLong(deterministic.getPrimary().getId());
    long primaryRandomized = Integer.toUnsignedLong(randomized.getPrimary().getId());
    List<KeyMetadata> out = new ArrayList<>(versions.size());
    for (KeyMetadata v : versions) {
      long primary = v.purpose().equals(DETERMINISTIC) ? primaryDeterministic : primaryRandomized;
      out.add(
          new KeyMetadata(
              v.name(),
              v.purpose(),
              v.keyId(),
              v.keyId() == primary && !v.status().equals(KeyMetadata.DESTROYED),
              v.status(),
              v.created(),
              v.changed()));
    }
    return out;
  }

  /** This keyring with an enabled version made primary, in its keyset. */
  public Keyring promote(String name, long keyId) throws SQLException {
    DataKey key = live(name);
    KeyMetadata version = requireVersion(key, keyId);
    if (version.primary()) {
      throw VeilErrors.of(
          VeilSqlState.CONFIGURATION, "version " + version.displayName() + " is already primary");
    }
    if (!version.status().equals(KeyMetadata.ENABLED)) {
      throw VeilErrors.of(
          VeilSqlState.CONFIGURATION,
          "version "
              + version.displayName()
              + " is "
              + version.status()
              + "; only an enabled version can become primary");
    }
    return edit(
        key,
        version,
        (builder, index) -> {
          builder.getAt(index).makePrimary();
          return builder;
        },
        KeyMetadata.ENABLED);
  }

  /**
   * This keyring with version {@code keyId} of key {@code name} retired: no longer used to decrypt
   * or for lookups, but kept, so that {@link #enable} can bring it back. The primary cannot be
   * retired; rotate first.
   */
  public Keyring retire(String name, long keyId) throws SQLException {
    return changeStatus(name, keyId, KeyMetadata.ENABLED, KeyMetadata.RETIRED);
  }

  /** This keyring with a retired version enabled again. */
  public Keyring enable(String name, long keyId) throws SQLException {
    return changeStatus(name, keyId, KeyMetadata.RETIRED, KeyMetadata.ENABLED);
  }

  private Keyring changeStatus(String name, long keyId, String from, String to)
      throws SQLException {
    DataKey key = live(name);
    KeyMetadata version = requireVersion(key, keyId);
    if (version.primary()) {
      throw VeilErrors.of(
          VeilSqlState.CONFIGURATION,
          "version "
              + version.displayName()
              + " is the primary: new values are written under it; rotate with 'veil keys rotate "
              + name
              + "' first");
    }
    if (!version.status().equals(from)) {
      throw VeilErrors.of(
          VeilSqlState.CONFIGURATION,
          "version " + version.displayName() + " is " + version.status() + ", not " + from);
    }
    KeyStatus status = to.equals(KeyMetadata.ENABLED) ? KeyStatus.ENABLED : KeyStatus.DISABLED;
    return edit(
        key,
        version,
        (builder, index) -> {
          builder.getAt(index).setStatus(status);
          return builder;
        },
        to);
  }

  /**
   * This keyring with the retired version {@code keyId} of key {@code name} destroyed: its key
   * material is removed, and values under it can no longer be read by anyone. Only a retired
   * version can be destroyed, so that destroying one is always a second, deliberate step.
   */
  public Keyring destroy(String name, long keyId) throws SQLException {
    DataKey key = live(name);
    KeyMetadata version = requireVersion(key, keyId);
    if (!version.status().equals(KeyMetadata.RETIRED)) {
      throw VeilErrors.of(
          VeilSqlState.CONFIGURATION,
          "version "
              + version.displayName()
              + " is "
              + version.status()
              + "; retire it first ('veil keys retire "
              + name
              + " "
              + keyId
              + "'), after re-encrypting the values under it if they must stay readable");
    }
    return edit(key, version, KeysetHandle.Builder::deleteAt, KeyMetadata.DESTROYED);
  }

  /**
   * This keyring with the whole key {@code name} destroyed (crypto-shredding): both keysets are
   * removed, every value ever written under the key is unreadable by anyone once every copy of the
   * previous keyring file is gone, and columns that name the key can no longer be written. The name
   * stays, so that reads can say the key was destroyed rather than that it is unknown.
   */
  public Keyring destroy(String name) throws SQLException {
    DataKey key = live(name);
    Instant now = Instant.now();
    List<KeyMetadata> versions = new ArrayList<>();
    for (KeyMetadata version : key.versions()) {
      versions.add(
          new KeyMetadata(
              name,
              version.purpose(),
              version.keyId(),
              false,
              KeyMetadata.DESTROYED,
              version.created(),
              version.status().equals(KeyMetadata.DESTROYED) ? version.changed() : now));
    }
    return with(new DataKey(name, key.created(), now, null, null, versions));
  }

  /** Changes the keyset entry of {@code version}, found by its position in the keyset. */
  private Keyring edit(
      DataKey key,
      KeyMetadata version,
      BiFunction<KeysetHandle.Builder, Integer, KeysetHandle.Builder> change,
      String status)
      throws SQLException {
    boolean deterministic = version.purpose().equals(DETERMINISTIC);
    KeysetHandle handle = deterministic ? key.deterministic() : key.randomized();
    int index = 0;
    while (Integer.toUnsignedLong(handle.getAt(index).getId()) != version.keyId()) {
      index++;
    }
    try {
      KeysetHandle changed = change.apply(KeysetHandle.newBuilder(handle), index).build();
      List<KeyMetadata> versions = new ArrayList<>();
      for (KeyMetadata v : key.versions()) {
        versions.add(
            v == version
                ? new KeyMetadata(
                    v.name(), v.purpose(), v.keyId(), false, status, v.created(), Instant.now())
                : v);
      }
      KeysetHandle newDeterministic = deterministic ? changed : key.deterministic();
      KeysetHandle newRandomized = deterministic ? key.randomized() : changed;
      return with(
          new DataKey(
              key.name(),
              key.created(),
              null,
              newDeterministic,
              newRandomized,
              withPrimaries(versions, newDeterministic, newRandomized)));
    } catch (GeneralSecurityException e) {
      throw VeilErrors.of(
          VeilSqlState.KEY_ACCESS, "cannot change version " + version.displayName(), e);
    }
  }

  private DataKey live(String name) throws SQLException {
    DataKey key = keys.get(name);
    if (key == null) {
      throw VeilErrors.of(
          VeilSqlState.CONFIGURATION, "the keyring holds no key named '" + name + "'");
    }
    if (key.isDestroyed()) {
      throw VeilErrors.of(
          VeilSqlState.CONFIGURATION,
          "key '" + name + "' was destroyed at " + key.destroyed() + " and cannot be changed");
    }
    return key;
  }

  private static KeyMetadata requireVersion(DataKey key, long keyId) throws SQLException {
    List<KeyMetadata> matches =
        key.versions().stream()
            .filter(v -> v.keyId() == keyId && !v.status().equals(KeyMetadata.DESTROYED))
            .toList();
    if (matches.size() != 1) {
      throw VeilErrors.of(
          VeilSqlState.CONFIGURATION,
          matches.isEmpty()
              ? "key '"
                  + key.name()
                  + "' has no live version "
                  + keyId
                  + "; 'veil keys list' shows its versions"
              : "key id " + keyId + " of '" + key.name() + "' names versions of both keysets");
    }
    return matches.get(0);
  }

  private Keyring with(DataKey key) {
    Map<String, DataKey> next = new TreeMap<>(keys);
    next.put(key.name(), key);
    return new Keyring(next);
  }

  private static KeyMetadata newVersion(String name, String purpose, int keyId, Instant now) {
    return new KeyMetadata(
        name, purpose, Integer.toUnsignedLong(keyId), true, KeyMetadata.ENABLED, now, null);
  }

  /**
   * The data key called {@code name}, which the policy names for {@code column}; an error that says
   * how to add it when the keyring at {@code location} does not hold it.
   */
  public DataKey requireKey(String name, String column, Object location) throws SQLException {
    DataKey key = keys.get(name);
    if (key == null) {
      throw VeilErrors.of(
          VeilSqlState.CONFIGURATION,
          "the policy protects "
              + column
              + " with key '"
              + name
              + "', which keyring "
              + location
              + " does not hold; add it with 'veil keys add "
              + name
              + "'");
    }
    return key;
  }

  /**
   * A keyring holding only the keys called {@code names}, for an instance that must read or write
   * just their columns: least privilege on the reading side. Every name must be in this keyring.
   */
  public Keyring only(Collection<String> names) throws SQLException {
    Map<String, DataKey> kept = new TreeMap<>();
    for (String name : names) {
      DataKey key = keys.get(name);
      if (key == null) {
        throw VeilErrors.of(
            VeilSqlState.CONFIGURATION,
            "the keyring holds no key named '" + name + "'; it holds " + keys.keySet());
      }
      kept.put(name, key);
    }
    return new Keyring(kept);
  }

  /** The data key called {@code name}, destroyed ones included. */
  public Optional<DataKey> key(String name) {
    return Optional.ofNullable(keys.get(name));
  }

  /** Every version of every key, destroyed ones included; never key material. */
  public List<KeyMetadata> describe() {
    List<KeyMetadata> out = new ArrayList<>();
    for (DataKey key : keys.values()) {
      out.addAll(key.versions());
    }
    return out;
  }

  // ---------------------------------------------------------------- file format

  /** Reads and unwraps a keyring file with the KEK, which it consults once. */
  public static Keyring read(Path file, Kek kek) throws SQLException {
    JsonObject root = parse(file);
    Aead keyringKey = unwrapKeyringKey(file, root, kek);
    requireSeal(file, root, keyringKey);
    Map<String, DataKey> keys = new TreeMap<>();
    for (Map.Entry<String, JsonElement> entry : root.getAsJsonObject("keys").entrySet()) {
      String name = entry.getKey();
      try {
        keys.put(name, readKey(name, entry.getValue().getAsJsonObject(), keyringKey));
      } catch (RuntimeException e) {
        throw malformed(file, "entry '" + name + "' is incomplete", e);
      }
    }
    return new Keyring(keys);
  }

  private static DataKey readKey(String name, JsonObject body, Aead keyringKey)
      throws SQLException {
    Instant destroyed =
        body.has("destroyed") ? Instant.parse(body.get("destroyed").getAsString()) : null;
    KeysetHandle deterministic =
        destroyed == null ? unwrap(body, name, DETERMINISTIC, keyringKey) : null;
    KeysetHandle randomized = destroyed == null ? unwrap(body, name, RANDOMIZED, keyringKey) : null;
    List<KeyMetadata> versions = new ArrayList<>();
    for (JsonElement element : body.getAsJsonArray("versions")) {
      JsonObject v = element.getAsJsonObject();
      String purpose = v.get("purpose").getAsString();
      long keyId = v.get("keyId").getAsLong();
      KeysetHandle handle = purpose.equals(DETERMINISTIC) ? deterministic : randomized;
      versions.add(
          new KeyMetadata(
              name,
              purpose,
              keyId,
              handle != null && Integer.toUnsignedLong(handle.getPrimary().getId()) == keyId,
              v.get("status").getAsString(),
              Instant.parse(v.get("created").getAsString()),
              v.has("changed") ? Instant.parse(v.get("changed").getAsString()) : null));
    }
    return new DataKey(
        name,
        Instant.parse(body.get("created").getAsString()),
        destroyed,
        deterministic,
        randomized,
        versions);
  }

  private static KeysetHandle unwrap(JsonObject body, String name, String purpose, Aead keyringKey)
      throws SQLException {
    String wrapped = body.getAsJsonObject(purpose).toString();
    try {
      return TinkJsonProtoKeysetFormat.parseEncryptedKeyset(
          wrapped, keyringKey, associatedData(name, purpose), RegistryConfiguration.get());
    } catch (GeneralSecurityException e) {
      throw VeilErrors.of(
          VeilSqlState.KEY_ACCESS,
          "cannot unwrap key '" + name + "' (" + purpose + "): the keyring file was altered",
          e);
    }
  }

  /**
   * Writes the keyring atomically under {@code kek}: a fresh keyring key wrapped by the KEK, every
   * keyset encrypted under it, the whole sealed; then a temporary file, flushed to disk, read back
   * with the KEK (so that a KEK that cannot unwrap what it wrapped never replaces the only copy),
   * and renamed over.
   */
  public void write(Path file, Kek kek) throws SQLException {
    if (kek.location() == null || kek.location().isBlank()) {
      throw VeilErrors.of(
          VeilSqlState.CONFIGURATION,
          "the KEK provider of "
              + kek.getClass().getName()
              + " gives no location; fix the provider");
    }
    byte[] keyBytes = new byte[RawKek.KEY_BYTES];
    RANDOM.nextBytes(keyBytes);
    try {
      Aead keyringKey = RawKek.aesGcm(keyBytes);
      JsonObject root = new JsonObject();
      root.addProperty("format", FORMAT);
      root.addProperty("version", VERSION);
      root.addProperty("kek", kek.location());
      root.addProperty(
          "wrappedKey", Base64.getEncoder().encodeToString(kek.wrap(keyBytes, WRAP_CONTEXT)));
      JsonObject entries = new JsonObject();
      for (DataKey key : keys.values()) {
        entries.add(key.name(), writeKey(key, keyringKey));
      }
      root.add("keys", entries);
      root.addProperty("seal", seal(root, keyringKey));
      writeAtomically(
          file,
          new GsonBuilder().setPrettyPrinting().create().toJson(root) + "\n",
          temp -> {
            if (!read(temp, kek).describe().equals(describe())) {
              throw VeilErrors.of(
                  VeilSqlState.KEY_ACCESS,
                  "the keyring written to "
                      + temp
                      + " does not read back as written; "
                      + file
                      + " is unchanged");
            }
          });
    } catch (GeneralSecurityException e) {
      throw VeilErrors.of(
          VeilSqlState.KEY_ACCESS, "cannot wrap the keyring with the KEK " + kek.location(), e);
    } finally {
      Arrays.fill(keyBytes, (byte) 0);
    }
  }

  private static JsonObject writeKey(DataKey key, Aead keyringKey) throws GeneralSecurityException {
    JsonObject body = new JsonObject();
    body.addProperty("created", key.created().toString());
    if (key.isDestroyed()) {
      body.addProperty("destroyed", key.destroyed().toString());
    } else {
      body.add(DETERMINISTIC, wrap(key.name(), DETERMINISTIC, key.deterministic(), keyringKey));
      body.add(RANDOMIZED, wrap(key.name(), RANDOMIZED, key.randomized(), keyringKey));
    }
    JsonArray versions = new JsonArray();
    for (KeyMetadata version : key.versions()) {
      JsonObject v = new JsonObject();
      v.addProperty("purpose", version.purpose());
      v.addProperty("keyId", version.keyId());
      v.addProperty("status", version.status());
      v.addProperty("created", version.created().toString());
      if (version.changed() != null) {
        v.addProperty("changed", version.changed().toString());
      }
      versions.add(v);
    }
    body.add("versions", versions);
    return body;
  }

  private static JsonElement wrap(String name, String purpose, KeysetHandle handle, Aead keyringKey)
      throws GeneralSecurityException {
    return JsonParser.parseString(
        TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(
            handle, keyringKey, associatedData(name, purpose), RegistryConfiguration.get()));
  }

  private static Aead unwrapKeyringKey(Path file, JsonObject root, Kek kek) throws SQLException {
    byte[] keyBytes = null;
    try {
      byte[] wrapped = Base64.getDecoder().decode(root.get("wrappedKey").getAsString());
      keyBytes = kek.unwrap(wrapped, WRAP_CONTEXT);
      Audit.record(AuditEvent.ok(AuditOperation.KEK_UNWRAP, null, null, kek.location()));
      return RawKek.aesGcm(keyBytes);
    } catch (GeneralSecurityException | RuntimeException e) {
      Audit.record(
          AuditEvent.failed(
              AuditOperation.KEK_UNWRAP, null, null, null, null, kek.location() + ": " + e));
      throw VeilErrors.of(
          VeilSqlState.KEY_ACCESS,
          "the KEK "
              + kek.location()
              + " cannot open keyring "
              + file
              + ": it is not the KEK the keyring was written with ("
              + (root.get("kek").isJsonPrimitive() ? root.get("kek").getAsString() : "?")
              + "), the KEK is unavailable, or the file was altered",
          e);
    } finally {
      if (keyBytes != null) {
        Arrays.fill(keyBytes, (byte) 0);
      }
    }
  }

  /** Seals everything in the file but the seal itself, in {@link #COMPACT} form. */
  private static String seal(JsonObject root, Aead keyringKey) throws GeneralSecurityException {
    return Base64.getEncoder().encodeToString(keyringKey.encrypt(digest(root), SEAL_CONTEXT));
  }

  private static void requireSeal(Path file, JsonObject root, Aead keyringKey) throws SQLException {
    try {
      byte[] sealed = Base64.getDecoder().decode(root.get("seal").getAsString());
      if (MessageDigest.isEqual(keyringKey.decrypt(sealed, SEAL_CONTEXT), digest(root))) {
        return;
      }
    } catch (GeneralSecurityException | RuntimeException e) {
      throw altered(file, e);
    }
    throw altered(file, null);
  }

  private static SQLException altered(Path file, Throwable cause) {
    return VeilErrors.of(
        VeilSqlState.KEY_ACCESS,
        "the keyring " + file + " was altered after Veil wrote it; restore it from a backup",
        cause);
  }

  private static byte[] digest(JsonObject root) {
    JsonObject unsealed = root.deepCopy();
    unsealed.remove("seal");
    try {
      return MessageDigest.getInstance("SHA-256")
          .digest(COMPACT.toJson(unsealed).getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static void writeAtomically(Path file, String content, OwnerOnlyFiles.Check check)
      throws SQLException {
    try {
      OwnerOnlyFiles.replace(file, content.getBytes(StandardCharsets.UTF_8), check);
    } catch (IOException | UnsupportedOperationException e) {
      throw VeilErrors.of(
          VeilSqlState.KEY_ACCESS,
          "cannot write the keyring "
              + file
              + ": "
              + e
              + "; it must be on a file system with POSIX permissions",
          e);
    }
  }

  private static JsonObject parse(Path file) throws SQLException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw VeilErrors.of(
          VeilSqlState.CONFIGURATION,
          "cannot read the keyring " + file + " (" + e + "); create one with 'veil keys init'",
          e);
    }
    try {
      JsonObject root = JsonParser.parseString(text).getAsJsonObject();
      if (!root.has("format") || !FORMAT.equals(root.get("format").getAsString())) {
        throw malformed(file, "it is not a Veil keyring", null);
      }
      if (root.get("version").getAsInt() != VERSION) {
        throw malformed(
            file,
            "keyring version "
                + root.get("version").getAsInt()
                + " is not supported; this build reads version "
                + VERSION,
            null);
      }
      for (String field : List.of("wrappedKey", "seal", "kek")) {
        if (!root.has(field)) {
          throw malformed(file, "it has no '" + field + "'", null);
        }
      }
      if (!root.has("keys") || !root.get("keys").isJsonObject()) {
        throw malformed(file, "it has no 'keys' object", null);
      }
      return root;
    } catch (JsonParseException
        | IllegalStateException
        | UnsupportedOperationException
        | NullPointerException
        | DateTimeParseException e) {
      throw malformed(file, "it is not valid JSON", e);
    }
  }

  private static SQLException malformed(Path file, String problem, Throwable cause) {
    return VeilErrors.of(
        VeilSqlState.CONFIGURATION, "the keyring " + file + " is unusable: " + problem, cause);
  }

  private static byte[] associatedData(String name, String purpose) {
    return ("veil-keyring-v2/" + name + "/" + purpose).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "Keyring" + keys.keySet();
  }
}
