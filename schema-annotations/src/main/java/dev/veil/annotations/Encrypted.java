package dev.veil.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the column a field or record component maps to as protected by Veil. The annotation
 * processor {@code dev.veil.annotations.processor.PolicyProcessor} turns every such column of a
 * compilation into an entry of {@code META-INF/veil/policy.yaml}; each attribute is the policy key
 * of the same name, and the processor refuses at compile time what the driver would refuse at run
 * time.
 *
 * <p>The column is the JPA {@code @Column(name)} when present, else the field's name; the table is
 * named as {@link VeilTable} describes. The field's Java type fixes the policy {@code type} (see
 * {@code docs/policy.md}, "Annotations").
 *
 * <p><b>Warning:</b> the table, the column and the group are part of every ciphertext's associated
 * data. Renaming any of them, or moving a column into or out of a group, makes the values already
 * stored unreadable until they are re-encrypted.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface Encrypted {
  /** Deterministic (equality lookups possible) or randomized (nothing can be compared). */
  Mode mode();

  /**
   * The name of the data key in the keyring: 1 to 64 letters, digits, {@code _}, {@code .} or
   * {@code -}, starting with a letter or digit.
   */
  String key();

  /**
   * The equality group whose members share one encryption context, so that their ciphertexts can be
   * compared (joins); empty for a column of its own. Only deterministic columns with an explicit
   * {@link #storage()} can join one, and all members need the same type, key and storage.
   */
  String group() default "";

  /** How the ciphertext is stored; {@link Storage#AUTO} lets the driver detect it. */
  Storage storage() default Storage.AUTO;

  /**
   * How the value is shown to a connection that may not read it: {@code last4} or {@code email}
   * (string columns only), {@code hash} (deterministic columns only) or {@code redact}; empty for
   * none.
   */
  String mask() default "";

  /** The reader roles allowed to see the plaintext, each a name as for {@link #key()}. */
  String[] readers() default {};

  /**
   * Pads the plaintext to a multiple of this many bytes before encryption, so that ciphertext
   * lengths reveal less; 0 (the default) for no padding, at most 4096.
   */
  int pad() default 0;
}
