package dev.veil.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Veil hands to the database driver, recorded by {@link CapturingDriver}: refused statements
 * send nothing, and no protected plaintext appears in any SQL string or bound value.
 */
class WhatReachesTheDatabaseTest {
  private static final String SECRET_SSN = "123-45-6789";
  private static final String SECRET_NAME = "Ada Lovelace";

  @TempDir Path dir;
  private Connection veil;

  @BeforeEach
  void setUp() throws Exception {
    CapturingDriver.register();
    TestSetup setup = new TestSetup(dir);
    String h2 = "h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    try (Connection raw = DriverManager.getConnection("jdbc:" + h2);
        Statement ddl = raw.createStatement()) {
      ddl.execute(
          "CREATE TABLE patients (id INT PRIMARY KEY, ssn VARCHAR(200), name VARBINARY(200),"
              + " note VARCHAR(50))");
    }
    veil =
        DriverManager.getConnection(
            "jdbc:veil:capture:" + h2, CapturingDriver.allowingPlaintext(setup.properties()));
    CapturingDriver.SENT.clear();
  }

  @Test
  void refusedStatementsSendNothing() throws SQLException {
    String[] refused = {
      "SELECT id FROM patients WHERE ssn LIKE '123-45%'",
      "SELECT id FROM patients WHERE name = 'Ada Lovelace'",
      "UPDATE patients SET note = 'x' WHERE ssn > '123-45-6789'",
      "SELECT id FROM patients ORDER BY ssn",
    };
    try (Statement statement = veil.createStatement()) {
      for (String sql : refused) {
        assertThatThrownBy(() -> statement.execute(sql)).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> veil.prepareStatement(sql)).isInstanceOf(SQLException.class);
      }
    }
    assertThat(CapturingDriver.SENT).isEmpty();
  }

  @Test
  void noProtectedPlaintextReachesTheDriver() throws SQLException {
    try (PreparedStatement insert =
        veil.prepareStatement("INSERT INTO patients (id, ssn, name, note) VALUES (?, ?, ?, ?)")) {
      insert.setInt(1, 1);
      insert.setString(2, SECRET_SSN);
      insert.setObject(3, SECRET_NAME);
      insert.setString(4, "visible");
      insert.executeUpdate();
    }
    try (Statement statement = veil.createStatement()) {
      statement.executeUpdate(
          "INSERT INTO patients (id, ssn, name) VALUES (2, '987-65-4321', 'Alan Turing')");
      statement.executeQuery("SELECT id FROM patients WHERE ssn = '123-45-6789'").close();
      statement.executeUpdate("UPDATE patients SET name = 'Grace Hopper' WHERE id = 2");
    }
    try (PreparedStatement find =
        veil.prepareStatement("SELECT name FROM patients WHERE ssn IN (?, '987-65-4321')")) {
      find.setString(1, SECRET_SSN);
      find.executeQuery().close();
    }
    assertThat(CapturingDriver.SENT).isNotEmpty().contains("visible");
    for (Object sent : CapturingDriver.SENT) {
      String text =
          sent instanceof byte[] bytes
              ? new String(bytes, StandardCharsets.ISO_8859_1)
              : String.valueOf(sent);
      assertThat(text)
          .doesNotContain(SECRET_SSN, SECRET_NAME, "987-65-4321", "Alan Turing", "Grace Hopper");
    }
  }
}
