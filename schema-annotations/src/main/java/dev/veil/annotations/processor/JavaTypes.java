package dev.veil.annotations.processor;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * The policy {@code type} of a field's Java type: the types JPA providers bind with the JDBC setter
 * whose canonical encoding the driver has for that policy type.
 */
final class JavaTypes {
  /** For messages: every Java type the processor maps. */
  static final String SUPPORTED =
      "String; int, short, byte, long, double, float, boolean and their wrappers; BigDecimal;"
          + " LocalDate, LocalTime, LocalDateTime; java.sql.Date, Time, Timestamp; byte[]; UUID;"
          + " enums";

  private static final Map<String, String> DECLARED =
      Map.ofEntries(
          Map.entry("java.lang.String", "string"),
          Map.entry("java.lang.Integer", "int"),
          Map.entry("java.lang.Short", "int"),
          Map.entry("java.lang.Byte", "int"),
          Map.entry("java.lang.Long", "long"),
          Map.entry("java.math.BigDecimal", "decimal"),
          Map.entry("java.lang.Double", "double"),
          Map.entry("java.lang.Float", "double"),
          Map.entry("java.lang.Boolean", "boolean"),
          Map.entry("java.time.LocalDate", "date"),
          Map.entry("java.sql.Date", "date"),
          Map.entry("java.time.LocalTime", "time"),
          Map.entry("java.sql.Time", "time"),
          Map.entry("java.time.LocalDateTime", "timestamp"),
          Map.entry("java.sql.Timestamp", "timestamp"),
          Map.entry("java.util.UUID", "uuid"));

  private JavaTypes() {}

  /**
   * The policy type of {@code type}, or empty when there is none. An enum is a {@code string} under
   * {@code @Enumerated(EnumType.STRING)} and an {@code int} otherwise, since JPA stores ordinals by
   * default.
   */
  static Optional<String> policyType(TypeMirror type, List<AnnotationMirror> mirrors) {
    return Optional.ofNullable(
        switch (type.getKind()) {
          case INT, SHORT, BYTE -> "int";
          case LONG -> "long";
          case DOUBLE, FLOAT -> "double";
          case BOOLEAN -> "boolean";
          case ARRAY ->
              ((ArrayType) type).getComponentType().getKind() == TypeKind.BYTE ? "bytes" : null;
          case DECLARED -> declared((DeclaredType) type, mirrors);
          default -> null;
        });
  }

  private static String declared(DeclaredType type, List<AnnotationMirror> mirrors) {
    TypeElement element = (TypeElement) type.asElement();
    if (element.getKind() == ElementKind.ENUM) {
      Optional<String> enumType =
          Mirrors.enumConstant(Mirrors.find(mirrors, "Enumerated"), "value");
      return enumType.filter("STRING"::equals).isPresent() ? "string" : "int";
    }
    return DECLARED.get(element.getQualifiedName().toString());
  }
}
