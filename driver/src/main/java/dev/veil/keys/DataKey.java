package dev.veil.keys;

import com.google.crypto.tink.KeysetHandle;
import java.time.Instant;

/**
 * One named data key: an AES-SIV keyset for deterministic columns and an AES-GCM keyset for
 * randomized ones. Holds unwrapped key material; never printed.
 *
 * @param name the name columns refer to in the policy
 * @param created when the key was created
 * @param deterministic the AES-SIV keyset
 * @param randomized the AES-GCM keyset
 */
public record DataKey(
    String name, Instant created, KeysetHandle deterministic, KeysetHandle randomized) {

  @Override
  public String toString() {
    return "DataKey[" + name + "]";
  }
}
