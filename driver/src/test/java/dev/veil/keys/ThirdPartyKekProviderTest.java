package dev.veil.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThirdPartyKekProviderTest {
  @TempDir Path dir;

  @Test
  void serviceLoaderFindsAThirdPartyProviderNextToTheBuiltInOnes() {
    assertThat(
            ServiceLoader.load(KekProvider.class).stream()
                .map(provider -> provider.type().getSimpleName()))
        .contains(
            "EnvKekProvider",
            "FileKekProvider",
            "Pkcs12KekProvider",
            "Pkcs11KekProvider",
            "AwsKmsKekProvider",
            "GcpKmsKekProvider",
            "TransitTestKekProvider");
  }

  @Test
  void keyringIsWrittenAndReadThroughAThirdPartyProviderWithoutExtraCalls() throws Exception {
    Path keyring = dir.resolve("keyring.json");
    Kek kek = Keks.open("test-transit:veil");
    assertThat(kek.getClass().getEnclosingClass()).isEqualTo(TransitTestKekProvider.class);

    int before = TransitTestKekProvider.CALLS.get();
    Keyring.empty().withNewKey("pii").write(keyring, kek);
    Keyring read = Keyring.read(keyring, Keks.open("test-transit:veil"));
    assertThat(read.key("pii")).isPresent();
    // One wrap and one unwrap to check the file before it replaces the keyring, one unwrap to read.
    assertThat(TransitTestKekProvider.CALLS.get() - before).isEqualTo(3);

    assertThatThrownBy(() -> Keyring.read(keyring, Keks.open("test-transit:other")))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("the KEK test-transit:other cannot open keyring");
  }

  @Test
  void anUnknownSchemeNamesTheBuiltInOnesAndTheSpi() {
    assertThatThrownBy(() -> Keks.open("vault-transit://veil"))
        .hasMessage(
            "no KEK provider understands 'vault-transit:'; use env:, file:, pkcs12:, pkcs11:,"
                + " aws-kms:// or gcp-kms://, or put a jar with a KekProvider for it on the class"
                + " path")
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo("F0000");
  }
}
