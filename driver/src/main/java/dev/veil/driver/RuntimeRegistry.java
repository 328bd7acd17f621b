package dev.veil.driver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads each configuration once and shares it between connections. A policy or keyring file that
 * changed on disk is loaded afresh for connections opened afterwards; open connections keep the
 * runtime they started with, so a change is never half-applied.
 */
final class RuntimeRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(RuntimeRegistry.class);
  private static final ConcurrentMap<VeilConfig, Loaded> RUNTIMES = new ConcurrentHashMap<>();

  private record Loaded(List<Object> stamp, VeilRuntime runtime) {}

  private RuntimeRegistry() {}

  static VeilRuntime get(VeilConfig config) throws SQLException {
    List<Object> stamp = List.of(stamp(config.policy()), stamp(config.keyring()));
    Loaded loaded = RUNTIMES.get(config);
    if (loaded != null && loaded.stamp().equals(stamp)) {
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
