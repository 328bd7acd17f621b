package dev.veil.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cloud KMS integrations are optional: without them every other KEK still works. */
class KekProvidersWithoutCloudSdksTest {
  @TempDir Path dir;

  /**
   * Defines Veil's classes itself and hides the cloud SDKs and Tink's KMS integrations, as the
   * class path of an application that did not add those optional artifacts would.
   */
  private static final class WithoutCloudSdks extends URLClassLoader {
    private static final List<String> HIDDEN =
        List.of(
            "com.amazonaws.",
            "com.google.crypto.tink.integration.",
            "com.google.api.",
            "com.google.auth.",
            "com.google.cloud.",
            "io.grpc.");

    WithoutCloudSdks() throws MalformedURLException {
      super(classPath(), WithoutCloudSdks.class.getClassLoader());
    }

    private static URL[] classPath() throws MalformedURLException {
      // Surefire runs tests from a manifest-only jar and keeps the real class path here.
      String path =
          System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
      List<URL> urls = new ArrayList<>();
      for (String entry : path.split(File.pathSeparator)) {
        urls.add(Path.of(entry).toUri().toURL());
      }
      return urls.toArray(URL[]::new);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (HIDDEN.stream().anyMatch(name::startsWith)) {
        throw new ClassNotFoundException(name + " is hidden by this test");
      }
      if (!name.startsWith("dev.veil.")) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        if (loaded == null) {
          loaded = findClass(name);
        }
        if (resolve) {
          resolveClass(loaded);
        }
        return loaded;
      }
    }
  }

  @Test
  void everyProviderLoadsAndOnlyTheCloudOnesSayWhichArtifactIsMissing() throws Exception {
    try (WithoutCloudSdks loader = new WithoutCloudSdks()) {
      assertThatThrownBy(() -> loader.loadClass("com.amazonaws.services.kms.AWSKMS"))
          .isInstanceOf(ClassNotFoundException.class);
      Class<?> spi = loader.loadClass(KekProvider.class.getName());
      assertThat(spi.getClassLoader()).isSameAs(loader);
      List<String> loaded = new ArrayList<>();
      for (Object provider : ServiceLoader.load(spi, loader)) {
        loaded.add(provider.getClass().getSimpleName());
      }
      assertThat(loaded).contains("AwsKmsKekProvider", "GcpKmsKekProvider", "FileKekProvider");

      Method open = loader.loadClass(Keks.class.getName()).getMethod("open", String.class);
      Path kekFile = dir.resolve("kek");
      Files.writeString(kekFile, Keks.generate());
      Files.setPosixFilePermissions(kekFile, PosixFilePermissions.fromString("rw-------"));
      assertThat(open.invoke(null, "file:" + kekFile)).isNotNull();

      assertThat(cause(open, "aws-kms://arn:aws:kms:us-east-1:123456789012:key/k").getMessage())
          .isEqualTo(
              "aws-kms:// KEKs need Tink's KMS integration, which is not on the class path: add"
                  + " the Maven artifact com.google.crypto.tink:tink-awskms:1.11.0 (with its"
                  + " dependencies) to the application");
      assertThat(
              cause(open, "gcp-kms://projects/p1/locations/l/keyRings/r/cryptoKeys/k").getMessage())
          .contains("add the Maven artifact com.google.crypto.tink:tink-gcpkms:1.10.0");
    }
  }

  private static SQLException cause(Method open, String uri) throws Exception {
    try {
      open.invoke(null, uri);
    } catch (InvocationTargetException e) {
      assertThat(e.getCause()).isInstanceOf(SQLException.class);
      assertThat(((SQLException) e.getCause()).getSQLState()).isEqualTo("F0000");
      return (SQLException) e.getCause();
    }
    throw new AssertionError("opened " + uri + " without its SDK");
  }
}
