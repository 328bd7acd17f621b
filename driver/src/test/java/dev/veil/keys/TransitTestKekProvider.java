package dev.veil.keys;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * A third-party provider as a user would write one, for {@code test-transit:NAME}: it stands for a
 * remote service such as Vault Transit that keeps its keys and answers encrypt and decrypt calls.
 * Uses only JDK types and Veil's SPI, and is registered in the test resources'
 * META-INF/services/dev.veil.keys.KekProvider, exactly as a provider jar would be.
 */
public final class TransitTestKekProvider implements KekProvider {
  static final String PREFIX = "test-transit:";

  /** The "service": named keys that never leave it. */
  private static final Map<String, SecretKey> SERVICE = new ConcurrentHashMap<>();

  static final AtomicInteger CALLS = new AtomicInteger();

  @Override
  public boolean supports(String kekUri) {
    return kekUri.startsWith(PREFIX);
  }

  @Override
  public Kek open(String kekUri) throws SQLException {
    String name = kekUri.substring(PREFIX.length());
    SecretKey key =
        SERVICE.computeIfAbsent(
            name,
            n -> {
              try {
                KeyGenerator generator = KeyGenerator.getInstance("AES");
                generator.init(256);
                return generator.generateKey();
              } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
              }
            });
    return new Kek() {
      @Override
      public byte[] wrap(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
        CALLS.incrementAndGet();
        byte[] iv = new byte[12];
        new SecureRandom().nextBytes(iv);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
        cipher.updateAAD(associatedData);
        byte[] sealed = cipher.doFinal(plaintext);
        byte[] out = Arrays.copyOf(iv, 12 + sealed.length);
        System.arraycopy(sealed, 0, out, 12, sealed.length);
        return out;
      }

      @Override
      public byte[] unwrap(byte[] ciphertext, byte[] associatedData)
          throws GeneralSecurityException {
        CALLS.incrementAndGet();
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, ciphertext, 0, 12));
        cipher.updateAAD(associatedData);
        return cipher.doFinal(ciphertext, 12, ciphertext.length - 12);
      }

      @Override
      public String location() {
        return kekUri;
      }
    };
  }
}
