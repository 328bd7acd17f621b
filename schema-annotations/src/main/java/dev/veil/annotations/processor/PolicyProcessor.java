package dev.veil.annotations.processor;

import dev.veil.annotations.Encrypted;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
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
  private Reporter reporter;
  private ColumnReader reader;
  private PolicyColumns columns;

  /** The classes that contributed columns, for the Filer. */
  private final Set<Element> origins = new LinkedHashSet<>();

  /** Processors are created by javac through the service loader. */
  public PolicyProcessor() {}

  @Override
  public synchronized void init(ProcessingEnvironment processingEnv) {
    super.init(processingEnv);
    reporter = new Reporter(processingEnv.getMessager());
    String option = processingEnv.getOptions().get(Naming.OPTION);
    Naming naming =
        Naming.of(option)
            .orElseGet(
                () -> {
                  reporter.error(
                      "-A"
                          + Naming.OPTION
                          + "="
                          + option
                          + " is not a naming strategy Veil knows; use "
                          + Naming.choices());
                  return Naming.STANDARD;
                });
    reader = new ColumnReader(reporter, naming);
    columns = new PolicyColumns(reporter);
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(Encrypted.class.getCanonicalName());
  }

  @Override
  public Set<String> getSupportedOptions() {
    return Set.of(Naming.OPTION);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    // Read in the round that found them: javac places messages only on the current round's
    // elements. A record component's annotation also lands on the record's field; both stand for
    // the field, which javac places at the component (it cannot place a message on the component
    // itself).
    Set<Element> declarations = new LinkedHashSet<>();
    for (Element element : round.getElementsAnnotatedWith(Encrypted.class)) {
      declarations.add(declaration(element));
    }
    for (Element declaration : declarations) {
      reader.read(declaration).ifPresent(columns::add);
      origins.add(declaration.getEnclosingElement());
    }
    if (round.processingOver() && !origins.isEmpty() && !reporter.failed()) {
      write(columns.columns());
    }
    // Other processors may read @Encrypted too.
    return false;
  }

  private static Element declaration(Element element) {
    if (element instanceof RecordComponentElement component) {
      for (Element member : component.getEnclosingElement().getEnclosedElements()) {
        if (member.getKind() == ElementKind.FIELD
            && member.getSimpleName().contentEquals(component.getSimpleName())) {
          return member;
        }
      }
    }
    return element;
  }

  private void write(List<ColumnSpec> unique) {
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
