package dev.veil.keys;

import com.google.crypto.tink.Aead;
import java.security.GeneralSecurityException;

/**
 * A KEK held by a cloud KMS: every wrap and unwrap is a call to the service. Failures, including
 * the SDKs' unchecked ones, become {@link GeneralSecurityException}s that name the key and say
 * whether the service could be reached at all.
 */
final class CloudKek implements Kek {
  private final Aead remote;
  private final String service;
  private final String location;

  CloudKek(Aead remote, String service, String location) {
    this.remote = remote;
    this.service = service;
    this.location = location;
  }

  @Override
  public byte[] wrap(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
    try {
      return remote.encrypt(plaintext, associatedData);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw failed("encrypt", e);
    }
  }

  @Override
  public byte[] unwrap(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
    try {
      return remote.decrypt(ciphertext, associatedData);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw failed("decrypt", e);
    }
  }

  private GeneralSecurityException failed(String operation, Exception e) {
    Throwable network = networkCause(e);
    String reason =
        network != null
            ? "cannot reach " + service + " (" + network + ")"
            : service + " refused or failed the call (" + e + ")";
    return new GeneralSecurityException(operation + " with " + location + ": " + reason, e);
  }

  /** The I/O failure underneath, if the call never got an answer from the service. */
  private static Throwable networkCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.ConnectException
          || t instanceof java.net.UnknownHostException
          || t instanceof java.net.NoRouteToHostException
          || t instanceof java.net.SocketTimeoutException) {
        return t;
      }
    }
    return null;
  }

  @Override
  public String location() {
    return location;
  }

  @Override
  public String toString() {
    return "Kek[" + location + "]";
  }
}
