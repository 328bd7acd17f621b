package dev.veil.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 7: the database ends a Veil connection's backend in the middle of a transaction ({@code
 * pg_terminate_backend}, MariaDB's {@code KILL}). The application gets an {@code SQLException}, the
 * pool replaces the connection, and the transaction's rows are gone without a trace of plaintext.
 */
class BackendKilledTest {
  private static final String POLICY =
      """
      version: 1
      tables:
        bk_patients:
          columns:
            ssn: { encrypt: deterministic, type: string, key: pii }
      """;

  private static final String INSERT = "INSERT INTO bk_patients (id, ssn) VALUES (?, ?)";

  @ParameterizedTest
  @EnumSource(
      value = Database.class,
      names = {"POSTGRESQL", "MARIADB"})
  void aBackendKilledMidTransactionFailsThatConnectionAndThePoolRecovers(Database database)
      throws SQLException {
    KeyringFixture.recreate(database, "bk_patients", "id INT PRIMARY KEY, ssn VARCHAR(200)");
    KeyringFixture keys = KeyringFixture.create(POLICY, "pii");
    boolean postgres = database == Database.POSTGRESQL;
    try (HikariDataSource pool = keys.pool(database, 2)) {
      try (Connection doomed = pool.getConnection()) {
        doomed.setAutoCommit(false);
        long backend =
            scalar(doomed, postgres ? "SELECT pg_backend_pid()" : "SELECT CONNECTION_ID()");
        insert(doomed, 1, "111-11-1111");
        try (Connection raw = database.raw();
            Statement kill = raw.createStatement()) {
          kill.execute(
              postgres ? "SELECT pg_terminate_backend(" + backend + ")" : "KILL " + backend);
        }
        assertThatThrownBy(() -> insert(doomed, 2, "222-22-2222"))
            .isInstanceOf(SQLException.class)
            .hasMessageNotContaining("222-22-2222")
            .satisfies(
                e ->
                    assertThat(((SQLException) e).getSQLState())
                        .as("the delegate's state, passed through: one Hikari evicts on")
                        .matches(postgres ? "57P01" : "08.*"));
      }

      try (Connection next = pool.getConnection()) {
        insert(next, 3, "333-33-3333");
        try (PreparedStatement find =
            next.prepareStatement("SELECT id FROM bk_patients WHERE ssn = ?")) {
          find.setString(1, "333-33-3333");
          try (ResultSet row = find.executeQuery()) {
            assertThat(row.next()).as("the pool serves a fresh connection").isTrue();
            assertThat(row.getInt(1)).isEqualTo(3);
          }
        }
      }
      assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
      assertThat(pool.getHikariPoolMXBean().getTotalConnections()).isLessThanOrEqualTo(2);
    }
    try (Connection raw = database.raw()) {
      assertThat(scalar(raw, "SELECT COUNT(*) FROM bk_patients WHERE id IN (1, 2)"))
          .as("the killed transaction left no row")
          .isZero();
    }
    VeilFixture.assertStoredAsCiphertext(database, "bk_patients", "333-33-3333", "ssn");
  }

  private static void insert(Connection connection, int id, String ssn) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
      insert.setInt(1, id);
      insert.setString(2, ssn);
      insert.executeUpdate();
    }
  }

  private static long scalar(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(sql)) {
      row.next();
      return row.getLong(1);
    }
  }
}
