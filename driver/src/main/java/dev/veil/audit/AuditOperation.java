package dev.veil.audit;

/** The operations Veil audits. */
public enum AuditOperation {
  /** {@code veil keys init}: a new, empty keyring. */
  KEYRING_CREATE("keyring.create"),
  /** {@code veil keys add}: a new data key. */
  KEY_CREATE("key.create"),
  /** {@code veil keys rotate}: a new version, primary at once or staged. */
  KEY_ROTATE("key.rotate"),
  /** {@code veil keys promote}: a staged version becomes primary. */
  KEY_PROMOTE("key.promote"),
  /** {@code veil keys retire}: a version no longer decrypts or is looked up. */
  KEY_RETIRE("key.retire"),
  /** {@code veil keys enable}: a retired version back in use. */
  KEY_ENABLE("key.enable"),
  /** {@code veil keys destroy}: a version or a whole key destroyed (crypto-shredding). */
  KEY_DESTROY("key.destroy"),
  /** {@code veil keys export}: a copy of the keyring holding only some of its keys. */
  KEYRING_EXPORT("keyring.export"),
  /** {@code veil kek rotate}: the keyring re-wrapped under another KEK. */
  KEK_REWRAP("kek.rewrap"),
  /** The KEK consulted to open a keyring, at start-up and at every key-cache refresh. */
  KEK_UNWRAP("kek.unwrap"),
  /** A statement Veil refused to send. */
  STATEMENT_REFUSED("statement.refused"),
  /** A stored value that did not decrypt. */
  DECRYPT_FAILED("decrypt.failed"),
  /** A connection refused for its transport: plaintext or weaker TLS than required. */
  TRANSPORT_REFUSED("transport.refused"),
  /** {@code veil.transport=allow-plaintext} in use, once per database. */
  TRANSPORT_PLAINTEXT("transport.plaintext"),
  /** A server or client certificate that expires within {@code veil.tls.expiryWarnDays}. */
  CERTIFICATE_EXPIRING("tls.certificate.expiring"),
  /** A bulk job ({@code encrypt-existing}, {@code reencrypt}) started or finished a table. */
  BULK_JOB("job"),
  /** {@code veil scan}: the counts of one protected column's conformance report. */
  COLUMN_SCAN("column.scan");

  private final String eventName;

  AuditOperation(String eventName) {
    this.eventName = eventName;
  }

  /** The name in the log and the JSON-lines file, e.g. {@code key.rotate}. */
  public String eventName() {
    return eventName;
  }
}
