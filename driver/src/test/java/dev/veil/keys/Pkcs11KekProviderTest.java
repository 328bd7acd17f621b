package dev.veil.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veil.cli.VeilCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.security.spec.InvalidKeySpecException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against the real SoftHSM2 token that scripts/softhsm-setup.sh provisions. */
class Pkcs11KekProviderTest {
  private static final byte[] AD = "veil-keyring-v2".getBytes();

  @TempDir Path dir;

  private SoftHsm hsm;
  private final List<String> labels = new ArrayList<>();
  private final Pkcs11KekProvider provider = SoftHsm.provider(SoftHsm.PIN);

  @BeforeEach
  void token() {
    hsm = SoftHsm.require();
  }

  @AfterEach
  void deleteTestKeys() throws Exception {
    if (labels.isEmpty()) {
      return;
    }
    KeyStore store = hsm.keyStore();
    for (String label : labels) {
      if (store.containsAlias(label)) {
        store.deleteEntry(label);
      }
    }
  }

  private String label() {
    String label = "veil-test-" + UUID.randomUUID();
    labels.add(label);
    return label;
  }

  @Test
  void createsTheKekInsideTheTokenAsASensitiveUnextractableTokenObject() throws Exception {
    String label = label();
    provider.create(hsm.uri(label));
    Key key = hsm.keyStore().getKey(label, null);
    assertThat(key).isInstanceOf(SecretKey.class);
    assertThat(key.getAlgorithm()).isEqualTo("AES");
    // SunPKCS11 reads CKA_TOKEN, CKA_SENSITIVE and CKA_EXTRACTABLE from the token into the key's
    // description; this is how it exposes them.
    assertThat(key.toString()).contains("token object, sensitive, unextractable");
    assertThat(key.getEncoded()).isNull();
    assertThat(key.getFormat()).isNull();
  }

  @Test
  void kekCannotBeExportedFromTheToken() throws Exception {
    String label = label();
    provider.create(hsm.uri(label));
    KeyStore store = hsm.keyStore();
    Provider token = store.getProvider();
    SecretKey key = (SecretKey) store.getKey(label, null);

    assertThat(key.getEncoded()).isNull();
    assertThatThrownBy(
            () -> SecretKeyFactory.getInstance("AES", token).getKeySpec(key, SecretKeySpec.class))
        .isInstanceOf(InvalidKeySpecException.class);
    assertThatThrownBy(() -> Cipher.getInstance("AES/GCM/NoPadding", "SunJCE").init(1, key))
        .isInstanceOf(InvalidKeyException.class);
    // C_WrapKey under a token RSA key: the token itself refuses to let the key out.
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA", token);
    rsa.initialize(2048);
    Cipher wrapper = Cipher.getInstance("RSA/ECB/PKCS1Padding", token);
    wrapper.init(Cipher.WRAP_MODE, rsa.generateKeyPair().getPublic());
    assertThatThrownBy(() -> wrapper.wrap(key))
        .isInstanceOf(InvalidKeyException.class)
        .hasRootCauseMessage("CKR_KEY_UNEXTRACTABLE");
  }

  @Test
  void wrapsWithAesGcmInTheTokenAndAFreshIvPrefixedToTheOutput() throws Exception {
    String label = label();
    Kek kek = provider.create(hsm.uri(label));
    byte[] plaintext = new byte[32];
    Arrays.fill(plaintext, (byte) 7);
    byte[] first = kek.wrap(plaintext, AD);
    byte[] second = kek.wrap(plaintext, AD);
    assertThat(first).hasSize(12 + 32 + 16);
    assertThat(Arrays.copyOf(first, 12)).isNotEqualTo(Arrays.copyOf(second, 12));
    assertThat(provider.open(hsm.uri(label)).unwrap(first, AD)).isEqualTo(plaintext);

    // Plain AES/GCM/NoPadding by the token, given the prefixed IV, reads the same output.
    KeyStore store = hsm.keyStore();
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", store.getProvider());
    cipher.init(
        Cipher.DECRYPT_MODE, store.getKey(label, null), new GCMParameterSpec(128, first, 0, 12));
    cipher.updateAAD(AD);
    assertThat(cipher.doFinal(first, 12, first.length - 12)).isEqualTo(plaintext);

    assertThatThrownBy(() -> kek.unwrap(first, "other".getBytes()))
        .isInstanceOf(GeneralSecurityException.class);
    byte[] tampered = first.clone();
    tampered[20] ^= 1;
    assertThatThrownBy(() -> kek.unwrap(tampered, AD)).isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void keyringOpensOnlyWithTheRightPinAndNeverShowsAPin() throws Exception {
    String label = label();
    Path keyring = dir.resolve("keyring.json");
    Keyring.empty().withNewKey("pii").write(keyring, provider.create(hsm.uri(label)));
    assertThat(Keyring.read(keyring, provider.open(hsm.uri(label))).key("pii")).isPresent();

    String wrongPin = "9999-wrong-pin";
    // The process is logged in already; the wrong PIN must still be refused.
    assertThatThrownBy(() -> SoftHsm.provider(wrongPin).open(hsm.uri(label)))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("refused the PIN in " + SoftHsm.PIN_ENV)
        .satisfies(e -> assertThat(chainText(e)).doesNotContain(wrongPin, SoftHsm.PIN))
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo("58030");
    assertThat(Keyring.read(keyring, provider.open(hsm.uri(label))).key("pii")).isPresent();
  }

  @Test
  void anOpenKekKeepsWorkingWhileWrongPinsAreTried() throws Exception {
    String label = label();
    Kek kek = provider.create(hsm.uri(label));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<?> wrongPins =
          pool.submit(
              () -> {
                for (int i = 0; i < 10; i++) {
                  assertThatThrownBy(() -> SoftHsm.provider("0000").open(hsm.uri(label)))
                      .hasMessageContaining("refused the PIN");
                }
                return null;
              });
      Future<?> wraps =
          pool.submit(
              () -> {
                for (int i = 0; i < 20; i++) {
                  assertThat(kek.unwrap(kek.wrap(new byte[] {(byte) i}, AD), AD))
                      .containsExactly((byte) i);
                }
                return null;
              });
      wrongPins.get(60, TimeUnit.SECONDS);
      wraps.get(60, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void saysWhichVariableHoldsThePinWhenItIsUnset() {
    Pkcs11KekProvider noPin = new Pkcs11KekProvider(name -> null);
    assertThatThrownBy(() -> noPin.open(hsm.uri(label())))
        .hasMessageContaining("PIN variable " + SoftHsm.PIN_ENV + " is not set")
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo("F0000");
  }

  @Test
  void namesAMissingKeyAndTheCommandThatCreatesIt() {
    String uri = hsm.uri(label());
    assertThatThrownBy(() -> provider.open(uri))
        .hasMessageContaining("has no secret key labelled")
        .hasMessageContaining("veil kek create --kek " + uri)
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo("F0000");
  }

  @Test
  void createNeverReplacesAKeyWithTheSameLabel() throws Exception {
    String label = label();
    Kek kek = provider.create(hsm.uri(label));
    byte[] sealed = kek.wrap(new byte[] {1}, AD);
    assertThatThrownBy(() -> provider.create(hsm.uri(label)))
        .hasMessageContaining("already holds a key labelled");
    assertThat(provider.open(hsm.uri(label)).unwrap(sealed, AD)).containsExactly(1);
  }

  @Test
  void refusesAKeyThatTheTokenWouldHandOut() throws Exception {
    assertThatThrownBy(() -> provider.open(hsm.uri(laxKey(false))))
        .hasMessageContaining("can be exported from the token")
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo("F0000");
  }

  @Test
  void refusesASensitiveKeyThatTheTokenWouldStillExportWrapped() throws Exception {
    assertThatThrownBy(() -> provider.open(hsm.uri(laxKey(true))))
        .hasMessageContaining("CKA_EXTRACTABLE is true");
  }

  /** A key made through a template that lets it out: readable, or sensitive but extractable. */
  private String laxKey(boolean sensitive) throws Exception {
    String label = label();
    Provider lax =
        Security.getProvider("SunPKCS11")
            .configure(
                "--"
                    + Files.readString(hsm.config)
                    + "\nattributes(generate, CKO_SECRET_KEY, CKK_AES) = {\n"
                    + "  CKA_SENSITIVE = "
                    + sensitive
                    + "\n  CKA_EXTRACTABLE = true\n}\n");
    KeyStore store = KeyStore.getInstance("PKCS11", lax);
    store.load(null, SoftHsm.PIN.toCharArray());
    KeyGenerator generator = KeyGenerator.getInstance("AES", lax);
    generator.init(256);
    store.setEntry(label, new KeyStore.SecretKeyEntry(generator.generateKey()), null);
    if (sensitive) {
      assertThat(store.getKey(label, null).getEncoded()).isNull();
    } else {
      assertThat(store.getKey(label, null).getEncoded()).hasSize(32);
    }
    return label;
  }

  @Test
  void reportsASlotWithoutTheTokenAsUnavailable() {
    String uri = "pkcs11:config=" + hsm.config + ";slot=4242;key=k;pinEnv=" + SoftHsm.PIN_ENV;
    assertThatThrownBy(() -> provider.open(uri))
        .hasMessageContaining(uri)
        .hasMessageContaining("CKR_SLOT_ID_INVALID")
        .hasMessageContaining("token is present")
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo("58030");
  }

  @Test
  void slotInTheUriReplacesTheSlotOfTheConfiguration() throws Exception {
    String slot =
        Files.readAllLines(hsm.config).stream()
            .filter(line -> line.startsWith("slot = "))
            .findFirst()
            .orElseThrow()
            .substring("slot = ".length());
    Path otherSlot = dir.resolve("pkcs11.cfg");
    Files.write(
        otherSlot,
        Files.readAllLines(hsm.config).stream()
            .map(line -> line.startsWith("slot = ") ? "slot = 4242" : line)
            .toList());
    String label = label();
    provider.create(hsm.uri(label));
    String uri =
        "pkcs11:config="
            + otherSlot
            + ";slot="
            + slot
            + ";key="
            + label
            + ";pinEnv="
            + SoftHsm.PIN_ENV;
    Kek kek = provider.open(uri);
    assertThat(kek.unwrap(kek.wrap(new byte[] {4}, AD), AD)).containsExactly(4);
  }

  @Test
  void keyringOpensOnlyInAProcessThatSeesTheToken() throws Exception {
    String label = label();
    String uri = hsm.uri(label);
    Path keyring = dir.resolve("keyring.json");
    Keyring.empty().withNewKey("pii").write(keyring, provider.create(uri));

    Path emptyStore = Files.createDirectory(dir.resolve("no-tokens"));
    Path noTokenConf = dir.resolve("softhsm2.conf");
    Files.writeString(
        noTokenConf, "directories.tokendir = " + emptyStore + "\nobjectstore.backend = file\n");
    Cli without =
        cliInChildJvm(noTokenConf, "keys", "list", "--keyring", keyring.toString(), "--kek", uri);
    assertThat(without.exitCode).as(without.output).isEqualTo(2);
    assertThat(without.output).contains(uri).contains("token is present");

    Cli with =
        cliInChildJvm(
            hsm.dir.resolve("softhsm2.conf"),
            "keys",
            "list",
            "--keyring",
            keyring.toString(),
            "--kek",
            uri);
    assertThat(with.exitCode).as(with.output).isZero();
    assertThat(with.output).contains("pii");
  }

  @Test
  void cliCreatesTheKekInTheTokenAndKeepsAKeyringUnderIt() throws Exception {
    String label = label();
    String uri = hsm.uri(label);
    String keyring = dir.resolve("keyring.json").toString();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    PrintWriter o = new PrintWriter(out, true);
    PrintWriter e = new PrintWriter(err, true);
    assertThat(VeilCli.run(new String[] {"kek", "create", "--kek", uri}, o, e))
        .as(err.toString())
        .isZero();
    assertThat(out.toString()).contains("created KEK " + uri);
    assertThat(VeilCli.run(new String[] {"keys", "init", "--keyring", keyring, "--kek", uri}, o, e))
        .as(err.toString())
        .isZero();
    assertThat(
            VeilCli.run(
                new String[] {"keys", "add", "pii", "--keyring", keyring, "--kek", uri}, o, e))
        .as(err.toString())
        .isZero();
    assertThat(VeilCli.run(new String[] {"kek", "create", "--kek", uri}, o, e)).isEqualTo(2);
    assertThat(err.toString()).contains("already holds a key labelled '" + label + "'");

    String fileKek = "file:" + dir.resolve("kek");
    assertThat(VeilCli.run(new String[] {"kek", "create", "--kek", fileKek}, o, e)).isZero();
    assertThat(
            VeilCli.run(
                new String[] {
                  "kek", "rotate", "--keyring", keyring, "--from", uri, "--to", fileKek
                },
                o,
                e))
        .as(err.toString())
        .isZero();
    assertThat(Keyring.read(Path.of(keyring), Keks.open(fileKek)).key("pii")).isPresent();
  }

  private static String chainText(Throwable e) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      text.append(t).append('\n');
    }
    return text.toString();
  }

  private record Cli(int exitCode, String output) {}

  /** Runs the CLI in a fresh JVM, whose SoftHSM2 reads {@code softhsmConf}. */
  private static Cli cliInChildJvm(Path softhsmConf, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(VeilCli.class.getName());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("SOFTHSM2_CONF", softhsmConf.toString());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Cli(process.exitValue(), output);
  }
}
