package dev.veil.transport;

import java.io.IOException;
import java.net.Socket;
import java.util.Properties;
import javax.net.ssl.SSLSocket;
import org.postgresql.ssl.LibPQFactory;
import org.postgresql.util.PSQLException;

/**
 * pgjdbc's own {@link LibPQFactory}, which verifies as {@code sslmode} says, that also hands the
 * TLS socket to Veil so that Veil can read the negotiated protocol, cipher and server certificate
 * from the JVM's side of the session. Veil names it in {@code sslfactory} only where the user left
 * {@code sslfactory} unset; pgjdbc instantiates it by name. Loaded only when pgjdbc is present.
 */
public final class VeilPgSslFactory extends LibPQFactory {
  /** The class name, for {@code sslfactory}, without loading this class. */
  static final String NAME = "dev.veil.transport.VeilPgSslFactory";

  private final String token;

  /**
   * Called by pgjdbc with the connection's properties; {@code sslfactoryarg} carries Veil's token.
   *
   * @param info the connection properties
   * @throws PSQLException as {@link LibPQFactory} does, for unreadable certificates or keys
   */
  public VeilPgSslFactory(Properties info) throws PSQLException {
    super(info);
    this.token = info.getProperty("sslfactoryarg");
  }

  @Override
  public Socket createSocket(Socket socket, String host, int port, boolean autoClose)
      throws IOException {
    Socket created = super.createSocket(socket, host, port, autoClose);
    if (created instanceof SSLSocket ssl) {
      HandshakeCapture.offer(token, ssl);
    }
    return created;
  }
}
