package dev.veil.transport;

import dev.veil.errors.VeilErrors;
import dev.veil.errors.VeilSqlState;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Function;

/**
 * The delegate driver's settings as Veil sees them: the URL's parameters and the properties Veil
 * forwards. Drivers differ in which of the two wins and in letter case, so a setting counts
 * wherever it appears, in any case; Veil adds a setting to the forwarded properties only where it
 * appears nowhere.
 */
final class DelegateSettings {
  private final DatabaseUrl url;
  private final Properties forwarded;

  DelegateSettings(DatabaseUrl url, Properties forwarded) {
    this.url = url;
    this.forwarded = forwarded;
  }

  /** Every value given to {@code name}, from the URL and the properties. */
  List<String> values(String name) {
    List<String> values = new ArrayList<>(url.values(name));
    for (String key : forwarded.stringPropertyNames()) {
      if (key.equalsIgnoreCase(name)) {
        values.add(forwarded.getProperty(key));
      }
    }
    return values;
  }

  /** Whether {@code name} is given anywhere. */
  boolean isSet(String name) {
    return !values(name).isEmpty();
  }

  /** Whether any value of {@code name} is true in the drivers' boolean sense. */
  boolean anyTrue(String name) {
    return values(name).stream()
        .map(v -> v.strip().toLowerCase(Locale.ROOT))
        .anyMatch(v -> v.isEmpty() || v.equals("true") || v.equals("1") || v.equals("yes"));
  }

  /** Sets {@code name} for the delegate where nothing sets it yet. */
  void setIfAbsent(String name, String value) {
    if (!isSet(name)) {
      forwarded.setProperty(name, value);
    }
  }

  /**
   * Makes the driver's mode setting {@code name} ask for {@code level}: sets it to {@code value}
   * where it is unset, and refuses any value whose {@code strength} is lower or unknown.
   */
  void requireMode(
      String name, TransportLevel level, String value, Function<String, TransportLevel> strength)
      throws SQLException {
    setIfAbsent(name, value);
    for (String mode : values(name)) {
      TransportLevel given = strength.apply(mode);
      if (given == null || !given.atLeast(level)) {
        throw Transport.refused(
            name
                + "="
                + mode
                + " is weaker than veil.transport="
                + level
                + "; set "
                + name
                + "="
                + value
                + ", or remove "
                + name
                + " and Veil sets it");
      }
    }
  }

  /**
   * Passes a {@code veil.tls.*} value to the delegate as {@code name}. The same setting given
   * differently on both sides is refused rather than guessed between.
   */
  void map(String veilKey, String name, String value) throws SQLException {
    if (value == null) {
      return;
    }
    for (String existing : values(name)) {
      if (!existing.equals(value)) {
        throw VeilErrors.of(
            VeilSqlState.CONFIGURATION,
            veilKey
                + " and the driver's own "
                + name
                + " both name a file, and not the same one; set only one of them");
      }
    }
    setIfAbsent(name, value);
  }
}
