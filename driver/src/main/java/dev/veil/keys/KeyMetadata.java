package dev.veil.keys;

import java.time.Instant;

/**
 * What may be shown about one version of a data key: never key material.
 *
 * @param name the data key's name
 * @param purpose {@code deterministic} or {@code randomized}
 * @param keyId the Tink key id in the prefix of every ciphertext under this version
 * @param primary whether new values are encrypted under it
 * @param status {@link #ENABLED}, {@link #RETIRED} or {@link #DESTROYED}
 * @param created when the version was created
 * @param changed when it was last promoted, retired, enabled again or destroyed, or {@code null}
 */
public record KeyMetadata(
    String name,
    String purpose,
    long keyId,
    boolean primary,
    String status,
    Instant created,
    Instant changed) {

  /** Decrypts, and for deterministic keys is matched by equality lookups. */
  public static final String ENABLED = "ENABLED";

  /** Kept, but neither encrypts, decrypts nor is looked up; can be enabled again. */
  public static final String RETIRED = "RETIRED";

  /** Its key material is gone: values under it are unreadable by anyone. */
  public static final String DESTROYED = "DESTROYED";

  /** The version as {@code name/keyId}, the form commands and messages use. */
  public String displayName() {
    return name + "/" + keyId;
  }
}
