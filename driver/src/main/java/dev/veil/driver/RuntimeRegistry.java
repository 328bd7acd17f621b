package dev.veil.driver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads each configuration once and shares it between connections. A policy file that changed on
 * disk is loaded afresh for connections opened afterwards; open connections keep the policy they
 * started with, so a policy change is never half-applied. Keyring changes are the runtime's own
 * business ({@link VeilRuntime#refreshIfKeyringChanged}).
 */
final class RuntimeRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(RuntimeRegistry.class);
  private static final ConcurrentMap<VeilConfig, Loaded> RUNTIMES = new ConcurrentHashMap<>();

  private record Loaded(Object stamp, VeilRuntime runtime) {}

  private RuntimeRegistry() {}

  /**
   * The runtime for {@code config}: a new one when the policy file changed, else the loaded one,
   * which re-reads its keyring at once if that file changed (a failure there leaves it serving with
   * the keys it has, so a rotated KEK never stops new connections).
   */
  static VeilRuntime get(VeilConfig config) throws SQLException {
    Object stamp = policyStamp(config.policy());
    Loaded loaded = RUNTIMES.get(config);
    if (loaded != null && loaded.stamp().equals(stamp)) {
      loaded.runtime().refreshIfKeyringChanged();
      return loaded.runtime();
    }
    synchronized (RuntimeRegistry.class) {
      loaded = RUNTIMES.get(config);
      if (loaded == null || !loaded.stamp().equals(stamp)) {
        VeilRuntime runtime = VeilRuntime.load(config);
        loaded = new Loaded(stamp, runtime);
        RUNTIMES.put(config, loaded);
        LOG.info(
            "Veil loaded policy {} ({} protected columns) and keyring {}",
            config.policy(),
            runtime.policy().columns().size(),
            config.keyring());
      }
      return loaded.runtime();
    }
  }

  /** The stamps of every location in a comma-separated policy list. */
  private static Object policyStamp(String locations) {
    List<Object> stamps = new ArrayList<>();
    for (String location : locations.split(",")) {
      stamps.add(stamp(location.strip()));
    }
    return stamps;
  }

  /** Modification time and size of a file, or the location itself for class-path resources. */
  static Object stamp(String location) {
    if (location.startsWith("classpath:")) {
      return location;
    }
    try {
      BasicFileAttributes attributes =
          Files.readAttributes(Path.of(location), BasicFileAttributes.class);
      return List.of(attributes.lastModifiedTime().toMillis(), attributes.size());
    } catch (IOException | RuntimeException e) {
      return "unreadable";
    }
  }
}
