package dev.veil.annotations.processor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every compile error the processor reports: on the element at fault, saying what is wrong and what
 * to do, and with no policy file written.
 */
class PolicyProcessorErrorsTest {

  /** A class {@code Sample} with one {@code @Encrypted(attributes)} field {@code type value}. */
  private static String sample(String attributes, String type) {
    return "package com.example;\n"
        + "import dev.veil.annotations.*;\n"
        + "class Sample {\n"
        + "  @Encrypted("
        + attributes
        + ")\n"
        + "  "
        + type
        + " value;\n"
        + "}\n";
  }

  private static String refused(String attributes, String type, String... messageParts) {
    String source = sample(attributes, type);
    return Compilation.of(source).singleErrorAt(source, " value;", messageParts);
  }

  @Test
  void requiresModeAndKey() {
    Compilation compilation = Compilation.of(sample("mode = Mode.RANDOMIZED", "String"));

    assertThat(compilation.errors())
        .singleElement()
        .satisfies(e -> assertThat(e.getMessage(null)).contains("key"));
    assertThat(compilation.policyYaml()).isEmpty();
  }

  @Test
  void refusesConflictingDefinitionsOfOneColumnInTwoClasses() {
    String entity =
        """
        package com.example;
        import dev.veil.annotations.*;
        @VeilTable(name = "patients")
        class Patient {
          @Encrypted(mode = Mode.DETERMINISTIC, key = "pii")
          String ssn;
        }
        """;
    String projection =
        """
        package com.example;
        import dev.veil.annotations.*;
        @VeilTable(name = "PATIENTS")
        record PatientView(
            @Encrypted(mode = Mode.RANDOMIZED, key = "other") String ssn) {}
        """;

    Compilation.of(entity, projection)
        .singleErrorAt(
            projection,
            "String ssn",
            "conflicting definitions of column PATIENTS.ssn",
            "com.example.PatientView.ssn",
            "com.example.Patient.ssn",
            "differ in mode, key;",
            "annotate both the same way");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "String | pii | BINARY | long | pii | BINARY",
        "String | pii | BINARY | String | other | BINARY",
        "String | pii | BINARY | String | pii | TEXT"
      })
  void refusesGroupJoiningColumnsOfDifferentTypesKeysOrStorage(
      String leaderType,
      String leaderKey,
      String leaderStorage,
      String memberType,
      String memberKey,
      String memberStorage) {
    String leader =
        """
        package com.example;
        import dev.veil.annotations.*;
        class Customers {
          @Encrypted(mode = Mode.DETERMINISTIC, key = "%s", group = "customer", storage = Storage.%s)
          %s ref;
        }
        """
            .formatted(leaderKey, leaderStorage, leaderType);
    String member =
        """
        package com.example;
        import dev.veil.annotations.*;
        class Orders {
          @Encrypted(mode = Mode.DETERMINISTIC, key = "%s", group = "customer", storage = Storage.%s)
          %s customerRef;
        }
        """
            .formatted(memberKey, memberStorage, memberType);

    Compilation.of(leader, member)
        .singleErrorAt(
            member,
            " customerRef;",
            "group 'customer': com.example.Orders.customerRef",
            "com.example.Customers.ref",
            "must have the same type, key and storage");
  }

  @Test
  void refusesGroupOnRandomizedColumn() {
    refused(
        "mode = Mode.RANDOMIZED, key = \"pii\", group = \"g\", storage = Storage.TEXT",
        "String",
        "@Encrypted com.example.Sample.value: group 'g'",
        "only deterministic columns can join an equality group",
        "use mode = DETERMINISTIC or remove group");
  }

  @Test
  void refusesGroupWithoutExplicitStorage() {
    refused(
        "mode = Mode.DETERMINISTIC, key = \"pii\", group = \"g\"",
        "String",
        "group 'g' needs an explicit storage",
        "add storage = Storage.BINARY or Storage.TEXT");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-pii", "p ii", "pii/1", "ключ"})
  void refusesInvalidKeyNames(String key) {
    refused(
        "mode = Mode.RANDOMIZED, key = \"" + key + "\"",
        "String",
        "key name '" + key + "' is not valid",
        "1 to 64 letters, digits, '_', '.' or '-', starting with a letter or digit");
  }

  @Test
  void refusesKeyNamesLongerThan64Characters() {
    String key = "k".repeat(65);
    refused("mode = Mode.RANDOMIZED, key = \"" + key + "\"", "String", "key name '" + key);
  }

  @Test
  void refusesInvalidGroupName() {
    refused(
        "mode = Mode.DETERMINISTIC, key = \"pii\", group = \"a b\", storage = Storage.TEXT",
        "String",
        "group name 'a b' is not valid");
  }

  @Test
  void refusesInvalidReaderNames() {
    refused(
        "mode = Mode.RANDOMIZED, key = \"pii\", readers = {\"billing\", \"support team\"}",
        "String",
        "reader name 'support team' is not valid",
        "1 to 64 letters");
  }

  @Test
  void refusesUnknownMask() {
    refused(
        "mode = Mode.DETERMINISTIC, key = \"pii\", readers = \"billing\", mask = \"first4\"",
        "String",
        "unknown mask 'first4'; use one of last4, email, hash, redact");
  }

  @ParameterizedTest
  @ValueSource(strings = {"last4", "email"})
  void refusesStringOnlyMasksOnOtherTypes(String mask) {
    refused(
        "mode = Mode.DETERMINISTIC, key = \"pii\", readers = \"billing\", mask = \"" + mask + "\"",
        "long",
        "mask '" + mask + "' works on string columns only, not long",
        "use mask = \"redact\" or \"hash\"");
  }

  @Test
  void refusesHashMaskOnRandomizedColumn() {
    refused(
        "mode = Mode.RANDOMIZED, key = \"pii\", readers = \"billing\", mask = \"hash\"",
        "String",
        "mask 'hash' needs a deterministic column",
        "use mode = DETERMINISTIC or mask = \"redact\"");
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 1, 4097})
  void refusesPadOutOfRange(int pad) {
    refused(
        "mode = Mode.RANDOMIZED, key = \"pii\", pad = " + pad,
        "String",
        "pad = " + pad + " is out of range; use 0 (no padding) or 2 to 4096 bytes");
  }

  @Test
  void refusesPadOnAFixedSizeType() {
    refused(
        "mode = Mode.RANDOMIZED, key = \"pii\", pad = 16",
        "java.time.LocalDate",
        "pad = 16 on a date column: every date value already has the same length");
  }

  @Test
  void refusesAMaskWithoutReaders() {
    refused(
        "mode = Mode.DETERMINISTIC, key = \"pii\", mask = \"last4\"",
        "String",
        "mask = \"last4\" without readers: every principal reads the column in clear");
  }

  @Test
  void acceptsPadAtTheLimit() {
    assertThat(
            Compilation.of(sample("mode = Mode.RANDOMIZED, key = \"pii\", pad = 4096", "String"))
                .yaml())
        .contains("pad: 4096 }");
  }

  @Test
  void refusesTableNameThatIsNotOneIdentifier() {
    String source =
        """
        package com.example;
        import dev.veil.annotations.*;
        @jakarta.persistence.Table(name = "billing.invoices")
        class Invoice {
          @Encrypted(mode = Mode.RANDOMIZED, key = "pii") String total;
          @Encrypted(mode = Mode.RANDOMIZED, key = "pii") String payee;
        }
        """;

    Compilation.withJpa(source)
        .singleErrorAt(
            source,
            "class Invoice",
            "com.example.Invoice: the table name is not one SQL identifier",
            "put the schema in schema = \"...\"");
  }

  @Test
  void refusesColumnNameThatIsNotOneIdentifier() {
    String source =
        """
        package com.example;
        import dev.veil.annotations.*;
        class Invoice {
          @Encrypted(mode = Mode.RANDOMIZED, key = "pii")
          @jakarta.persistence.Column(name = "total due")
          String total;
        }
        """;

    Compilation.withJpa(source)
        .singleErrorAt(
            source,
            "String total;",
            "@Encrypted com.example.Invoice.total: the column name is not one SQL identifier",
            "quote it");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Embeddable", "MappedSuperclass"})
  void refusesEncryptedFieldsOfTypesSharedBySeveralTables(String annotation) {
    String source =
        """
        package com.example;
        import dev.veil.annotations.*;
        @jakarta.persistence.%s
        class Address {
          @Encrypted(mode = Mode.RANDOMIZED, key = "pii") String street;
        }
        """
            .formatted(annotation);

    Compilation.withJpa(source)
        .singleErrorAt(
            source,
            "class Address",
            "@Encrypted fields of the @" + annotation + " com.example.Address",
            "annotate the field in each entity");
  }

  @Test
  void refusesTableAndVeilTableOnOneClass() {
    String source =
        """
        package com.example;
        import dev.veil.annotations.*;
        @jakarta.persistence.Table(name = "patients")
        @VeilTable(name = "people")
        class Patient {
          @Encrypted(mode = Mode.RANDOMIZED, key = "pii") String name;
        }
        """;

    Compilation.withJpa(source)
        .singleErrorAt(source, "class Patient", "has both @Table and @VeilTable; keep @Table");
  }

  @Test
  void reportsEveryProblemOfOneElement() {
    Compilation compilation =
        Compilation.of(
            sample(
                "mode = Mode.RANDOMIZED, key = \"-\", group = \"g\", mask = \"hash\", pad = -5",
                "String"));

    assertThat(compilation.errors())
        .extracting(e -> e.getMessage(null))
        .hasSize(6)
        .anySatisfy(m -> assertThat(m).contains("key name '-'"))
        .anySatisfy(m -> assertThat(m).contains("without readers"))
        .anySatisfy(m -> assertThat(m).contains("only deterministic columns"))
        .anySatisfy(m -> assertThat(m).contains("needs an explicit storage"))
        .anySatisfy(m -> assertThat(m).contains("mask 'hash'"))
        .anySatisfy(m -> assertThat(m).contains("pad = -5"));
    assertThat(compilation.policyYaml()).isEmpty();
  }
}
