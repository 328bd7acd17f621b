package dev.veil.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.proto.Keyset;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyringTest {
  @TempDir Path dir;

  private static Kek kek() throws SQLException {
    return RawKek.fromBase64(Keks.generate(), "test", "test:kek");
  }

  @Test
  void writesAndReadsBackEveryKey() throws Exception {
    Kek kek = kek();
    Path file = dir.resolve("keyring.json");
    Keyring keyring = Keyring.empty().withNewKey("pii").withNewKey("finance");
    keyring.write(file, kek);
    Keyring read = Keyring.read(file, kek);
    assertThat(read.describe()).isEqualTo(keyring.describe());
    assertThat(
            read.key("pii")
                .orElseThrow()
                .deterministic()
                .equalsKeyset(keyring.key("pii").orElseThrow().deterministic()))
        .isTrue();
    assertThat(read.key("missing")).isEmpty();
  }

  @Test
  void fileHoldsNoKeyMaterialInTheClear() throws Exception {
    Kek kek = kek();
    Path file = dir.resolve("keyring.json");
    Keyring keyring = Keyring.empty().withNewKey("pii");
    keyring.write(file, kek);
    String text = Files.readString(file, StandardCharsets.UTF_8);
    DataKey key = keyring.key("pii").orElseThrow();
    for (var handle : List.of(key.deterministic(), key.randomized())) {
      Keyset keyset =
          Keyset.parseFrom(
              TinkProtoKeysetFormat.serializeKeyset(
                  handle, InsecureSecretKeyAccess.get(), RegistryConfiguration.get()),
              com.google.protobuf.ExtensionRegistryLite.getEmptyRegistry());
      byte[] material = keyset.getKey(0).getKeyData().getValue().toByteArray();
      assertThat(text)
          .doesNotContain(Base64.getEncoder().encodeToString(material))
          .doesNotContain(HexFormat.of().formatHex(material));
    }
    JsonObject root = JsonParser.parseString(text).getAsJsonObject();
    assertThat(
            root.getAsJsonObject("keys")
                .getAsJsonObject("pii")
                .getAsJsonObject("deterministic")
                .has("encryptedKeyset"))
        .isTrue();
  }

  @Test
  void refusesTheWrongKek() throws Exception {
    Path file = dir.resolve("keyring.json");
    Keyring.empty().withNewKey("pii").write(file, kek());
    assertThatThrownBy(() -> Keyring.read(file, kek()))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("cannot open keyring");
  }

  @Test
  void refusesAnotherKekEvenForAnEmptyKeyring() throws Exception {
    Path file = dir.resolve("keyring.json");
    Keyring.empty().write(file, kek());
    assertThatThrownBy(() -> Keyring.read(file, kek())).hasMessageContaining("cannot open keyring");
  }

  @Test
  void writesTheKeyringReadableByItsOwnerOnly() throws Exception {
    Path file = dir.resolve("keyring.json");
    Kek kek = kek();
    Keyring.empty().withNewKey("pii").write(file, kek);
    Keyring.read(file, kek).withNewKey("hr").write(file, kek);
    assertThat(
            java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    try (var entries = Files.list(dir)) {
      assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("keyring.json");
    }
  }

  @Test
  void refusesKeysetsSwappedBetweenEntries() throws Exception {
    Kek kek = kek();
    Path file = dir.resolve("keyring.json");
    Keyring.empty().withNewKey("pii").withNewKey("finance").write(file, kek);
    JsonObject root = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    JsonObject keys = root.getAsJsonObject("keys");
    var pii = keys.getAsJsonObject("pii").get("deterministic");
    keys.getAsJsonObject("pii")
        .add("deterministic", keys.getAsJsonObject("finance").get("deterministic"));
    keys.getAsJsonObject("finance").add("deterministic", pii);
    Files.writeString(file, root.toString());
    assertThatThrownBy(() -> Keyring.read(file, kek)).isInstanceOf(SQLException.class);
  }

  @Test
  void refusesDuplicateAndMalformedKeyNames() throws SQLException {
    Keyring keyring = Keyring.empty().withNewKey("pii");
    assertThatThrownBy(() -> keyring.withNewKey("pii")).hasMessageContaining("already holds");
    assertThatThrownBy(() -> keyring.withNewKey("bad name")).hasMessageContaining("key name");
  }

  @Test
  void reportsAnUnreadableOrForeignFileClearly() throws Exception {
    Path missing = dir.resolve("missing.json");
    assertThatThrownBy(() -> Keyring.read(missing, kek())).hasMessageContaining("veil keys init");
    Path foreign = dir.resolve("foreign.json");
    Files.writeString(foreign, "{\"hello\": 1}");
    assertThatThrownBy(() -> Keyring.read(foreign, kek()))
        .hasMessageContaining("not a Veil keyring");
    Path truncated = dir.resolve("truncated.json");
    Keyring.empty().withNewKey("pii").write(truncated, kek());
    String text = Files.readString(truncated);
    Files.writeString(truncated, text.substring(0, text.length() / 2));
    assertThatThrownBy(() -> Keyring.read(truncated, kek())).isInstanceOf(SQLException.class);
  }

  @Test
  void describesKeysWithoutMaterial() throws SQLException {
    List<KeyMetadata> keys = Keyring.empty().withNewKey("pii").describe();
    assertThat(keys)
        .extracting(KeyMetadata::purpose)
        .containsExactly("deterministic", "randomized");
    assertThat(keys).allSatisfy(k -> assertThat(k.primary()).isTrue());
    assertThat(Keyring.empty().withNewKey("pii").key("pii").orElseThrow().toString())
        .isEqualTo("DataKey[pii]");
  }

  @Test
  void rawKekRefusesWrongLengthsWithoutEchoingTheValue() {
    String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
    assertThatThrownBy(() -> RawKek.fromBase64(shortKey, "env X", "env:X"))
        .hasMessageContaining("32 bytes")
        .hasMessageNotContaining(shortKey);
    assertThatThrownBy(() -> RawKek.fromBase64("%%%", "env X", "env:X"))
        .hasMessageContaining("base64");
  }

  @Test
  void fileKekProviderReadsAKekFile() throws Exception {
    Path kekFile = dir.resolve("kek");
    Files.writeString(kekFile, Keks.generate() + "\n");
    Files.setPosixFilePermissions(
        kekFile, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    Kek kek = Keks.open("file:" + kekFile);
    byte[] sealed = kek.wrap(new byte[] {1, 2, 3}, new byte[0]);
    assertThat(Keks.open("file:" + kekFile).unwrap(sealed, new byte[0])).containsExactly(1, 2, 3);
    assertThatThrownBy(() -> Keks.open("vault:transit/x")).hasMessageContaining("vault:");
    assertThatThrownBy(() -> Keks.open("env:VEIL_TEST_SURELY_UNSET"))
        .hasMessageContaining("VEIL_TEST_SURELY_UNSET");
  }
}
