package dev.veil.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veil.keys.DataKey;
import dev.veil.policy.ColumnPolicy;
import dev.veil.policy.ColumnType;
import dev.veil.policy.EncryptionMode;
import dev.veil.policy.Mask;
import dev.veil.policy.ReadAccess;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.util.Base64;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DisclosureTest {
  private static final DataKey PII = ColumnCryptoTest.key("pii");

  private static ColumnPolicy column(EncryptionMode mode, ColumnType type, Mask mask) {
    return ColumnCryptoTest.column(
        "patients", "ssn", mode, type, new ReadAccess(true, Set.of("billing"), mask), 0);
  }

  private static ColumnPolicy ssn(Mask mask) {
    return column(EncryptionMode.DETERMINISTIC, ColumnType.STRING, mask);
  }

  /** What {@code principal} reads of {@code value} stored in {@code column}, through getString. */
  private static String read(ColumnPolicy column, String principal, Object value)
      throws SQLException {
    ColumnCrypto crypto = ColumnCrypto.create(column, PII, OnUndecryptable.ERROR);
    return Disclosure.disclose(column, crypto, principal, OnMissingKey.ERROR, crypto.encrypt(value))
        .as(column, String.class);
  }

  @Test
  void readersSeeThePlaintextAndOthersTheMask() throws SQLException {
    ColumnPolicy ssn = ssn(Mask.of(Mask.Kind.LAST4));
    assertThat(read(ssn, "billing", "123-45-6789")).isEqualTo("123-45-6789");
    assertThat(read(ssn, "support", "123-45-6789")).isEqualTo("***-**-6789");
    assertThat(read(ssn, null, "123-45-6789")).isEqualTo("***-**-6789");
  }

  @Test
  void lastFourStarsEveryLetterAndDigitButTheLastFourAndAllOfAShortValue() throws SQLException {
    ColumnPolicy card = ssn(Mask.of(Mask.Kind.LAST4));
    assertThat(read(card, null, "4111 1111 1111 1234")).isEqualTo("**** **** **** 1234");
    assertThat(read(card, null, "ABC-12")).isEqualTo("*BC-12");
    assertThat(read(card, null, "AB-12")).isEqualTo("**-**");
    assertThat(read(card, null, "1234")).isEqualTo("****");
    assertThat(read(card, null, "")).isEmpty();
  }

  @Test
  void emailMaskKeepsTheFirstLetterAndTheDomainAndHidesTheLocalPartsLength() throws SQLException {
    ColumnPolicy email = ssn(Mask.of(Mask.Kind.EMAIL));
    assertThat(read(email, null, "ada.lovelace@example.com")).isEqualTo("a***@example.com");
    assertThat(read(email, null, "al@example.com")).isEqualTo("a***@example.com");
    assertThat(read(email, null, "not an address")).isEqualTo("****");
    assertThat(read(email, null, "@example.com")).isEqualTo("****");
  }

  @Test
  void hashMaskGivesEqualTokensForEqualValuesAndHidesTheValue() throws SQLException {
    ColumnPolicy email = ssn(Mask.of(Mask.Kind.HASH));
    String first = read(email, null, "ada@example.com");
    assertThat(first).matches("hash:[0-9a-f]{16}").doesNotContain("ada");
    assertThat(read(email, null, "ada@example.com")).isEqualTo(first);
    assertThat(read(email, null, "bob@example.com")).isNotEqualTo(first);
    ColumnPolicy other =
        ColumnCryptoTest.column("staff", "email", EncryptionMode.DETERMINISTIC, ColumnType.STRING);
    ColumnPolicy otherMasked =
        new ColumnPolicy(
            other.table(),
            other.column(),
            other.mode(),
            other.type(),
            "pii",
            other.storage(),
            null,
            false,
            email.access(),
            0,
            0);
    // Keyed by the column's context: tokens do not link values across columns.
    assertThat(read(otherMasked, null, "ada@example.com")).isNotEqualTo(first);
  }

  @Test
  void patternMaskRewritesAMatchingValueAndRedactsOneThatDoesNotMatch() throws SQLException {
    ColumnPolicy ssn =
        ssn(
            new Mask(
                Mask.Kind.PATTERN, Pattern.compile("(\\d{3})-(\\d{2})-(\\d{4})"), "XXX-XX-$3"));
    assertThat(read(ssn, null, "123-45-6789")).isEqualTo("XXX-XX-6789");
    assertThat(read(ssn, null, "123456789")).isEqualTo("****");
  }

  @Test
  void redactShowsAPlaceholderForTextAndNullForOtherTypes() throws SQLException {
    assertThat(read(ssn(Mask.REDACT), null, "123-45-6789")).isEqualTo("****");
    ColumnPolicy dob = column(EncryptionMode.RANDOMIZED, ColumnType.DATE, Mask.REDACT);
    assertThat(read(dob, null, java.time.LocalDate.of(1815, 12, 10))).isNull();
    assertThat(read(dob, "billing", java.time.LocalDate.of(1815, 12, 10))).isEqualTo("1815-12-10");
  }

  @Test
  void refusesAMaskedValueToANumericGetter() throws SQLException {
    ColumnPolicy account =
        column(EncryptionMode.DETERMINISTIC, ColumnType.LONG, Mask.of(Mask.Kind.HASH));
    ColumnCrypto crypto = ColumnCrypto.create(account, PII, OnUndecryptable.ERROR);
    Disclosure.Disclosed masked =
        Disclosure.disclose(account, crypto, "support", OnMissingKey.ERROR, crypto.encrypt(42L));
    assertThatThrownBy(() -> masked.as(account, Long.class))
        .isInstanceOf(SQLSyntaxErrorException.class)
        .hasMessageContaining("is masked for this reader")
        .hasMessageNotContaining("42");
    assertThat(masked.as(account, Object.class)).asString().startsWith("hash:");
  }

  @Test
  void withoutTheKeyReadsAsOnMissingKeySays() throws SQLException {
    ColumnPolicy ssn = ssn(Mask.of(Mask.Kind.LAST4));
    byte[] stored = ColumnCrypto.create(ssn, PII, OnUndecryptable.ERROR).encrypt("123-45-6789");
    assertThatThrownBy(() -> Disclosure.disclose(ssn, null, "billing", OnMissingKey.ERROR, stored))
        .isInstanceOf(SQLSyntaxErrorException.class)
        .hasMessageContaining("holds no key 'pii'")
        .hasMessageContaining("veil.onMissingKey")
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
    assertThat(
            Disclosure.disclose(ssn, null, "billing", OnMissingKey.NULL, stored)
                .as(ssn, String.class))
        .isNull();
    Disclosure.Disclosed raw =
        Disclosure.disclose(ssn, null, "billing", OnMissingKey.CIPHERTEXT, stored);
    assertThat(raw.as(ssn, byte[].class)).isEqualTo(stored);
    assertThat(raw.as(ssn, String.class)).isEqualTo(Base64.getEncoder().encodeToString(stored));
    Disclosure.Disclosed rawText =
        Disclosure.disclose(
            ssn, null, null, OnMissingKey.CIPHERTEXT, Base64.getEncoder().encodeToString(stored));
    assertThat(rawText.as(ssn, byte[].class)).isEqualTo(stored);
    assertThatThrownBy(() -> raw.as(ssn, Integer.class)).hasMessageContaining("getBytes");
    // Without the plaintext no rule can run: every mask reads as the redacted form.
    assertThat(
            Disclosure.disclose(ssn, null, "billing", OnMissingKey.MASK, stored)
                .as(ssn, String.class))
        .isEqualTo("****");
  }
}
