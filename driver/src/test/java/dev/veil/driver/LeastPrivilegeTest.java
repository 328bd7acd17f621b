package dev.veil.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veil.keys.Kek;
import dev.veil.keys.Keks;
import dev.veil.keys.Keyring;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reading side's least privilege end to end on H2: masks for principals the policy does not
 * list, {@code veil.onMissingKey} for an instance whose keyring lacks a key, padding, and what a
 * DBA without Veil sees.
 */
class LeastPrivilegeTest {
  private static final String POLICY =
      """
      version: 1
      tables:
        patients:
          columns:
            ssn:       { encrypt: deterministic, type: string, key: pii, readers: [billing], mask: last4 }
            email:     { encrypt: randomized, type: string, key: pii, readers: [billing], mask: email }
            diagnosis: { encrypt: randomized, type: string, key: clinical, pad: 32 }
            born:      { encrypt: randomized, type: date, key: clinical, readers: [billing] }
      """;

  @TempDir Path dir;
  private String h2;
  private Path policy;
  private Path fullKeyring;
  private Path piiOnlyKeyring;
  private String kek;

  @BeforeEach
  void setUp() throws Exception {
    policy = dir.resolve("policy.yaml");
    Files.writeString(policy, POLICY);
    kek = TestSetup.newKek(dir);
    Kek opened = Keks.open(kek);
    Keyring full = Keyring.empty().withNewKey("pii").withNewKey("clinical");
    fullKeyring = dir.resolve("keyring.json");
    full.write(fullKeyring, opened);
    piiOnlyKeyring = dir.resolve("pii-keyring.json");
    full.only(List.of("pii")).write(piiOnlyKeyring, opened);

    h2 = "h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    try (Connection raw = DriverManager.getConnection("jdbc:" + h2);
        Statement ddl = raw.createStatement()) {
      ddl.execute(
          "CREATE TABLE patients (id INT PRIMARY KEY, clinic VARCHAR(40), ssn VARCHAR(200),"
              + " email VARCHAR(200), diagnosis VARCHAR(400), born VARCHAR(200))");
    }
    try (Connection billing = connect(fullKeyring, "billing", null)) {
      insert(
          billing, 1, "north", "123-45-6789", "ada@example.com", "flu", LocalDate.of(1815, 12, 10));
      insert(billing, 2, "north", "123-45-6789", "ada@example.com", "influenza A", null);
      insert(billing, 3, "south", "987-65-4321", "bob@example.org", "x".repeat(33), null);
    }
  }

  private Connection connect(Path keyring, String principal, String onMissingKey)
      throws SQLException {
    Properties info = new Properties();
    info.setProperty("veil.policy", policy.toString());
    info.setProperty("veil.keyring", keyring.toString());
    info.setProperty("veil.kek", kek);
    if (principal != null) {
      info.setProperty("veil.principal", principal);
    }
    if (onMissingKey != null) {
      info.setProperty("veil.onMissingKey", onMissingKey);
    }
    return DriverManager.getConnection("jdbc:veil:" + h2, info);
  }

  private static void insert(
      Connection connection,
      int id,
      String clinic,
      String ssn,
      String email,
      String diagnosis,
      LocalDate born)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO patients (id, clinic, ssn, email, diagnosis, born)"
                + " VALUES (?, ?, ?, ?, ?, ?)")) {
      insert.setInt(1, id);
      insert.setString(2, clinic);
      insert.setString(3, ssn);
      insert.setString(4, email);
      insert.setString(5, diagnosis);
      insert.setObject(6, born);
      insert.executeUpdate();
    }
  }

  /** Column {@code column} of row {@code id}, read through {@code connection} with getString. */
  private static String read(Connection connection, String column, int id) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT " + column + " FROM patients WHERE id = ?")) {
      select.setInt(1, id);
      try (ResultSet rows = select.executeQuery()) {
        assertThat(rows.next()).isTrue();
        return rows.getString(1);
      }
    }
  }

  @Test
  void aListedReaderSeesThePlaintextAndAnotherPrincipalTheMasks() throws SQLException {
    try (Connection billing = connect(fullKeyring, "billing", null);
        Connection support = connect(fullKeyring, "support", null)) {
      assertThat(read(billing, "ssn", 1)).isEqualTo("123-45-6789");
      assertThat(read(billing, "email", 1)).isEqualTo("ada@example.com");
      assertThat(read(support, "ssn", 1)).isEqualTo("***-**-6789");
      assertThat(read(support, "email", 1)).isEqualTo("a***@example.com");
      assertThat(read(support, "diagnosis", 1)).isEqualTo("flu");
      assertThat(read(support, "clinic", 1)).isEqualTo("north");
    }
  }

  @Test
  void aConnectionThatNamesNoPrincipalReadsRestrictedColumnsMasked() throws SQLException {
    try (Connection anonymous = connect(fullKeyring, null, null)) {
      assertThat(read(anonymous, "ssn", 3)).isEqualTo("***-**-4321");
      assertThat(read(anonymous, "email", 3)).isEqualTo("b***@example.org");
    }
  }

  @Test
  void aMaskedReaderStillFindsRowsByEqualityOnTheDeterministicColumn() throws SQLException {
    try (Connection support = connect(fullKeyring, "support", null);
        PreparedStatement find =
            support.prepareStatement("SELECT id, ssn FROM patients WHERE ssn = ? ORDER BY id")) {
      find.setString(1, "123-45-6789");
      List<String> found = new ArrayList<>();
      try (ResultSet rows = find.executeQuery()) {
        while (rows.next()) {
          found.add(rows.getInt(1) + " " + rows.getString(2));
        }
      }
      assertThat(found).containsExactly("1 ***-**-6789", "2 ***-**-6789");
    }
  }

  @Test
  void aMaskedColumnRefusesTypedGettersWithAMessageThatNamesTheFix() throws SQLException {
    try (Connection support = connect(fullKeyring, "support", null);
        Statement select = support.createStatement();
        ResultSet rows = select.executeQuery("SELECT ssn FROM patients WHERE id = 1")) {
      assertThat(rows.next()).isTrue();
      assertThatThrownBy(() -> rows.getBytes(1))
          .hasMessageContaining("patients.ssn is masked for this reader")
          .hasMessageContaining("readers:")
          .hasMessageNotContaining("6789");
    }
  }

  @Test
  void readingAColumnWhoseKeyTheKeyringLacksIsRefusedByDefault() throws SQLException {
    try (Connection support = connect(piiOnlyKeyring, "billing", null)) {
      assertThat(read(support, "ssn", 1)).isEqualTo("123-45-6789");
      assertThatThrownBy(() -> read(support, "diagnosis", 1))
          .isInstanceOf(SQLSyntaxErrorException.class)
          .hasMessageContaining("holds no key 'clinical'")
          .hasMessageContaining("veil.onMissingKey")
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
    }
  }

  @Test
  void onMissingKeyNullReadsTheColumnAsNull() throws SQLException {
    try (Connection support = connect(piiOnlyKeyring, "billing", "null")) {
      assertThat(read(support, "diagnosis", 1)).isNull();
      assertThat(read(support, "born", 1)).isNull();
      assertThat(read(support, "ssn", 1)).isEqualTo("123-45-6789");
    }
  }

  @Test
  void onMissingKeyCiphertextReadsTheStoredValueUnchanged() throws SQLException {
    String stored;
    try (Connection plain = DriverManager.getConnection("jdbc:" + h2)) {
      stored = read(plain, "diagnosis", 1);
    }
    try (Connection support = connect(piiOnlyKeyring, "billing", "ciphertext")) {
      assertThat(read(support, "diagnosis", 1)).isEqualTo(stored).startsWith("Vg");
      try (Statement select = support.createStatement();
          ResultSet rows = select.executeQuery("SELECT diagnosis FROM patients WHERE id = 1")) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getBytes(1)).isEqualTo(java.util.Base64.getDecoder().decode(stored));
      }
    }
  }

  @Test
  void onMissingKeyMaskRedactsTextAndReadsOtherTypesAsNull() throws SQLException {
    try (Connection support = connect(piiOnlyKeyring, "billing", "mask")) {
      assertThat(read(support, "diagnosis", 1)).isEqualTo("****");
      assertThat(read(support, "born", 1)).isNull();
    }
  }

  @Test
  void anInstanceWithoutTheKeyCannotWriteTheColumnWhateverOnMissingKeySays() throws SQLException {
    try (Connection support = connect(piiOnlyKeyring, "billing", "null");
        PreparedStatement update =
            support.prepareStatement("UPDATE patients SET diagnosis = ? WHERE id = 1")) {
      assertThatThrownBy(() -> update.setString(1, "measles"))
          .isInstanceOf(SQLSyntaxErrorException.class)
          .hasMessageContaining("holds no key 'clinical'")
          .hasMessageNotContaining("measles");
    }
    try (Connection billing = connect(fullKeyring, "billing", null)) {
      assertThat(read(billing, "diagnosis", 1)).isEqualTo("flu");
    }
  }

  /** Type, type name, class and precision of each column of {@code sql}'s result. */
  private static List<String> describe(Connection connection, String sql) throws SQLException {
    List<String> described = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      ResultSetMetaData before = select.getMetaData();
      try (ResultSet rows = select.executeQuery()) {
        ResultSetMetaData after = rows.getMetaData();
        for (int i = 1; i <= after.getColumnCount(); i++) {
          String column = describe(after, i);
          String prepared = describe(before, i);
          assertThat(prepared).as("prepared metadata of column %d", i).isEqualTo(column);
          described.add(column);
        }
      }
    }
    return described;
  }

  private static String describe(ResultSetMetaData metaData, int column) throws SQLException {
    return metaData.getColumnType(column)
        + " "
        + metaData.getColumnTypeName(column)
        + " "
        + metaData.getColumnClassName(column)
        + " "
        + metaData.getPrecision(column);
  }

  @Test
  void resultMetadataDescribesEachColumnInTheFormThisReaderGetsIt() throws SQLException {
    String sql = "SELECT born, diagnosis FROM patients WHERE id = 1";
    try (Connection billing = connect(fullKeyring, "billing", null);
        Connection support = connect(fullKeyring, "support", null);
        Connection ciphertext = connect(piiOnlyKeyring, "billing", "ciphertext");
        Connection masked = connect(piiOnlyKeyring, "billing", "mask")) {
      assertThat(describe(billing, sql))
          .containsExactly(
              Types.DATE + " DATE java.sql.Date 0", Types.VARCHAR + " VARCHAR java.lang.String 0");
      assertThat(describe(support, sql))
          .as("born is masked for support")
          .containsExactly(
              Types.VARCHAR + " VARCHAR java.lang.String 0",
              Types.VARCHAR + " VARCHAR java.lang.String 0");
      assertThat(describe(ciphertext, sql))
          .as("the stored columns, as the database describes them")
          .containsExactly(
              Types.VARCHAR + " CHARACTER VARYING java.lang.String 200",
              Types.VARCHAR + " CHARACTER VARYING java.lang.String 400");
      assertThat(describe(masked, sql))
          .containsExactly(
              Types.VARCHAR + " VARCHAR java.lang.String 0",
              Types.VARCHAR + " VARCHAR java.lang.String 0");
    }
  }

  @Test
  void paddingStoresValuesOfOneBucketAtOneLength() throws SQLException {
    try (Connection plain = DriverManager.getConnection("jdbc:" + h2)) {
      int flu = read(plain, "diagnosis", 1).length();
      int influenza = read(plain, "diagnosis", 2).length();
      int longer = read(plain, "diagnosis", 3).length();
      assertThat(influenza).isEqualTo(flu);
      assertThat(longer).isGreaterThan(flu);
    }
    try (Connection billing = connect(fullKeyring, "billing", null)) {
      assertThat(read(billing, "diagnosis", 2)).isEqualTo("influenza A");
      assertThat(read(billing, "diagnosis", 3)).isEqualTo("x".repeat(33));
    }
  }

  @Test
  void aDbaWithoutVeilReadsOrdinaryColumnsInClearAndProtectedOnesOnlyAsCiphertext()
      throws SQLException {
    try (Connection plain = DriverManager.getConnection("jdbc:" + h2);
        Statement select = plain.createStatement();
        ResultSet rows =
            select.executeQuery(
                "SELECT id, clinic, ssn, email, diagnosis, born FROM patients ORDER BY id")) {
      List<List<String>> table = new ArrayList<>();
      while (rows.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
          row.add(rows.getString(i));
        }
        table.add(row);
      }
      assertThat(table).extracting(row -> row.get(1)).containsExactly("north", "north", "south");
      String all = table.toString();
      for (String secret :
          List.of(
              "123-45-6789", "6789", "ada@example.com", "example", "flu", "influenza", "1815")) {
        assertThat(all).doesNotContain(secret);
      }
      for (List<String> row : table) {
        assertThat(row.subList(2, 5)).allSatisfy(cell -> assertThat(cell).startsWith("Vg"));
      }
      assertThat(table.get(0).get(2))
          .as("deterministic: equal SSNs store equal ciphertext")
          .isEqualTo(table.get(1).get(2));
      assertThat(table.get(0).get(3))
          .as("randomized: equal e-mail addresses store different ciphertexts")
          .isNotEqualTo(table.get(1).get(3));
      assertThat(table.get(1).get(5)).isNull();
    }
  }
}
