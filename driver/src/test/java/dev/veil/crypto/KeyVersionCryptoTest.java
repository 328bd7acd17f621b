package dev.veil.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veil.keys.DataKey;
import dev.veil.keys.KeyMetadata;
import dev.veil.keys.Keyring;
import dev.veil.policy.ColumnPolicy;
import dev.veil.policy.ColumnType;
import dev.veil.policy.EncryptionMode;
import dev.veil.policy.Identifier;
import dev.veil.policy.Storage;
import dev.veil.policy.TableName;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Reading, writing and looking up values across key versions, destruction and migration. */
class KeyVersionCryptoTest {
  private static final ColumnPolicy SSN = column("ssn", EncryptionMode.DETERMINISTIC, false);
  private static final ColumnPolicy NOTE = column("note", EncryptionMode.RANDOMIZED, false);

  private static ColumnPolicy column(String name, EncryptionMode mode, boolean migrating) {
    return new ColumnPolicy(
        new TableName(null, new Identifier("patients", false)),
        new Identifier(name, false),
        mode,
        ColumnType.STRING,
        "pii",
        Storage.AUTO,
        null,
        migrating);
  }

  private static ColumnCrypto crypto(ColumnPolicy column, Keyring keyring) throws SQLException {
    return crypto(column, keyring, OnUndecryptable.ERROR);
  }

  private static ColumnCrypto crypto(ColumnPolicy column, Keyring keyring, OnUndecryptable mode)
      throws SQLException {
    return ColumnCrypto.create(column, keyring.key("pii").orElseThrow(), mode);
  }

  private static long oldest(Keyring keyring, String purpose) {
    return keyring.describe().stream()
        .filter(v -> v.purpose().equals(purpose))
        .findFirst()
        .orElseThrow()
        .keyId();
  }

  @Test
  void readsValuesWrittenUnderEveryEnabledVersionAfterRotation() throws Exception {
    Keyring v1 = Keyring.empty().withNewKey("pii");
    byte[] oldSsn = crypto(SSN, v1).encrypt("123-45-6789");
    byte[] oldNote = crypto(NOTE, v1).encrypt("allergic");
    Keyring v2 = v1.rotate("pii");
    ColumnCrypto ssn = crypto(SSN, v2);
    assertThat(ssn.decrypt(oldSsn)).isEqualTo("123-45-6789");
    assertThat(crypto(NOTE, v2).decrypt(oldNote)).isEqualTo("allergic");
    byte[] newSsn = ssn.encrypt("123-45-6789");
    assertThat(newSsn).isNotEqualTo(oldSsn);
    assertThat(ssn.keyId(newSsn).getAsLong()).isEqualTo(ssn.primaryKeyId());
    assertThat(ssn.keyId(oldSsn).getAsLong()).isEqualTo(oldest(v2, Keyring.DETERMINISTIC));
  }

  @Test
  void lookupFormsAreTheValueUnderEachEnabledVersionPrimaryFirst() throws Exception {
    Keyring v1 = Keyring.empty().withNewKey("pii");
    byte[] old = crypto(SSN, v1).encrypt("123-45-6789");
    Keyring v2 = v1.rotate("pii");
    ColumnCrypto ssn = crypto(SSN, v2);
    assertThat(ssn.lookupWidth()).isEqualTo(2);
    List<Object> forms = ssn.lookupValues("123-45-6789", Storage.BINARY);
    assertThat(forms).hasSize(2);
    assertThat((byte[]) forms.get(0)).isEqualTo(ssn.encrypt("123-45-6789"));
    assertThat((byte[]) forms.get(1)).isEqualTo(old);
    assertThat(ssn.lookupValues("123-45-6789", Storage.TEXT).get(1))
        .isEqualTo(Base64.getEncoder().encodeToString(old));
    Keyring retired = v2.retire("pii", oldest(v2, Keyring.DETERMINISTIC));
    assertThat(crypto(SSN, retired).lookupWidth()).isEqualTo(1);
    assertThat(crypto(NOTE, v2).lookupWidth()).isEqualTo(1);
  }

  @Test
  void namesTheRetiredVersionOfAValueItCannotReadAnyMore() throws Exception {
    Keyring v1 = Keyring.empty().withNewKey("pii");
    byte[] old = crypto(SSN, v1).encrypt("123-45-6789");
    Keyring v2 = v1.rotate("pii");
    long oldId = oldest(v2, Keyring.DETERMINISTIC);
    ColumnCrypto ssn = crypto(SSN, v2.retire("pii", oldId));
    assertThatThrownBy(() -> ssn.decrypt(old))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("retired version pii/" + oldId)
        .hasMessageContaining("veil keys enable pii " + oldId)
        .hasMessageNotContaining("123-45-6789")
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo("22V01");
  }

  @Test
  void destroyedValuesFailWith22V03OrReadAsNullButTamperingAlwaysFails() throws Exception {
    Keyring v1 = Keyring.empty().withNewKey("pii");
    byte[] old = crypto(SSN, v1).encrypt("123-45-6789");
    Keyring v2 = v1.rotate("pii");
    long oldId = oldest(v2, Keyring.DETERMINISTIC);
    Keyring shredded = v2.retire("pii", oldId).destroy("pii", oldId);
    assertThatThrownBy(() -> crypto(SSN, shredded).decrypt(old))
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo("22V03");
    ColumnCrypto lenient = crypto(SSN, shredded, OnUndecryptable.NULL);
    assertThat(lenient.decrypt(old)).isNull();
    byte[] current = lenient.encrypt("123-45-6789");
    current[current.length - 1] ^= 1;
    assertThatThrownBy(() -> lenient.decrypt(current))
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo("22V01");
  }

  @Test
  void aWhollyDestroyedKeyNeitherReadsNorWrites() throws Exception {
    Keyring v1 = Keyring.empty().withNewKey("pii");
    byte[] stored = crypto(NOTE, v1).encrypt("allergic");
    Keyring destroyed = v1.destroy("pii");
    DataKey key = destroyed.key("pii").orElseThrow();
    assertThat(key.versions()).extracting(KeyMetadata::status).containsOnly("DESTROYED");
    ColumnCrypto note = crypto(NOTE, destroyed);
    assertThatThrownBy(() -> note.decrypt(stored)).hasMessageContaining("destroyed at");
    assertThatThrownBy(() -> note.encrypt("x"))
        .hasMessageContaining("was destroyed")
        .hasMessageContaining("point the column at another key");
    assertThat(crypto(NOTE, destroyed, OnUndecryptable.NULL).decrypt(stored)).isNull();
  }

  @Test
  void aMigratingColumnReadsLegacyPlaintextAndLooksUpBothForms() throws Exception {
    Keyring keyring = Keyring.empty().withNewKey("pii");
    ColumnCrypto migrating = crypto(column("ssn", EncryptionMode.DETERMINISTIC, true), keyring);
    assertThat(migrating.decrypt("123-45-6789")).isEqualTo("123-45-6789");
    assertThat(migrating.decrypt(migrating.encryptToText("123-45-6789"))).isEqualTo("123-45-6789");
    assertThat(migrating.isCiphertext("123-45-6789")).isFalse();
    assertThat(migrating.lookupWidth()).isEqualTo(2);
    assertThat(migrating.lookupValues("123-45-6789", Storage.TEXT))
        .containsExactly(migrating.encryptToText("123-45-6789"), "123-45-6789");
    assertThatThrownBy(() -> crypto(SSN, keyring).decrypt("123-45-6789"))
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo("22V02");
  }

  @Test
  void aMigratingColumnParsesLegacyValuesAsItsDeclaredType() throws Exception {
    ColumnPolicy dob =
        new ColumnPolicy(
            new TableName(null, new Identifier("patients", false)),
            new Identifier("dob", false),
            EncryptionMode.DETERMINISTIC,
            ColumnType.DATE,
            "pii",
            Storage.AUTO,
            null,
            true);
    ColumnCrypto crypto = crypto(dob, Keyring.empty().withNewKey("pii"));
    assertThat(crypto.decrypt("1990-04-01")).isEqualTo(LocalDate.of(1990, 4, 1));
    assertThat(crypto.lookupValues(LocalDate.of(1990, 4, 1), Storage.TEXT).get(1))
        .isEqualTo("1990-04-01");
    assertThatThrownBy(() -> crypto.decrypt("not a date"))
        .hasMessageContaining("legacy plaintext")
        .hasMessageNotContaining("not a date");
  }

  /** Seeded: across three rotations every value round-trips and its lookup forms hold it. */
  @Test
  void everyValueWrittenAtAnyRotationIsFoundByTheLatestLookupForms() throws Exception {
    Random random = new Random(4);
    Keyring keyring = Keyring.empty().withNewKey("pii");
    List<String> values = new java.util.ArrayList<>();
    List<byte[]> stored = new java.util.ArrayList<>();
    for (int rotation = 0; rotation < 3; rotation++) {
      ColumnCrypto ssn = crypto(SSN, keyring);
      for (int i = 0; i < 20; i++) {
        String value = Long.toString(random.nextLong(), 36);
        values.add(value);
        stored.add(ssn.encrypt(value));
      }
      keyring = keyring.rotate("pii");
    }
    ColumnCrypto latest = crypto(SSN, keyring);
    assertThat(latest.lookupWidth()).isEqualTo(4);
    for (int i = 0; i < values.size(); i++) {
      byte[] expected = stored.get(i);
      assertThat(latest.decrypt(expected)).isEqualTo(values.get(i));
      assertThat(latest.lookupValues(values.get(i), Storage.BINARY))
          .anySatisfy(form -> assertThat((byte[]) form).isEqualTo(expected));
    }
  }

  @Test
  void aMigratingColumnRefusesADamagedCiphertextRatherThanReadItAsPlaintext() throws Exception {
    ColumnCrypto migrating =
        crypto(
            column("ssn", EncryptionMode.DETERMINISTIC, true), Keyring.empty().withNewKey("pii"));
    String stored = migrating.encryptToText("123-45-6789");
    for (String damaged :
        List.of(
            stored.substring(0, stored.length() - 5),
            stored.substring(0, 4) + "*" + stored.substring(5))) {
      assertThat(migrating.isCiphertext(damaged)).isTrue();
      assertThatThrownBy(() -> migrating.decrypt(damaged))
          .isInstanceOf(SQLException.class)
          .hasMessageNotContaining("123-45-6789");
    }
  }
}
