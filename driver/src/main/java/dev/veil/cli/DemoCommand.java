package dev.veil.cli;

import dev.veil.driver.VeilDataSource;
import dev.veil.keys.Keks;
import dev.veil.keys.Keyring;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code veil demo}: writes a few patients through Veil into an H2 database and shows, side by
 * side, what the application wrote, what the database holds, and what the application reads back.
 * Needs no setup: by default the database is in memory and the KEK and keyring are ephemeral; with
 * {@code --dir} they are kept, so that the key-management runbook can be followed on them.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "demo",
    description = "Show Veil end to end on an H2 database; needs no setup.")
final class DemoCommand implements Callable<Integer> {
  private static final String H2_URL = "h2:mem:veil-demo;DB_CLOSE_DELAY=-1";
  private static final String POLICY = "dev/veil/cli/demo-policy.yaml";
  private static final Object[][] PATIENTS = {
    {1, "123-45-6789", "Ada Lovelace", LocalDate.of(1815, 12, 10), new BigDecimal("1024.50")},
    {2, "987-65-4321", "Alan Turing", LocalDate.of(1912, 6, 23), new BigDecimal("-12.00")},
    {3, "555-12-3456", "Grace Hopper", LocalDate.of(1906, 12, 9), null},
  };
  private static final String[] COLUMNS = {"id", "ssn", "name", "dob", "balance"};

  @Spec CommandSpec spec;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description =
          "Keep the demo in DIR: its KEK (kek), keyring.json, policy.yaml and the H2 database"
              + " file demo.mv.db, so that key commands can be tried on them. A later run with the"
              + " same DIR reads the kept database instead of creating it.")
  Path keep;

  @Override
  public Integer call() throws SQLException, IOException {
    PrintWriter out = spec.commandLine().getOut();
    Path dir = keep == null ? Files.createTempDirectory("veil-demo") : keep.toAbsolutePath();
    boolean existing = keep != null && Files.exists(dir.resolve("keyring.json"));
    String h2 = keep == null ? H2_URL : "h2:" + dir.resolve("demo");
    try {
      if (keep != null) {
        Files.createDirectories(dir);
      }
      VeilDataSource veil = existing ? dataSource(dir, h2) : setUp(dir, h2);
      try (Connection raw = org.h2.Driver.load().connect("jdbc:" + h2, new Properties());
          Connection app = veil.getConnection()) {
        if (existing) {
          out.println("Veil demo: the database kept in " + dir + " (jdbc:" + h2 + ")");
          out.println();
        } else {
          create(raw, app, out, h2);
        }
        out.println("2. What the database stores, read with plain jdbc:" + h2 + " (no keys)");
        print(out, read(raw, true));
        out.println("3. What the application reads back through Veil");
        print(out, read(app, false));
        lookup(app, out);
        refusal(app, out);
      }
      if (keep != null) {
        out.println(
            "Kept in "
                + dir
                + ": kek, keyring.json, policy.yaml and demo.mv.db (jdbc:"
                + h2
                + "); run 'veil demo --dir "
                + keep
                + "' again after changing keys.");
      }
    } finally {
      if (keep == null) {
        deleteAll(dir);
      }
    }
    return 0;
  }

  private static void create(Connection raw, Connection app, PrintWriter out, String h2)
      throws SQLException {
    try (Statement ddl = raw.createStatement()) {
      ddl.execute("DROP TABLE IF EXISTS patients");
      ddl.execute(
          "CREATE TABLE patients (id INT PRIMARY KEY, ssn VARCHAR(200),"
              + " name VARBINARY(200), dob VARBINARY(100), balance VARCHAR(200))");
    }
    out.println("Veil demo: an H2 database, a fresh KEK and this policy:");
    out.println("  patients.ssn      deterministic string  (key pii)     -> equality lookups");
    out.println("  patients.name     randomized    string  (key pii)");
    out.println("  patients.dob      randomized    date    (key pii)");
    out.println("  patients.balance  randomized    decimal (key finance)");
    out.println();
    write(app);
    out.println("1. What the application wrote, through jdbc:veil:" + h2);
    print(out, rowsOf(PATIENTS));
  }

  private static VeilDataSource setUp(Path dir, String h2) throws IOException, SQLException {
    Path kek = dir.resolve("kek");
    // Owner-only from the moment it exists, never briefly readable under the umask.
    Files.createFile(
        kek, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(kek, Keks.generate(), StandardCharsets.US_ASCII);
    try (var policy = DemoCommand.class.getClassLoader().getResourceAsStream(POLICY)) {
      Files.write(dir.resolve("policy.yaml"), policy.readAllBytes());
    }
    Keyring.empty()
        .withNewKey("pii")
        .withNewKey("finance")
        .write(dir.resolve("keyring.json"), Keks.open("file:" + kek));
    return dataSource(dir, h2);
  }

  private static VeilDataSource dataSource(Path dir, String h2) {
    VeilDataSource veil = new VeilDataSource();
    veil.setUrl("jdbc:veil:" + h2);
    veil.setPolicy(dir.resolve("policy.yaml").toString());
    veil.setKeyring(dir.resolve("keyring.json").toString());
    veil.setKek("file:" + dir.resolve("kek"));
    return veil;
  }

  private static void write(Connection app) throws SQLException {
    try (PreparedStatement insert =
        app.prepareStatement(
            "INSERT INTO patients (id, ssn, name, dob, balance) VALUES (?, ?, ?, ?, ?)")) {
      for (Object[] patient : PATIENTS) {
        for (int i = 0; i < patient.length; i++) {
          insert.setObject(i + 1, patient[i]);
        }
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private static List<List<String>> read(Connection connection, boolean raw) throws SQLException {
    List<List<String>> rows = new ArrayList<>();
    try (Statement select = connection.createStatement();
        ResultSet results =
            select.executeQuery("SELECT id, ssn, name, dob, balance FROM patients ORDER BY id")) {
      while (results.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= COLUMNS.length; i++) {
          Object value = results.getObject(i);
          row.add(raw ? stored(value) : String.valueOf(value));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  private static String stored(Object value) {
    if (value instanceof byte[] bytes) {
      String hex = HexFormat.of().formatHex(bytes);
      return "0x" + hex.substring(0, Math.min(16, hex.length())) + "... (" + bytes.length + " B)";
    }
    if (value instanceof String text && text.length() > 20) {
      return text.substring(0, 16) + "... (" + text.length() + " ch)";
    }
    return String.valueOf(value);
  }

  private static void lookup(Connection app, PrintWriter out) throws SQLException {
    try (PreparedStatement find = app.prepareStatement("SELECT name FROM patients WHERE ssn = ?")) {
      find.setString(1, "987-65-4321");
      try (ResultSet results = find.executeQuery()) {
        results.next();
        out.println("4. Equality lookup on the deterministic column:");
        out.println(
            "   SELECT name FROM patients WHERE ssn = ?  [987-65-4321]  ->  "
                + results.getString(1));
        out.println();
      }
    }
  }

  private static void refusal(Connection app, PrintWriter out) {
    String sql = "SELECT id FROM patients WHERE name LIKE 'Ada%'";
    out.println("5. What encryption cannot answer is refused before anything is sent:");
    out.println("   " + sql);
    try (Statement statement = app.createStatement()) {
      statement.executeQuery(sql);
      out.println("   -> unexpectedly accepted");
    } catch (SQLException e) {
      out.println("   -> SQLState " + e.getSQLState() + ": " + e.getMessage());
    }
  }

  private static List<List<String>> rowsOf(Object[][] values) {
    List<List<String>> rows = new ArrayList<>();
    for (Object[] value : values) {
      List<String> row = new ArrayList<>();
      for (Object cell : value) {
        row.add(String.valueOf(cell));
      }
      rows.add(row);
    }
    return rows;
  }

  private static void print(PrintWriter out, List<List<String>> rows) {
    int[] widths = new int[COLUMNS.length];
    for (int i = 0; i < COLUMNS.length; i++) {
      widths[i] = COLUMNS[i].length();
      for (List<String> row : rows) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder header = new StringBuilder("   ");
    for (int i = 0; i < COLUMNS.length; i++) {
      header.append(String.format("%-" + (widths[i] + 2) + "s", COLUMNS[i]));
    }
    out.println(header.toString().stripTrailing());
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder("   ");
      for (int i = 0; i < COLUMNS.length; i++) {
        line.append(String.format("%-" + (widths[i] + 2) + "s", row.get(i)));
      }
      out.println(line.toString().stripTrailing());
    }
    out.println();
  }

  private static void deleteAll(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
