package dev.veil.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * Issue 7: the delegate driver's own statement caching stays in force under Veil. Veil prepares the
 * SQL it sends on the delegate connection, so pgjdbc's server-side prepared statements ({@code
 * prepareThreshold}) and MariaDB Connector/J's prepared-statement cache ({@code cachePrepStmts},
 * {@code prepStmtCacheSize}) serve repeated encrypted lookups, and every answer is right.
 */
class DelegateStatementCacheTest {
  private static final String POLICY =
      """
      version: 1
      tables:
        dc_patients:
          columns:
            ssn: { encrypt: deterministic, type: string, key: pii }
      """;

  private static final String LOOKUP = "SELECT id FROM dc_patients WHERE ssn = ?";
  private static final int ROWS = 50;

  private static HikariDataSource pool(Database database, String urlSettings) {
    KeyringFixture keys = KeyringFixture.create(POLICY, "pii");
    HikariConfig config = new HikariConfig();
    String url = database.veilUrl();
    config.setJdbcUrl(url + (url.contains("?") ? "&" : "?") + urlSettings);
    keys.properties(database)
        .forEach((name, value) -> config.addDataSourceProperty((String) name, value));
    config.setMaximumPoolSize(1);
    return new HikariDataSource(config);
  }

  /** Fills the table through Veil, then looks every row up by its ciphertext on one connection. */
  private static void insertAndLookUpEveryRow(Connection connection) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement("INSERT INTO dc_patients (id, ssn) VALUES (?, ?)")) {
      for (int id = 1; id <= ROWS; id++) {
        insert.setInt(1, id);
        insert.setString(2, "ssn-" + id);
        insert.executeUpdate();
      }
    }
    for (int id = 1; id <= ROWS; id++) {
      try (PreparedStatement find = connection.prepareStatement(LOOKUP)) {
        find.setString(1, "ssn-" + id);
        try (ResultSet rows = find.executeQuery()) {
          assertThat(rows.next()).isTrue();
          assertThat(rows.getInt(1)).isEqualTo(id);
          assertThat(rows.next()).isFalse();
        }
      }
    }
  }

  private static long count(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      assertThat(rows.next()).isTrue();
      return rows.getLong(rows.getMetaData().getColumnCount());
    }
  }

  @Test
  void pgjdbcServesRepeatedEncryptedLookupsFromServerSidePreparedStatements() throws SQLException {
    Database database = Database.POSTGRESQL;
    KeyringFixture.recreate(database, "dc_patients", "id INT PRIMARY KEY, ssn VARCHAR(200)");
    try (HikariDataSource pool =
            pool(database, "prepareThreshold=1&preparedStatementCacheQueries=16");
        Connection connection = pool.getConnection()) {
      insertAndLookUpEveryRow(connection);
      assertThat(
              count(
                  connection,
                  // Not naming the protected table: Veil would analyse the query as one on it.
                  "SELECT COUNT(*) FROM pg_prepared_statements"
                      + " WHERE statement LIKE 'SELECT id FROM %'"))
          .as("the lookup is one server-side prepared statement, reused")
          .isEqualTo(1);
    }
  }

  @Test
  void mariadbConnectorServesRepeatedEncryptedLookupsFromItsPreparedStatementCache()
      throws SQLException {
    Database database = Database.MARIADB;
    KeyringFixture.recreate(database, "dc_patients", "id INT PRIMARY KEY, ssn VARCHAR(200)");
    try (HikariDataSource pool =
            pool(database, "useServerPrepStmts=true&cachePrepStmts=true&prepStmtCacheSize=16");
        Connection connection = pool.getConnection()) {
      long before = count(connection, "SHOW SESSION STATUS LIKE 'Com_stmt_prepare'");
      insertAndLookUpEveryRow(connection);
      long prepared = count(connection, "SHOW SESSION STATUS LIKE 'Com_stmt_prepare'") - before;
      assertThat(prepared)
          .as("the insert and the lookup are prepared once each, not once per execution")
          .isLessThanOrEqualTo(2);
    }
  }
}
