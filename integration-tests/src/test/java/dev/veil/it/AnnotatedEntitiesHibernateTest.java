package dev.veil.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.veil.driver.VeilDataSource;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Root;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.hibernate.SessionFactory;
import org.hibernate.jpa.HibernatePersistenceConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Hibernate ORM over Veil, with the policy that {@code PolicyProcessor} generated from {@link
 * AnnPatient} and {@link AnnVisit} while this module's tests compiled: the annotations alone
 * protect the columns.
 */
class AnnotatedEntitiesHibernateTest {
  private static final String GENERATED_POLICY = "META-INF/veil/policy.yaml";
  private static final VeilFixture VEIL = VeilFixture.create();

  @Test
  void generatedPolicyNamesTheTablesHibernateWrites() throws IOException {
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(GENERATED_POLICY)) {
      assertThat(in).as(GENERATED_POLICY + " on the test class path").isNotNull();
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .contains(
              """
                ann_invoice:
                  columns:
                    address2_line: { encrypt: deterministic, type: string, key: pii }
                    total_due: { encrypt: randomized, type: decimal, key: pii }
                ann_patients:
                  columns:
                    dob: { encrypt: randomized, type: date, key: pii }
                    full_name: { encrypt: randomized, type: string, key: pii }
                    ssn: { encrypt: deterministic, type: string, key: pii }
                ann_visits:
                  columns:
                    mrn: { encrypt: deterministic, type: long, key: pii }
                    reason: { encrypt: deterministic, type: string, key: pii }
              """);
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Database.class,
      names = {"H2", "POSTGRESQL"})
  void persistsFindsAndQueriesAnnotatedEntitiesStoringOnlyCiphertext(Database database)
      throws SQLException {
    createTables(database);
    try (SessionFactory hibernate = hibernate(database)) {
      hibernate.inTransaction(
          session -> {
            session.persist(
                new AnnPatient(
                    1, "123-45-6789", "Ada Lovelace", LocalDate.of(1815, 12, 10), "first"));
            session.persist(
                new AnnPatient(2, "987-65-4321", "Alan Turing", LocalDate.of(1912, 6, 23), null));
            session.persist(new AnnVisit(1, 4242424242L, AnnVisit.Reason.EMERGENCY, "north"));
            session.persist(
                new AnnInvoice(1, new BigDecimal("1024.50"), "Flat 2, 10 Downing St", "GBP"));
          });

      hibernate.inSession(
          session -> {
            AnnPatient ada = session.find(AnnPatient.class, 1);
            assertThat(ada.ssn).isEqualTo("123-45-6789");
            assertThat(ada.name).isEqualTo("Ada Lovelace");
            assertThat(ada.dob).isEqualTo(LocalDate.of(1815, 12, 10));
            assertThat(ada.note).isEqualTo("first");

            List<AnnPatient> found =
                session
                    .createSelectionQuery("from AnnPatient p where p.ssn = :ssn", AnnPatient.class)
                    .setParameter("ssn", "987-65-4321")
                    .getResultList();
            assertThat(found).singleElement().satisfies(p -> assertThat(p.id).isEqualTo(2));
            assertThat(found.get(0).name).isEqualTo("Alan Turing");

            List<AnnVisit> visits =
                session
                    .createSelectionQuery(
                        "from ann_visits v where v.mrn = :mrn and v.reason = :reason",
                        AnnVisit.class)
                    .setParameter("mrn", 4242424242L)
                    .setParameter("reason", AnnVisit.Reason.EMERGENCY)
                    .getResultList();
            assertThat(visits)
                .singleElement()
                .satisfies(v -> assertThat(v.clinic).isEqualTo("north"));

            List<AnnInvoice> invoices =
                session
                    .createSelectionQuery(
                        "from AnnInvoice i where i.address2Line = :line", AnnInvoice.class)
                    .setParameter("line", "Flat 2, 10 Downing St")
                    .getResultList();
            assertThat(invoices)
                .singleElement()
                .satisfies(
                    i -> {
                      assertThat(i.totalDue).isEqualByComparingTo("1024.5");
                      assertThat(i.currencyCode).isEqualTo("GBP");
                    });
          });
    }
    assertStoredAsCiphertext(database);
  }

  @ParameterizedTest
  @EnumSource(
      value = Database.class,
      names = {"H2", "POSTGRESQL", "MARIADB"})
  void mergesPagesAndQueriesByCriteriaOnADeterministicField(Database database) throws SQLException {
    createTables(database);
    try (SessionFactory hibernate = hibernate(database)) {
      hibernate.inTransaction(
          session -> {
            for (int id = 1; id <= 7; id++) {
              session.persist(
                  new AnnPatient(
                      id, "000-00-000" + id, "Patient " + id, LocalDate.of(1990, 1, id), null));
            }
          });

      AnnPatient detached = hibernate.fromSession(session -> session.find(AnnPatient.class, 3));
      detached.ssn = "333-33-3333";
      detached.name = "Renamed";
      hibernate.inTransaction(session -> session.merge(detached));
      hibernate.inSession(
          session -> {
            CriteriaBuilder criteria = session.getCriteriaBuilder();
            CriteriaQuery<AnnPatient> bySsn = criteria.createQuery(AnnPatient.class);
            Root<AnnPatient> patient = bySsn.from(AnnPatient.class);
            bySsn.where(criteria.equal(patient.get("ssn"), "333-33-3333"));
            assertThat(session.createQuery(bySsn).getResultList())
                .singleElement()
                .satisfies(
                    p -> {
                      assertThat(p.id).isEqualTo(3);
                      assertThat(p.name).isEqualTo("Renamed");
                    });

            CriteriaQuery<AnnPatient> inList = criteria.createQuery(AnnPatient.class);
            Root<AnnPatient> member = inList.from(AnnPatient.class);
            inList
                .where(member.get("ssn").in("000-00-0003", "000-00-0005", "000-00-0006"))
                .orderBy(criteria.asc(member.get("id")));
            assertThat(session.createQuery(inList).getResultList())
                .as("the merged row no longer has its old value")
                .extracting(p -> p.id)
                .containsExactly(5, 6);

            List<Integer> pages = new ArrayList<>();
            for (int first = 0; first < 7; first += 3) {
              List<AnnPatient> page =
                  session
                      .createSelectionQuery("from AnnPatient p order by p.id", AnnPatient.class)
                      .setFirstResult(first)
                      .setMaxResults(3)
                      .getResultList();
              assertThat(page).hasSizeLessThanOrEqualTo(3);
              page.forEach(p -> assertThat(p.ssn).isNotNull());
              page.forEach(p -> pages.add(p.id));
            }
            assertThat(pages)
                .as("pages are complete and disjoint")
                .containsExactly(1, 2, 3, 4, 5, 6, 7);

            assertThatThrownBy(
                    () ->
                        session
                            .createSelectionQuery(
                                "from AnnPatient p order by p.ssn", AnnPatient.class)
                            .getResultList())
                .isInstanceOf(PersistenceException.class)
                .hasRootCauseInstanceOf(SQLException.class)
                .rootCause()
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42V01"));
            assertThat(session.find(AnnPatient.class, 7).ssn)
                .as("the session serves on after a refusal")
                .isEqualTo("000-00-0007");
          });
    }
    VeilFixture.assertStoredAsCiphertext(
        database, "ann_patients", "333-33-3333", "ssn", "full_name", "dob");
  }

  @ParameterizedTest
  @EnumSource(
      value = Database.class,
      names = {"H2", "POSTGRESQL", "MARIADB"})
  void fetchJoinsVisitsFilteringOnProtectedFieldsOfBothEntities(Database database)
      throws SQLException {
    createTables(database);
    try (SessionFactory hibernate = hibernate(database)) {
      hibernate.inTransaction(
          session -> {
            AnnPatient ada =
                new AnnPatient(1, "123-45-6789", "Ada", LocalDate.of(1815, 12, 10), null);
            AnnPatient alan =
                new AnnPatient(2, "987-65-4321", "Alan", LocalDate.of(1912, 6, 23), null);
            session.persist(ada);
            session.persist(alan);
            session.persist(new AnnVisit(10, 1001L, AnnVisit.Reason.CHECKUP, "north", ada));
            session.persist(new AnnVisit(11, 1002L, AnnVisit.Reason.EMERGENCY, "south", ada));
            session.persist(new AnnVisit(12, 2001L, AnnVisit.Reason.EMERGENCY, "north", alan));
          });

      hibernate.inSession(
          session -> {
            AnnPatient ada =
                session
                    .createSelectionQuery(
                        "from AnnPatient p join fetch p.visits where p.ssn = :ssn",
                        AnnPatient.class)
                    .setParameter("ssn", "123-45-6789")
                    .getSingleResult();
            assertThat(ada.name).isEqualTo("Ada");
            assertThat(ada.visits)
                .extracting(v -> v.mrn, v -> v.reason)
                .containsExactlyInAnyOrder(
                    tuple(1001L, AnnVisit.Reason.CHECKUP), tuple(1002L, AnnVisit.Reason.EMERGENCY));

            String emergencies =
                "from AnnPatient p join fetch p.visits v"
                    + " where v.reason = :reason and v.mrn in (:mrns) order by p.id";
            // Hibernate 6 and later remove the duplicates of a fetch join themselves; SQL DISTINCT
            // over a randomized column could not, and Veil refuses it rather than return both.
            assertThatThrownBy(
                    () ->
                        session
                            .createSelectionQuery(
                                "select distinct p " + emergencies, AnnPatient.class)
                            .setParameter("reason", AnnVisit.Reason.EMERGENCY)
                            .setParameterList("mrns", List.of(1002L, 2001L))
                            .getResultList())
                .isInstanceOf(PersistenceException.class)
                .rootCause()
                .hasMessageContaining("ann_patients.dob")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42V01"));
            assertThat(
                    session
                        .createSelectionQuery(emergencies, AnnPatient.class)
                        .setParameter("reason", AnnVisit.Reason.EMERGENCY)
                        .setParameterList("mrns", List.of(1002L, 2001L))
                        .getResultList())
                .extracting(p -> p.ssn)
                .containsExactly("123-45-6789", "987-65-4321");
          });

      hibernate.inSession(
          session -> {
            List<AnnVisit> north =
                session
                    .createSelectionQuery(
                        "from ann_visits v join fetch v.patient p"
                            + " where v.clinic = 'north' and p.ssn = :ssn",
                        AnnVisit.class)
                    .setParameter("ssn", "987-65-4321")
                    .getResultList();
            assertThat(north)
                .singleElement()
                .satisfies(
                    v -> {
                      assertThat(v.mrn).isEqualTo(2001L);
                      assertThat(v.patient.dob).isEqualTo(LocalDate.of(1912, 6, 23));
                    });
          });
    }
    VeilFixture.assertStoredAsCiphertext(database, "ann_visits", "EMERGENCY", "reason", "mrn");
  }

  /**
   * Plain JDBC, no Veil: what a DBA sees. Text columns hold base64 starting {@code VgE}, binary
   * columns bytes starting {@code 0x56 0x01}; the columns without {@code @Encrypted} are clear.
   */
  private static void assertStoredAsCiphertext(Database database) throws SQLException {
    try (Connection raw = database.raw();
        Statement select = raw.createStatement()) {
      try (ResultSet rows =
          select.executeQuery("SELECT ssn, full_name, dob, note FROM ann_patients WHERE id = 1")) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getString("ssn")).startsWith("VgE").doesNotContain("123-45-6789");
        assertThat(rows.getString("full_name")).startsWith("VgE");
        assertVeilCiphertext(rows.getBytes("dob"));
        assertThat(rows.getString("note")).isEqualTo("first");
      }
      try (ResultSet rows = select.executeQuery("SELECT mrn, reason, clinic FROM ann_visits")) {
        assertThat(rows.next()).isTrue();
        assertVeilCiphertext(rows.getBytes("mrn"));
        assertThat(rows.getString("reason")).startsWith("VgE").doesNotContain("EMERGENCY");
        assertThat(rows.getString("clinic")).isEqualTo("north");
      }
      try (ResultSet rows =
          select.executeQuery("SELECT total_due, address2_line, currency_code FROM ann_invoice")) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getString("total_due")).startsWith("VgE").doesNotContain("1024");
        assertVeilCiphertext(rows.getBytes("address2_line"));
        assertThat(rows.getString("currency_code")).isEqualTo("GBP");
      }
    }
  }

  private static void assertVeilCiphertext(byte[] stored) {
    assertThat(stored).hasSizeGreaterThan(2);
    assertThat(stored[0]).as("Veil header").isEqualTo((byte) 0x56);
    assertThat(stored[1]).as("Veil format version").isEqualTo((byte) 0x01);
    assertThat(Base64.getEncoder().encodeToString(stored)).startsWith("VgE");
  }

  /** Text columns for some ciphertexts and binary ones for others, so both storages are used. */
  private static void createTables(Database database) throws SQLException {
    try (Connection raw = database.raw();
        Statement ddl = raw.createStatement()) {
      ddl.execute("DROP TABLE IF EXISTS ann_patients");
      ddl.execute("DROP TABLE IF EXISTS ann_visits");
      ddl.execute("DROP TABLE IF EXISTS ann_invoice");
      ddl.execute(
          "CREATE TABLE ann_invoice (id INT PRIMARY KEY, total_due VARCHAR(512), address2_line "
              + database.binaryType
              + ", currency_code VARCHAR(3))");
      ddl.execute(
          "CREATE TABLE ann_patients (id INT PRIMARY KEY, ssn VARCHAR(512), full_name"
              + " VARCHAR(512), dob "
              + database.binaryType
              + ", note VARCHAR(100))");
      ddl.execute(
          "CREATE TABLE ann_visits (id INT PRIMARY KEY, mrn "
              + database.binaryType
              + ", reason VARCHAR(512), clinic VARCHAR(100), patient_id INT)");
    }
  }

  private static SessionFactory hibernate(Database database) {
    VeilDataSource veil = new VeilDataSource();
    veil.setUrl(database.veilUrl());
    veil.setUser(database.user);
    veil.setPassword(database.password);
    // No veil.policy: the driver finds the generated file on the class path by itself.
    veil.setKeyring(VEIL.keyring.toString());
    veil.setKek(VEIL.kekUri);
    return new HibernatePersistenceConfiguration("veil-annotations-it")
        .managedClasses(AnnPatient.class, AnnVisit.class, AnnInvoice.class)
        .property(
            "hibernate.physical_naming_strategy",
            "org.hibernate.boot.model.naming.PhysicalNamingStrategySnakeCaseImpl")
        .property("hibernate.connection.datasource", veil)
        .property("hibernate.hbm2ddl.auto", "none")
        .createEntityManagerFactory();
  }
}
