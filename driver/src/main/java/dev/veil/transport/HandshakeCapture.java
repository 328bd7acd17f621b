package dev.veil.transport;

import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.net.ssl.SSLSocket;

/**
 * Hands the TLS socket a delegate driver made back to the connect call that asked for it. Keyed by
 * a token per connect rather than by thread, because drivers may connect on a thread of their own
 * (pgjdbc does under a login timeout).
 */
final class HandshakeCapture {
  private static final ConcurrentMap<String, SSLSocket> SOCKETS = new ConcurrentHashMap<>();

  private HandshakeCapture() {}

  /** A fresh token for one connect. */
  static String newToken() {
    return UUID.randomUUID().toString();
  }

  /** Records the socket made for {@code token}; the last one wins, as drivers retry hosts. */
  static void offer(String token, SSLSocket socket) {
    if (token != null) {
      SOCKETS.put(token, socket);
    }
  }

  /** The socket made for {@code token}, or {@code null}, and forgets it. */
  static SSLSocket take(String token) {
    return SOCKETS.remove(token);
  }
}
