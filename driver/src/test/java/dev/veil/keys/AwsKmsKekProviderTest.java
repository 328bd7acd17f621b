package dev.veil.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.auth.AWSCredentials;
import com.amazonaws.auth.DefaultAWSCredentialsProviderChain;
import com.amazonaws.auth.profile.ProfileCredentialsProvider;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * aws-kms:// up to the network boundary: no AWS endpoint is reachable here, so every call goes to a
 * closed port on 127.0.0.1 and must fail as an unreachable KMS, never reach the internet.
 */
class AwsKmsKekProviderTest {
  private static final String ARN =
      "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  private static final String ACCESS_KEY = "AKIAVEILTESTEXAMPLE1";
  private static final String SECRET_KEY = "veilTestSecretAccessKeyThatMustNeverBeShown0";

  @TempDir Path dir;

  private Path credentialsFile(String permissions) throws Exception {
    Path file = dir.resolve("aws-credentials");
    Files.writeString(
        file,
        "[default]\naws_access_key_id = AKIAOTHERPROFILE0000\naws_secret_access_key = other\n\n"
            + "[veil]\naws_access_key_id = "
            + ACCESS_KEY
            + "\naws_secret_access_key = "
            + SECRET_KEY
            + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
    return file;
  }

  /** An endpoint on 127.0.0.1 where nothing listens. */
  private static String closedEndpoint() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return "http://127.0.0.1:" + socket.getLocalPort();
    }
  }

  @Test
  void parsesKeyAndAliasArnsWithTheirRegion() throws Exception {
    var key = AwsKmsKekProvider.parse("aws-kms://" + ARN);
    assertThat(key.arn()).isEqualTo(ARN);
    assertThat(key.region()).isEqualTo("eu-west-1");
    assertThat(key.location()).isEqualTo("aws-kms://" + ARN);
    assertThat(key.endpoint()).isNull();
    assertThat(key.credentials().defaultChain()).isTrue();

    var alias =
        AwsKmsKekProvider.parse(
            "aws-kms://arn:aws-us-gov:kms:us-gov-west-1:123456789012:alias/veil/kek");
    assertThat(alias.region()).isEqualTo("us-gov-west-1");
  }

  @Test
  void refusesUrisThatNameNoKmsKey() {
    for (String uri :
        List.of(
            "aws-kms://",
            "aws-kms://arn:aws:s3:::bucket",
            "aws-kms://arn:aws:kms:eu-west-1:12345:key/abc",
            "aws-kms://arn:aws:kms:eu-west-1:123456789012:secret/abc",
            "aws-kms://" + ARN + "?color=blue",
            "aws-kms://" + ARN + "?profile=",
            "aws-kms://" + ARN + "?profile=a&profile=b",
            "aws-kms://" + ARN + "?endpoint=ftp://kms.example",
            "aws-kms://" + ARN + "?endpoint=http://kms.example.com",
            "aws-kms://" + ARN + "?endpoint=http://10.0.0.1:4566",
            "aws-kms://" + ARN + "?endpoint=not a url")) {
      assertThatThrownBy(() -> Keks.open(uri))
          .as(uri)
          .hasMessageContaining("aws-kms://arn:aws:kms:REGION:ACCOUNT:key/KEY-ID")
          .extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("F0000");
    }
  }

  @Test
  void usesTheSdkDefaultChainUnlessACredentialsFileOrProfileIsGiven() throws Exception {
    var byDefault = AwsKmsKekProvider.parse("aws-kms://" + ARN).credentials();
    assertThat(AwsKmsKekProvider.Sdk.credentials(byDefault))
        .isInstanceOf(DefaultAWSCredentialsProviderChain.class);

    Path file = credentialsFile("rw-------");
    var fromFile =
        AwsKmsKekProvider.parse("aws-kms://" + ARN + "?credentials=" + file + "&profile=veil")
            .credentials();
    assertThat(fromFile.file()).isEqualTo(file);
    var provider = AwsKmsKekProvider.Sdk.credentials(fromFile);
    assertThat(provider).isInstanceOf(ProfileCredentialsProvider.class);
    AWSCredentials read = provider.getCredentials();
    assertThat(read.getAWSAccessKeyId()).isEqualTo(ACCESS_KEY);

    var defaultProfileOfFile =
        AwsKmsKekProvider.parse("aws-kms://" + ARN + "?credentials=" + file).credentials();
    assertThat(
            AwsKmsKekProvider.Sdk.credentials(defaultProfileOfFile)
                .getCredentials()
                .getAWSAccessKeyId())
        .isEqualTo("AKIAOTHERPROFILE0000");

    var namedProfile = AwsKmsKekProvider.parse("aws-kms://" + ARN + "?profile=prod").credentials();
    assertThat(namedProfile.defaultChain()).isFalse();
    assertThat(AwsKmsKekProvider.Sdk.credentials(namedProfile))
        .isInstanceOf(ProfileCredentialsProvider.class);
  }

  @Test
  void refusesACredentialsFileThatOthersCanRead() throws Exception {
    Path file = credentialsFile("rw-r--r--");
    assertThatThrownBy(() -> Keks.open("aws-kms://" + ARN + "?credentials=" + file))
        .hasMessageContaining("AWS credentials file " + file + " has mode 0644")
        .hasMessageContaining("chmod 600")
        .hasMessageNotContaining(SECRET_KEY);
    assertThatThrownBy(() -> Keks.open("aws-kms://" + ARN + "?credentials=" + dir.resolve("x")))
        .hasMessageContaining("does not exist");
  }

  @Test
  void unreachableKmsIsA58030NamingTheKeyAndNeverTheSecret() throws Exception {
    Path file = credentialsFile("rw-------");
    String uri =
        "aws-kms://" + ARN + "?credentials=" + file + "&profile=veil&endpoint=" + closedEndpoint();
    Kek kek = Keks.open(uri);
    assertThat(kek.location()).isEqualTo("aws-kms://" + ARN);

    Path keyring = dir.resolve("keyring.json");
    assertThatThrownBy(() -> Keyring.empty().withNewKey("pii").write(keyring, kek))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("aws-kms://" + ARN)
        .satisfies(e -> assertThat(chainText(e)).contains("cannot reach AWS KMS"))
        .satisfies(e -> assertThat(chainText(e)).doesNotContain(SECRET_KEY))
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo("58030");
    assertThat(keyring).doesNotExist();
    assertThatThrownBy(() -> kek.unwrap(new byte[64], new byte[0]))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessageContaining("decrypt with aws-kms://" + ARN + ": cannot reach AWS KMS");
  }

  @Test
  void defaultChainSignsWithWhatItFindsAndSaysSoWhenItFindsNothing() throws Exception {
    String uri = "aws-kms://" + ARN + "?endpoint=" + closedEndpoint();
    // The environment has no AWS credentials (driver/pom.xml removes them), and no instance
    // metadata lookups: the chain finds nothing before any request is sent.
    assertThatThrownBy(() -> Keks.open(uri).wrap(new byte[32], new byte[0]))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessageContaining("AWS KMS refused or failed the call")
        .hasMessageContaining("Unable to load AWS credentials from any provider in the chain");

    // The chain's second link, Java system properties, then signs the request, which only the
    // closed endpoint stops.
    System.setProperty("aws.accessKeyId", ACCESS_KEY);
    System.setProperty("aws.secretKey", SECRET_KEY);
    try {
      assertThatThrownBy(() -> Keks.open(uri).wrap(new byte[32], new byte[0]))
          .hasMessageContaining("cannot reach AWS KMS")
          .satisfies(e -> assertThat(chainText(e)).doesNotContain(SECRET_KEY));
    } finally {
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretKey");
    }
  }

  @Test
  void sendsASignedKmsEncryptForTheKeyToTheConfiguredEndpoint() throws Exception {
    Path file = credentialsFile("rw-------");
    try (LoopbackHttp kms =
        new LoopbackHttp(
            request ->
                new LoopbackHttp.Response(
                    400,
                    "application/x-amz-json-1.1",
                    "{\"__type\":\"AccessDeniedException\",\"message\":\"not allowed\"}"))) {
      Kek kek =
          Keks.open(
              "aws-kms://" + ARN + "?credentials=" + file + "&profile=veil&endpoint=" + kms.url());
      assertThatThrownBy(() -> kek.wrap(new byte[32], "veil-keyring-v2".getBytes()))
          .isInstanceOf(GeneralSecurityException.class)
          .hasMessageContaining("AWS KMS refused or failed the call")
          .satisfies(e -> assertThat(chainText(e)).contains("AccessDeniedException"));

      LoopbackHttp.Request sent = kms.requests.get(0);
      assertThat(sent.method()).isEqualTo("POST");
      assertThat(sent.header("X-Amz-Target")).isEqualTo("TrentService.Encrypt");
      assertThat(sent.header("Authorization"))
          .startsWith("AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY + "/")
          .contains("/eu-west-1/kms/aws4_request")
          .doesNotContain(SECRET_KEY);
      assertThat(sent.body())
          .contains("\"KeyId\":\"" + ARN + "\"")
          .contains("\"EncryptionContext\"")
          .doesNotContain(SECRET_KEY);
    }
  }

  static String chainText(Throwable e) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      text.append(t).append('\n');
      for (Throwable suppressed : t.getSuppressed()) {
        text.append(suppressed).append('\n');
      }
    }
    return text.toString();
  }
}
