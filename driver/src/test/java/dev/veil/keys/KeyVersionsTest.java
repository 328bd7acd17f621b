package dev.veil.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rotation, retirement, destruction and re-wrapping of a keyring. */
class KeyVersionsTest {
  @TempDir Path dir;

  private static Kek kek() throws SQLException {
    return RawKek.fromBase64(Keks.generate(), "test", "test:kek");
  }

  private static List<KeyMetadata> versions(Keyring keyring, String purpose) {
    return keyring.describe().stream().filter(v -> v.purpose().equals(purpose)).toList();
  }

  private static long primary(Keyring keyring, String purpose) {
    return versions(keyring, purpose).stream()
        .filter(KeyMetadata::primary)
        .findFirst()
        .orElseThrow()
        .keyId();
  }

  private static long oldest(Keyring keyring, String purpose) {
    return versions(keyring, purpose).get(0).keyId();
  }

  @Test
  void rotationAddsANewPrimaryVersionToBothKeysetsAndKeepsTheOldOnesEnabled() throws Exception {
    Keyring before = Keyring.empty().withNewKey("pii");
    Keyring after = before.rotate("pii");
    for (String purpose : List.of(Keyring.DETERMINISTIC, Keyring.RANDOMIZED)) {
      assertThat(versions(after, purpose)).hasSize(2);
      assertThat(primary(after, purpose)).isNotEqualTo(primary(before, purpose));
      assertThat(versions(after, purpose))
          .extracting(KeyMetadata::status)
          .containsOnly(KeyMetadata.ENABLED);
    }
    assertThat(after.key("pii").orElseThrow().deterministic().size()).isEqualTo(2);
    assertThat(before.key("pii").orElseThrow().deterministic().size()).isEqualTo(1);
  }

  @Test
  void retiresAndEnablesOnlyNonPrimaryVersions() throws Exception {
    Keyring keyring = Keyring.empty().withNewKey("pii").rotate("pii");
    long old = oldest(keyring, Keyring.DETERMINISTIC);
    long current = primary(keyring, Keyring.DETERMINISTIC);
    assertThatThrownBy(() -> keyring.retire("pii", current))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("is the primary");
    Keyring retired = keyring.retire("pii", old);
    assertThat(retired.key("pii").orElseThrow().version(Keyring.DETERMINISTIC, old))
        .get()
        .extracting(KeyMetadata::status, v -> v.changed() != null)
        .containsExactly(KeyMetadata.RETIRED, true);
    assertThatThrownBy(() -> retired.retire("pii", old)).hasMessageContaining("is RETIRED");
    Keyring enabled = retired.enable("pii", old);
    assertThat(enabled.key("pii").orElseThrow().version(Keyring.DETERMINISTIC, old))
        .get()
        .extracting(KeyMetadata::status)
        .isEqualTo(KeyMetadata.ENABLED);
    assertThatThrownBy(() -> keyring.retire("pii", 12345L))
        .hasMessageContaining("no live version 12345");
  }

  @Test
  void destroysOnlyRetiredVersionsAndRemovesTheirMaterial() throws Exception {
    Keyring keyring = Keyring.empty().withNewKey("pii").rotate("pii");
    long old = oldest(keyring, Keyring.RANDOMIZED);
    assertThatThrownBy(() -> keyring.destroy("pii", old)).hasMessageContaining("retire it first");
    Keyring destroyed = keyring.retire("pii", old).destroy("pii", old);
    DataKey key = destroyed.key("pii").orElseThrow();
    assertThat(key.randomized().size()).isEqualTo(1);
    assertThat(key.version(Keyring.RANDOMIZED, old))
        .get()
        .extracting(KeyMetadata::status)
        .isEqualTo(KeyMetadata.DESTROYED);
    assertThat(key.deterministic().size()).isEqualTo(2);
  }

  @Test
  void destroyingAWholeKeyDropsBothKeysetsButKeepsItsName() throws Exception {
    Kek kek = kek();
    Path file = dir.resolve("keyring.json");
    Keyring.empty()
        .withNewKey("pii")
        .withNewKey("other")
        .rotate("pii")
        .destroy("pii")
        .write(file, kek);
    String text = Files.readString(file);
    Keyring read = Keyring.read(file, kek);
    DataKey pii = read.key("pii").orElseThrow();
    assertThat(pii.isDestroyed()).isTrue();
    assertThat(pii.deterministic()).isNull();
    assertThat(pii.versions()).hasSize(4).extracting(KeyMetadata::status).containsOnly("DESTROYED");
    assertThat(
            JsonParser.parseString(text)
                .getAsJsonObject()
                .getAsJsonObject("keys")
                .getAsJsonObject("pii")
                .has("deterministic"))
        .isFalse();
    assertThat(read.key("other").orElseThrow().isDestroyed()).isFalse();
    assertThatThrownBy(() -> read.rotate("pii")).hasMessageContaining("was destroyed");
  }

  @Test
  void versionsAndTheirStatusSurviveAWriteAndRead() throws Exception {
    Kek kek = kek();
    Path file = dir.resolve("keyring.json");
    Keyring keyring = Keyring.empty().withNewKey("pii").rotate("pii");
    keyring = keyring.retire("pii", oldest(keyring, Keyring.DETERMINISTIC));
    keyring.write(file, kek);
    assertThat(Keyring.read(file, kek).describe()).isEqualTo(keyring.describe());
  }

  @Test
  void refusesAFileWhoseMetadataWasEdited() throws Exception {
    Kek kek = kek();
    Path file = dir.resolve("keyring.json");
    Keyring keyring = Keyring.empty().withNewKey("pii").rotate("pii");
    keyring.retire("pii", oldest(keyring, Keyring.DETERMINISTIC)).write(file, kek);
    JsonObject root = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    root.getAsJsonObject("keys")
        .getAsJsonObject("pii")
        .getAsJsonArray("versions")
        .get(0)
        .getAsJsonObject()
        .addProperty("status", "ENABLED");
    Files.writeString(file, root.toString());
    assertThatThrownBy(() -> Keyring.read(file, kek)).hasMessageContaining("was altered");
  }

  @Test
  void rewrappingUnderAnotherKekChangesNoKeyAndLocksOutTheOldKek() throws Exception {
    Kek first = kek();
    Kek second = kek();
    Path file = dir.resolve("keyring.json");
    Keyring keyring = Keyring.empty().withNewKey("pii").rotate("pii");
    keyring.write(file, first);
    Keyring.read(file, first).write(file, second);
    Keyring read = Keyring.read(file, second);
    assertThat(read.describe()).isEqualTo(keyring.describe());
    assertThat(
            read.key("pii")
                .orElseThrow()
                .deterministic()
                .equalsKeyset(keyring.key("pii").orElseThrow().deterministic()))
        .isTrue();
    assertThatThrownBy(() -> Keyring.read(file, first))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("cannot open keyring");
  }

  @Test
  void consultsTheKekOncePerReadAndWrapsOncePerWriteCheckedByOneRead() throws Exception {
    Kek inner = kek();
    int[] calls = new int[2];
    Kek counting =
        new Kek() {
          @Override
          public byte[] wrap(byte[] plaintext, byte[] ad)
              throws java.security.GeneralSecurityException {
            calls[0]++;
            return inner.wrap(plaintext, ad);
          }

          @Override
          public byte[] unwrap(byte[] ciphertext, byte[] ad)
              throws java.security.GeneralSecurityException {
            calls[1]++;
            return inner.unwrap(ciphertext, ad);
          }

          @Override
          public String location() {
            return "test:counting";
          }
        };
    Path file = dir.resolve("keyring.json");
    Keyring.empty().withNewKey("a").withNewKey("b").withNewKey("c").write(file, counting);
    assertThat(calls).containsExactly(1, 1);
    Keyring.read(file, counting);
    assertThat(calls).containsExactly(1, 2);
  }

  @Test
  void aStagedVersionIsEnabledButNotPrimaryUntilPromoted() throws Exception {
    Keyring before = Keyring.empty().withNewKey("pii");
    Keyring staged = before.stage("pii");
    assertThat(primary(staged, Keyring.DETERMINISTIC))
        .isEqualTo(primary(before, Keyring.DETERMINISTIC));
    long newest = versions(staged, Keyring.DETERMINISTIC).get(1).keyId();
    assertThat(versions(staged, Keyring.DETERMINISTIC).get(1))
        .extracting(KeyMetadata::status, KeyMetadata::primary)
        .containsExactly(KeyMetadata.ENABLED, false);
    Keyring promoted = staged.promote("pii", newest);
    assertThat(primary(promoted, Keyring.DETERMINISTIC)).isEqualTo(newest);
    assertThat(versions(promoted, Keyring.DETERMINISTIC))
        .filteredOn(KeyMetadata::primary)
        .hasSize(1);
    assertThat(primary(promoted, Keyring.RANDOMIZED))
        .isEqualTo(primary(before, Keyring.RANDOMIZED));
    assertThatThrownBy(() -> promoted.promote("pii", newest))
        .hasMessageContaining("already primary");
  }

  @Test
  void neverReplacesTheKeyringWithOneItsKekCannotOpen() throws Exception {
    Kek kek = kek();
    Path file = dir.resolve("keyring.json");
    Keyring.empty().withNewKey("pii").write(file, kek);
    String before = Files.readString(file);
    Kek writeOnly =
        new Kek() {
          @Override
          public byte[] wrap(byte[] plaintext, byte[] ad)
              throws java.security.GeneralSecurityException {
            return kek.wrap(plaintext, ad);
          }

          @Override
          public byte[] unwrap(byte[] ciphertext, byte[] ad)
              throws java.security.GeneralSecurityException {
            throw new java.security.GeneralSecurityException("this KEK cannot unwrap");
          }

          @Override
          public String location() {
            return "test:write-only";
          }
        };
    assertThatThrownBy(() -> Keyring.read(file, kek).rotate("pii").write(file, writeOnly))
        .isInstanceOf(SQLException.class);
    assertThat(Files.readString(file)).isEqualTo(before);
    try (var entries = Files.list(dir)) {
      assertThat(entries).hasSize(1);
    }
  }
}
