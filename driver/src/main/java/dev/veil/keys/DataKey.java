package dev.veil.keys;

import com.google.crypto.tink.KeysetHandle;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One named data key: an AES-SIV keyset for deterministic columns and an AES-GCM keyset for
 * randomized ones, each holding one or more versions, one of them primary. Holds unwrapped key
 * material; never printed.
 *
 * @param name the name columns refer to in the policy
 * @param created when the key was created
 * @param destroyed when the whole key was destroyed, or {@code null}
 * @param deterministic the AES-SIV keyset, or {@code null} once destroyed
 * @param randomized the AES-GCM keyset, or {@code null} once destroyed
 * @param versions every version of both keysets, destroyed ones included
 */
public record DataKey(
    String name,
    Instant created,
    Instant destroyed,
    KeysetHandle deterministic,
    KeysetHandle randomized,
    List<KeyMetadata> versions) {

  public DataKey {
    versions = List.copyOf(versions);
  }

  /** Whether the whole key was destroyed (crypto-shredded). */
  public boolean isDestroyed() {
    return destroyed != null;
  }

  /** The version with this Tink key id for this purpose, destroyed ones included. */
  public Optional<KeyMetadata> version(String purpose, long keyId) {
    return versions.stream()
        .filter(v -> v.purpose().equals(purpose) && v.keyId() == keyId)
        .findFirst();
  }

  @Override
  public String toString() {
    return "DataKey[" + name + "]";
  }
}
