package dev.veil.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.DeterministicAead;
import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import dev.veil.audit.Audit;
import dev.veil.audit.AuditEvent;
import dev.veil.audit.AuditOperation;
import dev.veil.errors.VeilErrors;
import dev.veil.errors.VeilSqlState;
import dev.veil.keys.DataKey;
import dev.veil.keys.KeyMetadata;
import dev.veil.keys.Keyring;
import dev.veil.policy.ColumnPolicy;
import dev.veil.policy.EncryptionMode;
import java.security.GeneralSecurityException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A {@link ColumnCipher} over a Tink keyset: AES-SIV for deterministic columns, AES-GCM otherwise.
 * The keyset's primitive encrypts under the primary and decrypts under whichever enabled version
 * the ciphertext's key id names; a deterministic column also keeps one primitive per enabled
 * version, for lookups that must match values not yet re-encrypted.
 */
final class TinkColumnCipher implements ColumnCipher {
  /** Veil header, then Tink's prefix: a version byte and the four-byte key id. */
  private static final int KEY_ID_OFFSET = CiphertextFormat.HEADER_LENGTH + 1;

  private interface Primitive {
    byte[] seal(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException;

    byte[] open(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException;
  }

  private final DataKey key;
  private final String purpose;
  private final Primitive primitive;
  private final List<Primitive> lookups;
  private final byte[] associatedData;
  private final byte[] paddedAssociatedData;
  private final ColumnPolicy column;
  private final OnUndecryptable onUndecryptable;

  private TinkColumnCipher(
      DataKey key,
      String purpose,
      Primitive primitive,
      List<Primitive> lookups,
      ColumnPolicy column,
      OnUndecryptable onUndecryptable) {
    this.key = key;
    this.purpose = purpose;
    this.primitive = primitive;
    this.lookups = List.copyOf(lookups);
    this.associatedData = AssociatedData.forColumn(column);
    this.paddedAssociatedData = AssociatedData.padded(associatedData);
    this.column = column;
    this.onUndecryptable = onUndecryptable;
  }

  /** The cipher for {@code column} under its data key {@code key}, destroyed or not. */
  static ColumnCipher create(ColumnPolicy column, DataKey key, OnUndecryptable onUndecryptable)
      throws GeneralSecurityException {
    boolean deterministic = column.mode() == EncryptionMode.DETERMINISTIC;
    String purpose = deterministic ? Keyring.DETERMINISTIC : Keyring.RANDOMIZED;
    if (key.isDestroyed()) {
      return new TinkColumnCipher(key, purpose, null, List.of(), column, onUndecryptable);
    }
    KeysetHandle handle = deterministic ? key.deterministic() : key.randomized();
    List<Primitive> lookups = new ArrayList<>();
    if (deterministic) {
      lookups.add(primitive(handle, DeterministicAead.class));
      for (int i = 0; i < handle.size(); i++) {
        KeysetHandle.Entry entry = handle.getAt(i);
        if (!entry.isPrimary() && entry.getStatus().equals(KeyStatus.ENABLED)) {
          KeysetHandle single =
              KeysetHandle.newBuilder()
                  .addEntry(
                      KeysetHandle.importKey(entry.getKey())
                          .withFixedId(entry.getId())
                          .makePrimary())
                  .build();
          lookups.add(primitive(single, DeterministicAead.class));
        }
      }
    }
    Primitive primitive = deterministic ? lookups.get(0) : primitive(handle, Aead.class);
    return new TinkColumnCipher(key, purpose, primitive, lookups, column, onUndecryptable);
  }

  private static Primitive primitive(KeysetHandle handle, Class<?> type)
      throws GeneralSecurityException {
    if (type == DeterministicAead.class) {
      DeterministicAead daead =
          handle.getPrimitive(RegistryConfiguration.get(), DeterministicAead.class);
      return new Primitive() {
        @Override
        public byte[] seal(byte[] plaintext, byte[] ad) throws GeneralSecurityException {
          return daead.encryptDeterministically(plaintext, ad);
        }

        @Override
        public byte[] open(byte[] ciphertext, byte[] ad) throws GeneralSecurityException {
          return daead.decryptDeterministically(ciphertext, ad);
        }
      };
    }
    Aead aead = handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
    return new Primitive() {
      @Override
      public byte[] seal(byte[] plaintext, byte[] ad) throws GeneralSecurityException {
        return aead.encrypt(plaintext, ad);
      }

      @Override
      public byte[] open(byte[] ciphertext, byte[] ad) throws GeneralSecurityException {
        return aead.decrypt(ciphertext, ad);
      }
    };
  }

  @Override
  public byte[] encrypt(byte[] plaintext) throws SQLException {
    requireLive();
    try {
      return seal(primitive, plaintext);
    } catch (GeneralSecurityException e) {
      throw VeilErrors.of(
          VeilSqlState.KEY_ACCESS,
          "cannot encrypt a value for " + column.displayName() + ": " + e,
          e);
    }
  }

  @Override
  public List<byte[]> encryptForLookup(byte[] plaintext) throws SQLException {
    requireLive();
    if (lookups.size() <= 1) {
      return List.of(encrypt(plaintext));
    }
    List<byte[]> forms = new ArrayList<>(lookups.size());
    try {
      for (Primitive lookup : lookups) {
        forms.add(seal(lookup, plaintext));
      }
    } catch (GeneralSecurityException e) {
      throw VeilErrors.of(
          VeilSqlState.KEY_ACCESS,
          "cannot encrypt a value for " + column.displayName() + ": " + e,
          e);
    }
    return forms;
  }

  /** Encrypts as the column's {@code pad:} says: padded under its own associated data, or not. */
  private byte[] seal(Primitive with, byte[] plaintext) throws GeneralSecurityException {
    if (column.pad() == 0) {
      return CiphertextFormat.wrap(with.seal(plaintext, associatedData), false);
    }
    byte[] padded = Padding.pad(plaintext, column.pad());
    return CiphertextFormat.wrap(with.seal(padded, paddedAssociatedData), true);
  }

  @Override
  public int lookupWidth() {
    return Math.max(1, lookups.size());
  }

  private void requireLive() throws SQLException {
    if (primitive == null) {
      throw VeilErrors.of(
          VeilSqlState.CONFIGURATION,
          "key '"
              + key.name()
              + "' of "
              + column.displayName()
              + " was destroyed at "
              + key.destroyed()
              + "; point the column at another key in the policy to use it again");
    }
  }

  @Override
  public byte[] decrypt(byte[] stored) throws SQLException {
    byte[] ciphertext = CiphertextFormat.unwrap(stored, column.displayName());
    if (primitive != null) {
      // The stored header, not the policy in force, says whether the value was padded, so that
      // changing 'pad:' leaves the values already written readable.
      boolean padded = CiphertextFormat.isPadded(stored);
      byte[] plaintext;
      try {
        plaintext = primitive.open(ciphertext, padded ? paddedAssociatedData : associatedData);
      } catch (GeneralSecurityException e) {
        return undecryptable(stored, e);
      }
      return padded ? Padding.unpad(plaintext, column.displayName()) : plaintext;
    }
    return undecryptable(stored, null);
  }

  /** Says why a value did not decrypt, from the key id it names; never shows the value. */
  private byte[] undecryptable(byte[] stored, GeneralSecurityException cause) throws SQLException {
    OptionalLong keyId = keyId(stored);
    Optional<KeyMetadata> version =
        keyId.isPresent() ? key.version(purpose, keyId.getAsLong()) : Optional.empty();
    String status = version.map(KeyMetadata::status).orElse(null);
    Long id = keyId.isPresent() ? keyId.getAsLong() : null;
    String reason;
    SQLException error;
    if (KeyMetadata.DESTROYED.equals(status)) {
      reason = "key version destroyed";
      error =
          VeilErrors.of(
              VeilSqlState.VALUE_SHREDDED,
              "a value in "
                  + column.displayName()
                  + " was written under version "
                  + version.get().displayName()
                  + ", destroyed at "
                  + version.get().changed()
                  + ": it is unreadable by design; set veil.onUndecryptable=null to read such"
                  + " values as NULL",
              cause);
    } else if (KeyMetadata.RETIRED.equals(status)) {
      reason = "key version retired";
      error =
          VeilErrors.of(
              VeilSqlState.DECRYPTION_FAILED,
              "a value in "
                  + column.displayName()
                  + " is under retired version "
                  + version.get().displayName()
                  + "; enable it again with 'veil keys enable "
                  + key.name()
                  + " "
                  + id
                  + "' and run 'veil reencrypt' before retiring it",
              cause);
    } else if (status == null) {
      reason = "unknown key id";
      error =
          VeilErrors.of(
              VeilSqlState.DECRYPTION_FAILED,
              "a value in "
                  + column.displayName()
                  + " failed authentication: it was written under a key this keyring does not"
                  + " hold, or altered, or copied from another column or table",
              cause);
    } else {
      reason = "authentication failed";
      error =
          VeilErrors.of(
              VeilSqlState.DECRYPTION_FAILED,
              "a value in "
                  + column.displayName()
                  + " failed authentication: it was altered, copied from another column or table,"
                  + " or written under a key this keyring does not hold",
              cause);
    }
    Audit.record(
        AuditEvent.failed(
            AuditOperation.DECRYPT_FAILED,
            key.name(),
            id,
            column.table().canonical(),
            column.column().canonical(),
            reason));
    if (error.getSQLState().equals(VeilSqlState.VALUE_SHREDDED.code())
        && onUndecryptable == OnUndecryptable.NULL) {
      return null;
    }
    throw error;
  }

  @Override
  public OptionalLong keyId(byte[] stored) {
    if (!CiphertextFormat.isVeilCiphertext(stored) || stored.length < KEY_ID_OFFSET + 4) {
      return OptionalLong.empty();
    }
    long id = 0;
    for (int i = KEY_ID_OFFSET; i < KEY_ID_OFFSET + 4; i++) {
      id = (id << 8) | (stored[i] & 0xff);
    }
    return OptionalLong.of(id);
  }

  @Override
  public long primaryKeyId() throws SQLException {
    requireLive();
    KeysetHandle handle =
        purpose.equals(Keyring.DETERMINISTIC) ? key.deterministic() : key.randomized();
    return Integer.toUnsignedLong(handle.getPrimary().getId());
  }

  @Override
  public String toString() {
    return "ColumnCipher[" + column.displayName() + "]";
  }
}
