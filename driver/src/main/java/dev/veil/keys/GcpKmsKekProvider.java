package dev.veil.keys;

import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.cloudkms.v1.CloudKMS;
import com.google.api.services.cloudkms.v1.CloudKMSScopes;
import com.google.auth.http.HttpCredentialsAdapter;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.crypto.tink.integration.gcpkms.GcpKmsAead;
import dev.veil.errors.VeilErrors;
import dev.veil.errors.VeilSqlState;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code gcp-kms://projects/P/locations/L/keyRings/R/cryptoKeys/K}: a symmetric Cloud KMS key, used
 * through Tink's {@code tink-gcpkms} integration; every wrap and unwrap is a Cloud KMS {@code
 * encrypt}/{@code decrypt} call, and the key never leaves Cloud KMS.
 *
 * <p>Options, after {@code ?} and joined by {@code &}:
 *
 * <ul>
 *   <li>{@code credentials=/path}: a service-account (or other Google credentials) JSON file,
 *       readable by its owner only; without it, Application Default Credentials ({@code
 *       GOOGLE_APPLICATION_CREDENTIALS}, gcloud's file, the metadata server).
 *   <li>{@code endpoint=https://...}: another Cloud KMS root URL, e.g. a Private Service Connect
 *       endpoint.
 * </ul>
 *
 * <p>Needs {@code com.google.crypto.tink:tink-gcpkms} on the class path, which the self-contained
 * {@code veil.jar} does not bundle; without it, {@link #open} says what to add.
 */
public final class GcpKmsKekProvider implements KekProvider {
  static final String PREFIX = "gcp-kms://";
  private static final String FORM =
      "gcp-kms://projects/PROJECT/locations/LOCATION/keyRings/RING/cryptoKeys/KEY, optionally"
          + " followed by ?credentials=/path/credentials.json&endpoint=https://...";
  private static final Pattern KEY_NAME =
      Pattern.compile(
          "projects/[a-z][a-z0-9.:-]{0,62}/locations/[a-z0-9-]{1,63}"
              + "/keyRings/[A-Za-z0-9_-]{1,63}/cryptoKeys/[A-Za-z0-9_-]{1,63}");

  /** A parsed and checked {@code gcp-kms://} URI; {@code credentials} null means ADC. */
  record Key(String location, String name, Path credentials, String endpoint) {}

  @Override
  public boolean supports(String kekUri) {
    return kekUri.startsWith(PREFIX);
  }

  @Override
  public Kek open(String kekUri) throws SQLException {
    Key key = parse(kekUri);
    KmsUri.requireIntegration(
        "com.google.crypto.tink.integration.gcpkms.GcpKmsAead",
        "gcp-kms://",
        "the Maven artifact com.google.crypto.tink:tink-gcpkms:1.10.0");
    return Sdk.open(key);
  }

  /** Parses and checks the URI and the file it names; touches neither the SDK nor the network. */
  static Key parse(String kekUri) throws SQLException {
    KmsUri uri = KmsUri.parse(kekUri, PREFIX, Set.of("credentials", "endpoint"), FORM);
    if (!KEY_NAME.matcher(uri.key).matches()) {
      throw KmsUri.invalid(
          kekUri,
          "'" + uri.key + "' is not a Cloud KMS crypto key name (a key, not a key version)",
          FORM);
    }
    return new Key(
        uri.location(PREFIX),
        uri.key,
        uri.credentialsFile("Google credentials file"),
        uri.endpoint(FORM));
  }

  /** Everything that touches the Google libraries, loaded only once they are known present. */
  static final class Sdk {
    private Sdk() {}

    static Kek open(Key key) throws SQLException {
      GoogleCredentials credentials = credentials(key);
      if (credentials.createScopedRequired()) {
        credentials = credentials.createScoped(CloudKMSScopes.all());
      }
      CloudKMS.Builder builder =
          new CloudKMS.Builder(
                  new NetHttpTransport(),
                  GsonFactory.getDefaultInstance(),
                  new HttpCredentialsAdapter(credentials))
              .setApplicationName("veil");
      if (key.endpoint() != null) {
        builder.setRootUrl(key.endpoint().endsWith("/") ? key.endpoint() : key.endpoint() + "/");
      }
      return new CloudKek(new GcpKmsAead(builder.build(), key.name()), "Cloud KMS", key.location());
    }

    private static GoogleCredentials credentials(Key key) throws SQLException {
      if (key.credentials() != null) {
        try (InputStream in = Files.newInputStream(key.credentials())) {
          return GoogleCredentials.fromStream(in);
        } catch (IOException | RuntimeException e) {
          throw VeilErrors.of(
              VeilSqlState.CONFIGURATION,
              "the Google credentials file "
                  + key.credentials()
                  + " is not usable ("
                  + e.getClass().getSimpleName()
                  + "); download a service-account key file or use Application Default"
                  + " Credentials",
              e);
        }
      }
      try {
        return GoogleCredentials.getApplicationDefault();
      } catch (IOException e) {
        throw VeilErrors.of(
            VeilSqlState.CONFIGURATION,
            "no Google Application Default Credentials for "
                + key.location()
                + "; set GOOGLE_APPLICATION_CREDENTIALS, run 'gcloud auth application-default"
                + " login', or add ?credentials=/path/credentials.json",
            e);
      }
    }
  }
}
