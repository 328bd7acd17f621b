package dev.veil.annotations.processor;

import dev.veil.annotations.Encrypted;
import dev.veil.annotations.Mode;
import dev.veil.annotations.Storage;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * Turns one {@code @Encrypted} field or record component into a {@link ColumnSpec}, reporting every
 * rule of the driver's policy loader it would break as a compile error on the element.
 */
final class ColumnReader {
  /** The driver's rule for key, group and reader names. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

  private static final String NAME_RULE =
      "1 to 64 letters, digits, '_', '.' or '-', starting with a letter or digit";
  private static final List<String> MASKS = List.of("last4", "email", "hash", "redact");
  private static final int MAX_PAD = 4096;

  /** The types whose encodings vary in length, which {@code pad} hides. */
  private static final Set<String> PADDABLE = Set.of("string", "bytes", "decimal");

  private final Reporter reporter;
  private final TableNamer tables;

  private final Naming naming;

  ColumnReader(Reporter reporter, Naming naming) {
    this.reporter = reporter;
    this.naming = naming;
    this.tables = new TableNamer(reporter, naming);
  }

  /** The column {@code declaration} declares, or empty when it has errors (all reported). */
  Optional<ColumnSpec> read(Element declaration) {
    TypeElement owner = (TypeElement) declaration.getEnclosingElement();
    String origin = owner.getQualifiedName() + "." + declaration.getSimpleName();
    List<AnnotationMirror> mirrors = Mirrors.of(declaration);
    Encrypted encrypted = declaration.getAnnotation(Encrypted.class);
    Problems problems = new Problems(declaration, origin);

    String columnName =
        Mirrors.string(Mirrors.find(mirrors, "Column"), "name")
            .orElse(declaration.getSimpleName().toString());
    Optional<SqlName> column = SqlName.parse(columnName).map(naming::apply);
    if (column.isEmpty()) {
      problems.add(notAnIdentifier("column"));
    }
    Optional<String> type = JavaTypes.policyType(declaration.asType(), mirrors);
    if (type.isEmpty()) {
      problems.add(
          "Veil has no column type for "
              + declaration.asType()
              + "; supported are "
              + JavaTypes.SUPPORTED
              + ". Map the field to one of them (an Instant as a UTC LocalDateTime, for example)"
              + " or remove @Encrypted");
    }
    Definition definition = definition(encrypted, type.orElse(null), problems);
    Optional<TableRef> table = tables.tableOf(owner);
    if (problems.any() || table.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new ColumnSpec(declaration, origin, table.get(), column.get(), definition));
  }

  private Definition definition(Encrypted encrypted, String type, Problems problems) {
    boolean deterministic = encrypted.mode() == Mode.DETERMINISTIC;
    checkName(encrypted.key(), "key", problems);
    String group = encrypted.group().isEmpty() ? null : encrypted.group();
    if (group != null) {
      checkName(group, "group", problems);
      if (!deterministic) {
        problems.add(
            "group '"
                + group
                + "': only deterministic columns can join an equality group (randomized"
                + " ciphertexts never compare equal); use mode = DETERMINISTIC or remove group");
      }
      if (encrypted.storage() == Storage.AUTO) {
        problems.add(
            "group '"
                + group
                + "' needs an explicit storage (BINARY or TEXT) so that every member stores the"
                + " same bytes; add storage = Storage.BINARY or Storage.TEXT");
      }
    }
    String mask = encrypted.mask().isEmpty() ? null : encrypted.mask();
    if (mask != null) {
      checkMask(mask, type, deterministic, problems);
    }
    TreeSet<String> readers = new TreeSet<>();
    for (String reader : encrypted.readers()) {
      checkName(reader, "reader", problems);
      readers.add(reader);
    }
    if (mask != null && encrypted.readers().length == 0) {
      problems.add(
          "mask = \""
              + mask
              + "\" without readers: every principal reads the column in clear; list the"
              + " principals that may (readers = {\"billing\"}) or remove the mask");
    }
    int pad = encrypted.pad();
    if (pad < 0 || pad == 1 || pad > MAX_PAD) {
      problems.add(
          "pad = " + pad + " is out of range; use 0 (no padding) or 2 to " + MAX_PAD + " bytes");
    } else if (pad > 0 && type != null && !PADDABLE.contains(type)) {
      problems.add(
          "pad = "
              + pad
              + " on a "
              + type
              + " column: every "
              + type
              + " value already has the same length; padding hides the length of string, bytes"
              + " and decimal values only");
    }
    return new Definition(
        lower(encrypted.mode()),
        type,
        encrypted.key(),
        encrypted.storage() == Storage.AUTO ? null : lower(encrypted.storage()),
        group,
        mask,
        List.copyOf(readers),
        encrypted.pad());
  }

  private static void checkMask(String mask, String type, boolean deterministic, Problems p) {
    if (!MASKS.contains(mask)) {
      p.add("unknown mask '" + mask + "'; use one of " + String.join(", ", MASKS));
    } else if ((mask.equals("last4") || mask.equals("email"))
        && type != null
        && !type.equals("string")) {
      p.add(
          "mask '"
              + mask
              + "' works on string columns only, not "
              + type
              + "; use mask = \"redact\" or \"hash\"");
    } else if (mask.equals("hash") && !deterministic) {
      p.add(
          "mask 'hash' needs a deterministic column (a randomized column has no stable value to"
              + " hash); use mode = DETERMINISTIC or mask = \"redact\"");
    }
  }

  private static void checkName(String name, String what, Problems problems) {
    if (!NAME.matcher(name).matches()) {
      problems.add(what + " name '" + name + "' is not valid; it must be " + NAME_RULE);
    }
  }

  private static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  /** The message for a table, schema or column name that is not one SQL identifier. */
  static String notAnIdentifier(String what) {
    return "the "
        + what
        + " name is not one SQL identifier; write a plain name (letters, digits, '_'), put the schema"
        + " in schema = \"...\", or quote it as \"\\\"Name\\\"\"";
  }

  /** The problems of one element, each reported on it, prefixed with what it is. */
  private final class Problems {
    private final Element element;
    private final String origin;
    private boolean any;

    Problems(Element element, String origin) {
      this.element = element;
      this.origin = origin;
    }

    void add(String problem) {
      any = true;
      reporter.error(element, "@Encrypted " + origin + ": " + problem);
    }

    boolean any() {
      return any;
    }
  }
}
