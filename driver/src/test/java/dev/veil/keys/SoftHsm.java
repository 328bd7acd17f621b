package dev.veil.keys;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * The SoftHSM2 test token that {@code scripts/softhsm-setup.sh} provisions. Found through the
 * {@code veil.softhsm.dir} system property and {@code SOFTHSM2_CONF}, which driver/pom.xml sets for
 * the test JVM. Missing pieces fail the test under {@code CI=true} and abort it elsewhere.
 */
final class SoftHsm {
  static final String PIN = "1234-veil-test";
  static final String PIN_ENV = "VEIL_TEST_PKCS11_PIN";

  final Path dir;
  final Path config;

  private SoftHsm(Path dir) {
    this.dir = dir;
    this.config = dir.resolve("pkcs11.cfg");
  }

  /** The provisioned token, or a failed (CI) or aborted (elsewhere) test saying what is missing. */
  static SoftHsm require() {
    String configured = System.getProperty("veil.softhsm.dir");
    Path dir = Path.of(configured == null ? "/var/lib/veil-softhsm" : configured);
    Path conf = dir.resolve("softhsm2.conf");
    String problem = null;
    if (!Files.isRegularFile(dir.resolve("pkcs11.cfg")) || !Files.isRegularFile(conf)) {
      problem = "no SoftHSM2 test token in " + dir;
    } else if (!conf.toString().equals(System.getenv("SOFTHSM2_CONF"))) {
      problem =
          "SOFTHSM2_CONF is '"
              + System.getenv("SOFTHSM2_CONF")
              + "', not "
              + conf
              + " (run the tests through Maven, which sets it)";
    } else if (!Files.isReadable(conf) || !Files.isWritable(dir.resolve("tokens"))) {
      problem = "the token directory " + dir + " is not this account's";
    }
    if (problem != null) {
      String message = problem + "; run scripts/softhsm-setup.sh (as root) first";
      if ("true".equals(System.getenv("CI"))) {
        fail(message);
      }
      Assumptions.abort(message);
    }
    return new SoftHsm(dir);
  }

  /** A URI for a key labelled {@code label} on the test token, PIN from {@link #PIN_ENV}. */
  String uri(String label) {
    return "pkcs11:config=" + config + ";key=" + label + ";pinEnv=" + PIN_ENV;
  }

  /** A provider reading the PIN from a map instead of the environment. */
  static Pkcs11KekProvider provider(String pin) {
    return new Pkcs11KekProvider(Map.of(PIN_ENV, pin)::get);
  }

  /** The test token as a SunPKCS11 key store, logged in, to inspect or clean up objects. */
  KeyStore keyStore() throws Exception {
    Provider provider =
        Security.getProvider("SunPKCS11").configure("--" + Files.readString(config));
    KeyStore store = KeyStore.getInstance("PKCS11", provider);
    store.load(null, PIN.toCharArray());
    return store;
  }
}
