package dev.veil.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TlsProtocolsTest {

  @ParameterizedTest
  @CsvSource({
    "TLSv1.3, TLSv1.2, true",
    "TLSv1.2, TLSv1.2, true",
    "TLSv1.2, TLSv1.3, false",
    "TLSv1.1, TLSv1.2, false",
    "TLSv1, TLSv1.2, false",
    "SSLv3, TLSv1.2, false",
    "TLSv9, TLSv1.2, false",
    "'', TLSv1.2, false"
  })
  void ordersProtocolsAndNeverAcceptsAnUnknownOne(String negotiated, String min, boolean ok) {
    assertThat(TlsProtocols.atLeast(negotiated, min)).isEqualTo(ok);
  }

  @Test
  void readsTheCertificateExpiryAsOpenSslPrintsIt() {
    assertThat(MySqlFamilyTls.notAfter("Dec  5 11:27:05 2027 GMT"))
        .isEqualTo(Instant.parse("2027-12-05T11:27:05Z"));
    assertThat(MySqlFamilyTls.notAfter("Jan 15 00:00:00 2030 GMT"))
        .isEqualTo(Instant.parse("2030-01-15T00:00:00Z"));
    assertThat(MySqlFamilyTls.notAfter("")).isNull();
    assertThat(MySqlFamilyTls.notAfter("garbage")).isNull();
  }
}
