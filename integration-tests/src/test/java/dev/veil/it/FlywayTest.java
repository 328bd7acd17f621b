package dev.veil.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Locale;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 7: Flyway migrates through the application's own Veil pool. Its DDL, its history table and
 * its locks pass through untouched, and the migrated table serves encrypted writes and lookups.
 */
class FlywayTest {
  private static final String POLICY =
      """
      version: 1
      tables:
        fw_patients:
          columns:
            ssn: { encrypt: deterministic, type: string, key: pii }
            dob: { encrypt: randomized,    type: date,   key: pii }
      """;

  private static Flyway flyway(Database database, HikariDataSource pool) {
    return Flyway.configure()
        .dataSource(pool)
        .table("fw_schema_history")
        // The test database holds other tests' tables, as a database adopting Flyway late does.
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .locations("classpath:db/veil-flyway/" + database.name().toLowerCase(Locale.ROOT))
        .load();
  }

  @ParameterizedTest
  @EnumSource(
      value = Database.class,
      names = {"POSTGRESQL", "MARIADB"})
  void migratesThroughVeilAndTheMigratedTableStoresCiphertext(Database database)
      throws SQLException {
    try (Connection raw = database.raw();
        Statement ddl = raw.createStatement()) {
      ddl.execute("DROP TABLE IF EXISTS fw_patients");
      ddl.execute("DROP TABLE IF EXISTS fw_schema_history");
    }
    KeyringFixture keys = KeyringFixture.create(POLICY, "pii");
    try (HikariDataSource pool = keys.pool(database, 2)) {
      MigrateResult migrated = flyway(database, pool).migrate();
      assertThat(migrated.success).isTrue();
      assertThat(migrated.migrationsExecuted).isEqualTo(2);
      assertThat(migrated.targetSchemaVersion).isEqualTo("2");
      assertThat(flyway(database, pool).migrate().migrationsExecuted)
          .as("a second run finds nothing to do")
          .isZero();
      flyway(database, pool).validate();

      try (Connection veil = pool.getConnection()) {
        try (PreparedStatement insert =
            veil.prepareStatement(
                "INSERT INTO fw_patients (id, ssn, dob, note) VALUES (?, ?, ?, ?)")) {
          insert.setInt(1, 2);
          insert.setString(2, "123-45-6789");
          insert.setObject(3, LocalDate.of(1815, 12, 10));
          insert.setString(4, "written by the application");
          insert.executeUpdate();
        }
        try (PreparedStatement find =
            veil.prepareStatement("SELECT id, dob FROM fw_patients WHERE ssn = ?")) {
          find.setString(1, "123-45-6789");
          try (ResultSet row = find.executeQuery()) {
            assertThat(row.next()).isTrue();
            assertThat(row.getInt(1)).isEqualTo(2);
            assertThat(row.getObject(2, LocalDate.class)).isEqualTo(LocalDate.of(1815, 12, 10));
          }
        }
        try (Statement select = veil.createStatement();
            ResultSet seed = select.executeQuery("SELECT note FROM fw_patients WHERE id = 1")) {
          assertThat(seed.next()).isTrue();
          assertThat(seed.getString(1)).isEqualTo("seeded by a migration");
        }
      }
    }
    try (Connection raw = database.raw();
        Statement select = raw.createStatement();
        ResultSet history =
            select.executeQuery(
                "SELECT version, success FROM fw_schema_history"
                    + " WHERE type = 'SQL' ORDER BY installed_rank")) {
      assertThat(history.next()).isTrue();
      assertThat(history.getString(1)).isEqualTo("1");
      assertThat(history.getBoolean(2)).isTrue();
      assertThat(history.next()).isTrue();
      assertThat(history.getString(1)).isEqualTo("2");
      assertThat(history.getBoolean(2)).isTrue();
      assertThat(history.next()).isFalse();
    }
    VeilFixture.assertStoredAsCiphertext(database, "fw_patients", "123-45-6789", "ssn", "dob");
  }
}
