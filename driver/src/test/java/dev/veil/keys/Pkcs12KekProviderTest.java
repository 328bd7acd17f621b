package dev.veil.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Pkcs12KekProviderTest {
  private static final String PASSWORD = "correct horse battery staple";
  private static final byte[] AD = {1, 2, 3};

  @TempDir Path dir;

  private final Pkcs12KekProvider provider =
      new Pkcs12KekProvider(Map.of(Pkcs12KekProvider.DEFAULT_PASSWORD_ENV, PASSWORD)::get);

  /** What {@code keytool -genseckey -keyalg AES -keysize 256 -storetype PKCS12} writes. */
  private Path keystoreWithAesKey(String alias, int bits) throws Exception {
    Path file = dir.resolve("veil.p12");
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, PASSWORD.toCharArray());
    KeyGenerator generator = KeyGenerator.getInstance("AES");
    generator.init(bits);
    store.setEntry(
        alias,
        new KeyStore.SecretKeyEntry(generator.generateKey()),
        new KeyStore.PasswordProtection(PASSWORD.toCharArray()));
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, PASSWORD.toCharArray());
    }
    return file;
  }

  private static SecretKey entry(Path file, String alias) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(file)) {
      store.load(in, PASSWORD.toCharArray());
    }
    return (SecretKey) store.getKey(alias, PASSWORD.toCharArray());
  }

  @Test
  void wrapsWithTheKeystoresAesKeyAndAFreshIvPrefixedToTheOutput() throws Exception {
    Path file = keystoreWithAesKey("veil-kek", 256);
    Kek kek = provider.open("pkcs12:" + file + "#veil-kek");
    byte[] plaintext = "keyring key".getBytes();
    byte[] first = kek.wrap(plaintext, AD);
    byte[] second = kek.wrap(plaintext, AD);
    assertThat(first).hasSize(12 + plaintext.length + 16);
    assertThat(Arrays.copyOf(first, 12)).isNotEqualTo(Arrays.copyOf(second, 12));
    assertThat(kek.unwrap(first, AD)).isEqualTo(plaintext);

    // The same key through the plain JCE: IV || ciphertext || tag, AES-256-GCM.
    javax.crypto.Cipher jce = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
    jce.init(
        javax.crypto.Cipher.DECRYPT_MODE,
        entry(file, "veil-kek"),
        new javax.crypto.spec.GCMParameterSpec(128, first, 0, 12));
    jce.updateAAD(AD);
    assertThat(jce.doFinal(first, 12, first.length - 12)).isEqualTo(plaintext);
  }

  @Test
  void refusesCiphertextUnderOtherAssociatedDataOrTampered() throws Exception {
    Kek kek = provider.open("pkcs12:" + keystoreWithAesKey("k", 256) + "#k");
    byte[] sealed = kek.wrap(new byte[32], AD);
    assertThatThrownBy(() -> kek.unwrap(sealed, new byte[] {9}))
        .isInstanceOf(java.security.GeneralSecurityException.class);
    sealed[sealed.length - 1] ^= 1;
    assertThatThrownBy(() -> kek.unwrap(sealed, AD))
        .isInstanceOf(java.security.GeneralSecurityException.class);
  }

  @Test
  void writesAndReadsAKeyringThroughServiceLoaderWithPasswordEnvOverride() throws Exception {
    Path file = keystoreWithAesKey("veil-kek", 256);
    // VEIL_TEST_KEYSTORE_PASSWORD is set for the test JVM by driver/pom.xml.
    String password = System.getenv("VEIL_TEST_KEYSTORE_PASSWORD");
    assertThat(password).as("VEIL_TEST_KEYSTORE_PASSWORD, set by driver/pom.xml").isNotNull();
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(file)) {
      store.load(in, PASSWORD.toCharArray());
    }
    Path other = dir.resolve("other.p12");
    try (OutputStream out = Files.newOutputStream(other)) {
      KeyStore copy = KeyStore.getInstance("PKCS12");
      copy.load(null, password.toCharArray());
      copy.setEntry(
          "veil-kek",
          new KeyStore.SecretKeyEntry((SecretKey) store.getKey("veil-kek", PASSWORD.toCharArray())),
          new KeyStore.PasswordProtection(password.toCharArray()));
      copy.store(out, password.toCharArray());
    }
    String uri = "pkcs12:" + other + "?passwordEnv=VEIL_TEST_KEYSTORE_PASSWORD#veil-kek";
    Path keyring = dir.resolve("keyring.json");
    Keyring.empty().withNewKey("pii").write(keyring, Keks.open(uri));
    Keyring read = Keyring.read(keyring, Keks.open(uri));
    assertThat(read.key("pii")).isPresent();
    // The same key under its first keystore opens the keyring too: only the key matters.
    assertThat(Keyring.read(keyring, provider.open("pkcs12:" + file + "#veil-kek")).key("pii"))
        .isPresent();
  }

  @Test
  void refusesTheWrongPasswordWithoutShowingEitherPassword() throws Exception {
    Path file = keystoreWithAesKey("k", 256);
    String wrong = "not the password";
    var wrongProvider =
        new Pkcs12KekProvider(Map.of(Pkcs12KekProvider.DEFAULT_PASSWORD_ENV, wrong)::get);
    assertThatThrownBy(() -> wrongProvider.open("pkcs12:" + file + "#k"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("did not open with the password from VEIL_KEYSTORE_PASSWORD")
        .hasMessageNotContaining(wrong)
        .hasMessageNotContaining(PASSWORD)
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo("58030");
  }

  @Test
  void saysWhichVariableToSetWhenThePasswordIsMissing() throws Exception {
    Path file = keystoreWithAesKey("k", 256);
    var noPassword = new Pkcs12KekProvider(Map.<String, String>of()::get);
    assertThatThrownBy(() -> noPassword.open("pkcs12:" + file + "?passwordEnv=MY_P12_PASS#k"))
        .hasMessageContaining("MY_P12_PASS is not set")
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo("F0000");
  }

  @Test
  void namesTheMissingAliasAndTheCommandThatCreatesIt() throws Exception {
    Path file = keystoreWithAesKey("k", 256);
    assertThatThrownBy(() -> provider.open("pkcs12:" + file + "#absent"))
        .hasMessageContaining("has no key entry 'absent'")
        .hasMessageContaining("veil kek create --kek pkcs12:" + file + "#absent");
  }

  @Test
  void refusesAnAes128Entry() throws Exception {
    Path file = keystoreWithAesKey("short", 128);
    assertThatThrownBy(() -> provider.open("pkcs12:" + file + "#short"))
        .hasMessageContaining("is not an AES-256 secret key");
  }

  @Test
  void refusesMalformedUris() {
    for (String uri : List.of("pkcs12:/x.p12", "pkcs12:#alias", "pkcs12:/x.p12?passwordEnv=#a")) {
      assertThatThrownBy(() -> provider.open(uri))
          .hasMessageContaining("pkcs12:/path/keystore.p12#alias")
          .extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("F0000");
    }
  }

  @Test
  void reportsAMissingKeystoreWithTheCommandThatCreatesIt() {
    Path missing = dir.resolve("none.p12");
    assertThatThrownBy(() -> provider.open("pkcs12:" + missing + "#k"))
        .hasMessageContaining(missing + " does not exist")
        .hasMessageContaining("veil kek create");
  }

  @Test
  void createMakesAnOwnerOnlyKeystoreWithAnAes256EntryAndNeverReplacesIt() throws Exception {
    Path file = dir.resolve("new.p12");
    String uri = "pkcs12:" + file + "#veil-kek";
    byte[] sealed = provider.create(uri).wrap(new byte[] {42}, AD);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    SecretKey key = entry(file, "veil-kek");
    assertThat(key.getAlgorithm()).isEqualTo("AES");
    assertThat(key.getEncoded()).hasSize(32);
    assertThat(provider.open(uri).unwrap(sealed, AD)).containsExactly(42);

    assertThatThrownBy(() -> provider.create(uri)).hasMessageContaining("already has an entry");
    provider.create("pkcs12:" + file + "#second");
    assertThat(provider.open(uri).unwrap(sealed, AD)).containsExactly(42);
  }

  @Test
  void opensAKeyMadeByKeytool() throws Exception {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    assertThat(keytool).isExecutable();
    Path file = dir.resolve("keytool.p12");
    ProcessBuilder builder =
        new ProcessBuilder(
                keytool.toString(),
                "-genseckey",
                "-alias",
                "veil-kek",
                "-keyalg",
                "AES",
                "-keysize",
                "256",
                "-storetype",
                "PKCS12",
                "-keystore",
                file.toString(),
                "-storepass:env",
                "VEIL_KEYSTORE_PASSWORD")
            .redirectErrorStream(true);
    builder.environment().put("VEIL_KEYSTORE_PASSWORD", PASSWORD);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();

    Kek kek = provider.open("pkcs12:" + file + "#veil-kek");
    assertThat(kek.unwrap(kek.wrap(new byte[] {5}, AD), AD)).containsExactly(5);
  }
}
