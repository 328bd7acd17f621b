package dev.veil.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the table of a class or record whose fields carry {@link Encrypted}, for classes that have
 * no JPA {@code @Table}. Without either, the table is the JPA entity name, else the class's simple
 * name.
 *
 * <p>Names follow JPA's spelling: {@code "patients"} is an unquoted identifier, {@code
 * "\"Patients\""} or {@code "`Patients`"} a quoted one, whose case the database keeps.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface VeilTable {
  /** The table; empty means the class's simple name. */
  String name() default "";

  /** The schema; empty leaves the table unqualified, so it matches the table in any schema. */
  String schema() default "";
}
