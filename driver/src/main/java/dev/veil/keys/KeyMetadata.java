package dev.veil.keys;

import java.time.Instant;

/**
 * What may be shown about one key in a keyset: never key material.
 *
 * @param name the data key's name
 * @param purpose {@code deterministic} or {@code randomized}
 * @param keyId the Tink key id that prefixes every ciphertext under this key
 * @param primary whether new values are encrypted under it
 * @param status Tink's status: ENABLED, DISABLED or DESTROYED
 * @param created when the data key was created
 */
public record KeyMetadata(
    String name, String purpose, long keyId, boolean primary, String status, Instant created) {}
