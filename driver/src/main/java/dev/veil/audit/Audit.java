package dev.veil.audit;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where audit events go: always the SLF4J logger {@code dev.veil.audit} (INFO for successes, WARN
 * for failures), and every JSON-lines file configured in this JVM ({@code veil.auditFile}, or
 * {@code --audit-file} on the command line), one event per line, flushed as written.
 *
 * <h2>Security guarantees</h2>
 *
 * Events carry names, key ids, counts and reasons; the callers never put a protected value, key
 * material or a secret in one.
 */
public final class Audit {
  private static final Logger LOG = LoggerFactory.getLogger("dev.veil.audit");
  private static final Map<Path, Writer> FILES = new ConcurrentHashMap<>();

  private Audit() {}

  /** Records one event. An audit file that cannot be written is reported on the log, once. */
  public static void record(AuditEvent event) {
    if ("ok".equals(event.outcome())) {
      LOG.info("{}", event);
    } else {
      LOG.warn("{}", event);
    }
    if (FILES.isEmpty()) {
      return;
    }
    String line = event.toJson() + "\n";
    for (Map.Entry<Path, Writer> file : FILES.entrySet()) {
      Writer writer = file.getValue();
      synchronized (writer) {
        try {
          writer.write(line);
          writer.flush();
        } catch (IOException e) {
          if (FILES.remove(file.getKey(), writer)) {
            LOG.error("cannot write the audit file {}; it is no longer written: {}", file, e);
          }
        }
      }
    }
  }

  /** Appends every later event to {@code file} as JSON lines; idempotent per file. */
  public static void toFile(Path file) throws IOException {
    Path absolute = file.toAbsolutePath().normalize();
    if (FILES.containsKey(absolute)) {
      return;
    }
    synchronized (FILES) {
      if (!FILES.containsKey(absolute)) {
        FILES.put(
            absolute,
            Files.newBufferedWriter(
                absolute,
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND,
                StandardOpenOption.WRITE));
      }
    }
  }
}
