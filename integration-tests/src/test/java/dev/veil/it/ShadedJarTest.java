package dev.veil.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The drop-in artifact, {@code driver/target/veil.jar}, as an application would use it. */
class ShadedJarTest {
  private static final Path JAR = Path.of("..", "driver", "target", "veil.jar");

  @Test
  void relocatesEveryThirdPartyPackageUnderDevVeilShaded() throws IOException {
    assertThat(JAR).as("built by the driver module's package phase").exists();
    try (JarFile jar = new JarFile(JAR.toFile())) {
      List<String> foreign =
          jar.stream()
              .map(entry -> entry.getName())
              .filter(name -> name.endsWith(".class"))
              .filter(name -> !name.startsWith("dev/veil/") && !name.startsWith("org/slf4j/"))
              .filter(name -> !name.startsWith("META-INF/versions/"))
              .toList();
      assertThat(foreign).isEmpty();
      assertThat(jar.getEntry("dev/veil/shaded/com/google/crypto/tink/Aead.class")).isNotNull();
      assertThat(jar.getEntry("dev/veil/shaded/net/sf/jsqlparser/parser/CCJSqlParser.class"))
          .isNotNull();
    }
  }

  @Test
  void registersOnlyTheVeilDriverAndRunsTheCli() throws IOException {
    try (JarFile jar = new JarFile(JAR.toFile())) {
      try (InputStream services =
          jar.getInputStream(jar.getEntry("META-INF/services/java.sql.Driver"))) {
        assertThat(new String(services.readAllBytes(), StandardCharsets.UTF_8).strip())
            .isEqualTo("dev.veil.driver.VeilDriver");
      }
      Manifest manifest = jar.getManifest();
      assertThat(manifest.getMainAttributes().getValue("Main-Class"))
          .isEqualTo("dev.veil.cli.VeilCli");
      assertThat(manifest.getMainAttributes().getValue("Automatic-Module-Name"))
          .isEqualTo("dev.veil.driver");
    }
  }

  @Test
  void thePublishedModulesCarrySourcesAndJavadocJars() throws IOException {
    assertJarHolds("driver", "-sources.jar", "dev/veil/driver/VeilDriver.java");
    assertJarHolds("driver", "-javadoc.jar", "dev/veil/driver/VeilDriver.html");
    assertJarHolds("schema-annotations", "-sources.jar", "dev/veil/annotations/Encrypted.java");
    assertJarHolds("schema-annotations", "-javadoc.jar", "dev/veil/annotations/Encrypted.html");
  }

  /**
   * The module's jar named {@code *suffix} holds {@code entry}, at its root or under the module
   * directory javadoc writes for a named module.
   */
  private static void assertJarHolds(String module, String suffix, String entry)
      throws IOException {
    Path jar;
    try (var files = Files.list(Path.of("..", module, "target"))) {
      jar =
          files
              .filter(file -> file.getFileName().toString().endsWith(suffix))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no " + suffix + " in " + module + "/target"));
    }
    try (JarFile file = new JarFile(jar.toFile())) {
      assertThat(file.stream().map(e -> e.getName()))
          .as("%s in %s", entry, jar)
          .anyMatch(name -> name.equals(entry) || name.endsWith("/" + entry));
    }
  }

  @Test
  void runsTheDemoStandalone() throws Exception {
    Run demo = run("demo");
    assertThat(demo.exit()).as(demo.output()).isZero();
    assertThat(demo.output()).contains("->  Alan Turing").doesNotContain("SLF4J");
  }

  @Test
  void explainsStatementsAndFailsOnARefusal(@TempDir Path dir) throws Exception {
    Path policy = dir.resolve("policy.yaml");
    Files.writeString(
        policy,
        "version: 1\ntables:\n  patients:\n    columns:\n"
            + "      ssn: { encrypt: deterministic, type: string, key: pii }\n");
    Run served =
        run("explain", "--policy", policy.toString(), "SELECT id FROM patients WHERE ssn = ?");
    assertThat(served.exit()).as(served.output()).isZero();
    assertThat(served.output()).contains("ENCRYPTS  parameter 1 as patients.ssn");
    Run refused =
        run("explain", "--policy", policy.toString(), "SELECT id FROM patients ORDER BY ssn");
    assertThat(refused.exit()).as(refused.output()).isEqualTo(1);
    assertThat(refused.output()).contains("REFUSED   ORDER BY on protected column patients.ssn");
  }

  private record Run(int exit, String output) {}

  private static Run run(String... arguments) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path output = Files.createTempFile("veil-cli", ".txt");
    List<String> command = new ArrayList<>(List.of(java.toString(), "-jar", JAR.toString()));
    command.addAll(List.of(arguments));
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String text = Files.readString(output);
    Files.delete(output);
    return new Run(process.exitValue(), text);
  }
}
