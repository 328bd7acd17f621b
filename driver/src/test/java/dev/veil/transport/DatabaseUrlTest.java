package dev.veil.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseUrlTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "jdbc:postgresql://db.example.com:5432/app          | db.example.com",
        "jdbc:postgresql://h1:5432,h2:5433/app?sslmode=x     | h1,h2",
        "jdbc:postgresql://[::1]:5432/app                     | [::1]",
        "jdbc:postgresql:app                                  | localhost",
        "jdbc:postgresql://127.0.0.1/app?PGHOST=evil.example  | 127.0.0.1,evil.example",
        "jdbc:mariadb://127.0.0.1:3306/test                   | 127.0.0.1",
        "jdbc:mariadb:replication://primary,replica:3307/test | primary,replica",
        "jdbc:mariadb://address=(host=a.example)(port=3306),address=(host=localhost)/db | "
            + "a.example,localhost",
        "jdbc:mysql://localhost/test?sslMode=DISABLED         | localhost",
        "jdbc:h2:tcp://db.example.com:9092/~/test             | db.example.com",
        "jdbc:h2:ssl://localhost/mem:x                        | localhost",
      })
  void namesEveryHostTheUrlCouldReach(String url, String hosts) {
    assertThat(DatabaseUrl.parse(url).hosts()).containsExactly(hosts.split(","));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "jdbc:h2:mem:test",
        "jdbc:h2:./data/test",
        "jdbc:h2:file:/tmp/x;MODE=PostgreSQL",
        "jdbc:h2:zip:/tmp/x.zip!/db"
      })
  void treatsEmbeddedH2AsNoNetwork(String url) {
    assertThat(DatabaseUrl.parse(url).network()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"localhost", "LOCALHOST", "127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost."})
  void recognisesLoopbackByAddressOrReservedName(String host) {
    assertThat(DatabaseUrl.isLoopback(host)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "localhost.example.com",
        "127.0.0.256",
        "10.0.0.1",
        "0.0.0.0",
        "db",
        "::2",
        "127.0.0.1.nip.io"
      })
  void doesNotTrustNamesThatOnlyResolveToLoopback(String host) {
    assertThat(DatabaseUrl.isLoopback(host)).isFalse();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "jdbc:postgresql://127.0.0.1/app                    | true",
        "jdbc:postgresql://127.0.0.1,db.example.com/app     | false",
        "jdbc:postgresql://localhost/app?PGHOST=db.example  | false",
        "jdbc:oracle:thin:@localhost:1521:xe                | false",
      })
  void isLoopbackOnlyWhenEveryHostIs(String url, boolean loopback) {
    assertThat(DatabaseUrl.parse(url).loopbackOnly()).isEqualTo(loopback);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "jdbc:postgresql://h/app?sslmode=verify-full&ssl=true | sslmode | verify-full",
        "jdbc:postgresql://h/app?SSLMODE=disable             | sslmode | disable",
        "jdbc:postgresql://h/app?sslmode=%64isable           | sslmode | disable",
        "jdbc:mariadb://h/db?sslMode=trust&x=1               | sslmode | trust",
      })
  void readsParametersInAnyLetterCaseAndDecoded(String url, String name, String value) {
    assertThat(DatabaseUrl.parse(url).values(name)).containsExactly(value);
  }
}
