package dev.veil.keys;

import dev.veil.errors.VeilErrors;
import dev.veil.errors.VeilSqlState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

/** {@code file:/path}: the KEK is base64 of 32 bytes in that file. */
public final class FileKekProvider implements KekProvider {
  private static final String PREFIX = "file:";

  @Override
  public boolean supports(String kekUri) {
    return kekUri.startsWith(PREFIX);
  }

  @Override
  public Kek open(String kekUri) throws SQLException {
    String location = kekUri.substring(PREFIX.length());
    if (location.startsWith("//")) {
      location = location.substring(2);
    }
    Path path = Path.of(location);
    try {
      return RawKek.fromBase64(
          Files.readString(path, StandardCharsets.US_ASCII), "file " + path, kekUri);
    } catch (IOException e) {
      throw VeilErrors.of(
          VeilSqlState.KEY_ACCESS, "cannot read the KEK file " + path + ": " + e, e);
    }
  }
}
