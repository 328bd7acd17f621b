package dev.veil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.keys.Keks;
import dev.veil.keys.KeyMetadata;
import dev.veil.keys.Keyring;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code veil keys rotate|retire|enable|destroy} and {@code veil kek rotate}, with their audit. */
class KeyLifecycleCommandsTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private String keyring;
  private String kek;
  private Path audit;

  private int run(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    return VeilCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  private int keys(String command, String... args) {
    List<String> all = new java.util.ArrayList<>(List.of("keys", command));
    all.addAll(List.of(args));
    all.addAll(List.of("--keyring", keyring, "--kek", kek, "--audit-file", audit.toString()));
    return run(all.toArray(String[]::new));
  }

  private String newKekFile(String name) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, Keks.generate(), java.nio.file.StandardOpenOption.CREATE_NEW);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return "file:" + file;
  }

  private List<KeyMetadata> versions() throws Exception {
    return Keyring.read(Path.of(keyring), Keks.open(kek)).describe();
  }

  private long nonPrimary(String purpose) throws Exception {
    return versions().stream()
        .filter(v -> v.purpose().equals(purpose) && !v.primary())
        .findFirst()
        .orElseThrow()
        .keyId();
  }

  @BeforeEach
  void createKeyring() throws Exception {
    kek = newKekFile("kek");
    keyring = dir.resolve("keyring.json").toString();
    audit = dir.resolve("audit.jsonl");
    assertThat(keys("init")).isZero();
    assertThat(keys("add", "pii")).isZero();
  }

  @Test
  void rotatesRetiresEnablesAndDestroysVersionsAndAuditsEachStep() throws Exception {
    assertThat(keys("rotate", "pii")).isZero();
    assertThat(out.toString()).contains("new primary version").contains("veil reencrypt");
    long det = nonPrimary(Keyring.DETERMINISTIC);
    long rand = nonPrimary(Keyring.RANDOMIZED);
    assertThat(keys("retire", "pii", Long.toString(det), Long.toString(rand))).isZero();
    assertThat(out.toString()).contains("retired version pii/" + det);
    assertThat(versions())
        .filteredOn(v -> v.keyId() == det)
        .extracting(KeyMetadata::status)
        .containsExactly(KeyMetadata.RETIRED);
    assertThat(keys("enable", "pii", Long.toString(det))).isZero();
    assertThat(keys("retire", "pii", Long.toString(det))).isZero();
    assertThat(keys("destroy", "pii", Long.toString(det))).isEqualTo(1);
    assertThat(err.toString()).contains("cannot be undone; run again with --confirm");
    assertThat(keys("destroy", "pii", Long.toString(det), "--confirm")).isZero();
    assertThat(versions())
        .filteredOn(v -> v.keyId() == det)
        .extracting(KeyMetadata::status)
        .containsExactly(KeyMetadata.DESTROYED);
    assertThat(keys("list")).isZero();
    assertThat(out.toString()).contains("DESTROYED", "RETIRED", "CHANGED");
    String events = Files.readString(audit);
    for (String operation :
        List.of(
            "keyring.create",
            "key.create",
            "key.rotate",
            "key.retire",
            "key.enable",
            "key.destroy",
            "kek.unwrap")) {
      assertThat(events).contains("\"operation\":\"" + operation + "\"");
    }
  }

  @Test
  void refusesToRetireThePrimaryOrAnUnknownVersion() throws Exception {
    long primary = versions().get(0).keyId();
    assertThat(keys("retire", "pii", Long.toString(primary))).isEqualTo(2);
    assertThat(err.toString()).contains("is the primary").contains("SQLState F0000");
    assertThat(keys("retire", "pii", "42")).isEqualTo(2);
    assertThat(err.toString()).contains("no live version 42");
    assertThat(keys("rotate", "nope")).isEqualTo(2);
    assertThat(err.toString()).contains("no key named 'nope'");
  }

  @Test
  void destroysAWholeKeyOnlyWhenConfirmed() throws Exception {
    assertThat(keys("destroy", "pii")).isEqualTo(1);
    assertThat(versions()).extracting(KeyMetadata::status).containsOnly(KeyMetadata.ENABLED);
    assertThat(keys("destroy", "pii", "--confirm")).isZero();
    assertThat(out.toString()).contains("delete every backup of the previous keyring file");
    assertThat(versions()).extracting(KeyMetadata::status).containsOnly(KeyMetadata.DESTROYED);
    assertThat(Files.readString(Path.of(keyring))).doesNotContain("encryptedKeyset");
  }

  @Test
  void rewrapsTheKeyringUnderANewKekWithoutChangingAKey() throws Exception {
    List<KeyMetadata> before = versions();
    String newKek = newKekFile("kek2");
    assertThat(
            run(
                "kek",
                "rotate",
                "--keyring",
                keyring,
                "--from",
                kek,
                "--to",
                newKek,
                "--audit-file",
                audit.toString()))
        .isZero();
    assertThat(out.toString()).contains("re-wrapped");
    assertThat(Keyring.read(Path.of(keyring), Keks.open(newKek)).describe()).isEqualTo(before);
    assertThat(keys("list")).isEqualTo(2);
    assertThat(err.toString()).contains("cannot open keyring");
    assertThat(Files.readString(audit)).contains("\"operation\":\"kek.rewrap\"");
  }

  @Test
  void explainShowsLookupsAsSentWithTheKeyringsVersions() throws Exception {
    Path policy = dir.resolve("policy.yaml");
    Files.writeString(
        policy,
        """
        version: 1
        tables:
          patients:
            columns:
              ssn: { encrypt: deterministic, type: string, key: pii }
        """);
    String sql = "SELECT id FROM patients WHERE ssn = ?";
    assertThat(
            run("explain", "--policy", policy.toString(), "--keyring", keyring, "--kek", kek, sql))
        .isZero();
    assertThat(out.toString()).contains("the statement as written");
    assertThat(keys("rotate", "pii")).isZero();
    assertThat(
            run("explain", "--policy", policy.toString(), "--keyring", keyring, "--kek", kek, sql))
        .isZero();
    assertThat(out.toString()).contains("SENDS     SELECT id FROM patients WHERE (ssn IN (?, ?))");
  }

  @Test
  void exportsACopyHoldingOnlyTheNamedKeysUnderAnotherKekAndAuditsIt() throws Exception {
    assertThat(keys("add", "clinical")).isZero();
    Path copy = dir.resolve("support-keyring.json");
    String supportKek = newKekFile("support-kek");
    assertThat(keys("export", "pii", "--to", copy.toString(), "--to-kek", supportKek)).isZero();
    Keyring exported = Keyring.read(copy, Keks.open(supportKek));
    Keyring original = Keyring.read(Path.of(keyring), Keks.open(kek));
    assertThat(exported.key("clinical")).isEmpty();
    assertThat(exported.describe())
        .isEqualTo(original.describe().stream().filter(v -> v.name().equals("pii")).toList());
    assertThat(Files.readString(audit)).contains("\"operation\":\"keyring.export\"");
  }

  @Test
  void refusesToExportAKeyTheKeyringLacksOrToOverwriteAFile() throws Exception {
    Path copy = dir.resolve("copy.json");
    assertThat(keys("export", "billing", "--to", copy.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("no key named 'billing'").contains("[pii]");
    assertThat(copy).doesNotExist();
    assertThat(keys("export", "pii", "--to", keyring)).isEqualTo(2);
    assertThat(err.toString()).contains("will not overwrite");
  }
}
