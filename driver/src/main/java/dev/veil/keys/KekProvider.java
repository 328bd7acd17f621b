package dev.veil.keys;

import com.google.crypto.tink.Aead;
import java.sql.SQLException;

/**
 * Supplies the key-encryption key (KEK) that wraps the keyring's data keys. Implementations are
 * found with {@link java.util.ServiceLoader}; declare them in {@code
 * META-INF/services/dev.veil.keys.KekProvider}.
 *
 * <h2>Security guarantees</h2>
 *
 * The returned {@link Aead} is only ever used to wrap and unwrap keysets. Where the backing store
 * allows it (an HSM, a KMS), the key material should never leave it: return an {@code Aead} that
 * calls out rather than one built from extracted bytes.
 */
public interface KekProvider {

  /** Whether this provider serves KEK URIs of this form, e.g. {@code env:NAME}. */
  boolean supports(String kekUri);

  /**
   * Opens the KEK.
   *
   * @throws SQLException with a message that says what is missing and how to supply it, never the
   *     key
   */
  Aead open(String kekUri) throws SQLException;
}
