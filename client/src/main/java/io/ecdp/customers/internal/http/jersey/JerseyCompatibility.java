package io.ecdp.customers.internal.http.jersey;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Checks, when a client is built, that the Jersey on the class or module path is a line this client
 * supports (3.1 or 4.0), so that an unsupported one fails with a message naming both versions
 * instead of a {@code NoClassDefFoundError} in the middle of a call.
 */
public final class JerseyCompatibility {

  /** The Jersey lines the client is built and tested against (see the README's compatibility). */
  public static final String SUPPORTED = "3.1.x or 4.0.x";

  private static final Pattern MAJOR_MINOR = Pattern.compile("^(\\d+)\\.(\\d+)");

  private JerseyCompatibility() {}

  /** Throws {@link IllegalStateException} unless the Jersey found is a supported line. */
  public static void check() {
    String found;
    try {
      found = org.glassfish.jersey.internal.Version.getVersion();
    } catch (LinkageError e) {
      throw new IllegalStateException(
          "ecdp-customers-java needs Jersey "
              + SUPPORTED
              + " (jersey-common), which is missing: "
              + e,
          e);
    }
    check(found);
  }

  /** Throws {@link IllegalStateException} unless {@code found} is a supported Jersey version. */
  public static void check(String found) {
    if (!isSupported(found)) {
      throw new IllegalStateException(
          "ecdp-customers-java needs Jersey "
              + SUPPORTED
              + ", but found Jersey "
              + found
              + " (org.glassfish.jersey.core:jersey-common); align the Jersey version, e.g. with"
              + " jersey-bom");
    }
  }

  /** Whether {@code version} (e.g. {@code 4.0.2}, {@code 3.1.11}) is a supported Jersey line. */
  public static boolean isSupported(@Nullable String version) {
    if (version == null) {
      return false;
    }
    Matcher m = MAJOR_MINOR.matcher(version);
    if (!m.find()) {
      return false;
    }
    int major = Integer.parseInt(m.group(1));
    int minor = Integer.parseInt(m.group(2));
    return (major == 3 && minor == 1) || (major == 4 && minor == 0);
  }
}
