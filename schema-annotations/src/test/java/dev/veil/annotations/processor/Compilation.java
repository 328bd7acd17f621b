package dev.veil.annotations.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.annotations.Encrypted;
import dev.veil.policy.ColumnPolicy;
import dev.veil.policy.Policy;
import dev.veil.policy.PolicyException;
import dev.veil.policy.PolicyLoader;
import dev.veil.policy.TablePolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * One javac run of sample sources with {@link PolicyProcessor}, and what came out of it: the
 * diagnostics, and the policy file if one was written.
 *
 * @param diagnostics everything javac reported
 * @param policyYaml the generated {@code META-INF/veil/policy.yaml}, if written
 */
record Compilation(
    List<Diagnostic<? extends JavaFileObject>> diagnostics, Optional<String> policyYaml) {
  private static final Pattern PACKAGE = Pattern.compile("package\\s+([\\w.]+)\\s*;");
  private static final Pattern TYPE =
      Pattern.compile("(?:class|record|enum|@interface|interface)\\s+(\\w+)");

  /** Compiles {@code sources}, each one compilation unit's text; files are named after its type. */
  static Compilation of(String... sources) {
    return of(List.of(), sources);
  }

  /** Compiles {@code sources} with extra javac {@code options}, such as {@code -Akey=value}. */
  static Compilation of(List<String> extraOptions, String... sources) {
    try {
      Path output = Files.createTempDirectory("veil-processor-test");
      List<JavaFileObject> units = new ArrayList<>();
      for (String source : sources) {
        units.add(new Source(fileName(source), source));
      }
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
      List<String> options =
          new ArrayList<>(
              List.of("-proc:only", "-d", output.toString(), "-classpath", annotationsClassPath()));
      options.addAll(extraOptions);
      JavaCompiler.CompilationTask task =
          javac.getTask(null, null, diagnostics, options, null, units);
      task.setProcessors(List.of(new PolicyProcessor()));
      task.call();
      Path policy = output.resolve("META-INF/veil/policy.yaml");
      Optional<String> yaml =
          Files.exists(policy)
              ? Optional.of(Files.readString(policy, StandardCharsets.UTF_8))
              : Optional.empty();
      return new Compilation(List.copyOf(diagnostics.getDiagnostics()), yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Compiles {@code sources} together with the stand-in JPA annotations. */
  static Compilation withJpa(String... sources) {
    return withJpa(List.of(), sources);
  }

  /** Compiles {@code sources} with the stand-in JPA annotations and extra javac options. */
  static Compilation withJpa(List<String> extraOptions, String... sources) {
    List<String> all = new ArrayList<>(JpaStandIns.JAKARTA);
    all.addAll(List.of(sources));
    return of(extraOptions, all.toArray(String[]::new));
  }

  /** The errors, asserting there are some. */
  List<Diagnostic<? extends JavaFileObject>> errors() {
    List<Diagnostic<? extends JavaFileObject>> errors =
        diagnostics.stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR).toList();
    assertThat(errors).as("errors").isNotEmpty();
    return errors;
  }

  /** The one error, asserting that there is exactly one and that no policy was written. */
  Diagnostic<? extends JavaFileObject> singleError() {
    List<Diagnostic<? extends JavaFileObject>> errors = errors();
    assertThat(errors).as("errors").hasSize(1);
    assertThat(policyYaml).as("policy written despite errors").isEmpty();
    return errors.get(0);
  }

  /**
   * Asserts that the one error is in {@code source}'s file, on the line holding {@code fragment},
   * and says every one of {@code messageParts}; returns its message.
   */
  String singleErrorAt(String source, String fragment, String... messageParts) {
    Diagnostic<? extends JavaFileObject> error = singleError();
    String message = error.getMessage(null);
    assertThat(message).contains(messageParts);
    assertThat(error.getSource().getName()).endsWith(fileName(source));
    assertThat(error.getLineNumber()).as("line of %s", message).isEqualTo(lineOf(source, fragment));
    return message;
  }

  /** The generated YAML, asserting that javac reported no error or warning. */
  String yaml() {
    assertThat(diagnostics).as("diagnostics").isEmpty();
    assertThat(policyYaml).as("generated policy").isPresent();
    return policyYaml.get();
  }

  /** The generated policy as the driver loads it. */
  Policy policy() throws PolicyException {
    return PolicyLoader.parse("generated policy.yaml", yaml());
  }

  /** The policy of {@code column} in {@code table}, both as the policy file spells them. */
  static ColumnPolicy column(Policy policy, String table, String column) {
    TablePolicy tablePolicy =
        policy.tables().stream()
            .filter(t -> t.name().toString().equals(table))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no table " + table + " in " + policy));
    return tablePolicy.columns().stream()
        .filter(c -> c.column().toString().equals(column))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no column " + column + " in " + tablePolicy));
  }

  /** The 1-based line of {@code source} that contains {@code fragment}, which must be unique. */
  static long lineOf(String source, String fragment) {
    String[] lines = source.split("\n", -1);
    long found = -1;
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(fragment)) {
        assertThat(found).as("'%s' appears on more than one line", fragment).isEqualTo(-1);
        found = i + 1;
      }
    }
    assertThat(found).as("'%s' not in the source", fragment).isPositive();
    return found;
  }

  private static String fileName(String source) {
    Matcher pkg = PACKAGE.matcher(source);
    Matcher type = TYPE.matcher(source);
    assertThat(type.find()).as("a type in %s", source).isTrue();
    String name = type.group(1) + ".java";
    return pkg.find() ? pkg.group(1).replace('.', '/') + "/" + name : name;
  }

  private static String annotationsClassPath() {
    try {
      return Path.of(Encrypted.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final class Source extends SimpleJavaFileObject {
    private final String text;

    Source(String path, String text) {
      super(java.net.URI.create("string:///" + path), Kind.SOURCE);
      this.text = text;
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return text;
    }
  }
}
