package dev.veil.policy;

import java.util.Set;

/**
 * Who may read a protected column in clear, and what everyone else sees.
 *
 * <p><b>Warning:</b> the principal is what the connection says it is ({@code veil.principal}), so
 * this separates well-behaved applications sharing one keyring, such as a support tool and a
 * billing service; it is no defence against code that can set its own connection properties. The
 * hard boundary is the keyring: a Veil instance whose keyring lacks a column's key cannot decrypt
 * it at all ({@code veil.onMissingKey}).
 *
 * @param restricted whether the policy lists readers; if not, every principal reads in clear
 * @param readers the principals that read in clear, when restricted
 * @param mask what other principals see; without the key ({@code veil.onMissingKey=mask}) every
 *     mask shows its redacted form, since the others need the plaintext
 */
public record ReadAccess(boolean restricted, Set<String> readers, Mask mask) {

  /** Everyone reads in clear. */
  public static final ReadAccess OPEN = new ReadAccess(false, Set.of(), Mask.REDACT);

  public ReadAccess {
    readers = Set.copyOf(readers);
    if (!restricted && !readers.isEmpty()) {
      throw new IllegalArgumentException("readers are listed only for a restricted column");
    }
  }

  /**
   * Whether {@code principal} (or {@code null} for a connection that names none) reads in clear.
   */
  public boolean clearFor(String principal) {
    return !restricted || (principal != null && readers.contains(principal));
  }
}
