package io.ecdp.customers.sandbox;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Keeps the application's Jersey extensions out of the sandbox's server. Jersey finds component
 * providers (jersey-spring6's, jersey-cdi's), forced auto-discoverables and external request scopes
 * through {@code META-INF/services} on the thread's context class loader, whatever the switches for
 * auto-discovery say: jersey-spring6's provider, for one, then wants a Spring XML context ({@code
 * applicationContext.xml}) and the sandbox fails to start. While the sandbox's Jersey is set up,
 * the context class loader hides those service files (it shows an empty one in their place, as
 * Jersey falls back to its own class loader when it finds none); everything else is looked up as
 * before. The sandbox needs none of them: its resources, filters and JSON provider are registered
 * by hand.
 */
final class JerseyIsolation {

  /** The extension points the sandbox leaves empty. */
  static final Set<String> HIDDEN =
      Set.of(
          "META-INF/services/org.glassfish.jersey.server.spi.ComponentProvider",
          "META-INF/services/org.glassfish.jersey.internal.spi.ForcedAutoDiscoverable",
          "META-INF/services/org.glassfish.jersey.internal.spi.AutoDiscoverable",
          "META-INF/services/org.glassfish.jersey.server.spi.ExternalRequestScope");

  private static final URL EMPTY = emptyServiceFile();

  private JerseyIsolation() {}

  /** Runs {@code setUp} with the hiding class loader as the thread's context class loader. */
  static <T> T setUp(Supplier<T> setUp) {
    Thread thread = Thread.currentThread();
    ClassLoader original = thread.getContextClassLoader();
    ClassLoader parent = original != null ? original : JerseyIsolation.class.getClassLoader();
    thread.setContextClassLoader(new Hiding(parent));
    try {
      return setUp.get();
    } finally {
      thread.setContextClassLoader(original);
    }
  }

  /** Delegates everything to its parent but the hidden service files. */
  private static final class Hiding extends ClassLoader {
    static {
      registerAsParallelCapable();
    }

    Hiding(ClassLoader parent) {
      super(parent);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      if (HIDDEN.contains(name)) {
        return Collections.enumeration(java.util.List.of(EMPTY));
      }
      return super.getResources(name);
    }

    @Override
    public URL getResource(String name) {
      return HIDDEN.contains(name) ? EMPTY : super.getResource(name);
    }
  }

  private static URL emptyServiceFile() {
    URLStreamHandler handler =
        new URLStreamHandler() {
          @Override
          protected URLConnection openConnection(URL u) {
            return new URLConnection(u) {
              @Override
              public void connect() {}

              @Override
              public InputStream getInputStream() {
                return new ByteArrayInputStream(new byte[0]);
              }
            };
          }
        };
    try {
      return new URL(null, "ecdp-sandbox:no-jersey-extensions", handler);
    } catch (java.net.MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }
}
