package dev.veil.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Holds docs/policy.schema.json to what {@link PolicyLoader} accepts: every whole policy in the
 * documentation passes both, the schema names exactly the loader's keys and choices, and the
 * mistakes the loader refuses are refused by the schema too.
 */
class PolicySchemaTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern YAML_BLOCK = Pattern.compile("(?ms)^```yaml\\n(.*?)^```");

  private static Path root;
  private static JsonNode schemaNode;
  private static Schema schema;

  @BeforeAll
  static void loadSchema() throws IOException {
    root = projectRoot();
    String text = Files.readString(root.resolve("docs/policy.schema.json"), StandardCharsets.UTF_8);
    schemaNode = JSON.readTree(text);
    schema =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(text, InputFormat.JSON);
  }

  private static Path projectRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("docs/policy.schema.json"))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("a parent directory holding docs/policy.schema.json").isNotNull();
    return dir;
  }

  /** The schema's errors for a policy, read from YAML as an editor's YAML plugin would. */
  private static List<Error> schemaErrors(String yaml) {
    Object value = new Load(LoadSettings.builder().build()).loadFromString(yaml);
    return schema.validate(JSON.valueToTree(value));
  }

  @Test
  void theSchemaIsAValidDraft2020_12Schema() {
    Schema meta =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
    assertThat(meta.validate(schemaNode)).isEmpty();
    assertThat(schemaNode.get("$schema").asString())
        .isEqualTo("https://json-schema.org/draft/2020-12/schema");
  }

  // (a) the documented policies

  static Stream<Arguments> documentedPolicies() throws IOException {
    Path base = projectRoot();
    List<Path> files = new ArrayList<>();
    files.add(base.resolve("README.md"));
    try (Stream<Path> docs = Files.list(base.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
    }
    List<Arguments> policies = new ArrayList<>();
    for (Path file : files) {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      Matcher block = YAML_BLOCK.matcher(text);
      while (block.find()) {
        if (block.group(1).contains("version:")) {
          long line = text.substring(0, block.start()).lines().count() + 1;
          policies.add(Arguments.of(base.relativize(file) + ":" + line, block.group(1)));
        }
      }
    }
    // README.md's quick start and policy.md's example at least: an empty list means a broken
    // extraction, not a passing test.
    assertThat(policies).hasSizeGreaterThanOrEqualTo(2);
    return policies.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("documentedPolicies")
  void everyDocumentedPolicyPassesTheSchemaAndTheLoader(String where, String yaml)
      throws PolicyException {
    assertThat(schemaErrors(yaml)).as(where).isEmpty();
    assertThat(PolicyLoader.parse(where, yaml).tables()).as(where).isNotEmpty();
  }

  // (b) the schema names what the loader reads

  private static Set<String> propertyNames(JsonNode objectSchema) {
    return objectSchema.get("properties").properties().stream()
        .map(Map.Entry::getKey)
        .collect(Collectors.toSet());
  }

  private static Set<String> enumValues(JsonNode node) {
    Set<String> values = new LinkedHashSet<>();
    node.get("enum").forEach(v -> values.add(v.asString()));
    return values;
  }

  private static Set<String> lowerNames(Enum<?>[] values) {
    return Arrays.stream(values)
        .map(v -> v.name().toLowerCase(Locale.ROOT))
        .collect(Collectors.toSet());
  }

  @Test
  void theSchemasPropertiesAreTheLoadersKeys() {
    JsonNode defs = schemaNode.get("$defs");
    assertThat(propertyNames(schemaNode)).isEqualTo(PolicyLoader.TOP_KEYS);
    assertThat(propertyNames(defs.get("table"))).isEqualTo(PolicyLoader.TABLE_KEYS);
    assertThat(propertyNames(defs.get("column"))).isEqualTo(PolicyLoader.COLUMN_KEYS);
    assertThat(propertyNames(defs.get("patternMask"))).isEqualTo(PolicyLoader.PATTERN_KEYS);
    for (JsonNode object : List.of(schemaNode, defs.get("table"), defs.get("column"))) {
      assertThat(object.get("additionalProperties").asBoolean(true)).isFalse();
    }
    assertThat(defs.get("patternMask").get("additionalProperties").asBoolean(true)).isFalse();
  }

  @Test
  void everyPropertyIsDescribed() {
    JsonNode defs = schemaNode.get("$defs");
    for (JsonNode object :
        List.of(schemaNode, defs.get("table"), defs.get("column"), defs.get("patternMask"))) {
      object
          .get("properties")
          .properties()
          .forEach(
              p ->
                  assertThat(p.getValue().path("description").asString(""))
                      .as(p.getKey())
                      .isNotBlank());
    }
  }

  @Test
  void theSchemasChoicesAreTheLoadersChoices() {
    JsonNode column = schemaNode.get("$defs").get("column").get("properties");
    assertThat(enumValues(column.get("encrypt"))).isEqualTo(lowerNames(EncryptionMode.values()));
    assertThat(enumValues(column.get("type"))).isEqualTo(lowerNames(ColumnType.values()));
    assertThat(enumValues(column.get("storage"))).containsExactlyInAnyOrder("binary", "text");
    Set<String> masks = lowerNames(Mask.Kind.values());
    masks.remove("pattern");
    assertThat(enumValues(column.get("mask").get("oneOf").get(0))).isEqualTo(masks);
    assertThat(column.get("pad").get("minimum").asInt()).isEqualTo(2);
    assertThat(column.get("pad").get("maximum").asInt()).isEqualTo(ColumnPolicy.MAX_PAD);
    assertThat(column.get("length").get("maximum").asInt()).isEqualTo(1 << 30);
  }

  // (c) what both refuse

  private static String column(String body) {
    return """
        version: 1
        tables:
          patients:
            columns:
              ssn: { %s }
        """
        .formatted(body);
  }

  static Stream<Arguments> invalidPolicies() {
    return Stream.of(
        Arguments.of(
            "unknown column key",
            column("encrypt: randomized, type: string, key: pii, colour: red")),
        Arguments.of("unknown top-level key", "version: 1\ntables: {}\nowner: compliance\n"),
        Arguments.of(
            "unknown table key",
            "version: 1\ntables:\n  patients:\n    schema: public\n    columns:\n      ssn: { encrypt: randomized, type: string, key: pii }\n"),
        Arguments.of(
            "unknown pattern mask key",
            column(
                "encrypt: randomized, type: string, key: pii, readers: [a], mask: { pattern: '(.*)', replace: '$1', flags: i }")),
        Arguments.of("bad encrypt", column("encrypt: Deterministic, type: string, key: pii")),
        Arguments.of("bad type", column("encrypt: randomized, type: varchar, key: pii")),
        Arguments.of(
            "bad storage", column("encrypt: randomized, type: string, key: pii, storage: auto")),
        Arguments.of(
            "bad mask name",
            column("encrypt: randomized, type: string, key: pii, readers: [a], mask: stars")),
        Arguments.of("pad 1", column("encrypt: randomized, type: string, key: pii, pad: 1")),
        Arguments.of("pad 4097", column("encrypt: randomized, type: string, key: pii, pad: 4097")),
        Arguments.of("pad on date", column("encrypt: randomized, type: date, key: pii, pad: 16")),
        Arguments.of("pad on int", column("encrypt: deterministic, type: int, key: pii, pad: 16")),
        Arguments.of("length 0", column("encrypt: randomized, type: string, key: pii, length: 0")),
        Arguments.of(
            "length over 2^30",
            column("encrypt: randomized, type: string, key: pii, length: 1073741825")),
        Arguments.of(
            "mask without readers",
            column("encrypt: deterministic, type: string, key: pii, mask: last4")),
        Arguments.of("bad key name", column("encrypt: randomized, type: string, key: -pii")),
        Arguments.of(
            "key name with a space", column("encrypt: randomized, type: string, key: 'p ii'")),
        Arguments.of(
            "key name of 65 characters",
            column("encrypt: randomized, type: string, key: " + "k".repeat(65))),
        Arguments.of("missing key", column("encrypt: randomized, type: string")),
        Arguments.of(
            "bad group name",
            column(
                "encrypt: deterministic, type: string, key: pii, storage: binary, group: 'ssn/1'")),
        Arguments.of(
            "bad reader name",
            column("encrypt: randomized, type: string, key: pii, readers: ['support desk']")),
        Arguments.of(
            "reader listed twice",
            column("encrypt: randomized, type: string, key: pii, readers: [a, a]")),
        Arguments.of(
            "readers not a list",
            column("encrypt: randomized, type: string, key: pii, readers: billing")),
        Arguments.of(
            "group on randomized",
            column("encrypt: randomized, type: string, key: pii, storage: binary, group: ssn")),
        Arguments.of(
            "group without storage",
            column("encrypt: deterministic, type: string, key: pii, group: ssn")),
        Arguments.of(
            "group and migrating",
            column(
                "encrypt: deterministic, type: string, key: pii, storage: binary, group: ssn, migrating: true")),
        Arguments.of(
            "migrating not a boolean",
            column("encrypt: randomized, type: string, key: pii, migrating: yes")),
        Arguments.of(
            "hash on randomized",
            column("encrypt: randomized, type: string, key: pii, readers: [a], mask: hash")),
        Arguments.of(
            "last4 on date",
            column("encrypt: randomized, type: date, key: pii, readers: [a], mask: last4")),
        Arguments.of(
            "pattern mask on long",
            column(
                "encrypt: randomized, type: long, key: pii, readers: [a], mask: { pattern: '(.*)', replace: '$1' }")),
        Arguments.of(
            "pattern mask without replace",
            column(
                "encrypt: randomized, type: string, key: pii, readers: [a], mask: { pattern: '(.*)' }")),
        Arguments.of("version 2", "version: 2\ntables: {}\n"),
        Arguments.of("no version", "tables: {}\n"),
        Arguments.of("no tables", "version: 1\n"),
        Arguments.of("table without columns", "version: 1\ntables:\n  patients: {}\n"),
        Arguments.of(
            "table with no column", "version: 1\ntables:\n  patients:\n    columns: {}\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidPolicies")
  void theSchemaAndTheLoaderRefuseTheSameMistakes(String what, String yaml) {
    assertThat(schemaErrors(yaml)).as(what + " by the schema").isNotEmpty();
    assertThatThrownBy(() -> PolicyLoader.parse(what, yaml))
        .as(what + " by the loader")
        .isInstanceOf(PolicyException.class);
  }

  static Stream<Arguments> validPolicies() {
    return Stream.of(
        Arguments.of("minimal", column("encrypt: randomized, type: string, key: pii")),
        Arguments.of("no tables", "version: 1\ntables: {}\n"),
        Arguments.of(
            "pad 2 on bytes", column("encrypt: randomized, type: bytes, key: pii, pad: 2")),
        Arguments.of(
            "pad 4096 on decimal",
            column("encrypt: randomized, type: decimal, key: pii, pad: 4096")),
        Arguments.of(
            "length 2^30",
            column("encrypt: randomized, type: string, key: pii, length: 1073741824")),
        Arguments.of(
            "hash on deterministic long",
            column("encrypt: deterministic, type: long, key: pii, readers: [a], mask: hash")),
        Arguments.of(
            "redact on date",
            column("encrypt: randomized, type: date, key: pii, readers: [a], mask: redact")),
        Arguments.of(
            "readers without mask",
            column("encrypt: randomized, type: string, key: pii, readers: []")),
        Arguments.of(
            "group member",
            column(
                "encrypt: deterministic, type: string, key: pii, storage: text, group: ssn, migrating: false")),
        Arguments.of(
            "migrating", column("encrypt: deterministic, type: string, key: pii, migrating: true")),
        Arguments.of(
            "names of 64 characters",
            column(
                "encrypt: randomized, type: string, key: "
                    + "k".repeat(64)
                    + ", readers: [a.b_c-d]")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validPolicies")
  void theSchemaAndTheLoaderAcceptTheSameEdges(String what, String yaml) throws PolicyException {
    assertThat(schemaErrors(yaml)).as(what).isEmpty();
    PolicyLoader.parse(what, yaml);
  }
}
