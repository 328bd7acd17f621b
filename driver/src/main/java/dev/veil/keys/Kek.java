package dev.veil.keys;

import java.security.GeneralSecurityException;

/**
 * A key-encryption key, as a {@link KekProvider} hands it to Veil: an authenticated cipher that
 * wraps and unwraps the keyring's data keys. Veil never asks for its key bytes, so a provider
 * backed by an HSM or a KMS can keep the key inside it and perform each operation there.
 *
 * <p>This interface uses only JDK types on purpose: a provider compiled against the plain {@code
 * veil-driver} artifact then also works with the shaded {@code veil.jar}, whose bundled libraries
 * are relocated.
 *
 * <h2>Contract</h2>
 *
 * {@link #wrap} must be an AEAD: {@link #unwrap} of its output with the same associated data
 * returns the plaintext, and any change to the ciphertext or the associated data makes {@link
 * #unwrap} throw. Implementations must be thread-safe.
 */
public interface Kek {

  /** Encrypts and authenticates {@code plaintext}, bound to {@code associatedData}. */
  byte[] wrap(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException;

  /** Authenticates and decrypts what {@link #wrap} returned for the same associated data. */
  byte[] unwrap(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException;

  /**
   * Where this KEK lives, for messages and audit events: a URI without secrets, such as {@code
   * pkcs11:config=/etc/veil/pkcs11.cfg;key=kek}. Never key material or a PIN.
   */
  String location();
}
