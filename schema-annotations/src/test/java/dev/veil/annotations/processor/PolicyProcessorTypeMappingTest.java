package dev.veil.annotations.processor;

import static dev.veil.annotations.processor.Compilation.column;
import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.policy.ColumnType;
import dev.veil.policy.Policy;
import dev.veil.policy.PolicyException;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which policy {@code type} each Java type gets, and which Java types are refused. */
class PolicyProcessorTypeMappingTest {
  private static Policy policy;

  private static final List<Arguments> MAPPINGS =
      List.of(
          Arguments.of("String", ColumnType.STRING),
          Arguments.of("int", ColumnType.INT),
          Arguments.of("Integer", ColumnType.INT),
          Arguments.of("short", ColumnType.INT),
          Arguments.of("Short", ColumnType.INT),
          Arguments.of("byte", ColumnType.INT),
          Arguments.of("Byte", ColumnType.INT),
          Arguments.of("long", ColumnType.LONG),
          Arguments.of("Long", ColumnType.LONG),
          Arguments.of("java.math.BigDecimal", ColumnType.DECIMAL),
          Arguments.of("double", ColumnType.DOUBLE),
          Arguments.of("Double", ColumnType.DOUBLE),
          Arguments.of("float", ColumnType.DOUBLE),
          Arguments.of("Float", ColumnType.DOUBLE),
          Arguments.of("boolean", ColumnType.BOOLEAN),
          Arguments.of("Boolean", ColumnType.BOOLEAN),
          Arguments.of("java.time.LocalDate", ColumnType.DATE),
          Arguments.of("java.sql.Date", ColumnType.DATE),
          Arguments.of("java.time.LocalTime", ColumnType.TIME),
          Arguments.of("java.sql.Time", ColumnType.TIME),
          Arguments.of("java.time.LocalDateTime", ColumnType.TIMESTAMP),
          Arguments.of("java.sql.Timestamp", ColumnType.TIMESTAMP),
          Arguments.of("byte[]", ColumnType.BYTES),
          Arguments.of("java.util.UUID", ColumnType.UUID),
          Arguments.of("Status", ColumnType.INT),
          Arguments.of("@Enumerated(EnumType.ORDINAL) Status", ColumnType.INT),
          Arguments.of("@Enumerated(EnumType.STRING) Status", ColumnType.STRING));

  static Stream<Arguments> mappings() {
    return MAPPINGS.stream();
  }

  /**
   * The sample's field for {@code javaType}, numbered: {@code f_short} and {@code f_Short} would
   * name the same SQL column.
   */
  private static String field(String javaType) {
    return "f" + mappings().map(a -> a.get()[0]).toList().indexOf(javaType);
  }

  /** One class with a field per mapping, compiled once. */
  @BeforeAll
  static void compileEveryMapping() throws PolicyException {
    String fields =
        mappings()
            .map(a -> (String) a.get()[0])
            .map(
                t ->
                    "  @Encrypted(mode = Mode.RANDOMIZED, key = \"pii\") "
                        + t
                        + " "
                        + field(t)
                        + ";\n")
            .collect(Collectors.joining());
    policy =
        Compilation.withJpa(
                """
                package com.example;
                public enum Status { ACTIVE, CLOSED }
                """,
                "package com.example;\n"
                    + "import dev.veil.annotations.*;\n"
                    + "import jakarta.persistence.*;\n"
                    + "class Everything {\n"
                    + fields
                    + "}\n")
            .policy();
  }

  @ParameterizedTest
  @MethodSource("mappings")
  void mapsEachSupportedJavaTypeToItsPolicyType(String javaType, ColumnType expected) {
    assertThat(column(policy, "Everything", field(javaType)).type()).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "java.time.Instant",
        "java.time.OffsetDateTime",
        "java.math.BigInteger",
        "char",
        "Character",
        "char[]",
        "Byte[]",
        "java.util.Date",
        "java.util.List<String>",
        "Object",
        "com.example.Address"
      })
  void refusesJavaTypesWithoutAPolicyTypeNamingTheTypeAndTheSupportedOnes(String javaType) {
    String source =
        "package com.example;\n"
            + "import dev.veil.annotations.*;\n"
            + "class Holder {\n"
            + "  @Encrypted(mode = Mode.RANDOMIZED, key = \"pii\")\n"
            + "  "
            + javaType
            + " value;\n"
            + "}\n";
    Compilation compilation =
        Compilation.of(
            source,
            """
            package com.example;
            class Address { String street; }
            """);

    compilation.singleErrorAt(
        source,
        " value;",
        "@Encrypted com.example.Holder.value:",
        "no column type for " + qualified(javaType) + ";",
        "supported are String;",
        "LocalDateTime",
        "or remove @Encrypted");
  }

  /** How javac prints the type in the message. */
  private static String qualified(String javaType) {
    return switch (javaType) {
      case "Character", "Object" -> "java.lang." + javaType;
      case "Byte[]" -> "java.lang.Byte[]";
      case "java.util.List<String>" -> "java.util.List<java.lang.String>";
      default -> javaType;
    };
  }
}
