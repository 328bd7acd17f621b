package dev.veil.keys;

import com.google.crypto.tink.Aead;
import java.security.GeneralSecurityException;

/** A {@link Kek} seen as Tink's {@link Aead}, which Tink's encrypted-keyset format asks for. */
final class KekAead implements Aead {
  private final Kek kek;

  KekAead(Kek kek) {
    this.kek = kek;
  }

  @Override
  public byte[] encrypt(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
    return kek.wrap(plaintext, associatedData);
  }

  @Override
  public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
    return kek.unwrap(ciphertext, associatedData);
  }
}
