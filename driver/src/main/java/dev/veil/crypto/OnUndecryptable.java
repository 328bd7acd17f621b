package dev.veil.crypto;

/**
 * What a read returns for a value whose key version was destroyed (crypto-shredded): {@code
 * veil.onUndecryptable}. A value that fails authentication under a live key is always an error,
 * whatever this says: it was altered or moved, and NULL would hide that.
 */
public enum OnUndecryptable {
  /** Throw an {@code SQLException} (SQLState 22V03). The default. */
  ERROR,
  /** Return SQL NULL, as if the value had been deleted. */
  NULL
}
