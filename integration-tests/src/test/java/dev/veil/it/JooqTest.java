package dev.veil.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.conf.ParamCastMode;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 7: jOOQ's DSL over a HikariCP pool of Veil connections. jOOQ quotes every identifier
 * ({@code "rc_patients"."ssn"}, {@code `rc_patients`.`ssn`}) and binds values as parameters; Veil
 * needs no setting for either.
 */
class JooqTest {
  private static final Table<Record> PATIENTS = DSL.table(DSL.name("rc_patients"));
  private static final Field<Integer> ID = DSL.field(DSL.name("rc_patients", "id"), Integer.class);
  private static final Field<String> SSN = DSL.field(DSL.name("rc_patients", "ssn"), String.class);
  private static final Field<LocalDate> DOB =
      DSL.field(DSL.name("rc_patients", "dob"), LocalDate.class);
  private static final Field<BigDecimal> BALANCE =
      DSL.field(DSL.name("rc_patients", "balance"), BigDecimal.class);
  private static final Field<String> NOTE =
      DSL.field(DSL.name("rc_patients", "note"), String.class);

  /**
   * jOOQ over Veil. On PostgreSQL jOOQ wraps date and time parameters in {@code cast(? as date)} by
   * default, which Veil refuses for a protected column: the cast would apply to the ciphertext. The
   * parameter needs no cast, because Veil binds it as the column's stored type.
   */
  private static DSLContext jooq(Database database, HikariDataSource pool) {
    return DSL.using(
        pool,
        database == Database.MARIADB ? SQLDialect.MARIADB : SQLDialect.POSTGRES,
        new Settings().withParamCastMode(ParamCastMode.NEVER));
  }

  @ParameterizedTest
  @EnumSource(
      value = Database.class,
      names = {"POSTGRESQL", "MARIADB"})
  void dslInsertsLooksUpAndUpdatesProtectedColumnsThroughVeil(Database database)
      throws SQLException {
    KeyringFixture keys = MyBatisTest.freshTable(database);
    try (HikariDataSource pool = keys.pool(database, 2)) {
      DSLContext jooq = jooq(database, pool);
      assertThat(
              jooq.insertInto(PATIENTS, ID, SSN, DOB, BALANCE, NOTE)
                  .values(
                      1, "123-45-6789", LocalDate.of(1815, 12, 10), new BigDecimal("10.25"), "ada")
                  .values(2, "987-65-4321", null, null, "alan")
                  .values(3, "555-55-5555", LocalDate.of(1906, 12, 9), BigDecimal.TEN, "grace")
                  .execute())
          .isEqualTo(3);

      Record ada =
          jooq.select(ID, SSN, DOB, BALANCE).from(PATIENTS).where(SSN.eq("123-45-6789")).fetchOne();
      assertThat(ada.get(ID)).isEqualTo(1);
      assertThat(ada.get(SSN)).isEqualTo("123-45-6789");
      assertThat(ada.get(DOB)).isEqualTo(LocalDate.of(1815, 12, 10));
      assertThat(ada.get(BALANCE)).isEqualByComparingTo("10.25");
      assertThat(
              jooq.select(ID)
                  .from(PATIENTS)
                  .where(SSN.in("555-55-5555", "123-45-6789", "000-00-0000"))
                  .orderBy(ID)
                  .fetch(ID))
          .containsExactly(1, 3);
      assertThat(jooq.fetchCount(PATIENTS, SSN.eq("000-00-0000"))).isZero();

      assertThat(
              jooq.update(PATIENTS)
                  .set(SSN, "222-22-2222")
                  .set(NOTE, "renumbered")
                  .where(SSN.eq("987-65-4321"))
                  .execute())
          .isEqualTo(1);
      assertThat(jooq.select(NOTE).from(PATIENTS).where(SSN.eq("222-22-2222")).fetchOne(NOTE))
          .isEqualTo("renumbered");
      List<String> decrypted = jooq.select(SSN).from(PATIENTS).orderBy(ID).fetch(SSN);
      assertThat(decrypted).containsExactly("123-45-6789", "222-22-2222", "555-55-5555");
    }
    VeilFixture.assertStoredAsCiphertext(
        database, "rc_patients", "123-45-6789", "ssn", "dob", "balance");
  }

  @ParameterizedTest
  @EnumSource(
      value = Database.class,
      names = {"POSTGRESQL", "MARIADB"})
  void aRefusedDslQueryFailsInsideATransactionThatRollsBack(Database database) throws SQLException {
    KeyringFixture keys = MyBatisTest.freshTable(database);
    try (HikariDataSource pool = keys.pool(database, 1)) {
      DSLContext jooq = jooq(database, pool);
      assertThatThrownBy(
              () ->
                  jooq.transaction(
                      configuration -> {
                        DSLContext tx = configuration.dsl();
                        tx.insertInto(PATIENTS, ID, SSN, NOTE)
                            .values(1, "123-45-6789", "rolled back")
                            .execute();
                        tx.select(ID).from(PATIENTS).orderBy(SSN).fetch();
                      }))
          .isInstanceOf(DataAccessException.class)
          .hasRootCauseInstanceOf(SQLException.class)
          .satisfies(
              e ->
                  assertThat(((DataAccessException) e).sqlState())
                      .as("Veil's refusal, as jOOQ reports it")
                      .isEqualTo("42V01"));
      assertThat(jooq.fetchCount(PATIENTS)).as("the transaction rolled back").isZero();
      jooq.insertInto(PATIENTS, ID, SSN, NOTE).values(2, "987-65-4321", "kept").execute();
      assertThat(jooq.select(NOTE).from(PATIENTS).where(SSN.eq("987-65-4321")).fetchOne(NOTE))
          .isEqualTo("kept");
      assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
    }
  }

  @Test
  void withJooqsDefaultBindCastsPostgresqlInsertsAreRefusedNamingTheColumn() throws SQLException {
    KeyringFixture keys = MyBatisTest.freshTable(Database.POSTGRESQL);
    try (HikariDataSource pool = keys.pool(Database.POSTGRESQL, 1)) {
      DSLContext defaults = DSL.using(pool, SQLDialect.POSTGRES);
      assertThatThrownBy(
              () ->
                  defaults
                      .insertInto(PATIENTS, ID, DOB)
                      .values(1, LocalDate.of(1815, 12, 10))
                      .execute())
          .isInstanceOf(DataAccessException.class)
          .hasMessageContaining("cast(? as date)")
          .hasMessageContaining("protected column rc_patients.dob")
          .satisfies(e -> assertThat(((DataAccessException) e).sqlState()).isEqualTo("42V01"));
      assertThat(defaults.fetchCount(PATIENTS)).isZero();
    }
  }
}
