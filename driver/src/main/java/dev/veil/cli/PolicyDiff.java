package dev.veil.cli;

import dev.veil.policy.ColumnPolicy;
import dev.veil.policy.EncryptionMode;
import dev.veil.policy.Policy;
import dev.veil.policy.ReadAccess;
import dev.veil.policy.Storage;
import dev.veil.policy.TablePolicy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What changing one policy into another does to the data already stored: each difference, how much
 * work it needs, and the steps. Columns and tables are matched by their canonical names, the ones
 * the associated data uses; a name that differs from an old one only in case or quoting is reported
 * as a change of spelling, which is breaking for the ciphertext even though it reads the same.
 *
 * <p>The steps follow what the bulk jobs can do: {@code veil reencrypt} decrypts and encrypts under
 * one column policy and only moves values to the key's primary version, so it cannot change a
 * column's mode, key, group or type; those changes are breaking and need a copy through Veil into a
 * new column.
 */
final class PolicyDiff {

  /** How much a change asks of the people running the database, least first. */
  enum Severity {
    /** Nothing to do to stored data: the change takes effect when the policy is deployed. */
    NONE("none", 0),
    /** Stored data must be converted, or checked, with the steps given. */
    DATA_WORK("data work", 3),
    /** Deploying the new policy as it is makes stored values unreadable or wrong. */
    BREAKING("breaking", 1);

    final String label;
    final int exitCode;

    Severity(String label, int exitCode) {
      this.label = label;
      this.exitCode = exitCode;
    }

    /** The spelling in JSON output. */
    String id() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /** The kinds of difference, in the order a column's changes are listed. */
  enum Kind {
    TABLE_ADDED,
    TABLE_REMOVED,
    COLUMN_PROTECTED,
    COLUMN_UNPROTECTED,
    SPELLING,
    MODE,
    KEY,
    GROUP,
    TYPE,
    STORAGE,
    PAD,
    LENGTH,
    MIGRATING,
    MASK,
    READERS;

    /** The spelling in text and JSON output. */
    String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /**
   * One difference.
   *
   * @param table the table, as the new policy (or, if removed, the old one) names it
   * @param column the column; a change to a whole table is listed once for each of its columns
   * @param from the old setting as the policy file spells it, or {@code null} when there was none
   * @param to the new setting, or {@code null} when there is none
   * @param why what the change does to stored data
   * @param steps what to run or do, in order; empty when nothing
   */
  record Change(
      Kind kind,
      Severity severity,
      String table,
      String column,
      String from,
      String to,
      String why,
      List<String> steps) {

    Change {
      steps = List.copyOf(steps);
    }

    /** {@code table.column}. */
    String subject() {
      return table + "." + column;
    }
  }

  /** Most severe first; then by table, column and kind, so that output is stable. */
  private static final Comparator<Change> ORDER =
      Comparator.comparing(Change::severity, Comparator.reverseOrder())
          .thenComparing(Change::table)
          .thenComparing(Change::column)
          .thenComparing(Change::kind);

  private final String newPath;
  private final List<Change> changes = new ArrayList<>();

  private PolicyDiff(String newPath) {
    this.newPath = newPath;
  }

  /**
   * The differences from {@code before} to {@code after}, most severe first.
   *
   * @param newPath how the steps name the new policy file, for {@code --policy}
   */
  static List<Change> compare(Policy before, Policy after, String newPath) {
    PolicyDiff diff = new PolicyDiff(newPath);
    Map<String, TablePolicy> old = byName(before);
    Map<String, TablePolicy> updated = byName(after);
    Map<String, String> respelled = respelled(old.keySet(), updated.keySet());
    for (Map.Entry<String, TablePolicy> entry : old.entrySet()) {
      if (respelled.containsKey(entry.getKey())) {
        diff.tableRespelled(entry.getValue(), updated.get(respelled.get(entry.getKey())));
      } else if (!updated.containsKey(entry.getKey())) {
        diff.tableRemoved(entry.getValue());
      }
    }
    for (Map.Entry<String, TablePolicy> entry : updated.entrySet()) {
      TablePolicy was = old.get(entry.getKey());
      if (respelled.containsValue(entry.getKey())) {
        continue;
      }
      if (was == null) {
        diff.tableAdded(entry.getValue());
      } else {
        diff.table(was, entry.getValue());
      }
    }
    diff.changes.sort(ORDER);
    return List.copyOf(diff.changes);
  }

  /** The most severe of the changes; {@link Severity#NONE} when there are none. */
  static Severity worst(List<Change> changes) {
    return changes.stream()
        .map(Change::severity)
        .max(Comparator.naturalOrder())
        .orElse(Severity.NONE);
  }

  private static Map<String, TablePolicy> byName(Policy policy) {
    Map<String, TablePolicy> tables = new LinkedHashMap<>();
    policy.tables().forEach(table -> tables.put(table.name().canonical(), table));
    return tables;
  }

  private static Map<String, ColumnPolicy> byName(TablePolicy table) {
    Map<String, ColumnPolicy> columns = new LinkedHashMap<>();
    table.columns().forEach(column -> columns.put(column.column().canonical(), column));
    return columns;
  }

  /**
   * Names only in {@code old} mapped to names only in {@code updated} that differ from them in case
   * alone (a quoted identifier, or one with its case changed): the same column to a reader of the
   * file, but another context to the ciphertext.
   */
  private static Map<String, String> respelled(Set<String> old, Set<String> updated) {
    Map<String, String> pairs = new LinkedHashMap<>();
    for (String name : old) {
      if (updated.contains(name)) {
        continue;
      }
      for (String candidate : updated) {
        if (!old.contains(candidate)
            && !pairs.containsValue(candidate)
            && bare(candidate).equalsIgnoreCase(bare(name))) {
          pairs.put(name, candidate);
          break;
        }
      }
    }
    return pairs;
  }

  /** A canonical name without the quotes that mark its quoted parts. */
  private static String bare(String canonical) {
    return canonical.replace("\"", "");
  }

  private void tableAdded(TablePolicy table) {
    for (ColumnPolicy column : table.columns()) {
      add(
          Kind.TABLE_ADDED,
          Severity.DATA_WORK,
          column,
          null,
          column.mode().policyName(),
          "the table is new to the policy; plaintext already stored in the column must be"
              + " encrypted (a new, empty table needs no job)",
          protectSteps(column));
    }
  }

  private void tableRemoved(TablePolicy table) {
    for (ColumnPolicy column : table.columns()) {
      add(
          Kind.TABLE_REMOVED,
          Severity.BREAKING,
          column,
          column.mode().policyName(),
          null,
          "the application would read the stored ciphertext as if it were data; Veil has no"
              + " decrypt job",
          unprotectSteps(column.displayName()));
    }
  }

  private void tableRespelled(TablePolicy was, TablePolicy now) {
    for (ColumnPolicy column : was.columns()) {
      add(
          Kind.SPELLING,
          Severity.BREAKING,
          column.withTable(now.name()),
          was.name().toString(),
          now.name().toString(),
          respelledWhy(),
          copySteps(column));
    }
  }

  private static String respelledWhy() {
    return "the canonical name is part of every value's associated data, so values stored under"
        + " the old spelling fail authentication under the new one; veil reencrypt decrypts"
        + " under the policy it is given, so it cannot carry them over";
  }

  private void table(TablePolicy was, TablePolicy now) {
    Map<String, ColumnPolicy> old = byName(was);
    Map<String, ColumnPolicy> updated = byName(now);
    Map<String, String> respelled = respelled(old.keySet(), updated.keySet());
    for (Map.Entry<String, ColumnPolicy> entry : old.entrySet()) {
      if (respelled.containsKey(entry.getKey())) {
        ColumnPolicy column = updated.get(respelled.get(entry.getKey()));
        add(
            Kind.SPELLING,
            Severity.BREAKING,
            column,
            entry.getValue().column().toString(),
            column.column().toString(),
            respelledWhy(),
            copySteps(column));
      } else if (!updated.containsKey(entry.getKey())) {
        ColumnPolicy column = entry.getValue();
        add(
            Kind.COLUMN_UNPROTECTED,
            Severity.BREAKING,
            column,
            column.mode().policyName(),
            null,
            "the application would read the stored ciphertext as if it were data; Veil has no"
                + " decrypt job",
            unprotectSteps(column.displayName()));
      }
    }
    for (Map.Entry<String, ColumnPolicy> entry : updated.entrySet()) {
      ColumnPolicy column = entry.getValue();
      ColumnPolicy before = old.get(entry.getKey());
      if (respelled.containsValue(entry.getKey())) {
        continue;
      }
      if (before == null) {
        add(
            Kind.COLUMN_PROTECTED,
            Severity.DATA_WORK,
            column,
            null,
            column.mode().policyName(),
            "plaintext already stored in the column must be encrypted (a new, empty column needs"
                + " no job)",
            protectSteps(column));
      } else {
        column(before, column);
      }
    }
  }

  private void column(ColumnPolicy was, ColumnPolicy now) {
    List<String> copy = copySteps(now);
    if (was.mode() != now.mode()) {
      add(
          Kind.MODE,
          Severity.BREAKING,
          now,
          was.mode().policyName(),
          now.mode().policyName(),
          "deterministic and randomized values are sealed by different primitives of the key;"
              + " values stored under one cannot be read under the other, and veil reencrypt"
              + " keeps a column's mode (it only moves values to the key's primary version)",
          copy);
    }
    if (!was.key().equals(now.key())) {
      add(
          Kind.KEY,
          Severity.BREAKING,
          now,
          was.key(),
          now.key(),
          "values stored under key '"
              + was.key()
              + "' cannot be read with key '"
              + now.key()
              + "', and veil reencrypt only moves values between versions of one key",
          copy);
    }
    if (!Objects.equals(was.group(), now.group())) {
      add(
          Kind.GROUP,
          Severity.BREAKING,
          now,
          was.group(),
          now.group(),
          "the group, or the column's own name when it has none, is part of every value's"
              + " associated data, so stored values fail authentication under the new one",
          copy);
    }
    if (was.type() != now.type()) {
      add(
          Kind.TYPE,
          Severity.BREAKING,
          now,
          was.type().policyName(),
          now.type().policyName(),
          "the type fixes the canonical encoding inside the ciphertext; stored values would"
              + " decode wrongly or not at all, and deterministic lookups would miss them",
          copy);
    }
    if (was.storage() != now.storage()) {
      storage(was, now);
    }
    if (was.pad() != now.pad()) {
      pad(was, now);
    }
    if (was.length() != now.length()) {
      length(was, now);
    }
    if (was.migrating() != now.migrating()) {
      migrating(was, now);
    }
    ReadAccess before = was.access();
    ReadAccess after = now.access();
    if (!before.mask().equals(after.mask())) {
      add(
          Kind.MASK,
          Severity.NONE,
          now,
          before.mask().policyText(),
          after.mask().policyText(),
          "presentation only: what readers not listed see; stored data is unchanged",
          List.of());
    }
    if (before.restricted() != after.restricted() || !before.readers().equals(after.readers())) {
      add(
          Kind.READERS,
          Severity.NONE,
          now,
          readers(before),
          readers(after),
          "presentation only: veil.principal is what a connection says it is; the control that"
              + " holds is which keys each Veil instance's keyring has (veil keys export)",
          List.of());
    }
  }

  private void storage(ColumnPolicy was, ColumnPolicy now) {
    add(
        Kind.STORAGE,
        Severity.BREAKING,
        now,
        storageName(was.storage()),
        storageName(now.storage()),
        "the same ciphertext is stored as raw bytes (binary) or base64 text (text), and"
            + " automatic storage follows the column's SQL type; values stored one way do not read"
            + " the other way, and no veil job converts them",
        copySteps(now));
  }

  private void pad(ColumnPolicy was, ColumnPolicy now) {
    String from = Integer.toString(was.pad());
    String to = Integer.toString(now.pad());
    if (now.mode() == EncryptionMode.RANDOMIZED) {
      // Reads follow the ciphertext's own header; only new writes get the new padding.
      add(
          Kind.PAD,
          Severity.NONE,
          now,
          from,
          to,
          "old values stay readable and keep the padding they were written with; new writes use"
              + " the new one. To re-pad old values too: veil keys rotate "
              + now.key()
              + ", then "
              + reencrypt(now),
          List.of());
      return;
    }
    add(
        Kind.PAD,
        Severity.DATA_WORK,
        now,
        from,
        to,
        "the padding is part of a deterministic ciphertext, so equality lookups under the new"
            + " padding miss every value stored under the old one until it is re-encrypted;"
            + " veil reencrypt rewrites under the policy it is given but skips values already"
            + " under the key's primary version, so rotate the key first",
        List.of(
            "deploy the new policy",
            "veil keys rotate " + now.key() + " --keyring <keyring> --kek <kek>",
            "wait veil.keyCacheTtl (5 minutes by default) so every application uses the new"
                + " version",
            reencrypt(now),
            "veil keys retire " + now.key() + " <old version ids>  (once reencrypt exits 0)"));
  }

  private void length(ColumnPolicy was, ColumnPolicy now) {
    add(
        Kind.LENGTH,
        Severity.NONE,
        now,
        lengthName(was.length()),
        lengthName(now.length()),
        "nothing is stored differently; the declared length only sizes the check of the"
            + " database column",
        List.of(
            "veil policy check --policy "
                + newPath
                + " --url <database-url>  (says whether the column is wide enough)"));
  }

  private void migrating(ColumnPolicy was, ColumnPolicy now) {
    if (now.migrating()) {
      add(
          Kind.MIGRATING,
          Severity.NONE,
          now,
          "false",
          "true",
          "Veil also reads legacy plaintext and matches it in lookups, which then send the"
              + " looked-up value in the clear as well; stored data is unchanged",
          List.of());
      return;
    }
    add(
        Kind.MIGRATING,
        Severity.DATA_WORK,
        now,
        "true",
        "false",
        "once enforced, any row still in plaintext fails to read (22V02); the conversion must be"
            + " complete first",
        List.of(
            encryptExisting(now) + "  (exits 0 when every row is encrypted)",
            "veil scan  (confirm no plaintext is left) before deploying the new policy"));
  }

  /** Deploy as migrating, convert, then enforce. */
  private List<String> protectSteps(ColumnPolicy column) {
    String deploy =
        column.group() != null
            ? "deploy the new policy: "
                + column.displayName()
                + " is in group '"
                + column.group()
                + "' and cannot be migrating, so rows still in plaintext fail to read until the"
                + " job ends; stop writes to it or accept that"
            : column.migrating()
                ? "deploy the new policy (it marks " + column.displayName() + " migrating: true)"
                : "deploy the new policy with 'migrating: true' on " + column.displayName();
    List<String> steps = new ArrayList<>();
    steps.add(deploy);
    steps.add(encryptExisting(column));
    if (column.migrating() || column.group() == null) {
      steps.add(
          "veil scan, then set 'migrating: false' on " + column.displayName() + " and redeploy");
    }
    return steps;
  }

  /** There is no decrypt job: move the plaintext out through Veil while the old policy holds. */
  private static List<String> unprotectSteps(String what) {
    return List.of(
        "do not deploy the new policy yet: Veil has no job that decrypts in place",
        "with the old policy still deployed, add an unprotected column for each protected one of "
            + what
            + ", and through Veil read each row's value and write it to the new column"
            + " (the application or a one-off program, row by row)",
        "switch the application to the new columns and drop the protected ones; then deploy the"
            + " new policy",
        "or keep " + what + " protected");
  }

  /**
   * The copy for a change the bulk jobs cannot make: names are part of the associated data, so the
   * copy cannot be renamed back to the old name afterwards without the same problem.
   */
  private static List<String> copySteps(ColumnPolicy now) {
    String column = now.displayName();
    return List.of(
        "do not deploy the new policy as it is: stored values would become unreadable",
        "add a new column next to "
            + column
            + " (size it with veil policy check) and protect it as the new policy protects "
            + column
            + ", keeping "
            + column
            + " as the old policy has it",
        "through Veil, read each row's "
            + column
            + " and write the value into the new column (row by row through the application or a"
            + " one-off program; copying in SQL would move ciphertext bound to the old column)",
        "switch the application to the new column and drop the old one; do not rename it to the"
            + " old name, which is part of every value's associated data");
  }

  private String encryptExisting(ColumnPolicy column) {
    return job("encrypt-existing", column);
  }

  private String reencrypt(ColumnPolicy column) {
    return job("reencrypt", column);
  }

  private String job(String command, ColumnPolicy column) {
    return "veil "
        + command
        + " --url <database-url> --policy "
        + newPath
        + " --table "
        + column.table()
        + " --column "
        + column.column()
        + " --keyring <keyring> --kek <kek>";
  }

  private static String storageName(Storage storage) {
    return storage.name().toLowerCase(Locale.ROOT);
  }

  private static String lengthName(int length) {
    return length == 0 ? null : Integer.toString(length);
  }

  private static String readers(ReadAccess access) {
    return access.restricted()
        ? "[" + String.join(", ", new TreeSet<>(access.readers())) + "]"
        : null;
  }

  /** A change to one column, named as the new policy names it. */
  private void add(
      Kind kind,
      Severity severity,
      ColumnPolicy now,
      String from,
      String to,
      String why,
      List<String> steps) {
    changes.add(
        new Change(
            kind, severity, now.table().toString(), now.column().toString(), from, to, why, steps));
  }
}
