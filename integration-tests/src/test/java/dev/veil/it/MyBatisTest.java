package dev.veil.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import org.apache.ibatis.exceptions.PersistenceException;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 7: MyBatis over a HikariCP pool of Veil connections, with annotated mappers and a dynamic
 * {@code <foreach>} IN list: the {@code #{...}} parameters MyBatis binds are what Veil encrypts.
 */
class MyBatisTest {
  static final String POLICY =
      """
      version: 1
      tables:
        rc_patients:
          columns:
            ssn:     { encrypt: deterministic, type: string,  key: pii }
            dob:     { encrypt: randomized,    type: date,    key: pii }
            balance: { encrypt: randomized,    type: decimal, key: pii }
      """;

  /** An empty {@code rc_patients} on {@code database}, and a keyring with the policy's key. */
  static KeyringFixture freshTable(Database database) throws SQLException {
    String binary = database.binaryType;
    KeyringFixture.recreate(
        database,
        "rc_patients",
        "id INT PRIMARY KEY, ssn VARCHAR(200), dob "
            + binary
            + ", balance "
            + binary
            + ", note VARCHAR(100)");
    return KeyringFixture.create(POLICY, "pii");
  }

  private static SqlSessionFactory mybatis(HikariDataSource pool) {
    Configuration configuration =
        new Configuration(new Environment("veil", new JdbcTransactionFactory(), pool));
    configuration.addMapper(RcPatientMapper.class);
    return new SqlSessionFactoryBuilder().build(configuration);
  }

  @ParameterizedTest
  @EnumSource(
      value = Database.class,
      names = {"POSTGRESQL", "MARIADB"})
  void mappersWriteLookUpAndUpdateProtectedColumnsThroughVeil(Database database)
      throws SQLException {
    KeyringFixture keys = freshTable(database);
    try (HikariDataSource pool = keys.pool(database, 2)) {
      SqlSessionFactory factory = mybatis(pool);
      try (SqlSession session = factory.openSession()) {
        RcPatientMapper patients = session.getMapper(RcPatientMapper.class);
        patients.insert(
            new RcPatient(
                1, "123-45-6789", LocalDate.of(1815, 12, 10), new BigDecimal("1024.50"), "ada"));
        patients.insert(new RcPatient(2, "987-65-4321", null, null, "alan"));
        patients.insert(
            new RcPatient(3, "555-55-5555", LocalDate.of(1906, 12, 9), BigDecimal.ONE, "grace"));
        session.commit();
      }

      try (SqlSession session = factory.openSession()) {
        RcPatientMapper patients = session.getMapper(RcPatientMapper.class);
        RcPatient ada = patients.findBySsn("123-45-6789");
        assertThat(ada.getId()).isEqualTo(1);
        assertThat(ada.getSsn()).isEqualTo("123-45-6789");
        assertThat(ada.getDob()).isEqualTo(LocalDate.of(1815, 12, 10));
        assertThat(ada.getBalance()).isEqualByComparingTo("1024.50");
        RcPatient alan = patients.findById(2);
        assertThat(alan.getSsn()).isEqualTo("987-65-4321");
        assertThat(alan.getDob()).isNull();
        assertThat(alan.getBalance()).isNull();
        assertThat(patients.findBySsn("000-00-0000")).isNull();
        assertThat(patients.idsBySsn(List.of("555-55-5555", "123-45-6789", "000-00-0000")))
            .containsExactly(1, 3);

        alan.setSsn("222-22-2222");
        alan.setNote("renumbered");
        assertThat(patients.update(alan)).isEqualTo(1);
        session.commit();
        assertThat(patients.findBySsn("222-22-2222").getNote()).isEqualTo("renumbered");
        assertThat(patients.findBySsn("987-65-4321")).isNull();
      }
    }
    VeilFixture.assertStoredAsCiphertext(
        database, "rc_patients", "123-45-6789", "ssn", "dob", "balance");
  }

  @ParameterizedTest
  @EnumSource(
      value = Database.class,
      names = {"POSTGRESQL", "MARIADB"})
  void aRefusedMapperStatementRollsBackAndLeavesThePoolUsable(Database database)
      throws SQLException {
    KeyringFixture keys = freshTable(database);
    try (HikariDataSource pool = keys.pool(database, 1)) {
      SqlSessionFactory factory = mybatis(pool);
      try (SqlSession session = factory.openSession()) {
        RcPatientMapper patients = session.getMapper(RcPatientMapper.class);
        patients.insert(new RcPatient(1, "123-45-6789", null, null, "rolled back"));
        assertThatThrownBy(() -> patients.idsLike("123%"))
            .isInstanceOf(PersistenceException.class)
            .hasRootCauseInstanceOf(SQLException.class)
            .hasMessageNotContaining("123%")
            .satisfies(
                e ->
                    assertThat(((SQLException) e.getCause()).getSQLState())
                        .as("Veil's refusal, wrapped by MyBatis")
                        .isEqualTo("42V01"));
        session.rollback();
      }
      try (SqlSession session = factory.openSession()) {
        RcPatientMapper patients = session.getMapper(RcPatientMapper.class);
        assertThat(patients.findBySsn("123-45-6789")).as("rolled back").isNull();
        patients.insert(new RcPatient(2, "987-65-4321", null, null, "kept"));
        session.commit();
        assertThat(patients.findBySsn("987-65-4321").getNote()).isEqualTo("kept");
      }
      assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
    }
  }
}
