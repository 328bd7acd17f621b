package dev.veil.keys;

import static dev.veil.keys.AwsKmsKekProviderTest.chainText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gcp-kms:// up to the network boundary: no Google endpoint is reachable here, so both the token
 * exchange and the KMS call go to closed ports on 127.0.0.1 and must fail as an unreachable
 * service.
 */
class GcpKmsKekProviderTest {
  private static final String NAME =
      "projects/veil-test/locations/europe-west1/keyRings/veil/cryptoKeys/kek";

  @TempDir Path dir;

  private String privateKeyBase64;

  /** A service-account key file, as the Cloud console downloads it, with a fresh RSA key. */
  private Path serviceAccount(String tokenUri, String permissions) throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    privateKeyBase64 =
        Base64.getEncoder().encodeToString(rsa.generateKeyPair().getPrivate().getEncoded());
    JsonObject json = new JsonObject();
    json.addProperty("type", "service_account");
    json.addProperty("project_id", "veil-test");
    json.addProperty("private_key_id", "0123456789abcdef");
    json.addProperty(
        "private_key",
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(Base64.getDecoder().decode(privateKeyBase64))
            + "\n-----END PRIVATE KEY-----\n");
    json.addProperty("client_email", "veil@veil-test.iam.gserviceaccount.com");
    json.addProperty("client_id", "123456789");
    json.addProperty("token_uri", tokenUri);
    Path file = dir.resolve("service-account.json");
    Files.writeString(file, json.toString());
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
    return file;
  }

  private static String closedEndpoint() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return "http://127.0.0.1:" + socket.getLocalPort();
    }
  }

  @Test
  void parsesACryptoKeyNameAndItsOptions() throws Exception {
    var key = GcpKmsKekProvider.parse("gcp-kms://" + NAME);
    assertThat(key.name()).isEqualTo(NAME);
    assertThat(key.location()).isEqualTo("gcp-kms://" + NAME);
    assertThat(key.credentials()).as("Application Default Credentials").isNull();
    assertThat(key.endpoint()).isNull();

    Path file = serviceAccount("https://oauth2.googleapis.com/token", "rw-------");
    var withOptions =
        GcpKmsKekProvider.parse(
            "gcp-kms://" + NAME + "?credentials=" + file + "&endpoint=https://kms.example/");
    assertThat(withOptions.credentials()).isEqualTo(file);
    assertThat(withOptions.endpoint()).isEqualTo("https://kms.example/");
    assertThat(withOptions.location()).isEqualTo("gcp-kms://" + NAME);
  }

  @Test
  void refusesUrisThatNameNoCryptoKey() {
    for (String uri :
        List.of(
            "gcp-kms://",
            "gcp-kms://projects/p/locations/l/keyRings/r",
            "gcp-kms://" + NAME + "/cryptoKeyVersions/1",
            "gcp-kms://projects/p/locations/l/keyRings/r/cryptoKeys/a b",
            "gcp-kms://" + NAME + "?profile=x",
            "gcp-kms://" + NAME + "?endpoint=file:///etc/passwd")) {
      assertThatThrownBy(() -> Keks.open(uri))
          .as(uri)
          .hasMessageContaining("gcp-kms://projects/PROJECT/locations/LOCATION/keyRings/RING")
          .extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("F0000");
    }
  }

  @Test
  void refusesACredentialsFileThatOthersCanRead() throws Exception {
    Path file = serviceAccount("https://oauth2.googleapis.com/token", "rw-r-----");
    assertThatThrownBy(() -> Keks.open("gcp-kms://" + NAME + "?credentials=" + file))
        .hasMessageContaining("Google credentials file " + file + " has mode 0640")
        .hasMessageNotContaining(privateKeyBase64.substring(40, 80));
  }

  @Test
  void refusesAnUnusableCredentialsFileWithoutEchoingIt() throws Exception {
    Path file = dir.resolve("broken.json");
    Files.writeString(file, "{\"type\":\"service_account\",\"private_key\":\"s3cr3t-value\"}");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    assertThatThrownBy(() -> Keks.open("gcp-kms://" + NAME + "?credentials=" + file))
        .hasMessageContaining("Google credentials file " + file + " is not usable")
        .satisfies(e -> assertThat(chainText(e)).doesNotContain("s3cr3t-value"))
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo("F0000");
  }

  @Test
  void saysHowToSupplyCredentialsWhenApplicationDefaultsAreAbsent() {
    // driver/pom.xml clears GOOGLE_APPLICATION_CREDENTIALS, points gcloud at an empty directory
    // and sets NO_GCE_CHECK, so the lookup ends without touching the network.
    assertThatThrownBy(() -> Keks.open("gcp-kms://" + NAME))
        .hasMessageContaining("no Google Application Default Credentials for gcp-kms://" + NAME)
        .hasMessageContaining("?credentials=/path/credentials.json")
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo("F0000");
  }

  @Test
  void sendsAnAuthorisedEncryptForTheKeyToTheConfiguredEndpoint() throws Exception {
    try (LoopbackHttp google =
        new LoopbackHttp(
            request ->
                request.path().equals("/token")
                    ? new LoopbackHttp.Response(
                        200,
                        "application/json",
                        "{\"access_token\":\"test-access-token\",\"expires_in\":3600,"
                            + "\"token_type\":\"Bearer\"}")
                    : new LoopbackHttp.Response(
                        403,
                        "application/json",
                        "{\"error\":{\"code\":403,\"message\":\"Permission denied\","
                            + "\"status\":\"PERMISSION_DENIED\"}}"))) {
      Path file = serviceAccount(google.url() + "/token", "rw-------");
      Kek kek =
          Keks.open("gcp-kms://" + NAME + "?credentials=" + file + "&endpoint=" + google.url());
      assertThatThrownBy(() -> kek.wrap(new byte[32], "veil-keyring-v2".getBytes()))
          .isInstanceOf(GeneralSecurityException.class)
          .hasMessageContaining("Cloud KMS refused or failed the call")
          .satisfies(e -> assertThat(chainText(e)).contains("403"));

      assertThat(google.requests)
          .extracting(LoopbackHttp.Request::path)
          .containsExactly("/token", "/v1/" + NAME + ":encrypt");
      assertThat(google.requests.get(0).body())
          .contains("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer");
      LoopbackHttp.Request encrypt = google.requests.get(1);
      assertThat(encrypt.method()).isEqualTo("POST");
      assertThat(encrypt.header("Authorization")).isEqualTo("Bearer test-access-token");
      assertThat(encrypt.body())
          .contains("\"plaintext\"")
          .contains("\"additionalAuthenticatedData\"")
          .doesNotContain(privateKeyBase64.substring(40, 80));
    }
  }

  @Test
  void unreachableKmsIsA58030NamingTheKeyAndNeverTheSecret() throws Exception {
    Path file = serviceAccount(closedEndpoint() + "/token", "rw-------");
    String uri = "gcp-kms://" + NAME + "?credentials=" + file + "&endpoint=" + closedEndpoint();
    Kek kek = Keks.open(uri);
    assertThat(kek.location()).isEqualTo("gcp-kms://" + NAME);

    Path keyring = dir.resolve("keyring.json");
    assertThatThrownBy(() -> Keyring.empty().withNewKey("pii").write(keyring, kek))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("gcp-kms://" + NAME)
        .satisfies(e -> assertThat(chainText(e)).contains("cannot reach Cloud KMS"))
        .satisfies(e -> assertThat(chainText(e)).doesNotContain(privateKeyBase64.substring(40, 80)))
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo("58030");
    assertThat(keyring).doesNotExist();
    assertThatThrownBy(() -> kek.unwrap(new byte[64], new byte[0]))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessageContaining("decrypt with gcp-kms://" + NAME + ": cannot reach Cloud KMS");
  }
}
