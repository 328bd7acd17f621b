package dev.veil.audit;

import java.time.Instant;

/**
 * One audited operation. Holds names, ids and outcomes only: never a protected value, a key or a
 * secret.
 *
 * @param time when it happened
 * @param operation what happened
 * @param outcome {@code ok}, {@code warning} or {@code failed}
 * @param key the data key's name, or {@code null}
 * @param keyId the key version's Tink id, or {@code null}
 * @param table the table, or {@code null}
 * @param column the column, or {@code null}
 * @param detail more about it (a KEK location, a count, a refusal's reason), or {@code null}
 */
public record AuditEvent(
    Instant time,
    AuditOperation operation,
    String outcome,
    String key,
    Long keyId,
    String table,
    String column,
    String detail) {

  /** A successful operation on a key or KEK. */
  public static AuditEvent ok(AuditOperation operation, String key, Long keyId, String detail) {
    return new AuditEvent(Instant.now(), operation, "ok", key, keyId, null, null, detail);
  }

  /** Something that worked but needs a person's attention, such as a certificate near expiry. */
  public static AuditEvent warning(AuditOperation operation, String detail) {
    return new AuditEvent(Instant.now(), operation, "warning", null, null, null, null, detail);
  }

  /** A failed operation. */
  public static AuditEvent failed(
      AuditOperation operation,
      String key,
      Long keyId,
      String table,
      String column,
      String detail) {
    return new AuditEvent(Instant.now(), operation, "failed", key, keyId, table, column, detail);
  }

  /** The event as one line of JSON, fields in a fixed order, absent fields left out. */
  public String toJson() {
    StringBuilder out = new StringBuilder(160).append('{');
    field(out, "time", time.toString());
    field(out, "operation", operation.eventName());
    field(out, "outcome", outcome);
    field(out, "key", key);
    if (keyId != null) {
      out.append(",\"keyId\":").append(keyId);
    }
    field(out, "table", table);
    field(out, "column", column);
    field(out, "detail", detail);
    return out.append('}').toString();
  }

  private static void field(StringBuilder out, String name, String value) {
    if (value == null) {
      return;
    }
    if (out.length() > 1) {
      out.append(',');
    }
    out.append('"').append(name).append("\":\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  @Override
  public String toString() {
    return toJson();
  }
}
