package dev.veil.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 7: Spring JDBC over Veil through a HikariCP pool, unchanged: {@code JdbcTemplate}, {@code
 * NamedParameterJdbcTemplate} with an expanded {@code IN} list, batch updates, and Spring-managed
 * transactions rolled back and committed; the database holds only ciphertext.
 */
class SpringJdbcTest {
  private static final String POLICY =
      """
      version: 1
      tables:
        sp_patients:
          columns:
            ssn: { encrypt: deterministic, type: string, key: pii }
            dob: { encrypt: randomized,    type: date,   key: pii }
      """;

  private static final String INSERT =
      "INSERT INTO sp_patients (id, ssn, dob, note) VALUES (?, ?, ?, ?)";

  /** An empty {@code sp_patients} on {@code database}, and a keyring with the policy's key. */
  private static KeyringFixture freshTable(Database database) throws SQLException {
    KeyringFixture.recreate(
        database,
        "sp_patients",
        "id INT PRIMARY KEY, ssn VARCHAR(200), dob " + database.binaryType + ", note VARCHAR(100)");
    return KeyringFixture.create(POLICY, "pii");
  }

  private static String ssn(int id) {
    return String.format("%03d-45-%04d", id % 1000, id);
  }

  @ParameterizedTest
  @EnumSource(
      value = Database.class,
      names = {"POSTGRESQL", "MARIADB"})
  void jdbcTemplateWritesQueriesAndBatchesThroughVeil(Database database) throws SQLException {
    KeyringFixture keys = freshTable(database);
    try (HikariDataSource pool = keys.pool(database, 2)) {
      JdbcTemplate jdbc = new JdbcTemplate(pool);
      assertThat(jdbc.update(INSERT, 1, "123-45-6789", LocalDate.of(1815, 12, 10), "first"))
          .isEqualTo(1);

      int[][] batched =
          jdbc.batchUpdate(
              INSERT,
              List.of(2, 3, 4, 5, 6, 7, 8, 9, 10, 11),
              4,
              (ps, id) -> {
                ps.setInt(1, id);
                ps.setString(2, ssn(id));
                ps.setObject(3, LocalDate.of(2000, 1, id));
                ps.setString(4, "batch");
              });
      assertThat(batched).hasNumberOfRows(3);
      assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sp_patients", Integer.class))
          .isEqualTo(11);

      Map<String, Object> ada =
          jdbc.queryForMap("SELECT id, dob, note FROM sp_patients WHERE ssn = ?", "123-45-6789");
      assertThat(ada).containsEntry("note", "first");
      assertThat(ada.get("dob").toString()).isEqualTo("1815-12-10");
      assertThat(
              jdbc.queryForObject(
                  "SELECT dob FROM sp_patients WHERE ssn = ?", LocalDate.class, ssn(7)))
          .isEqualTo(LocalDate.of(2000, 1, 7));

      NamedParameterJdbcTemplate named = new NamedParameterJdbcTemplate(jdbc);
      List<Integer> ids =
          named.queryForList(
              "SELECT id FROM sp_patients WHERE ssn IN (:ssns) ORDER BY id",
              Map.of("ssns", List.of(ssn(3), ssn(9), "000-00-0000")),
              Integer.class);
      assertThat(ids).containsExactly(3, 9);
      assertThat(
              named.update(
                  "UPDATE sp_patients SET note = :note WHERE ssn = :ssn",
                  Map.of("note", "renamed", "ssn", ssn(5))))
          .isEqualTo(1);
      assertThat(jdbc.queryForObject("SELECT note FROM sp_patients WHERE id = 5", String.class))
          .isEqualTo("renamed");
    }
    VeilFixture.assertStoredAsCiphertext(database, "sp_patients", "123-45-6789", "ssn", "dob");
  }

  @ParameterizedTest
  @EnumSource(
      value = Database.class,
      names = {"POSTGRESQL", "MARIADB"})
  void springTransactionsRollBackAndCommitAndARefusalLeavesThePoolUsable(Database database)
      throws SQLException {
    KeyringFixture keys = freshTable(database);
    try (HikariDataSource pool = keys.pool(database, 2)) {
      JdbcTemplate jdbc = new JdbcTemplate(pool);
      TransactionTemplate transactions =
          new TransactionTemplate(new DataSourceTransactionManager(pool));

      transactions.executeWithoutResult(
          status -> {
            jdbc.update(INSERT, 1, "111-11-1111", null, "rolled back");
            assertThat(
                    jdbc.queryForObject(
                        "SELECT COUNT(*) FROM sp_patients WHERE ssn = ?",
                        Integer.class,
                        "111-11-1111"))
                .as("visible inside the transaction")
                .isEqualTo(1);
            status.setRollbackOnly();
          });
      assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sp_patients", Integer.class)).isZero();

      transactions.executeWithoutResult(
          status -> {
            jdbc.update(INSERT, 2, "222-22-2222", LocalDate.of(1990, 5, 17), "committed");
            jdbc.update("UPDATE sp_patients SET note = ? WHERE ssn = ?", "kept", "222-22-2222");
          });
      assertThat(
              jdbc.queryForObject(
                  "SELECT note FROM sp_patients WHERE ssn = ?", String.class, "222-22-2222"))
          .isEqualTo("kept");

      assertThatThrownBy(
              () ->
                  jdbc.queryForList(
                      "SELECT id FROM sp_patients WHERE ssn LIKE ?", Integer.class, "222%"))
          .isInstanceOf(DataAccessException.class)
          .hasRootCauseInstanceOf(SQLException.class)
          .satisfies(
              e ->
                  assertThat(((SQLException) e.getCause()).getSQLState())
                      .as("Veil's refusal, translated by Spring")
                      .isEqualTo("42V01"))
          .hasMessageNotContaining("222%");
      assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sp_patients", Integer.class))
          .as("the pool serves on after a refusal")
          .isEqualTo(1);
      assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
    }
    VeilFixture.assertStoredAsCiphertext(database, "sp_patients", "222-22-2222", "ssn", "dob");
  }
}
