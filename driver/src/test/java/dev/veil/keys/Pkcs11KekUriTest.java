package dev.veil.keys;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pkcs11: URI is checked before any token is touched, so these need no SoftHSM2. */
class Pkcs11KekUriTest {
  private final Pkcs11KekProvider provider = SoftHsm.provider(SoftHsm.PIN);

  @TempDir Path dir;

  @Test
  void refusesMalformedUrisBeforeTouchingAToken() {
    for (String uri :
        List.of(
            "pkcs11:key=k",
            "pkcs11:config=/x.cfg",
            "pkcs11:config=/x.cfg;key=k;colour=blue",
            "pkcs11:config=/x.cfg;key=k;slot=one",
            "pkcs11:config=/x.cfg;key=k;slot=1;slotListIndex=0",
            "pkcs11:config=/x.cfg;key=k;key=j",
            "pkcs11:config=/x.cfg;key=k;pinEnv=not a name")) {
      assertThatThrownBy(() -> provider.open(uri))
          .hasMessageContaining("pkcs11:config=/path/pkcs11.cfg;key=LABEL")
          .extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("F0000");
    }
    assertThatThrownBy(() -> provider.open("pkcs11:config=" + dir.resolve("none.cfg") + ";key=k"))
        .hasMessageContaining("does not exist");
  }
}
