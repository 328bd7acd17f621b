package dev.veil.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.DeterministicAead;
import dev.veil.errors.VeilErrors;
import dev.veil.errors.VeilSqlState;
import dev.veil.policy.ColumnPolicy;
import java.security.GeneralSecurityException;
import java.sql.SQLException;

/** A {@link ColumnCipher} over a Tink primitive: AES-SIV for deterministic, AES-GCM otherwise. */
final class TinkColumnCipher implements ColumnCipher {

  private interface Primitive {
    byte[] seal(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException;

    byte[] open(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException;
  }

  private final Primitive primitive;
  private final byte[] associatedData;
  private final String column;

  private TinkColumnCipher(Primitive primitive, ColumnPolicy column) {
    this.primitive = primitive;
    this.associatedData = AssociatedData.forColumn(column);
    this.column = column.displayName();
  }

  static ColumnCipher deterministic(DeterministicAead daead, ColumnPolicy column) {
    return new TinkColumnCipher(
        new Primitive() {
          @Override
          public byte[] seal(byte[] plaintext, byte[] ad) throws GeneralSecurityException {
            return daead.encryptDeterministically(plaintext, ad);
          }

          @Override
          public byte[] open(byte[] ciphertext, byte[] ad) throws GeneralSecurityException {
            return daead.decryptDeterministically(ciphertext, ad);
          }
        },
        column);
  }

  static ColumnCipher randomized(Aead aead, ColumnPolicy column) {
    return new TinkColumnCipher(
        new Primitive() {
          @Override
          public byte[] seal(byte[] plaintext, byte[] ad) throws GeneralSecurityException {
            return aead.encrypt(plaintext, ad);
          }

          @Override
          public byte[] open(byte[] ciphertext, byte[] ad) throws GeneralSecurityException {
            return aead.decrypt(ciphertext, ad);
          }
        },
        column);
  }

  @Override
  public byte[] encrypt(byte[] plaintext) throws SQLException {
    try {
      return CiphertextFormat.wrap(primitive.seal(plaintext, associatedData));
    } catch (GeneralSecurityException e) {
      throw VeilErrors.of(
          VeilSqlState.KEY_ACCESS, "cannot encrypt a value for " + column + ": " + e, e);
    }
  }

  @Override
  public byte[] decrypt(byte[] stored) throws SQLException {
    byte[] ciphertext = CiphertextFormat.unwrap(stored, column);
    try {
      return primitive.open(ciphertext, associatedData);
    } catch (GeneralSecurityException e) {
      throw VeilErrors.of(
          VeilSqlState.DECRYPTION_FAILED,
          "a value in "
              + column
              + " failed authentication: it was altered, copied from another column or table, or"
              + " written under a key this keyring does not hold",
          e);
    }
  }

  @Override
  public String toString() {
    return "ColumnCipher[" + column + "]";
  }
}
