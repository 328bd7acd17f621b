package dev.veil.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veil.jdbc.VeilConnection;
import dev.veil.transport.TlsSession;
import dev.veil.transport.TransportLevel;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.Properties;
import java.util.UUID;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * veil.transport through the driver, against a real H2 TCP server on loopback (plaintext). TLS
 * servers are in the integration tests.
 */
class TransportEnforcementTest {
  @TempDir Path dir;
  private TestSetup setup;
  private Server server;
  private String tcpUrl;

  @BeforeEach
  void startServer() throws Exception {
    setup = new TestSetup(dir);
    server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
    tcpUrl =
        "jdbc:veil:h2:tcp://127.0.0.1:"
            + server.getPort()
            + "/mem:"
            + UUID.randomUUID()
            + ";DB_CLOSE_DELAY=-1";
  }

  @AfterEach
  void stopServer() {
    server.stop();
  }

  private Properties with(String transport) {
    Properties properties = setup.properties();
    properties.setProperty("veil.transport", transport);
    return properties;
  }

  @Test
  void refusesAPlaintextProtocolWhenTlsIsRequired() {
    assertThatThrownBy(() -> DriverManager.getConnection(tcpUrl, with("require")))
        .isInstanceOf(SQLNonTransientConnectionException.class)
        .hasMessageContaining("H2's tcp:// protocol is plaintext")
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo("08V01");
  }

  @Test
  void refusesBeforeOpeningASocket() throws Exception {
    try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      String url = "jdbc:veil:h2:tcp://127.0.0.1:" + listener.getLocalPort() + "/mem:x";
      assertThatThrownBy(() -> DriverManager.getConnection(url, with("verify-full")))
          .isInstanceOf(SQLNonTransientConnectionException.class);
      // A client that had connected would be waiting in the backlog, even unaccepted.
      listener.setSoTimeout(300);
      assertThatThrownBy(listener::accept).isInstanceOf(SocketTimeoutException.class);
    }
  }

  @Test
  void connectsToALoopbackHostWithoutRequirementWhenUnset() throws SQLException {
    try (Connection connection = DriverManager.getConnection(tcpUrl, setup.properties())) {
      TlsSession tls = connection.unwrap(VeilConnection.class).transport();
      assertThat(tls.required()).isNull();
      assertThat(tls.encrypted()).isFalse();
    }
  }

  @Test
  void connectsInPlaintextOnlyWhenExplicitlyAllowed() throws SQLException {
    try (Connection connection = DriverManager.getConnection(tcpUrl, with("allow-plaintext"))) {
      TlsSession tls = connection.unwrap(VeilConnection.class).transport();
      assertThat(tls.required()).isEqualTo(TransportLevel.ALLOW_PLAINTEXT);
      assertThat(tls.encrypted()).isFalse();
    }
  }

  @Test
  void acceptsARequiredLevelForAnInProcessDatabase() throws SQLException {
    String memory = "jdbc:veil:h2:mem:" + UUID.randomUUID();
    try (Connection connection = DriverManager.getConnection(memory, with("verify-full"))) {
      assertThat(connection.unwrap(VeilConnection.class).transport().evidence())
          .isEqualTo("not checked");
    }
  }

  @Test
  void takesTheLevelFromTheDataSource() {
    VeilDataSource source = new VeilDataSource();
    source.setUrl(tcpUrl);
    Properties properties = setup.properties();
    source.setPolicy(properties.getProperty("veil.policy"));
    source.setKeyring(properties.getProperty("veil.keyring"));
    source.setKek(properties.getProperty("veil.kek"));
    source.setTransport("require");
    assertThatThrownBy(source::getConnection).hasMessageContaining("plaintext");
  }

  @Test
  void refusesAnUnknownLevelOrMinimumProtocol() {
    assertThatThrownBy(() -> DriverManager.getConnection(tcpUrl, with("verify-everything")))
        .hasMessageContaining("veil.transport must be verify-full, verify-ca, require or");
    Properties old = with("require");
    old.setProperty("veil.minTls", "TLSv1.1");
    assertThatThrownBy(() -> DriverManager.getConnection(tcpUrl, old))
        .hasMessageContaining("veil.minTls must be TLSv1.2 or TLSv1.3");
  }
}
