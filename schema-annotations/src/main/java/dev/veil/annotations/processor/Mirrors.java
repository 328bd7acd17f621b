package dev.veil.annotations.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * Reads JPA annotations by their simple name ({@code Table}, {@code Column}, ...), so that
 * jakarta.persistence, javax.persistence and look-alikes all work and the module needs no JPA
 * dependency.
 */
final class Mirrors {
  private Mirrors() {}

  /**
   * The annotations on a field. A record component's annotations land on the component, its field
   * or its accessor depending on their targets (JPA's {@code @Column} targets fields and methods
   * only), so for a record's field all three are read.
   */
  static List<AnnotationMirror> of(Element field) {
    List<AnnotationMirror> mirrors = new ArrayList<>(field.getAnnotationMirrors());
    if (field.getEnclosingElement() instanceof TypeElement owner
        && owner.getKind() == ElementKind.RECORD) {
      for (RecordComponentElement component : owner.getRecordComponents()) {
        if (component.getSimpleName().contentEquals(field.getSimpleName())) {
          mirrors.addAll(component.getAnnotationMirrors());
          mirrors.addAll(component.getAccessor().getAnnotationMirrors());
        }
      }
    }
    return mirrors;
  }

  /** The first annotation whose type's simple name is {@code simpleName}. */
  static Optional<AnnotationMirror> find(List<? extends AnnotationMirror> mirrors, String name) {
    for (AnnotationMirror mirror : mirrors) {
      if (mirror.getAnnotationType().asElement().getSimpleName().contentEquals(name)) {
        return Optional.of(mirror);
      }
    }
    return Optional.empty();
  }

  /** A string attribute written on the annotation; empty when absent or blank, JPA's default. */
  static Optional<String> string(Optional<AnnotationMirror> mirror, String attribute) {
    return value(mirror, attribute)
        .filter(String.class::isInstance)
        .map(String.class::cast)
        .filter(s -> !s.isBlank());
  }

  /** The constant's name of an enum attribute written on the annotation. */
  static Optional<String> enumConstant(Optional<AnnotationMirror> mirror, String attribute) {
    return value(mirror, attribute)
        .filter(VariableElement.class::isInstance)
        .map(v -> ((VariableElement) v).getSimpleName().toString());
  }

  private static Optional<Object> value(Optional<AnnotationMirror> mirror, String attribute) {
    if (mirror.isEmpty()) {
      return Optional.empty();
    }
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
        mirror.get().getElementValues().entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(attribute)) {
        return Optional.of(entry.getValue().getValue());
      }
    }
    return Optional.empty();
  }
}
