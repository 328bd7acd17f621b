package dev.veil.it;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway PKI made at test time with Bouncy Castle: a CA, a second unrelated CA, and
 * certificates they sign. Nothing here is committed or reused between runs.
 */
final class TestPki {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** One certificate with its key, written as PEM (certificate, PKCS#8 key) under a directory. */
  record Issued(X509Certificate certificate, KeyPair keys, Path certPem, Path keyPem) {
    String certificatePem() throws IOException {
      return Files.readString(certPem);
    }

    String keyPemText() throws IOException {
      return Files.readString(keyPem);
    }

    /**
     * The certificate and key as a PKCS#12 file protected by {@code password}, under the alias
     * {@code user}, the one pgjdbc reads.
     */
    Path pkcs12(Path file, String password) throws IOException, GeneralSecurityException {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(
          "user", keys.getPrivate(), password.toCharArray(), new Certificate[] {certificate});
      try (OutputStream out = Files.newOutputStream(file)) {
        store.store(out, password.toCharArray());
      }
      return file;
    }
  }

  private final Path dir;
  final Issued ca;

  private TestPki(Path dir, Issued ca) {
    this.dir = dir;
    this.ca = ca;
  }

  /** A new CA named {@code name}, its files under {@code dir}. */
  static TestPki create(Path dir, String name) throws Exception {
    KeyPair keys = rsa();
    X500Name subject = new X500Name("CN=" + name);
    Instant now = Instant.now();
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            subject,
            serial(),
            Date.from(now.minus(Duration.ofHours(1))),
            Date.from(now.plus(Duration.ofDays(365))),
            subject,
            keys.getPublic());
    JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
    builder.addExtension(
        Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    builder.addExtension(
        Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
    X509Certificate certificate = sign(builder, keys);
    Files.createDirectories(dir);
    return new TestPki(dir, write(dir, name.replace(' ', '-'), certificate, keys));
  }

  /** A server certificate for {@code dnsName} (only), valid for {@code days}. */
  Issued server(String dnsName, int days) throws Exception {
    return issue(
        "server-" + dnsName,
        dnsName,
        days,
        KeyPurposeId.id_kp_serverAuth,
        new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName)));
  }

  /** A client certificate whose common name is {@code user}, valid for {@code days}. */
  Issued client(String user, int days) throws Exception {
    return issue("client-" + user, user, days, KeyPurposeId.id_kp_clientAuth, null);
  }

  private Issued issue(
      String file, String commonName, int days, KeyPurposeId purpose, GeneralNames names)
      throws Exception {
    KeyPair keys = rsa();
    Instant now = Instant.now();
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            ca.certificate(),
            serial(),
            Date.from(now.minus(Duration.ofHours(1))),
            Date.from(now.plus(Duration.ofDays(days))),
            new X500Name("CN=" + commonName),
            keys.getPublic());
    JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    builder.addExtension(
        Extension.keyUsage,
        true,
        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
    builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
    builder.addExtension(
        Extension.authorityKeyIdentifier,
        false,
        utils.createAuthorityKeyIdentifier(ca.certificate()));
    if (names != null) {
      builder.addExtension(Extension.subjectAlternativeName, false, names);
    }
    ContentSigner signer =
        new JcaContentSignerBuilder("SHA256withRSA").build(ca.keys().getPrivate());
    X509Certificate certificate =
        new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    return write(dir, file, certificate, keys);
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair keys)
      throws Exception {
    ContentSigner signer = new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate());
    return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
  }

  private static Issued write(Path dir, String name, X509Certificate certificate, KeyPair keys)
      throws IOException {
    Path cert = dir.resolve(name + ".crt");
    Path key = dir.resolve(name + ".key");
    Files.writeString(cert, pem(certificate));
    Files.writeString(key, pem(new JcaPKCS8Generator(keys.getPrivate(), null).generate()));
    // Drivers, like servers, refuse a private key that others can read.
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    return new Issued(certificate, keys, cert, key);
  }

  private static String pem(Object object) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(object);
    }
    return text.toString();
  }

  private static KeyPair rsa() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048, RANDOM);
    return generator.generateKeyPair();
  }

  private static BigInteger serial() {
    return new BigInteger(64, RANDOM).add(BigInteger.ONE);
  }
}
