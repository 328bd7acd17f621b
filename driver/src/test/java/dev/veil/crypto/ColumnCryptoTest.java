package dev.veil.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veil.keys.DataKey;
import dev.veil.keys.Keyring;
import dev.veil.policy.ColumnPolicy;
import dev.veil.policy.ColumnType;
import dev.veil.policy.EncryptionMode;
import dev.veil.policy.Identifier;
import dev.veil.policy.ReadAccess;
import dev.veil.policy.Storage;
import dev.veil.policy.TableName;
import java.nio.charset.StandardCharsets;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ColumnCryptoTest {
  private static final DataKey PII = key("pii");
  private static final DataKey OTHER = key("other");

  static DataKey key(String name) {
    try {
      return Keyring.empty().withNewKey(name).key(name).orElseThrow();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static ColumnPolicy column(String table, String column, EncryptionMode mode, ColumnType type) {
    return column(table, column, mode, type, ReadAccess.OPEN, 0);
  }

  /** A column of key {@code pii} with the given read access and padding. */
  static ColumnPolicy column(
      String table,
      String column,
      EncryptionMode mode,
      ColumnType type,
      ReadAccess access,
      int pad) {
    return new ColumnPolicy(
        new TableName(null, new Identifier(table, false)),
        new Identifier(column, false),
        mode,
        type,
        "pii",
        Storage.AUTO,
        null,
        false,
        access,
        pad,
        0);
  }

  private static ColumnCrypto crypto(ColumnPolicy column, DataKey key) throws SQLException {
    return ColumnCrypto.create(column, key, OnUndecryptable.ERROR);
  }

  @Test
  void deterministicColumnsGiveEqualCiphertextForEqualValues() throws SQLException {
    ColumnCrypto ssn =
        crypto(column("patients", "ssn", EncryptionMode.DETERMINISTIC, ColumnType.LONG), PII);
    assertThat(ssn.encrypt(42)).isEqualTo(ssn.encrypt(42L)).isEqualTo(ssn.encrypt("42"));
    assertThat(ssn.encrypt(42)).isNotEqualTo(ssn.encrypt(43));
  }

  @Test
  void randomizedColumnsGiveFreshCiphertextEveryTime() throws SQLException {
    ColumnCrypto name =
        crypto(column("patients", "name", EncryptionMode.RANDOMIZED, ColumnType.STRING), PII);
    byte[] first = name.encrypt("Ada");
    byte[] second = name.encrypt("Ada");
    assertThat(first).isNotEqualTo(second);
    assertThat(name.decrypt(first)).isEqualTo("Ada");
    assertThat(name.decrypt(second)).isEqualTo("Ada");
  }

  @Test
  void ciphertextStartsWithTheVeilHeaderAndHidesThePlaintext() throws SQLException {
    ColumnCrypto ssn =
        crypto(column("patients", "ssn", EncryptionMode.DETERMINISTIC, ColumnType.STRING), PII);
    byte[] stored = ssn.encrypt("123-45-6789");
    assertThat(CiphertextFormat.isVeilCiphertext(stored)).isTrue();
    assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("123-45-6789");
  }

  @Test
  void ciphertextCopiedToAnotherColumnFailsAuthentication() throws SQLException {
    for (EncryptionMode mode : EncryptionMode.values()) {
      ColumnCrypto ssn = crypto(column("patients", "ssn", mode, ColumnType.STRING), PII);
      ColumnCrypto phone = crypto(column("patients", "phone", mode, ColumnType.STRING), PII);
      ColumnCrypto otherTable = crypto(column("visitors", "ssn", mode, ColumnType.STRING), PII);
      byte[] stored = ssn.encrypt("123-45-6789");
      assertThatThrownBy(() -> phone.decrypt(stored))
          .isInstanceOf(SQLDataException.class)
          .hasMessageContaining("patients.phone")
          .hasMessageNotContaining("123-45-6789");
      assertThatThrownBy(() -> otherTable.decrypt(stored)).isInstanceOf(SQLDataException.class);
    }
  }

  @Test
  void ciphertextUnderAnotherKeyFailsAuthentication() throws SQLException {
    ColumnPolicy policy =
        column("patients", "ssn", EncryptionMode.DETERMINISTIC, ColumnType.STRING);
    byte[] stored = crypto(policy, OTHER).encrypt("x");
    assertThatThrownBy(() -> crypto(policy, PII).decrypt(stored))
        .isInstanceOf(SQLDataException.class);
  }

  @Test
  void everySingleBitFlipAndTruncationIsDetected() throws SQLException {
    for (EncryptionMode mode : EncryptionMode.values()) {
      ColumnCrypto crypto = crypto(column("t", "c", mode, ColumnType.STRING), PII);
      byte[] stored = crypto.encrypt("value");
      for (int bit = 0; bit < stored.length * 8; bit++) {
        byte[] tampered = stored.clone();
        tampered[bit / 8] ^= (byte) (1 << (bit % 8));
        assertThatThrownBy(() -> crypto.decrypt(tampered))
            .as("%s bit %d", mode, bit)
            .isInstanceOf(SQLDataException.class);
      }
      for (int length = 0; length < stored.length; length++) {
        byte[] truncated = java.util.Arrays.copyOf(stored, length);
        assertThatThrownBy(() -> crypto.decrypt(truncated))
            .as("%s truncated to %d", mode, length)
            .isInstanceOf(SQLDataException.class);
      }
    }
  }

  @Test
  void refusesPlaintextWhereCiphertextBelongs() throws SQLException {
    ColumnCrypto crypto =
        crypto(column("t", "c", EncryptionMode.RANDOMIZED, ColumnType.STRING), PII);
    assertThatThrownBy(() -> crypto.decrypt("123-45-6789"))
        .isInstanceOf(SQLDataException.class)
        .hasMessageContaining("not a Veil ciphertext")
        .hasMessageNotContaining("123-45-6789");
    assertThatThrownBy(() -> crypto.decrypt("plain".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(SQLDataException.class)
        .hasMessageContaining("not a Veil ciphertext");
  }

  @Test
  void textFormDecryptsLikeBinary() throws SQLException {
    ColumnCrypto crypto =
        crypto(column("t", "c", EncryptionMode.DETERMINISTIC, ColumnType.INT), PII);
    String text = crypto.encryptToText(7);
    assertThat(Base64.getDecoder().decode(text)).isEqualTo(crypto.encrypt(7));
    assertThat(crypto.decrypt(text)).isEqualTo(7);
  }

  @Test
  void roundTripsRandomValuesOfEveryTypeInBothModes() throws SQLException {
    Random random = new Random(20261123L);
    for (ColumnType type : ColumnType.values()) {
      for (EncryptionMode mode : EncryptionMode.values()) {
        ColumnCrypto crypto = crypto(column("t", "c", mode, type), PII);
        for (int i = 0; i < 200; i++) {
          Object value = ValueCodecTest.randomValue(type, random);
          Object expected = ValueCodec.decode(type, ValueCodec.encode(type, value));
          assertThat(crypto.decrypt(crypto.encrypt(value)))
              .as("%s %s", type, mode)
              .isEqualTo(expected);
        }
      }
    }
  }
}
