package io.ecdp.customers.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * The client's version, from a resource the build writes into the jar. Unlike the manifest's {@code
 * Implementation-Version}, which {@link Package} does not report for a named module, it reads the
 * same on the class path and on the module path.
 */
public final class ClientVersion {

  private static final @Nullable String VERSION = load();

  private ClientVersion() {}

  /** Returns the version, e.g. {@code 0.1.0}; {@code null} when not built by Maven (an IDE). */
  public static @Nullable String get() {
    return VERSION;
  }

  private static @Nullable String load() {
    try (InputStream in = ClientVersion.class.getResourceAsStream("client-version.properties")) {
      if (in == null) {
        return null;
      }
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version");
      return v == null || v.isBlank() || v.startsWith("${") ? null : v.trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
