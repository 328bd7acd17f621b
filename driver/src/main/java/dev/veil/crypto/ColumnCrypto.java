package dev.veil.crypto;

import dev.veil.audit.Audit;
import dev.veil.audit.AuditEvent;
import dev.veil.audit.AuditOperation;
import dev.veil.errors.VeilErrors;
import dev.veil.errors.VeilSqlState;
import dev.veil.keys.DataKey;
import dev.veil.policy.ColumnPolicy;
import dev.veil.policy.ColumnType;
import dev.veil.policy.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.OptionalLong;

/**
 * Everything one protected column needs to turn application values into stored values and back: the
 * canonical codec for its declared type and its cipher. Thread-safe and immutable.
 *
 * <p>A column marked {@code migrating} in the policy also reads legacy plaintext: a stored value
 * without Veil's header is taken as the plaintext it was before encryption, and equality lookups
 * match that form too. The header decides, never the content's look.
 */
public final class ColumnCrypto {
  /**
   * The base64 of Veil's header bytes {@code 0x56 0x01} and {@code 0x56 0x02} (with a third byte
   * below 0x40, as Tink's prefix byte is).
   */
  private static final String TEXT_HEADER = "VgE";

  private static final String PADDED_TEXT_HEADER = "VgI";

  private final ColumnPolicy policy;
  private final ColumnCipher cipher;

  private ColumnCrypto(ColumnPolicy policy, ColumnCipher cipher) {
    this.policy = policy;
    this.cipher = cipher;
  }

  /**
   * Builds the cipher for {@code policy} from the data key it names.
   *
   * @param onUndecryptable what reading a value under a destroyed key version returns
   */
  public static ColumnCrypto create(
      ColumnPolicy policy, DataKey key, OnUndecryptable onUndecryptable) throws SQLException {
    try {
      return new ColumnCrypto(policy, TinkColumnCipher.create(policy, key, onUndecryptable));
    } catch (GeneralSecurityException e) {
      throw VeilErrors.of(
          VeilSqlState.KEY_ACCESS,
          "key '" + policy.key() + "' cannot serve " + policy.displayName() + ": " + e,
          e);
    }
  }

  /** The column this serves. */
  public ColumnPolicy policy() {
    return policy;
  }

  /** Encodes a non-null application value canonically and encrypts it under the primary version. */
  public byte[] encrypt(Object value) throws SQLException {
    return cipher.encrypt(ValueCodec.encode(policy.type(), materialize(value)));
  }

  /** The text form of {@link #encrypt}, for columns stored as text. */
  public String encryptToText(Object value) throws SQLException {
    return Base64.getEncoder().encodeToString(encrypt(value));
  }

  /**
   * The stored forms an equality lookup on a non-null value must match, in {@code storage}'s form
   * ({@code String} for text, {@code byte[]} for binary): the ciphertext under every enabled key
   * version, the primary's first, then, for a migrating column, the legacy plaintext. Exactly
   * {@link #lookupWidth()} of them.
   */
  public List<Object> lookupValues(Object value, Storage storage) throws SQLException {
    byte[] plaintext = ValueCodec.encode(policy.type(), materialize(value));
    List<byte[]> ciphertexts = cipher.encryptForLookup(plaintext);
    List<Object> forms = new ArrayList<>(lookupWidth());
    for (byte[] ciphertext : ciphertexts) {
      forms.add(
          storage == Storage.TEXT ? Base64.getEncoder().encodeToString(ciphertext) : ciphertext);
    }
    if (policy.migrating()) {
      forms.add(legacyForm(ValueCodec.decode(policy.type(), plaintext), storage));
    }
    return forms;
  }

  /**
   * How many stored forms an equality lookup must match: one, plus one per further enabled version
   * of a deterministic key, plus one for a migrating column's legacy plaintext.
   */
  public int lookupWidth() {
    return cipher.lookupWidth() + (policy.migrating() ? 1 : 0);
  }

  /**
   * Decrypts a stored value as the driver returned it ({@code byte[]}, base64 {@code String},
   * {@code Blob} or {@code Clob}) into the canonical value of the declared type; {@code null} for a
   * value under a destroyed key version when {@code veil.onUndecryptable} is {@code null}.
   */
  public Object decrypt(Object stored) throws SQLException {
    if (policy.migrating() && !isCiphertext(stored)) {
      return legacyValue(stored);
    }
    byte[] plaintext;
    try {
      plaintext = cipher.decrypt(storedBytes(stored));
    } catch (SQLException e) {
      if (VeilSqlState.NOT_A_CIPHERTEXT.code().equals(e.getSQLState())) {
        Audit.record(
            AuditEvent.failed(
                AuditOperation.DECRYPT_FAILED,
                policy.key(),
                null,
                policy.table().canonical(),
                policy.column().canonical(),
                "not a Veil ciphertext"));
      }
      throw e;
    }
    return plaintext == null ? null : ValueCodec.decode(policy.type(), plaintext);
  }

  /**
   * Whether a stored value carries Veil's ciphertext header: the bytes {@code 0x56 0x01} or {@code
   * 0x56 0x02}, or, for a text column, their base64 {@code VgE} or {@code VgI}. Decided on the
   * prefix alone, so that a damaged or truncated ciphertext is still taken for one, and fails,
   * rather than read as legacy plaintext.
   */
  public boolean isCiphertext(Object stored) throws SQLException {
    if (stored instanceof String || stored instanceof Clob) {
      String text =
          stored instanceof Clob clob
              ? clob.getSubString(1, (int) Math.min(clob.length(), 8))
              : (String) stored;
      String start = text.strip();
      return start.startsWith(TEXT_HEADER) || start.startsWith(PADDED_TEXT_HEADER);
    }
    byte[] bytes = headerBytes(stored);
    return bytes != null && CiphertextFormat.isVeilCiphertext(bytes);
  }

  /** The key id a stored ciphertext names, or empty for a value that is not Veil ciphertext. */
  public OptionalLong keyId(Object stored) throws SQLException {
    byte[] bytes = headerBytes(stored);
    return bytes == null ? OptionalLong.empty() : cipher.keyId(bytes);
  }

  /** The key id new values of this column are written under. */
  public long primaryKeyId() throws SQLException {
    return cipher.primaryKeyId();
  }

  /** The stored bytes, or {@code null} for text that is not base64 (so not Veil ciphertext). */
  private byte[] headerBytes(Object stored) throws SQLException {
    try {
      return storedBytes(stored);
    } catch (SQLException e) {
      if (VeilSqlState.NOT_A_CIPHERTEXT.code().equals(e.getSQLState())) {
        return null;
      }
      throw e;
    }
  }

  /** The plaintext a migrating column held before encryption, as the declared type. */
  private Object legacyValue(Object stored) throws SQLException {
    Object raw = stored;
    if (stored instanceof Clob clob) {
      raw = clob.getSubString(1, Math.toIntExact(clob.length()));
    } else if (stored instanceof Blob blob) {
      raw = blob.getBytes(1, Math.toIntExact(blob.length()));
    }
    if (raw instanceof byte[] bytes && policy.type() != ColumnType.BYTES) {
      raw = new String(bytes, StandardCharsets.UTF_8);
    }
    try {
      return ValueCodec.decode(policy.type(), ValueCodec.encode(policy.type(), raw));
    } catch (SQLException e) {
      throw VeilErrors.of(
          VeilSqlState.NOT_A_CIPHERTEXT,
          "a legacy plaintext value in migrating column "
              + policy.displayName()
              + " is not a valid "
              + policy.type().name().toLowerCase(java.util.Locale.ROOT)
              + "; fix the row or encrypt it with 'veil encrypt-existing'");
    }
  }

  /** A canonical value as a migrating column stored it before encryption. */
  private Object legacyForm(Object canonical, Storage storage) {
    if (canonical instanceof byte[] bytes) {
      return storage == Storage.TEXT ? new String(bytes, StandardCharsets.UTF_8) : bytes;
    }
    String text =
        canonical instanceof BigDecimal decimal ? decimal.toPlainString() : canonical.toString();
    return storage == Storage.TEXT ? text : text.getBytes(StandardCharsets.UTF_8);
  }

  private byte[] storedBytes(Object stored) throws SQLException {
    if (stored instanceof byte[] bytes) {
      return bytes;
    }
    if (stored instanceof Blob blob) {
      return blob.getBytes(1, Math.toIntExact(blob.length()));
    }
    String text;
    if (stored instanceof String s) {
      text = s;
    } else if (stored instanceof Clob clob) {
      text = clob.getSubString(1, Math.toIntExact(clob.length()));
    } else {
      throw VeilErrors.of(
          VeilSqlState.NOT_A_CIPHERTEXT,
          policy.displayName()
              + " returned a "
              + stored.getClass().getSimpleName()
              + "; a protected column must be a binary or text column");
    }
    try {
      return Base64.getDecoder().decode(text.strip());
    } catch (IllegalArgumentException e) {
      throw VeilErrors.of(
          VeilSqlState.NOT_A_CIPHERTEXT,
          "the value stored in " + policy.displayName() + " is not a Veil ciphertext (not base64)");
    }
  }

  /** Reads streams, readers and LOBs handed to a setter into a value the codec knows. */
  private static Object materialize(Object value) throws SQLException {
    try {
      if (value instanceof InputStream in) {
        return in.readAllBytes();
      }
      if (value instanceof Reader reader) {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[8192];
        for (int n; (n = reader.read(buffer)) >= 0; ) {
          text.append(buffer, 0, n);
        }
        return text.toString();
      }
    } catch (IOException e) {
      throw VeilErrors.of(VeilSqlState.INVALID_VALUE, "cannot read the bound stream: " + e, e);
    }
    if (value instanceof Blob blob) {
      return blob.getBytes(1, Math.toIntExact(blob.length()));
    }
    if (value instanceof Clob clob) {
      return clob.getSubString(1, Math.toIntExact(clob.length()));
    }
    return value;
  }

  @Override
  public String toString() {
    return "ColumnCrypto[" + policy.displayName() + ", " + policy.mode().policyName() + "]";
  }
}
