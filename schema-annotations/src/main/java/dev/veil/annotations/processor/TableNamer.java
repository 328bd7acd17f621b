package dev.veil.annotations.processor;

import dev.veil.annotations.VeilTable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.TypeElement;

/**
 * Names the table of a class the way a JPA provider does: {@code @Table(name, schema)}, else the
 * {@code @Entity(name)} (JPA's default table name is the entity name), else the simple class name;
 * {@link VeilTable} stands in for {@code @Table} on classes without JPA. Each class is named, and
 * its problems reported, once.
 */
final class TableNamer {
  private final Reporter reporter;
  private final Map<TypeElement, Optional<TableRef>> tables = new HashMap<>();

  private final Naming naming;

  TableNamer(Reporter reporter, Naming naming) {
    this.reporter = reporter;
    this.naming = naming;
  }

  /** The table of {@code owner}, or empty when it cannot be named (an error was reported). */
  Optional<TableRef> tableOf(TypeElement owner) {
    return tables.computeIfAbsent(owner, this::name);
  }

  private Optional<TableRef> name(TypeElement owner) {
    List<? extends AnnotationMirror> mirrors = owner.getAnnotationMirrors();
    for (String shared : List.of("Embeddable", "MappedSuperclass")) {
      if (Mirrors.find(mirrors, shared).isPresent()) {
        reporter.error(
            owner,
            "@Encrypted fields of the @"
                + shared
                + " "
                + owner.getQualifiedName()
                + " belong to the table of every entity that uses it, which the processor cannot"
                + " see; annotate the field in each entity, or name the columns in a policy file");
        return Optional.empty();
      }
    }
    Optional<AnnotationMirror> table = Mirrors.find(mirrors, "Table");
    VeilTable veilTable = owner.getAnnotation(VeilTable.class);
    if (table.isPresent() && veilTable != null) {
      reporter.error(
          owner,
          owner.getQualifiedName()
              + " has both @Table and @VeilTable; keep @Table, which JPA reads too");
      return Optional.empty();
    }
    Optional<String> name;
    Optional<String> schema;
    if (veilTable != null) {
      name = nonBlank(veilTable.name());
      schema = nonBlank(veilTable.schema());
    } else {
      name = Mirrors.string(table, "name");
      schema = Mirrors.string(table, "schema");
    }
    String tableName =
        name.or(() -> Mirrors.string(Mirrors.find(mirrors, "Entity"), "name"))
            .orElse(owner.getSimpleName().toString());
    Optional<SqlName> parsedTable = parse(owner, "table", tableName);
    Optional<SqlName> parsedSchema =
        schema.isEmpty() ? Optional.empty() : parse(owner, "schema", schema.get());
    if (parsedTable.isEmpty() || (schema.isPresent() && parsedSchema.isEmpty())) {
      return Optional.empty();
    }
    return Optional.of(new TableRef(parsedSchema.orElse(null), parsedTable.get()));
  }

  private Optional<SqlName> parse(TypeElement owner, String what, String spelling) {
    Optional<SqlName> parsed = SqlName.parse(spelling).map(naming::apply);
    if (parsed.isEmpty()) {
      reporter.error(owner, owner.getQualifiedName() + ": " + ColumnReader.notAnIdentifier(what));
    }
    return parsed;
  }

  private static Optional<String> nonBlank(String value) {
    return value.isBlank() ? Optional.empty() : Optional.of(value);
  }
}
