package dev.veil.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veil.keys.DataKey;
import dev.veil.policy.ColumnPolicy;
import dev.veil.policy.ColumnType;
import dev.veil.policy.EncryptionMode;
import dev.veil.policy.ReadAccess;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.util.Base64;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PaddedEncryptionTest {
  private static final DataKey PII = ColumnCryptoTest.key("pii");

  private static ColumnPolicy padded(EncryptionMode mode, ColumnType type, int pad) {
    return ColumnCryptoTest.column("patients", "note", mode, type, ReadAccess.OPEN, pad);
  }

  private static ColumnCrypto crypto(ColumnPolicy column) throws SQLException {
    return ColumnCrypto.create(column, PII, OnUndecryptable.ERROR);
  }

  @Test
  void paddedCiphertextsShowOnlyTheBucketOfTheLength() throws SQLException {
    ColumnCrypto note = crypto(padded(EncryptionMode.RANDOMIZED, ColumnType.STRING, 16));
    Set<Integer> lengths = new HashSet<>();
    for (int n = 0; n < 16; n++) {
      lengths.add(note.encrypt("x".repeat(n)).length);
    }
    assertThat(lengths).hasSize(1);
    assertThat(note.encrypt("x".repeat(16)).length).isEqualTo(lengths.iterator().next() + 16);
  }

  @Test
  void paddedValuesRoundTripForEveryLengthAndContent() throws SQLException {
    Random random = new Random(20261205);
    for (EncryptionMode mode : EncryptionMode.values()) {
      for (int pad : new int[] {2, 3, 16, 64}) {
        ColumnCrypto bytes = crypto(padded(mode, ColumnType.BYTES, pad));
        for (int i = 0; i < 200; i++) {
          byte[] value = new byte[random.nextInt(100)];
          random.nextBytes(value);
          // Trailing 0x80 and zero bytes are what the padding itself is made of.
          if (value.length > 0 && random.nextBoolean()) {
            value[value.length - 1] = (byte) (random.nextBoolean() ? 0x80 : 0);
          }
          byte[] stored = bytes.encrypt(value);
          assertThat(stored.length)
              .isEqualTo(CiphertextFormat.maxStoredLength(mode, pad, value.length));
          assertThat((byte[]) bytes.decrypt(stored)).isEqualTo(value);
        }
      }
    }
  }

  @Test
  void storedHeaderNotThePolicyDecidesWhetherToStripPadding() throws SQLException {
    ColumnCrypto unpadded = crypto(padded(EncryptionMode.DETERMINISTIC, ColumnType.STRING, 0));
    ColumnCrypto withPad = crypto(padded(EncryptionMode.DETERMINISTIC, ColumnType.STRING, 32));
    byte[] before = unpadded.encrypt("123-45-6789");
    byte[] after = withPad.encrypt("123-45-6789");
    assertThat(before[1]).isEqualTo(CiphertextFormat.VERSION);
    assertThat(after[1]).isEqualTo(CiphertextFormat.PADDED);
    assertThat(withPad.decrypt(before)).isEqualTo("123-45-6789");
    assertThat(unpadded.decrypt(after)).isEqualTo("123-45-6789");
    assertThat(withPad.isCiphertext(Base64.getEncoder().encodeToString(after))).isTrue();
  }

  @Test
  void refusesAValueWhoseFormatVersionWasChangedInTheDatabase() throws SQLException {
    ColumnCrypto withPad = crypto(padded(EncryptionMode.RANDOMIZED, ColumnType.STRING, 16));
    byte[] stored = withPad.encrypt("Ada Lovelace");
    stored[1] = CiphertextFormat.VERSION;
    assertThatThrownBy(() -> withPad.decrypt(stored))
        .isInstanceOf(SQLDataException.class)
        .hasMessageContaining("failed authentication")
        .hasMessageNotContaining("Ada");
    byte[] unpadded =
        crypto(padded(EncryptionMode.RANDOMIZED, ColumnType.STRING, 0)).encrypt("Ada");
    unpadded[1] = CiphertextFormat.PADDED;
    assertThatThrownBy(() -> withPad.decrypt(unpadded))
        .hasMessageContaining("failed authentication");
  }

  @Test
  void deterministicLookupsUseThePaddingInForce() throws SQLException {
    ColumnCrypto withPad = crypto(padded(EncryptionMode.DETERMINISTIC, ColumnType.STRING, 16));
    byte[] stored = withPad.encrypt("123-45-6789");
    assertThat((byte[]) withPad.lookupValues("123-45-6789", dev.veil.policy.Storage.BINARY).get(0))
        .isEqualTo(stored);
  }
}
