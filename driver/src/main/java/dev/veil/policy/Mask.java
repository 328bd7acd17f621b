package dev.veil.policy;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a reader who may not see a protected column's plaintext sees instead.
 *
 * @param kind the rule
 * @param regex for {@link Kind#PATTERN}: what a whole value must match, else {@code null}
 * @param replacement for {@link Kind#PATTERN}: the replacement, with {@code $1}-style groups
 */
public record Mask(Kind kind, Pattern regex, String replacement) {

  /** The mask rules. */
  public enum Kind {
    /** Every letter and digit but the last four replaced by {@code *}: {@code ***-**-6789}. */
    LAST4,
    /** The first character of the local part kept, the rest starred, the domain kept. */
    EMAIL,
    /**
     * A stable keyed token of the value, so that equal values can be matched without being read.
     * Deterministic columns only: the token shows equality, as their ciphertext already does.
     */
    HASH,
    /** A fixed placeholder for text; SQL NULL for other types. */
    REDACT,
    /** A regular expression and its replacement; a value that does not match is redacted. */
    PATTERN;

    /** The spelling used in the policy file. */
    public String policyName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The default for a column whose readers are restricted and that names no mask. */
  public static final Mask REDACT = new Mask(Kind.REDACT, null, null);

  public Mask {
    if ((kind == Kind.PATTERN) != (regex != null && replacement != null)) {
      throw new IllegalArgumentException(
          "a pattern mask, and only it, has a regex and replacement");
    }
  }

  /** A mask of one of the named kinds. */
  public static Mask of(Kind kind) {
    return new Mask(kind, null, null);
  }

  /** Whether the rule only makes sense on text values. */
  public boolean needsText() {
    return kind == Kind.LAST4 || kind == Kind.EMAIL || kind == Kind.PATTERN;
  }

  /** The rule as the policy file and reports spell it. */
  public String policyText() {
    return kind == Kind.PATTERN
        ? "pattern " + regex.pattern() + " -> " + replacement
        : kind.policyName();
  }

  /** Equal when the rule is the same; {@link Pattern} itself compares by identity. */
  @Override
  public boolean equals(Object other) {
    return other instanceof Mask m
        && kind == m.kind
        && Objects.equals(pattern(), m.pattern())
        && Objects.equals(replacement, m.replacement);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, pattern(), replacement);
  }

  private String pattern() {
    return regex == null ? null : regex.pattern();
  }
}
