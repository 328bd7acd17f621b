package dev.veil.crypto;

import dev.veil.policy.ColumnPolicy;
import dev.veil.policy.ColumnType;
import dev.veil.policy.Mask;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.regex.Matcher;

/** Turns a decrypted value into what a reader without the right to its plaintext sees. */
final class Masking {
  /**
   * What {@code redact} shows for text, and what any mask shows for text when the key is absent.
   */
  static final String REDACTED = "****";

  private static final int TOKEN_BYTES = 8;

  private Masking() {}

  /**
   * The masked form of {@code plaintext}, a canonical value of {@code crypto}'s column: text, or
   * {@code null} where the rule redacts a value that is not text.
   */
  static String mask(Mask mask, ColumnCrypto crypto, Object plaintext) throws SQLException {
    ColumnPolicy column = crypto.policy();
    return switch (mask.kind()) {
      case REDACT -> redacted(column);
      case HASH -> token(crypto, plaintext);
      case LAST4 -> lastFour((String) plaintext);
      case EMAIL -> email((String) plaintext);
      case PATTERN -> {
        Matcher matcher = mask.regex().matcher((String) plaintext);
        yield matcher.matches() ? matcher.replaceFirst(mask.replacement()) : REDACTED;
      }
    };
  }

  /** What any mask shows without the plaintext: the redacted form. */
  static String redacted(ColumnPolicy column) {
    return column.type() == ColumnType.STRING ? REDACTED : null;
  }

  /** Every letter and digit but the last four starred; a value with four or fewer, all starred. */
  private static String lastFour(String value) {
    int alphanumerics = 0;
    for (int i = 0; i < value.length(); i = value.offsetByCodePoints(i, 1)) {
      if (Character.isLetterOrDigit(value.codePointAt(i))) {
        alphanumerics++;
      }
    }
    int hide = alphanumerics > 4 ? alphanumerics - 4 : alphanumerics;
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i = value.offsetByCodePoints(i, 1)) {
      int c = value.codePointAt(i);
      if (Character.isLetterOrDigit(c) && hide > 0) {
        out.append('*');
        hide--;
      } else {
        out.appendCodePoint(c);
      }
    }
    return out.toString();
  }

  /**
   * The first character of the local part and the domain; a fixed run of stars, so that the length
   * of the local part does not show. Text that is not an address is redacted.
   */
  private static String email(String value) {
    int at = value.lastIndexOf('@');
    if (at < 1 || at == value.length() - 1) {
      return REDACTED;
    }
    return value.substring(0, value.offsetByCodePoints(0, 1)) + "***" + value.substring(at);
  }

  /**
   * A stable token: the start of the SHA-256 of the value's deterministic ciphertext under the
   * primary key version. Keyed, so it cannot be brute-forced from a small domain without the key;
   * equal values give equal tokens, which is what a deterministic column already shows.
   */
  private static String token(ColumnCrypto crypto, Object plaintext) throws SQLException {
    byte[] ciphertext = crypto.encrypt(plaintext);
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(ciphertext);
      return "hash:" + HexFormat.of().formatHex(digest, 0, TOKEN_BYTES);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
