package dev.veil.policy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads a policy file into a {@link Policy}. Every problem is reported with the file, the line and
 * what to change; nothing is guessed, so an unknown key or mode is an error rather than ignored.
 *
 * <pre>
 * version: 1
 * tables:
 *   patients:
 *     columns:
 *       ssn: { encrypt: deterministic, type: string, key: pii }
 * </pre>
 */
public final class PolicyLoader {
  private static final String CLASSPATH_PREFIX = "classpath:";

  /** What a key or group name may be: safe in file names, logs and associated data. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

  /**
   * The keys each mapping accepts; package-visible so that PolicySchemaTest can hold the schema to
   * them.
   */
  static final Set<String> TOP_KEYS = Set.of("version", "tables");

  static final Set<String> TABLE_KEYS = Set.of("columns");
  static final Set<String> COLUMN_KEYS =
      Set.of(
          "encrypt",
          "type",
          "key",
          "storage",
          "group",
          "migrating",
          "mask",
          "readers",
          "pad",
          "length");
  static final Set<String> PATTERN_KEYS = Set.of("pattern", "replace");

  /** A {@code $n} group reference in a mask's replacement. */
  private static final Pattern GROUP_REFERENCE = Pattern.compile("\\$(\\d+)");

  private PolicyLoader() {}

  /**
   * Where Veil looks for a policy when {@code veil.policy} is unset: the file {@code
   * veil-schema-annotations} writes at compile time, in every module on the class path.
   */
  public static final String DEFAULT_LOCATION = CLASSPATH_PREFIX + "META-INF/veil/policy.yaml";

  /**
   * Loads and merges the policies at a comma-separated list of locations: file paths, or {@code
   * classpath:resource}, which reads that resource in every class-path entry that has it (one per
   * module jar). A column defined in more than one of them must be defined identically.
   */
  public static Policy load(String locations) throws PolicyException {
    List<Policy> policies = new ArrayList<>();
    for (String location : locations.split(",")) {
      String trimmed = location.strip();
      if (trimmed.isEmpty()) {
        throw new PolicyException(locations, 0, "an empty entry in the list of policy locations");
      }
      if (trimmed.startsWith(CLASSPATH_PREFIX)) {
        policies.addAll(loadResources(trimmed));
      } else {
        try {
          policies.add(parse(trimmed, Files.readString(Path.of(trimmed), StandardCharsets.UTF_8)));
        } catch (IOException e) {
          throw new PolicyException(trimmed, "cannot read the policy file (" + e + ")", e);
        }
      }
    }
    return merge(policies);
  }

  private static List<Policy> loadResources(String location) throws PolicyException {
    String resource = location.substring(CLASSPATH_PREFIX.length()).replaceFirst("^/", "");
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = PolicyLoader.class.getClassLoader();
    }
    List<Policy> policies = new ArrayList<>();
    try {
      for (URL url : Collections.list(loader.getResources(resource))) {
        try (InputStream in = url.openStream()) {
          policies.add(
              parse(url.toString(), new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
      }
    } catch (IOException e) {
      throw new PolicyException(location, "cannot read the policy", e);
    }
    if (policies.isEmpty() && location.equals(DEFAULT_LOCATION)) {
      throw new PolicyException(
          location,
          0,
          "no policy: veil.policy (or VEIL_POLICY) is unset and no class-path entry holds"
              + " META-INF/veil/policy.yaml; set veil.policy to the policy file, or compile the"
              + " annotated entities with veil-schema-annotations");
    }
    if (policies.isEmpty()) {
      throw new PolicyException(location, 0, "no such resource on the class path");
    }
    return policies;
  }

  /**
   * One policy from several, such as one per module. A table may appear in several; a column that
   * appears in more than one must be defined identically, and an equality group spanning them must
   * agree as within one file.
   */
  public static Policy merge(List<Policy> policies) throws PolicyException {
    if (policies.size() == 1) {
      return policies.get(0);
    }
    String source = policies.stream().map(Policy::source).collect(Collectors.joining(" + "));
    Map<String, List<ColumnPolicy>> tables = new LinkedHashMap<>();
    Map<String, TableName> names = new LinkedHashMap<>();
    Map<String, String> definedIn = new HashMap<>();
    Map<String, ColumnPolicy> groups = new HashMap<>();
    for (Policy policy : policies) {
      for (TablePolicy table : policy.tables()) {
        String tableKey = table.name().canonical();
        names.putIfAbsent(tableKey, table.name());
        List<ColumnPolicy> columns = tables.computeIfAbsent(tableKey, k -> new ArrayList<>());
        for (ColumnPolicy column : table.columns()) {
          String columnKey = tableKey + "\u0000" + column.column().canonical();
          ColumnPolicy same = find(columns, column);
          if (same != null) {
            if (!same.withTable(column.table()).equals(column)) {
              throw new PolicyException(
                  source,
                  0,
                  column.displayName()
                      + " is defined differently in "
                      + definedIn.get(columnKey)
                      + " and "
                      + policy.source()
                      + "; make the definitions identical or keep the column in one of them");
            }
            continue;
          }
          ColumnPolicy leader =
              column.group() == null ? null : groups.putIfAbsent(column.group(), column);
          if (leader != null && !sameGroupEncryption(leader, column)) {
            throw new PolicyException(
                source,
                0,
                "group '"
                    + column.group()
                    + "': "
                    + column.displayName()
                    + " ("
                    + policy.source()
                    + ") and "
                    + leader.displayName()
                    + " must have the same type, key, storage and pad");
          }
          definedIn.put(columnKey, policy.source());
          columns.add(column);
        }
      }
    }
    List<TablePolicy> merged = new ArrayList<>();
    tables.forEach((key, columns) -> merged.add(new TablePolicy(names.get(key), columns)));
    return new Policy(source, merged);
  }

  private static ColumnPolicy find(List<ColumnPolicy> columns, ColumnPolicy column) {
    for (ColumnPolicy candidate : columns) {
      if (candidate.column().canonical().equals(column.column().canonical())) {
        return candidate;
      }
    }
    return null;
  }

  /** Whether two members of one group encrypt alike, so that their ciphertexts compare. */
  static boolean sameGroupEncryption(ColumnPolicy a, ColumnPolicy b) {
    return a.type() == b.type()
        && a.key().equals(b.key())
        && a.storage() == b.storage()
        && a.pad() == b.pad();
  }

  /** Parses policy text; {@code source} names it in messages. */
  public static Policy parse(String source, String yaml) throws PolicyException {
    Node root;
    try {
      LoadSettings settings = LoadSettings.builder().setLabel(source).build();
      root = new Compose(settings).composeString(yaml).orElse(null);
    } catch (MarkedYamlEngineException e) {
      int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
      throw new PolicyException(source, line, "not valid YAML: " + e.getProblem());
    } catch (YamlEngineException e) {
      throw new PolicyException(source, 0, "not valid YAML: " + e.getMessage());
    }
    if (root == null) {
      throw new PolicyException(source, 0, "the policy file is empty");
    }
    return new PolicyLoader.Reader(source).policy(root);
  }

  private record Reader(String source) {

    Policy policy(Node root) throws PolicyException {
      Map<String, NodeTuple> top = mapping(root, "the policy", TOP_KEYS);
      NodeTuple version = top.get("version");
      if (version == null) {
        throw error(root, "missing 'version: 1'");
      }
      if (!"1".equals(scalar(version.getValueNode(), "version"))) {
        throw error(version.getValueNode(), "unsupported version; this Veil reads 'version: 1'");
      }
      NodeTuple tablesEntry = top.get("tables");
      if (tablesEntry == null) {
        throw error(root, "missing 'tables:'");
      }
      List<TablePolicy> tables = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      Map<String, ColumnPolicy> groups = new LinkedHashMap<>();
      for (NodeTuple entry : mapping(tablesEntry.getValueNode(), "'tables'", null).values()) {
        TablePolicy table = table(entry, groups);
        if (!seen.add(table.name().canonical())) {
          throw error(entry.getKeyNode(), "table " + table.name() + " is listed twice");
        }
        tables.add(table);
      }
      return new Policy(source, tables);
    }

    private TablePolicy table(NodeTuple entry, Map<String, ColumnPolicy> groups)
        throws PolicyException {
      String rawName = scalar(entry.getKeyNode(), "a table name");
      TableName name = tableName(entry.getKeyNode(), rawName);
      Map<String, NodeTuple> body = mapping(entry.getValueNode(), "table " + rawName, TABLE_KEYS);
      NodeTuple columnsEntry = body.get("columns");
      if (columnsEntry == null) {
        throw error(entry.getValueNode(), "table " + rawName + " has no 'columns:'");
      }
      List<ColumnPolicy> columns = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (NodeTuple column :
          mapping(columnsEntry.getValueNode(), "the columns of " + rawName, null).values()) {
        ColumnPolicy policy = column(name, column, groups);
        if (!seen.add(policy.column().canonical())) {
          throw error(column.getKeyNode(), "column " + policy.displayName() + " is listed twice");
        }
        columns.add(policy);
      }
      if (columns.isEmpty()) {
        throw error(columnsEntry.getValueNode(), "table " + rawName + " lists no columns");
      }
      return new TablePolicy(name, columns);
    }

    /**
     * One column entry; {@code groups} holds the first member seen of each equality group, which
     * every later member must match.
     */
    private ColumnPolicy column(TableName table, NodeTuple entry, Map<String, ColumnPolicy> groups)
        throws PolicyException {
      String rawName = scalar(entry.getKeyNode(), "a column name");
      Identifier column = identifier(entry.getKeyNode(), rawName);
      String where = "column " + table + "." + column;
      Map<String, NodeTuple> body = mapping(entry.getValueNode(), where, COLUMN_KEYS);
      EncryptionMode mode =
          choice(body, entry.getValueNode(), "encrypt", where, EncryptionMode.values());
      ColumnType type = choice(body, entry.getValueNode(), "type", where, ColumnType.values());
      NodeTuple keyEntry = body.get("key");
      if (keyEntry == null) {
        throw error(entry.getValueNode(), where + " needs 'key:', the name of a keyring key");
      }
      String key = scalar(keyEntry.getValueNode(), "key");
      if (!NAME.matcher(key).matches()) {
        throw error(
            keyEntry.getValueNode(),
            where + ": key name '" + key + "' must be 1-64 letters, digits, '_', '.' or '-'");
      }
      Storage storage = Storage.AUTO;
      if (body.containsKey("storage")) {
        storage =
            choice(
                body,
                entry.getValueNode(),
                "storage",
                where,
                new Storage[] {Storage.BINARY, Storage.TEXT});
      }
      String group = null;
      NodeTuple groupEntry = body.get("group");
      if (groupEntry != null) {
        group = scalar(groupEntry.getValueNode(), "group");
        if (!NAME.matcher(group).matches()) {
          throw error(
              groupEntry.getValueNode(),
              where + ": group name '" + group + "' must be 1-64 letters, digits, '_', '.' or '-'");
        }
        if (mode != EncryptionMode.DETERMINISTIC) {
          throw error(
              groupEntry.getValueNode(),
              where
                  + ": only deterministic columns can join an equality group; randomized"
                  + " ciphertexts never compare equal");
        }
        if (storage == Storage.AUTO) {
          throw error(
              groupEntry.getValueNode(),
              where
                  + " is in group '"
                  + group
                  + "' and needs an explicit 'storage:', so that every member stores the same"
                  + " bytes");
        }
      }
      boolean migrating = false;
      NodeTuple migratingEntry = body.get("migrating");
      if (migratingEntry != null) {
        String value = scalar(migratingEntry.getValueNode(), "migrating");
        if (!value.equals("true") && !value.equals("false")) {
          throw error(
              migratingEntry.getValueNode(),
              where + ": 'migrating:' is true or false, not " + value);
        }
        migrating = value.equals("true");
        if (migrating && group != null) {
          throw error(
              migratingEntry.getValueNode(),
              where
                  + " is in group '"
                  + group
                  + "' and cannot be migrating: its legacy plaintext would never match the other"
                  + " members; encrypt it before joining the group");
        }
      }
      ReadAccess access = access(body, where, mode, type);
      int pad = number(body, "pad", where, 2, ColumnPolicy.MAX_PAD);
      if (pad > 0
          && type != ColumnType.STRING
          && type != ColumnType.BYTES
          && type != ColumnType.DECIMAL) {
        throw error(
            body.get("pad").getValueNode(),
            where
                + ": 'pad:' hides the length of string, bytes and decimal values; every "
                + type.policyName()
                + " value already has the same length");
      }
      int length = number(body, "length", where, 1, 1 << 30);
      ColumnPolicy policy =
          new ColumnPolicy(
              table, column, mode, type, key, storage, group, migrating, access, pad, length);
      ColumnPolicy leader = group == null ? null : groups.putIfAbsent(group, policy);
      if (leader != null && !sameGroupEncryption(leader, policy)) {
        // Members that encrypt differently would never match, silently.
        throw error(
            entry.getKeyNode(),
            "group '"
                + group
                + "': "
                + policy.displayName()
                + " and "
                + leader.displayName()
                + " must have the same type, key, storage and pad");
      }
      return policy;
    }

    /** The {@code readers:} and {@code mask:} of a column, checked against its mode and type. */
    private ReadAccess access(
        Map<String, NodeTuple> body, String where, EncryptionMode mode, ColumnType type)
        throws PolicyException {
      Mask mask = Mask.REDACT;
      NodeTuple maskEntry = body.get("mask");
      if (maskEntry != null) {
        Node value = maskEntry.getValueNode();
        mask = value instanceof MappingNode ? patternMask(value, where) : namedMask(value, where);
        if (mask.needsText() && type != ColumnType.STRING) {
          throw error(
              value,
              where
                  + ": mask '"
                  + mask.kind().policyName()
                  + "' works on text; a "
                  + type.policyName()
                  + " column can use mask: redact (read as NULL)"
                  + (mode == EncryptionMode.DETERMINISTIC ? " or hash" : ""));
        }
        if (mask.kind() == Mask.Kind.HASH && mode != EncryptionMode.DETERMINISTIC) {
          throw error(
              value,
              where
                  + ": mask 'hash' shows which rows hold equal values, which a randomized column"
                  + " exists to hide; use redact, or make the column deterministic");
        }
      }
      NodeTuple readersEntry = body.get("readers");
      if (readersEntry == null) {
        if (maskEntry != null) {
          // A mask nobody is subject to would read as protection that is not there.
          throw error(
              maskEntry.getKeyNode(),
              where
                  + " has 'mask:' but no 'readers:', so every principal reads it in clear; list"
                  + " the principals that may (readers: [billing]) or remove the mask");
        }
        return ReadAccess.OPEN;
      }
      if (!(readersEntry.getValueNode() instanceof SequenceNode list)) {
        throw error(
            readersEntry.getValueNode(),
            where + ": 'readers:' is a list of principal names, such as [billing, payments]");
      }
      Set<String> readers = new HashSet<>();
      for (Node reader : list.getValue()) {
        String name = scalar(reader, "a reader");
        if (!NAME.matcher(name).matches()) {
          throw error(
              reader,
              where + ": reader '" + name + "' must be 1-64 letters, digits, '_', '.' or '-'");
        }
        if (!readers.add(name)) {
          throw error(reader, where + ": reader '" + name + "' is listed twice");
        }
      }
      return new ReadAccess(true, readers, mask);
    }

    private Mask namedMask(Node value, String where) throws PolicyException {
      String name = scalar(value, "mask");
      for (Mask.Kind kind : Mask.Kind.values()) {
        if (kind != Mask.Kind.PATTERN && kind.policyName().equals(name)) {
          return Mask.of(kind);
        }
      }
      throw error(
          value,
          where
              + ": unknown mask '"
              + name
              + "'; use last4, email, hash, redact, or { pattern: REGEX, replace: TEXT }");
    }

    private Mask patternMask(Node value, String where) throws PolicyException {
      Map<String, NodeTuple> body = mapping(value, where + ": the mask", PATTERN_KEYS);
      if (!body.containsKey("pattern") || !body.containsKey("replace")) {
        throw error(value, where + ": a pattern mask needs both 'pattern:' and 'replace:'");
      }
      Node patternNode = body.get("pattern").getValueNode();
      Pattern regex;
      try {
        regex = Pattern.compile(scalar(patternNode, "pattern"));
      } catch (PatternSyntaxException e) {
        throw error(patternNode, where + ": the mask pattern is not a valid regular expression");
      }
      Node replaceNode = body.get("replace").getValueNode();
      String replacement = scalar(replaceNode, "replace");
      Matcher reference = GROUP_REFERENCE.matcher(replacement);
      while (reference.find()) {
        if (Integer.parseInt(reference.group(1)) > regex.matcher("").groupCount()) {
          throw error(
              replaceNode,
              where
                  + ": the mask replacement refers to group "
                  + reference.group(1)
                  + ", but the pattern has "
                  + regex.matcher("").groupCount());
        }
      }
      return new Mask(Mask.Kind.PATTERN, regex, replacement);
    }

    /** An optional whole number in {@code [min, max]}; {@code 0} when absent. */
    private int number(Map<String, NodeTuple> body, String key, String where, int min, int max)
        throws PolicyException {
      NodeTuple entry = body.get(key);
      if (entry == null) {
        return 0;
      }
      String value = scalar(entry.getValueNode(), key);
      try {
        int n = Integer.parseInt(value);
        if (n >= min && n <= max) {
          return n;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw error(
          entry.getValueNode(),
          where
              + ": '"
              + key
              + ":' is a whole number from "
              + min
              + " to "
              + max
              + ", not "
              + value);
    }

    private <E extends Enum<E>> E choice(
        Map<String, NodeTuple> body, Node owner, String key, String where, E[] choices)
        throws PolicyException {
      String allowed =
          Arrays.stream(choices)
              .map(c -> c.name().toLowerCase(Locale.ROOT))
              .collect(Collectors.joining(", "));
      NodeTuple entry = body.get(key);
      if (entry == null) {
        throw error(owner, where + " needs '" + key + ":', one of " + allowed);
      }
      String value = scalar(entry.getValueNode(), key);
      for (E choice : choices) {
        if (choice.name().toLowerCase(Locale.ROOT).equals(value)) {
          return choice;
        }
      }
      throw error(
          entry.getValueNode(),
          where + ": unknown " + key + " '" + value + "'; use one of " + allowed);
    }

    private TableName tableName(Node node, String raw) throws PolicyException {
      List<String> parts = splitQualified(raw);
      if (parts.size() == 1) {
        return new TableName(null, identifier(node, parts.get(0)));
      }
      if (parts.size() == 2) {
        return new TableName(identifier(node, parts.get(0)), identifier(node, parts.get(1)));
      }
      throw error(node, "table name '" + raw + "' must be 'table' or 'schema.table'");
    }

    private Identifier identifier(Node node, String raw) throws PolicyException {
      String trimmed = raw.strip();
      if (trimmed.isEmpty() || trimmed.equals("\"\"")) {
        throw error(node, "empty identifier");
      }
      return Identifier.parse(trimmed);
    }

    private Map<String, NodeTuple> mapping(Node node, String what, Set<String> allowedKeys)
        throws PolicyException {
      if (!(node instanceof MappingNode mappingNode)) {
        throw error(node, what + " must be a mapping");
      }
      Map<String, NodeTuple> entries = new LinkedHashMap<>();
      for (NodeTuple tuple : mappingNode.getValue()) {
        String key = scalar(tuple.getKeyNode(), "a key");
        if (allowedKeys != null && !allowedKeys.contains(key)) {
          throw error(
              tuple.getKeyNode(),
              "unknown key '"
                  + key
                  + "' in "
                  + what
                  + "; allowed: "
                  + String.join(", ", allowedKeys.stream().sorted().toList()));
        }
        if (entries.put(key, tuple) != null) {
          throw error(tuple.getKeyNode(), "'" + key + "' appears twice in " + what);
        }
      }
      return entries;
    }

    private String scalar(Node node, String what) throws PolicyException {
      if (!(node instanceof ScalarNode scalarNode)) {
        throw error(node, what + " must be a single value");
      }
      return scalarNode.getValue();
    }

    private PolicyException error(Node node, String problem) {
      Optional<Mark> mark = node.getStartMark();
      return new PolicyException(source, mark.map(m -> m.getLine() + 1).orElse(0), problem);
    }
  }

  /** Splits {@code schema.table} on dots that are not inside double quotes. */
  static List<String> splitQualified(String raw) {
    List<String> parts = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean inQuotes = false;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '"') {
        inQuotes = !inQuotes;
      }
      if (c == '.' && !inQuotes) {
        parts.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    parts.add(current.toString());
    return parts;
  }
}
