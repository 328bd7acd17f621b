package dev.veil.annotations.processor;

import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/** Reports compile errors on elements, so javac prints their file and line, and counts them. */
final class Reporter {
  private final Messager messager;
  private int errors;

  Reporter(Messager messager) {
    this.messager = messager;
  }

  void error(Element element, String message) {
    errors++;
    messager.printMessage(Diagnostic.Kind.ERROR, message, element);
  }

  /** An error in the processor's configuration, which no element carries. */
  void error(String message) {
    errors++;
    messager.printMessage(Diagnostic.Kind.ERROR, message);
  }

  boolean failed() {
    return errors > 0;
  }
}
