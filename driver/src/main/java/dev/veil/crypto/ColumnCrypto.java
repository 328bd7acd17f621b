package dev.veil.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.DeterministicAead;
import com.google.crypto.tink.RegistryConfiguration;
import dev.veil.errors.VeilErrors;
import dev.veil.errors.VeilSqlState;
import dev.veil.keys.DataKey;
import dev.veil.policy.ColumnPolicy;
import dev.veil.policy.EncryptionMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.security.GeneralSecurityException;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.SQLException;
import java.util.Base64;

/**
 * Everything one protected column needs to turn application values into stored values and back: the
 * canonical codec for its declared type and its cipher. Thread-safe and immutable.
 */
public final class ColumnCrypto {
  private final ColumnPolicy policy;
  private final ColumnCipher cipher;

  private ColumnCrypto(ColumnPolicy policy, ColumnCipher cipher) {
    this.policy = policy;
    this.cipher = cipher;
  }

  /** Builds the cipher for {@code policy} from the data key it names. */
  public static ColumnCrypto create(ColumnPolicy policy, DataKey key) throws SQLException {
    try {
      ColumnCipher cipher =
          policy.mode() == EncryptionMode.DETERMINISTIC
              ? TinkColumnCipher.deterministic(
                  key.deterministic()
                      .getPrimitive(RegistryConfiguration.get(), DeterministicAead.class),
                  policy)
              : TinkColumnCipher.randomized(
                  key.randomized().getPrimitive(RegistryConfiguration.get(), Aead.class), policy);
      return new ColumnCrypto(policy, cipher);
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

  /** Encodes a non-null application value canonically and encrypts it. */
  public byte[] encrypt(Object value) throws SQLException {
    return cipher.encrypt(ValueCodec.encode(policy.type(), materialize(value)));
  }

  /** The text form of {@link #encrypt}, for columns stored as text. */
  public String encryptToText(Object value) throws SQLException {
    return Base64.getEncoder().encodeToString(encrypt(value));
  }

  /**
   * Decrypts a stored value as the driver returned it ({@code byte[]}, base64 {@code String},
   * {@code Blob} or {@code Clob}) into the canonical value of the declared type.
   */
  public Object decrypt(Object stored) throws SQLException {
    return ValueCodec.decode(policy.type(), cipher.decrypt(storedBytes(stored)));
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
