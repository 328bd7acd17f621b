package dev.veil.keys;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.subtle.AesGcmJce;
import com.google.crypto.tink.util.SecretBytes;
import dev.veil.errors.VeilErrors;
import dev.veil.errors.VeilSqlState;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Base64;

/**
 * A KEK given as base64 of 32 random bytes (from an environment variable or a file), used as an
 * AES-256-GCM key.
 *
 * <h2>Warning</h2>
 *
 * The KEK bytes then live in the process and in wherever they came from; prefer an HSM or KMS
 * provider in production.
 */
final class RawKek {
  static final int KEY_BYTES = 32;

  private RawKek() {}

  /** A fresh KEK in its text form. */
  static String generate() {
    byte[] key = new byte[KEY_BYTES];
    new SecureRandom().nextBytes(key);
    try {
      return Base64.getEncoder().encodeToString(key);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /**
   * The KEK in its text form.
   *
   * @param origin where it came from, for messages
   * @param location the KEK's URI, for {@link Kek#location()}
   */
  static Kek fromBase64(String text, String origin, String location) throws SQLException {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(text.strip());
    } catch (IllegalArgumentException e) {
      throw invalid(origin);
    }
    try {
      if (key.length != KEY_BYTES) {
        throw invalid(origin);
      }
      return fromBytes(key, location);
    } catch (GeneralSecurityException e) {
      throw VeilErrors.of(VeilSqlState.KEY_ACCESS, "cannot use the KEK from " + origin, e);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /**
   * A KEK over 32 key bytes, which it copies: AES-256-GCM with a fresh 12-byte IV per wrap,
   * prefixed to the output.
   *
   * @param location the KEK's URI, for {@link Kek#location()}
   */
  static Kek fromBytes(byte[] key, String location) throws GeneralSecurityException {
    Aead aead = aesGcm(key);
    return new Kek() {
      @Override
      public byte[] wrap(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
        return aead.encrypt(plaintext, associatedData);
      }

      @Override
      public byte[] unwrap(byte[] ciphertext, byte[] associatedData)
          throws GeneralSecurityException {
        return aead.decrypt(ciphertext, associatedData);
      }

      @Override
      public String location() {
        return location;
      }
    };
  }

  /** AES-256-GCM (12-byte IV, 16-byte tag, no prefix) over 32 key bytes, which it copies. */
  static Aead aesGcm(byte[] key) throws GeneralSecurityException {
    AesGcmParameters parameters =
        AesGcmParameters.builder()
            .setKeySizeBytes(KEY_BYTES)
            .setIvSizeBytes(12)
            .setTagSizeBytes(16)
            .setVariant(AesGcmParameters.Variant.NO_PREFIX)
            .build();
    return AesGcmJce.create(
        AesGcmKey.builder()
            .setParameters(parameters)
            .setKeyBytes(SecretBytes.copyFrom(key, InsecureSecretKeyAccess.get()))
            .build());
  }

  private static SQLException invalid(String origin) {
    return VeilErrors.of(
        VeilSqlState.CONFIGURATION,
        "the KEK from "
            + origin
            + " is not base64 of "
            + KEY_BYTES
            + " bytes; create one with 'veil kek new'");
  }
}
