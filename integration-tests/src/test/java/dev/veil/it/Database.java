package dev.veil.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real database the integration suite runs against. PostgreSQL comes from {@code VEIL_IT_PG_URL}
 * (default: the cluster {@code scripts/test-databases.sh} starts). Under {@code CI=true} an
 * unreachable database fails the run; elsewhere its tests are skipped with the reason.
 */
enum Database {
  H2("jdbc:h2:mem:veil-it;DB_CLOSE_DELAY=-1", "sa", "", "VARBINARY(1000)"),
  POSTGRESQL(
      env("VEIL_IT_PG_URL", "jdbc:postgresql://127.0.0.1:55432/veil_test"),
      env("VEIL_IT_PG_USER", "postgres"),
      env("VEIL_IT_PG_PASSWORD", ""),
      "BYTEA"),
  MARIADB(
      env("VEIL_IT_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/test"),
      env("VEIL_IT_MARIADB_USER", "root"),
      env("VEIL_IT_MARIADB_PASSWORD", ""),
      "VARBINARY(1000)");

  final String url;
  final String user;
  final String password;
  final String binaryType;

  Database(String url, String user, String password, String binaryType) {
    this.url = url;
    this.user = user;
    this.password = password;
    this.binaryType = binaryType;
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  /** The Veil URL for this database. */
  String veilUrl() {
    return "jdbc:veil:" + url.substring("jdbc:".length());
  }

  Properties credentials() {
    Properties info = new Properties();
    info.setProperty("user", user);
    info.setProperty("password", password);
    return info;
  }

  /** A connection without Veil: what a DBA sees. */
  Connection raw() throws SQLException {
    return connect(
        toString(), url, credentials(), "scripts/test-databases.sh, or set VEIL_IT_PG_URL");
  }

  /**
   * A connection to one of the test servers. An unreachable server fails the test under {@code
   * CI=true} and aborts it elsewhere, saying what to run.
   */
  static Connection connect(String server, String url, Properties info, String remedy)
      throws SQLException {
    try {
      return DriverManager.getConnection(url, info);
    } catch (SQLException e) {
      String reason =
          server + " is not reachable at " + url + ": " + e.getMessage() + " (run " + remedy + ")";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        Assertions.fail(reason, e);
      }
      Assumptions.abort(reason);
      throw e;
    }
  }

  /** Drops and recreates the test tables. */
  void reset() throws SQLException {
    String binary = binaryType;
    String text = "VARCHAR(1000)";
    try (Connection connection = raw();
        Statement ddl = connection.createStatement()) {
      ddl.execute("DROP TABLE IF EXISTS patients");
      ddl.execute("DROP TABLE IF EXISTS samples");
      ddl.execute(
          "CREATE TABLE patients (id INT PRIMARY KEY, ssn "
              + text
              + ", mrn "
              + binary
              + ", name "
              + text
              + ", dob "
              + binary
              + ", balance "
              + text
              + ", note VARCHAR(100))");
      ddl.execute(
          "CREATE TABLE samples (id INT PRIMARY KEY, c_string "
              + text
              + ", c_int "
              + binary
              + ", c_long "
              + text
              + ", c_decimal "
              + binary
              + ", c_double "
              + text
              + ", c_boolean "
              + binary
              + ", c_date "
              + text
              + ", c_time "
              + binary
              + ", c_timestamp "
              + text
              + ", c_bytes "
              + binary
              + ", c_uuid "
              + text
              + ")");
    }
  }
}
