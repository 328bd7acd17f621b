package dev.veil.cli;

import dev.veil.errors.VeilErrors;
import dev.veil.errors.VeilSqlState;
import dev.veil.policy.Policy;
import dev.veil.policy.PolicyException;
import dev.veil.policy.PolicyLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options of every command that works on the stored values of a database through its own
 * driver, not through Veil: the policy, the URL and the credentials.
 */
final class DatabaseOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--url",
      required = true,
      description =
          "The database's own JDBC URL (jdbc:postgresql:..., jdbc:mariadb:..., jdbc:h2:...),"
              + " not jdbc:veil:...: the command reads the stored values themselves.")
  String url;

  @Option(names = "--user", description = "The database user.")
  String user;

  @Option(
      names = "--password-env",
      paramLabel = "VAR",
      description = "The environment variable holding the database password.")
  String passwordEnv;

  @Option(names = "--policy", required = true, description = "The policy file (YAML).")
  Path policy;

  /** The policy, or an {@code F0000} error naming the problem. */
  Policy loadPolicy() throws SQLException {
    try {
      return PolicyLoader.load(policy.toString());
    } catch (PolicyException e) {
      throw VeilErrors.of(VeilSqlState.CONFIGURATION, "invalid Veil policy: " + e.getMessage(), e);
    }
  }

  /**
   * A connection with the database's own driver; a {@code jdbc:veil:} URL is a usage error, since
   * Veil would decrypt what the command must see as stored.
   */
  Connection connect() throws SQLException {
    if (url.regionMatches(true, 0, "jdbc:veil:", 0, "jdbc:veil:".length())) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--url must be the database's own URL (jdbc:postgresql:..., jdbc:mariadb:...), not"
              + " jdbc:veil:...: the command reads the stored values themselves");
    }
    Driver driver = driver();
    Properties info = new Properties();
    if (user != null) {
      info.setProperty("user", user);
    }
    if (passwordEnv != null) {
      String password = System.getenv(passwordEnv);
      if (password == null) {
        throw VeilErrors.of(
            VeilSqlState.CONFIGURATION,
            "--password-env names " + passwordEnv + ", which is not set in the environment");
      }
      info.setProperty("password", password);
    }
    return driver.connect(url, info);
  }

  private Driver driver() throws SQLException {
    try {
      return DriverManager.getDriver(url);
    } catch (SQLException none) {
      // The shaded jar bundles H2 for 'veil demo' without registering it (it must not shadow the
      // application's own jdbc:h2 driver); asking for it by name reaches the demo's database.
      if (url.startsWith("jdbc:h2:")) {
        try {
          return org.h2.Driver.load();
        } catch (LinkageError absent) {
          // Not bundled and not on the class path: fall through to the message below.
        }
      }
    }
    // DriverManager's own message repeats the URL, which may carry a password.
    throw VeilErrors.of(
        VeilSqlState.CONFIGURATION,
        "no JDBC driver on the class path accepts the --url; run the command as 'java -cp"
            + " veil.jar:<database driver jar> dev.veil.cli.VeilCli ...'");
  }
}
