package dev.veil.keys;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.daead.DeterministicAeadConfig;
import com.google.crypto.tink.daead.PredefinedDeterministicAeadParameters;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.veil.errors.VeilErrors;
import dev.veil.errors.VeilSqlState;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Named data keys, stored as a JSON file in which every keyset is encrypted under the KEK (envelope
 * encryption). The file holds no key material in the clear; its metadata (names, key ids, creation
 * times) is readable without the KEK. Immutable: changes return a new keyring.
 *
 * <h2>Security guarantees</h2>
 *
 * Each wrapped keyset is bound, through associated data, to its key name and purpose, so swapping
 * entries in the file makes unwrapping fail rather than serving one column's key to another.
 */
public final class Keyring {
  private static final String FORMAT = "veil-keyring";
  private static final int VERSION = 1;
  private static final String DETERMINISTIC = "deterministic";
  private static final String RANDOMIZED = "randomized";
  private static final Pattern KEY_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
  private static final byte[] KEK_CHECK = "veil-keyring-kek-check".getBytes(StandardCharsets.UTF_8);

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
    try {
      DataKey key =
          new DataKey(
              name,
              Instant.now(),
              KeysetHandle.generateNew(
                  PredefinedDeterministicAeadParameters.AES256_SIV, RegistryConfiguration.get()),
              KeysetHandle.generateNew(
                  PredefinedAeadParameters.AES256_GCM, RegistryConfiguration.get()));
      Map<String, DataKey> next = new TreeMap<>(keys);
      next.put(name, key);
      return new Keyring(next);
    } catch (GeneralSecurityException e) {
      throw VeilErrors.of(VeilSqlState.KEY_ACCESS, "cannot generate key '" + name + "'", e);
    }
  }

  /** The data key called {@code name}. */
  public Optional<DataKey> key(String name) {
    return Optional.ofNullable(keys.get(name));
  }

  /** Names, ids, status and creation times of every key; never key material. */
  public List<KeyMetadata> describe() {
    List<KeyMetadata> out = new ArrayList<>();
    for (DataKey key : keys.values()) {
      describe(key, DETERMINISTIC, key.deterministic(), out);
      describe(key, RANDOMIZED, key.randomized(), out);
    }
    return out;
  }

  private static void describe(
      DataKey key, String purpose, KeysetHandle handle, List<KeyMetadata> out) {
    for (int i = 0; i < handle.size(); i++) {
      KeysetHandle.Entry entry = handle.getAt(i);
      out.add(
          new KeyMetadata(
              key.name(),
              purpose,
              Integer.toUnsignedLong(entry.getId()),
              entry.isPrimary(),
              entry.getStatus().toString(),
              key.created()));
    }
  }

  /** Reads and unwraps a keyring file with the KEK. */
  public static Keyring read(Path file, Aead kek) throws SQLException {
    JsonObject root = parse(file);
    requireKek(file, root, kek);
    Map<String, DataKey> keys = new TreeMap<>();
    for (Map.Entry<String, JsonElement> entry : root.getAsJsonObject("keys").entrySet()) {
      String name = entry.getKey();
      JsonObject body = entry.getValue().getAsJsonObject();
      try {
        keys.put(
            name,
            new DataKey(
                name,
                Instant.parse(body.get("created").getAsString()),
                unwrap(body, name, DETERMINISTIC, kek),
                unwrap(body, name, RANDOMIZED, kek)));
      } catch (RuntimeException e) {
        throw malformed(file, "entry '" + name + "' is incomplete", e);
      }
    }
    return new Keyring(keys);
  }

  private static KeysetHandle unwrap(JsonObject body, String name, String purpose, Aead kek)
      throws SQLException {
    String wrapped = body.getAsJsonObject(purpose).toString();
    try {
      return TinkJsonProtoKeysetFormat.parseEncryptedKeyset(
          wrapped, kek, associatedData(name, purpose), RegistryConfiguration.get());
    } catch (GeneralSecurityException e) {
      throw VeilErrors.of(
          VeilSqlState.KEY_ACCESS,
          "cannot unwrap key '"
              + name
              + "' ("
              + purpose
              + "): the KEK is not the one this keyring was written with, or the file was altered",
          e);
    }
  }

  /** Writes the keyring atomically: a temporary file, flushed to disk, then renamed over. */
  public void write(Path file, Aead kek) throws SQLException {
    JsonObject root = new JsonObject();
    root.addProperty("format", FORMAT);
    root.addProperty("version", VERSION);
    root.addProperty("kekCheck", kekCheck(kek));
    JsonObject entries = new JsonObject();
    for (DataKey key : keys.values()) {
      JsonObject body = new JsonObject();
      body.addProperty("created", key.created().toString());
      body.add(DETERMINISTIC, wrap(key, DETERMINISTIC, key.deterministic(), kek));
      body.add(RANDOMIZED, wrap(key, RANDOMIZED, key.randomized(), kek));
      entries.add(key.name(), body);
    }
    root.add("keys", entries);
    String json = new GsonBuilder().setPrettyPrinting().create().toJson(root) + "\n";
    writeAtomically(file, json);
  }

  private static JsonElement wrap(DataKey key, String purpose, KeysetHandle handle, Aead kek)
      throws SQLException {
    try {
      return JsonParser.parseString(
          TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(
              handle, kek, associatedData(key.name(), purpose), RegistryConfiguration.get()));
    } catch (GeneralSecurityException e) {
      throw VeilErrors.of(
          VeilSqlState.KEY_ACCESS, "cannot wrap key '" + key.name() + "' with the KEK", e);
    }
  }

  /**
   * An empty keyring holds no wrapped key that would reveal a wrong KEK, so every keyring carries a
   * value sealed under its KEK; adding a key under another KEK then fails instead of mixing KEKs.
   */
  private static String kekCheck(Aead kek) throws SQLException {
    try {
      return java.util.Base64.getEncoder().encodeToString(kek.encrypt(KEK_CHECK, KEK_CHECK));
    } catch (GeneralSecurityException e) {
      throw VeilErrors.of(VeilSqlState.KEY_ACCESS, "cannot use the KEK", e);
    }
  }

  private static void requireKek(Path file, JsonObject root, Aead kek) throws SQLException {
    if (!root.has("kekCheck")) {
      throw malformed(file, "it has no 'kekCheck'; it was written by an earlier build", null);
    }
    try {
      byte[] sealed = java.util.Base64.getDecoder().decode(root.get("kekCheck").getAsString());
      kek.decrypt(sealed, KEK_CHECK);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw VeilErrors.of(
          VeilSqlState.KEY_ACCESS,
          "the KEK is not the one keyring " + file + " was written with, or the file was altered",
          e);
    }
  }

  private static void writeAtomically(Path file, String content) throws SQLException {
    Path absolute = file.toAbsolutePath();
    Path directory = absolute.getParent();
    try {
      // A fresh name per write, readable by the owner only: concurrent writers do not share a
      // temporary file, and the keyring never passes through a world-readable state.
      Path temp =
          Files.createTempFile(
              directory,
              absolute.getFileName() + ".",
              ".tmp",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
          channel.write(java.nio.ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
          channel.force(true);
        }
        try {
          Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temp);
      }
      try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
        dir.force(true);
      } catch (IOException e) {
        // Some file systems cannot sync a directory; the rename itself is still atomic there.
      }
    } catch (IOException e) {
      throw VeilErrors.of(
          VeilSqlState.KEY_ACCESS, "cannot write the keyring " + file + ": " + e, e);
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
        throw malformed(file, "unsupported keyring version", null);
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
    return ("veil-keyring-v1/" + name + "/" + purpose).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "Keyring" + keys.keySet();
  }
}
