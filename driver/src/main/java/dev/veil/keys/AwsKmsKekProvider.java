package dev.veil.keys;

import com.amazonaws.auth.AWSCredentialsProvider;
import com.amazonaws.auth.DefaultAWSCredentialsProviderChain;
import com.amazonaws.auth.profile.ProfileCredentialsProvider;
import com.amazonaws.auth.profile.ProfilesConfigFile;
import com.amazonaws.client.builder.AwsClientBuilder;
import com.amazonaws.services.kms.AWSKMSClientBuilder;
import com.google.crypto.tink.integration.awskms.AwsKmsAead;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code aws-kms://arn:aws:kms:REGION:ACCOUNT:key/ID} (or {@code alias/NAME}): a symmetric AWS KMS
 * key, used through Tink's {@code tink-awskms} integration; every wrap and unwrap is a KMS {@code
 * Encrypt}/{@code Decrypt} call, and the key never leaves KMS.
 *
 * <p>Options, after {@code ?} and joined by {@code &}:
 *
 * <ul>
 *   <li>{@code credentials=/path}: an AWS credentials file (readable by its owner only); without
 *       it, the AWS SDK's default chain (environment, system properties, web identity, {@code
 *       ~/.aws/credentials}, container and instance roles).
 *   <li>{@code profile=NAME}: the profile in that file, or in {@code ~/.aws/credentials}; {@code
 *       default} by default.
 *   <li>{@code endpoint=https://...}: another endpoint for the key's region, e.g. a VPC endpoint.
 * </ul>
 *
 * <p>Needs {@code com.google.crypto.tink:tink-awskms} on the class path, which the self-contained
 * {@code veil.jar} does not bundle; without it, {@link #open} says what to add.
 */
public final class AwsKmsKekProvider implements KekProvider {
  static final String PREFIX = "aws-kms://";
  private static final String FORM =
      "aws-kms://arn:aws:kms:REGION:ACCOUNT:key/KEY-ID (or alias/NAME), optionally followed by"
          + " ?credentials=/path&profile=NAME&endpoint=https://...";
  private static final Pattern ARN =
      Pattern.compile(
          "arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-[a-z])"
              + ":kms:([a-z]{2}(?:-[a-z]+)+-[0-9]+):([0-9]{12})"
              + ":(key/[A-Za-z0-9-]{1,128}|alias/[A-Za-z0-9/_-]{1,250})");

  /** The choice of AWS credentials that a URI's options make, before any SDK class is loaded. */
  record Credentials(Path file, String profile) {
    /** Whether the SDK's default provider chain decides. */
    boolean defaultChain() {
      return file == null && profile == null;
    }
  }

  /** A parsed and checked {@code aws-kms://} URI. */
  record Key(
      String location, String arn, String region, Credentials credentials, String endpoint) {}

  @Override
  public boolean supports(String kekUri) {
    return kekUri.startsWith(PREFIX);
  }

  @Override
  public Kek open(String kekUri) throws SQLException {
    Key key = parse(kekUri);
    KmsUri.requireIntegration(
        "com.google.crypto.tink.integration.awskms.AwsKmsAead",
        "aws-kms://",
        "the Maven artifact com.google.crypto.tink:tink-awskms:1.11.0");
    return Sdk.open(key);
  }

  /** Parses and checks the URI and the files it names; touches neither the SDK nor the network. */
  static Key parse(String kekUri) throws SQLException {
    KmsUri uri = KmsUri.parse(kekUri, PREFIX, Set.of("credentials", "profile", "endpoint"), FORM);
    Matcher arn = ARN.matcher(uri.key);
    if (!arn.matches()) {
      throw KmsUri.invalid(kekUri, "'" + uri.key + "' is not an AWS KMS key or alias ARN", FORM);
    }
    Path file = uri.credentialsFile("AWS credentials file");
    String profile = uri.options.get("profile");
    return new Key(
        uri.location(PREFIX),
        uri.key,
        arn.group(2),
        new Credentials(file, profile),
        uri.endpoint(FORM));
  }

  /** Everything that touches the AWS SDK, loaded only once the integration is known present. */
  static final class Sdk {
    private Sdk() {}

    static Kek open(Key key) {
      AWSKMSClientBuilder builder =
          AWSKMSClientBuilder.standard().withCredentials(credentials(key.credentials()));
      if (key.endpoint() == null) {
        builder.withRegion(key.region());
      } else {
        builder.withEndpointConfiguration(
            new AwsClientBuilder.EndpointConfiguration(key.endpoint(), key.region()));
      }
      return new CloudKek(new AwsKmsAead(builder.build(), key.arn()), "AWS KMS", key.location());
    }

    static AWSCredentialsProvider credentials(Credentials choice) {
      String profile = choice.profile() == null ? "default" : choice.profile();
      if (choice.file() != null) {
        return new ProfileCredentialsProvider(
            new ProfilesConfigFile(choice.file().toFile()), profile);
      }
      if (choice.profile() != null) {
        return new ProfileCredentialsProvider(profile);
      }
      return DefaultAWSCredentialsProviderChain.getInstance();
    }
  }
}
