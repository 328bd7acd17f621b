package dev.veil.annotations.processor;

import dev.veil.annotations.Encrypted;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Writes {@code META-INF/veil/policy.yaml} to the class output from every {@link Encrypted} field
 * and record component of the compilation, once all rounds are done; nothing is written when any of
 * them is in error, or when there are none.
 *
 * <p>The file aggregates the whole compilation, so it is only complete when the processor sees
 * every annotated class: Maven recompiles a module whole, and the processor declares itself
 * aggregating to Gradle, which then reprocesses all annotated classes on every change. Each class
 * that contributed is passed to the {@link javax.annotation.processing.Filer} as an originating
 * element.
 */
public final class PolicyProcessor extends AbstractProcessor {
  /** Fields and record components in the order seen, a record's field folded into its component. */
  private final Set<Element> declarations = new LinkedHashSet<>();

  /** Processors are created by javac through the service loader. */
  public PolicyProcessor() {}

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(Encrypted.class.getCanonicalName());
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    for (Element element : round.getElementsAnnotatedWith(Encrypted.class)) {
      declarations.add(declaration(element));
    }
    if (round.processingOver() && !declarations.isEmpty()) {
      write();
    }
    // Other processors may read @Encrypted too.
    return false;
  }

  /**
   * A record component's annotation also lands on the record's private field; both stand for the
   * component, whose position is the one the user wrote.
   */
  private static Element declaration(Element element) {
    if (element.getKind() == ElementKind.FIELD
        && element.getEnclosingElement() instanceof TypeElement owner
        && owner.getKind() == ElementKind.RECORD) {
      for (RecordComponentElement component : owner.getRecordComponents()) {
        if (component.getSimpleName().contentEquals(element.getSimpleName())) {
          return component;
        }
      }
    }
    return element;
  }

  private void write() {
    Reporter reporter = new Reporter(processingEnv.getMessager());
    ColumnReader reader = new ColumnReader(reporter);
    List<ColumnSpec> columns = new ArrayList<>();
    Set<Element> origins = new LinkedHashSet<>();
    for (Element declaration : declarations) {
      reader.read(declaration).ifPresent(columns::add);
      origins.add(declaration.getEnclosingElement());
    }
    List<ColumnSpec> unique = PolicyChecks.unique(columns, reporter);
    if (reporter.failed()) {
      return;
    }
    try {
      FileObject file =
          processingEnv
              .getFiler()
              .createResource(
                  StandardLocation.CLASS_OUTPUT,
                  "",
                  PolicyYaml.LOCATION,
                  origins.toArray(Element[]::new));
      // UTF-8 whatever javac's -encoding: the driver reads the file as UTF-8.
      try (Writer out = new OutputStreamWriter(file.openOutputStream(), StandardCharsets.UTF_8)) {
        out.write(PolicyYaml.render(unique));
      }
    } catch (IOException e) {
      processingEnv
          .getMessager()
          .printMessage(
              Diagnostic.Kind.ERROR, "cannot write " + PolicyYaml.LOCATION + ": " + e.getMessage());
    }
  }
}
