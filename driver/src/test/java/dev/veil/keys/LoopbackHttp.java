package dev.veil.keys;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

/**
 * An HTTP server on 127.0.0.1 standing where a cloud endpoint would be: it records what the SDK
 * sends and answers as told, so tests see the requests at the network boundary without leaving the
 * machine.
 */
final class LoopbackHttp implements AutoCloseable {
  /** One request as it arrived. */
  record Request(String method, String path, Map<String, List<String>> headers, String body) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> String.join(",", e.getValue()))
          .findFirst()
          .orElse(null);
    }
  }

  /** A canned answer. */
  record Response(int status, String contentType, String body) {}

  final List<Request> requests = new CopyOnWriteArrayList<>();
  private final HttpServer server;

  LoopbackHttp(Function<Request, Response> answer) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          Request request = read(exchange);
          requests.add(request);
          Response response = answer.apply(request);
          byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", response.contentType());
          exchange.sendResponseHeaders(response.status(), body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }

  private static Request read(HttpExchange exchange) throws IOException {
    InputStream body = exchange.getRequestBody();
    if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
      body = new GZIPInputStream(body);
    }
    return new Request(
        exchange.getRequestMethod(),
        exchange.getRequestURI().getPath(),
        Map.copyOf(exchange.getRequestHeaders()),
        new String(body.readAllBytes(), StandardCharsets.UTF_8));
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
