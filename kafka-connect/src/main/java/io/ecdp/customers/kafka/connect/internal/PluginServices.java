package io.ecdp.customers.kafka.connect.internal;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The context class loader the connector's client is built and called under: the plugin's own
 * loader, except that the service files of Jersey and of the Jakarta APIs come only from the
 * plugin's jars.
 *
 * <p>A Connect worker has Jersey on its own class path (its REST API), at another version. A
 * plugin's class loader answers {@code getResources("META-INF/services/...")} with the plugin's
 * files and the worker's, and Jersey reads forced auto-discoverables from there whatever its
 * switches say: it then loads a class only the worker has (jersey-server's {@code
 * WadlAutoDiscoverable}) from the worker's loader and casts it to the plugin's interface, and the
 * client cannot be built. Here those lookups see the plugin's files only, and an empty file when
 * the plugin has none (Jersey would otherwise fall back to its own loader, which sees the worker's
 * again). Other resources, and every class, are looked up as the plugin's loader does.
 */
public final class PluginServices extends ClassLoader {

  static {
    registerAsParallelCapable();
  }

  private static final URL EMPTY = emptyServiceFile();

  private final List<String> ownJars = new ArrayList<>();

  private PluginServices(ClassLoader plugin) {
    super(plugin);
    if (plugin instanceof URLClassLoader urls) {
      for (URL url : urls.getURLs()) {
        ownJars.add(url.toExternalForm());
      }
    }
  }

  /**
   * Returns the loader for the plugin that loaded this class. Outside Connect's plugin isolation (a
   * loader that names no jars of its own) nothing is filtered.
   *
   * @return the context class loader for the client
   */
  public static ClassLoader forThisPlugin() {
    return Holder.INSTANCE;
  }

  /**
   * Returns the loader for the plugin loaded by {@code plugin}.
   *
   * @param plugin the plugin's class loader
   * @return the context class loader for the client
   */
  static ClassLoader over(ClassLoader plugin) {
    return new PluginServices(plugin);
  }

  private static final class Holder {
    static final ClassLoader INSTANCE = over(PluginServices.class.getClassLoader());
  }

  /** Whether a lookup of {@code name} is kept to the plugin's own jars. */
  static boolean filtered(String name) {
    return name.startsWith("META-INF/services/org.glassfish.")
        || name.startsWith("META-INF/services/jakarta.");
  }

  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    Enumeration<URL> all = super.getResources(name);
    if (ownJars.isEmpty() || !filtered(name)) {
      return all;
    }
    List<URL> own = new ArrayList<>();
    while (all.hasMoreElements()) {
      URL url = all.nextElement();
      if (isOwn(url)) {
        own.add(url);
      }
    }
    return Collections.enumeration(own.isEmpty() ? List.of(EMPTY) : own);
  }

  @Override
  public URL getResource(String name) {
    if (ownJars.isEmpty() || !filtered(name)) {
      return super.getResource(name);
    }
    try {
      Enumeration<URL> own = getResources(name);
      return own.hasMoreElements() ? own.nextElement() : EMPTY;
    } catch (IOException e) {
      return EMPTY;
    }
  }

  private boolean isOwn(URL url) {
    String s = url.toExternalForm();
    for (String jar : ownJars) {
      if (s.startsWith("jar:" + jar + "!") || s.startsWith(jar)) {
        return true;
      }
    }
    return false;
  }

  /** An empty file in the connector's own jar: a service file that names no provider. */
  private static URL emptyServiceFile() {
    URL empty = PluginServices.class.getResource("no-service-file");
    if (empty == null) {
      throw new IllegalStateException("no-service-file is missing from the connector's jar");
    }
    return empty;
  }
}
