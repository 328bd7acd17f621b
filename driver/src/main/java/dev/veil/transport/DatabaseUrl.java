package dev.veil.transport;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a delegate URL says about the network: which database, which hosts, and its parameters.
 * Parsed here rather than by the delegate driver so that Veil's decision does not depend on a
 * vendor class; where the URL could be read more than one way, every reading counts.
 *
 * @param subprotocol the part after {@code jdbc:}, lower case: {@code postgresql}, {@code mariadb}
 * @param hosts every host the URL names (empty where Veil cannot tell)
 * @param network whether the URL reaches a server over the network at all ({@code false} for an
 *     in-memory or embedded database)
 * @param parameters URL parameters, names lower case, each with every value it was given
 */
record DatabaseUrl(
    String subprotocol, List<String> hosts, boolean network, Map<String, List<String>> parameters) {

  private static final Pattern IPV4_LOOPBACK =
      Pattern.compile("127(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final Pattern ADDRESS_HOST = Pattern.compile("(?i)\\(host=([^)]*)\\)");

  DatabaseUrl {
    hosts = List.copyOf(hosts);
    parameters = Map.copyOf(parameters);
  }

  static DatabaseUrl parse(String delegateUrl) {
    String rest = delegateUrl.substring("jdbc:".length());
    int colon = rest.indexOf(':');
    String subprotocol =
        (colon < 0 ? rest : rest.substring(0, colon)).toLowerCase(Locale.ROOT).strip();
    String body = colon < 0 ? "" : rest.substring(colon + 1);
    return switch (subprotocol) {
      case "postgresql" -> postgres(body);
      case "mariadb", "mysql" -> mysqlFamily(subprotocol, body);
      case "h2" -> h2(body);
      default -> new DatabaseUrl(subprotocol, List.of(), true, Map.of());
    };
  }

  /** Whether every host is this machine, by address or by the reserved name, never by DNS. */
  boolean loopbackOnly() {
    return !hosts.isEmpty() && hosts.stream().allMatch(DatabaseUrl::isLoopback);
  }

  /** Every value of the parameters named, in any letter case. */
  List<String> values(String name) {
    return parameters.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
  }

  /**
   * A name resolved through DNS or a hosts file could point anywhere, so only the literal loopback
   * addresses and the name {@code localhost} (RFC 6761 reserves it) count.
   */
  static boolean isLoopback(String host) {
    String h = host.strip().toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h.equals("localhost")
        || h.equals("localhost.")
        || IPV4_LOOPBACK.matcher(h).matches()
        || h.equals("::1")
        || h.equals("0:0:0:0:0:0:0:1");
  }

  private static DatabaseUrl postgres(String body) {
    int query = body.indexOf('?');
    String path = query < 0 ? body : body.substring(0, query);
    Map<String, List<String>> parameters =
        query < 0 ? Map.of() : parameters(body.substring(query + 1), '&', true);
    List<String> hosts = new ArrayList<>();
    if (path.startsWith("//")) {
      int end = path.indexOf('/', 2);
      hosts.addAll(hostList(path.substring(2, end < 0 ? path.length() : end)));
    }
    if (hosts.isEmpty()) {
      hosts.add("localhost");
    }
    // pgjdbc lets a PGHOST parameter replace the host part, so it is a host too.
    for (String pgHost : parameters.getOrDefault("pghost", List.of())) {
      hosts.addAll(hostList(pgHost));
    }
    return new DatabaseUrl("postgresql", hosts, true, parameters);
  }

  private static DatabaseUrl mysqlFamily(String subprotocol, String body) {
    int authority = body.indexOf("//");
    String rest = authority < 0 ? "" : body.substring(authority + 2);
    int query = rest.indexOf('?');
    Map<String, List<String>> parameters =
        query < 0 ? Map.of() : parameters(rest.substring(query + 1), '&', false);
    String hostPart = query < 0 ? rest : rest.substring(0, query);
    int slash = hostPart.indexOf('/');
    hostPart = slash < 0 ? hostPart : hostPart.substring(0, slash);
    List<String> hosts = new ArrayList<>();
    Matcher address = ADDRESS_HOST.matcher(hostPart);
    boolean addressForm = false;
    while (address.find()) {
      addressForm = true;
      hosts.add(address.group(1).strip());
    }
    if (!addressForm) {
      hosts.addAll(hostList(hostPart));
    }
    if (hosts.isEmpty()) {
      hosts.add("localhost");
    }
    return new DatabaseUrl(subprotocol, hosts, true, parameters);
  }

  private static DatabaseUrl h2(String body) {
    String lower = body.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("tcp://") && !lower.startsWith("ssl://")) {
      return new DatabaseUrl("h2", List.of(), false, Map.of());
    }
    String rest = body.substring("tcp://".length());
    int end = rest.indexOf('/');
    String scheme = lower.substring(0, 3);
    return new DatabaseUrl(
        "h2",
        hostList(end < 0 ? rest : rest.substring(0, end)),
        true,
        Map.of("h2.transport", List.of(scheme)));
  }

  /** {@code host1:5432,[::1]:5433,host3} as host names without ports. */
  private static List<String> hostList(String part) {
    List<String> hosts = new ArrayList<>();
    for (String entry : part.split(",")) {
      String hostAndPort = entry.strip();
      int at = hostAndPort.lastIndexOf('@');
      if (at >= 0) {
        hostAndPort = hostAndPort.substring(at + 1);
      }
      if (hostAndPort.isEmpty()) {
        continue;
      }
      String host;
      if (hostAndPort.startsWith("[")) {
        int close = hostAndPort.indexOf(']');
        host = close < 0 ? hostAndPort : hostAndPort.substring(0, close + 1);
      } else {
        int port = hostAndPort.indexOf(':');
        host = port < 0 ? hostAndPort : hostAndPort.substring(0, port);
      }
      if (!host.isEmpty()) {
        hosts.add(host);
      }
    }
    return hosts;
  }

  private static Map<String, List<String>> parameters(
      String query, char separator, boolean decode) {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    for (String pair : query.split(Pattern.quote(String.valueOf(separator)))) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      if (decode) {
        name = decode(name);
        value = decode(value);
      }
      parameters
          .computeIfAbsent(name.strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(value);
    }
    parameters.replaceAll((name, values) -> List.copyOf(values));
    return parameters;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }
}
