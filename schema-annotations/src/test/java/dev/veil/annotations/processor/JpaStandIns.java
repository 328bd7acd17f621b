package dev.veil.annotations.processor;

import java.util.List;

/**
 * Minimal look-alikes of the jakarta.persistence annotations the processor reads by simple name,
 * with JPA's targets (so {@code @Column} on a record component lands on its field and accessor, as
 * with real JPA) and without a JPA dependency.
 */
final class JpaStandIns {
  static final List<String> JAKARTA =
      List.of(
          """
          package jakarta.persistence;
          import java.lang.annotation.*;
          @Target(ElementType.TYPE) @Retention(RetentionPolicy.RUNTIME)
          public @interface Table {
            String name() default "";
            String schema() default "";
            String catalog() default "";
          }
          """,
          """
          package jakarta.persistence;
          import java.lang.annotation.*;
          @Target({ElementType.METHOD, ElementType.FIELD}) @Retention(RetentionPolicy.RUNTIME)
          public @interface Column {
            String name() default "";
            int length() default 255;
          }
          """,
          """
          package jakarta.persistence;
          import java.lang.annotation.*;
          @Target(ElementType.TYPE) @Retention(RetentionPolicy.RUNTIME)
          public @interface Entity {
            String name() default "";
          }
          """,
          """
          package jakarta.persistence;
          public enum EnumType { ORDINAL, STRING }
          """,
          """
          package jakarta.persistence;
          import java.lang.annotation.*;
          @Target({ElementType.METHOD, ElementType.FIELD}) @Retention(RetentionPolicy.RUNTIME)
          public @interface Enumerated {
            EnumType value() default EnumType.ORDINAL;
          }
          """,
          """
          package jakarta.persistence;
          import java.lang.annotation.*;
          @Target(ElementType.TYPE) @Retention(RetentionPolicy.RUNTIME)
          public @interface Embeddable {}
          """,
          """
          package jakarta.persistence;
          import java.lang.annotation.*;
          @Target(ElementType.TYPE) @Retention(RetentionPolicy.RUNTIME)
          public @interface MappedSuperclass {}
          """);

  private JpaStandIns() {}
}
