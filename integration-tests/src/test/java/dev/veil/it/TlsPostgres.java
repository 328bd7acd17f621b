package dev.veil.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The TLS test cluster that {@code scripts/test-databases.sh} provisions (127.0.0.1:55433, ssl off
 * until this fixture turns it on). The fixture installs this run's certificates through the
 * plaintext {@code postgres} login that only this cluster's pg_hba.conf allows, writing them into
 * the data directory with {@code COPY ... TO PROGRAM}, so that the server's own account owns them
 * and only it can read them.
 */
final class TlsPostgres {
  static final String URL =
      System.getenv()
          .getOrDefault("VEIL_IT_PG_TLS_URL", "jdbc:postgresql://127.0.0.1:55433/veil_test");
  static final int PORT = Integer.parseInt(URL.replaceAll(".*:(\\d+)/.*", "$1"));

  final TestPki pki;
  final TestPki.Issued server;

  private TlsPostgres(TestPki pki, TestPki.Issued server) {
    this.pki = pki;
    this.server = server;
  }

  /**
   * Installs a new CA's server certificate for {@code localhost} only (valid for {@code
   * serverDays}), and the CA as the one client certificates must chain to, and turns TLS on.
   */
  static TlsPostgres start(Path dir, int serverDays) throws Exception {
    TestPki pki = TestPki.create(dir, "Veil Test CA");
    TestPki.Issued server = pki.server("localhost", serverDays);
    try (Connection admin = admin();
        Statement sql = admin.createStatement()) {
      String data;
      try (ResultSet row = sql.executeQuery("SHOW data_directory")) {
        row.next();
        data = row.getString(1);
      }
      write(sql, data + "/veil-server.crt", server.certificatePem());
      write(sql, data + "/veil-server.key", server.keyPemText());
      write(sql, data + "/veil-ca.crt", Files.readString(pki.ca.certPem()));
      sql.execute("ALTER SYSTEM SET ssl_cert_file = 'veil-server.crt'");
      sql.execute("ALTER SYSTEM SET ssl_key_file = 'veil-server.key'");
      sql.execute("ALTER SYSTEM SET ssl_ca_file = 'veil-ca.crt'");
      sql.execute("ALTER SYSTEM RESET ssl_max_protocol_version");
      sql.execute("ALTER SYSTEM SET ssl = on");
      sql.execute("SELECT pg_reload_conf()");
    }
    TlsPostgres cluster = new TlsPostgres(pki, server);
    cluster.awaitServing(server.certificate().getSerialNumber().toString(16));
    return cluster;
  }

  /** Caps the server's TLS protocol, e.g. at {@code TLSv1.2}; {@code null} lifts the cap. */
  void maxProtocol(String version) throws Exception {
    try (Connection admin = admin();
        Statement sql = admin.createStatement()) {
      sql.execute(
          version == null
              ? "ALTER SYSTEM RESET ssl_max_protocol_version"
              : "ALTER SYSTEM SET ssl_max_protocol_version = '" + version + "'");
      sql.execute("SELECT pg_reload_conf()");
    }
    // A reload applies to backends started after it; give the postmaster a moment to read it.
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline) {
      try (Connection admin = admin();
          Statement sql = admin.createStatement();
          ResultSet row = sql.executeQuery("SHOW ssl_max_protocol_version")) {
        row.next();
        if (row.getString(1).equals(version == null ? "" : version)) {
          return;
        }
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("ssl_max_protocol_version did not become " + version);
  }

  /** The fixture's own plaintext superuser connection, without Veil. */
  static Connection admin() throws SQLException {
    Properties info = new Properties();
    info.setProperty("user", "postgres");
    info.setProperty("sslmode", "disable");
    return Database.connect("the TLS test cluster", URL, info, "scripts/test-databases.sh");
  }

  /** {@code URL} for {@code host} instead of 127.0.0.1, as a Veil URL. */
  static String veilUrl(String host) {
    return "jdbc:veil:" + URL.substring("jdbc:".length()).replace("127.0.0.1", host);
  }

  private void awaitServing(String serial) throws Exception {
    long deadline = System.nanoTime() + 15_000_000_000L;
    SQLException last = null;
    while (System.nanoTime() < deadline) {
      Properties info = new Properties();
      info.setProperty("user", "veil_app");
      info.setProperty("sslmode", "verify-ca");
      info.setProperty("sslrootcert", pki.ca.certPem().toString());
      try (Connection probe = DriverManager.getConnection(URL, info)) {
        return;
      } catch (SQLException e) {
        last = e;
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException(
        "the TLS cluster did not start serving certificate " + serial, last);
  }

  private static void write(Statement sql, String path, String pem)
      throws SQLException, IOException {
    if (!pem.matches("[-A-Za-z0-9+/=\\s]+")) {
      throw new IOException("not PEM text: " + path);
    }
    // COPY TO a file makes it world-readable, which PostgreSQL refuses for a key; a program run
    // by the server with umask 077 writes it owner-only.
    sql.execute(
        "COPY (SELECT line FROM unnest(string_to_array('"
            + pem.strip()
            + "', E'\\n')) WITH ORDINALITY AS t(line, n) ORDER BY n) TO PROGRAM 'umask 077; cat > "
            + path
            + ".new && mv -f "
            + path
            + ".new "
            + path
            + "'");
  }
}
