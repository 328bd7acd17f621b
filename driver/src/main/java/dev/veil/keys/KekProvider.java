package dev.veil.keys;

import dev.veil.errors.VeilErrors;
import dev.veil.errors.VeilSqlState;
import java.sql.SQLException;

/**
 * Supplies the key-encryption key (KEK) that wraps the keyring's data keys, for one family of KEK
 * URIs. Implementations are found with {@link java.util.ServiceLoader}: list the class in {@code
 * META-INF/services/dev.veil.keys.KekProvider} of your jar and put the jar on the class path next
 * to Veil. Built in: {@code env:}, {@code file:}, {@code pkcs12:}, {@code pkcs11:}, {@code
 * aws-kms://} and {@code gcp-kms://}.
 *
 * <h2>Security guarantees</h2>
 *
 * The returned {@link Kek} is only ever used to wrap and unwrap keysets, a handful of times per
 * key-cache period (see {@code veil.keyCacheTtl}), never per statement. Where the backing store
 * allows it (an HSM, a KMS, Vault Transit), the key material should never leave it: return a {@code
 * Kek} that calls out rather than one built from extracted bytes.
 */
public interface KekProvider {

  /** Whether this provider serves KEK URIs of this form, e.g. {@code env:NAME}. */
  boolean supports(String kekUri);

  /**
   * Opens the KEK. It may check that the key exists, but need not contact a remote service; a KEK
   * that is unreachable is then reported by the first {@link Kek#unwrap}.
   *
   * @throws SQLException with a message that says what is missing and how to supply it, never the
   *     key or a secret that unlocks it
   */
  Kek open(String kekUri) throws SQLException;

  /**
   * Creates the key that {@code kekUri} names, where it is to live (a file, a keystore entry, a key
   * inside a token), and opens it. Refuses to replace a key that exists. Providers whose keys are
   * made elsewhere (an environment variable, a cloud console) keep this default, which says so.
   *
   * @throws SQLException if the key exists, cannot be created here, or its store is unreachable
   */
  default Kek create(String kekUri) throws SQLException {
    throw VeilErrors.of(
        VeilSqlState.CONFIGURATION,
        "Veil cannot create KEKs of the form "
            + Keks.scheme(kekUri)
            + "; create the key with the tools of its store and name it in veil.kek");
  }
}
