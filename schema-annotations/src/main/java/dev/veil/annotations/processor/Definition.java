package dev.veil.annotations.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the policy says about one column, in the policy file's lower-case spelling: everything an
 * {@code @Encrypted} declares once the field's type is known.
 *
 * @param mode {@code deterministic} or {@code randomized}
 * @param type the policy type, such as {@code string}
 * @param key the keyring key
 * @param storage {@code binary}, {@code text}, or {@code null} to let the driver detect it
 * @param group the equality group, or {@code null}
 * @param mask the mask, or {@code null}
 * @param readers the reader roles, sorted and without repeats
 * @param pad the padding block in bytes, 0 for none
 */
record Definition(
    String mode,
    String type,
    String key,
    String storage,
    String group,
    String mask,
    List<String> readers,
    int pad) {

  Definition {
    readers = List.copyOf(readers);
  }

  /** The attributes in which this and {@code other} differ, by their annotation names. */
  List<String> differencesFrom(Definition other) {
    List<String> differences = new ArrayList<>();
    addIf(differences, "mode", mode, other.mode);
    addIf(differences, "key", key, other.key);
    addIf(differences, "type", type, other.type);
    addIf(differences, "storage", storage, other.storage);
    addIf(differences, "group", group, other.group);
    addIf(differences, "mask", mask, other.mask);
    addIf(differences, "readers", readers, other.readers);
    addIf(differences, "pad", pad, other.pad);
    return differences;
  }

  private static void addIf(List<String> differences, String name, Object mine, Object theirs) {
    if (!Objects.equals(mine, theirs)) {
      differences.add(name);
    }
  }
}
