package dev.veil.keys;

import dev.veil.errors.VeilErrors;
import dev.veil.errors.VeilSqlState;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A cloud KMS KEK URI, {@code SCHEME://KEY[?option=value&...]}, taken apart and checked before any
 * SDK class is touched. Options name files and endpoints only, never a secret, so the URI may
 * appear whole in messages.
 */
final class KmsUri {
  private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

  final String uri;
  final String key;
  final Map<String, String> options;

  private KmsUri(String uri, String key, Map<String, String> options) {
    this.uri = uri;
    this.key = key;
    this.options = options;
  }

  /**
   * Splits {@code kekUri} into the key name after {@code prefix} and its options.
   *
   * @param form the URI's documented form, for messages
   */
  static KmsUri parse(String kekUri, String prefix, Set<String> allowed, String form)
      throws SQLException {
    String rest = kekUri.substring(prefix.length());
    int question = rest.indexOf('?');
    String key = question < 0 ? rest : rest.substring(0, question);
    Map<String, String> options = new LinkedHashMap<>();
    if (question >= 0) {
      for (String pair : rest.substring(question + 1).split("&", -1)) {
        int equals = pair.indexOf('=');
        String name = equals < 0 ? pair : pair.substring(0, equals);
        if (equals < 1 || equals == pair.length() - 1 || !allowed.contains(name)) {
          throw invalid(kekUri, "option '" + pair + "' is not one of " + allowed, form);
        }
        if (options.put(name, pair.substring(equals + 1)) != null) {
          throw invalid(kekUri, "option " + name + " is given twice", form);
        }
      }
    }
    return new KmsUri(kekUri, key, options);
  }

  static SQLException invalid(String kekUri, String problem, String form) {
    return VeilErrors.of(
        VeilSqlState.CONFIGURATION,
        "'" + kekUri + "' is not a usable KEK URI (" + problem + "); write " + form);
  }

  /** The URI without its options: what the keyring records and messages show. */
  String location(String prefix) {
    return prefix + key;
  }

  /** The {@code credentials} option as a file that exists and only its owner can read. */
  Path credentialsFile(String what) throws SQLException {
    String value = options.get("credentials");
    if (value == null) {
      return null;
    }
    Path file = Path.of(value);
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw VeilErrors.of(
          VeilSqlState.CONFIGURATION,
          "the " + what + " " + file + " named in " + uri + " does not exist or is unreadable");
    }
    try {
      FileKekProvider.requireOwnerOnly(file, what);
    } catch (IOException e) {
      throw VeilErrors.of(
          VeilSqlState.CONFIGURATION, "cannot check the " + what + " " + file + ": " + e, e);
    }
    return file;
  }

  /**
   * The {@code endpoint} option, or {@code null}: an https URL, or http to this machine only (a
   * local emulator), since a wrap sends key material and credentials to it.
   */
  String endpoint(String form) throws SQLException {
    String value = options.get("endpoint");
    if (value == null) {
      return null;
    }
    try {
      URI endpoint = new URI(value);
      String host = endpoint.getHost();
      if (host != null
          && ("https".equals(endpoint.getScheme())
              || "http".equals(endpoint.getScheme()) && LOOPBACK.contains(host))) {
        return value;
      }
    } catch (URISyntaxException e) {
      throw invalid(uri, "endpoint is not a URL", form);
    }
    throw invalid(
        uri, "endpoint must be an https:// URL (http:// only to localhost or 127.0.0.1)", form);
  }

  /**
   * Fails with a message naming the artifact to add when the optional SDK integration is absent.
   * The class name is a literal on purpose: the shaded jar relocates it along with Tink, where the
   * integration is not bundled, so the check fails there as it should.
   */
  static void requireIntegration(String className, String scheme, String artifact)
      throws SQLException {
    try {
      Class.forName(className, false, KmsUri.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      boolean shaded = com.google.crypto.tink.Aead.class.getName().startsWith("dev.veil.");
      throw VeilErrors.of(
          VeilSqlState.CONFIGURATION,
          scheme
              + " KEKs need Tink's KMS integration, which is not on the class path: "
              + (shaded
                  ? "the self-contained veil.jar does not bundle it; use the veil-driver artifact"
                      + " and add "
                  : "add ")
              + artifact
              + " (with its dependencies) to the application");
    }
  }
}
