package dev.veil.policy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
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

  private static final Set<String> TOP_KEYS = Set.of("version", "tables");
  private static final Set<String> TABLE_KEYS = Set.of("columns");
  private static final Set<String> COLUMN_KEYS =
      Set.of("encrypt", "type", "key", "storage", "group", "migrating");

  private PolicyLoader() {}

  /**
   * Loads a policy from a file path, or from the class path when {@code location} starts with
   * {@code classpath:}.
   */
  public static Policy load(String location) throws PolicyException {
    if (location.startsWith(CLASSPATH_PREFIX)) {
      String resource = location.substring(CLASSPATH_PREFIX.length()).replaceFirst("^/", "");
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      if (loader == null) {
        loader = PolicyLoader.class.getClassLoader();
      }
      try (InputStream in = loader.getResourceAsStream(resource)) {
        if (in == null) {
          throw new PolicyException(location, 0, "no such resource on the class path");
        }
        return parse(location, new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new PolicyException(location, "cannot read the policy", e);
      }
    }
    Path path = Path.of(location);
    try {
      return parse(location, Files.readString(path, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new PolicyException(location, "cannot read the policy file (" + e + ")", e);
    }
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
      ColumnPolicy policy =
          new ColumnPolicy(table, column, mode, type, key, storage, group, migrating);
      ColumnPolicy leader = group == null ? null : groups.putIfAbsent(group, policy);
      if (leader != null
          && (leader.type() != type || !leader.key().equals(key) || leader.storage() != storage)) {
        // Members that encrypt differently would never match, silently.
        throw error(
            entry.getKeyNode(),
            "group '"
                + group
                + "': "
                + policy.displayName()
                + " and "
                + leader.displayName()
                + " must have the same type, key and storage");
      }
      return policy;
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
