package io.ecdp.customers.kafka.connect.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker's Jersey service files stay out of the plugin's view, as a Connect worker with Jersey
 * on its class path would show them (a plugin loader over a parent that has its own jars).
 */
class PluginServicesTest {

  static final String FORCED =
      "META-INF/services/org.glassfish.jersey.internal.spi.ForcedAutoDiscoverable";
  static final String SLF4J = "META-INF/services/org.slf4j.spi.SLF4JServiceProvider";

  @TempDir Path dir;

  private URL jar(String name, String... entries) throws IOException {
    Path jar = dir.resolve(name);
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream j = new JarOutputStream(out)) {
      for (String e : entries) {
        j.putNextEntry(new JarEntry(e));
        j.write((name + "\n").getBytes(StandardCharsets.UTF_8));
        j.closeEntry();
      }
    }
    return jar.toUri().toURL();
  }

  private static List<String> contents(ClassLoader loader, String name) throws IOException {
    List<String> out = new ArrayList<>();
    for (URL url : Collections.list(loader.getResources(name))) {
      try (InputStream in = url.openStream()) {
        out.add(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
      }
    }
    return out;
  }

  @Test
  void getResources_jerseyServiceFiles_comeOnlyFromThePluginsJars() throws Exception {
    try (URLClassLoader worker =
            new URLClassLoader(new URL[] {jar("worker.jar", FORCED, SLF4J)}, null);
        URLClassLoader plugin = new URLClassLoader(new URL[] {jar("plugin.jar", FORCED)}, worker)) {
      assertThat(contents(plugin, FORCED)).as("the plain plugin loader").hasSize(2);

      ClassLoader scoped = PluginServices.over(plugin);

      assertThat(contents(scoped, FORCED)).containsExactly("plugin.jar");
      assertThat(contents(scoped, SLF4J))
          .as("other services as before")
          .containsExactly("worker.jar");
    }
  }

  @Test
  void getResources_aJerseyServiceOnlyTheWorkerHas_isAnEmptyFile() throws Exception {
    try (URLClassLoader worker = new URLClassLoader(new URL[] {jar("worker.jar", FORCED)}, null);
        URLClassLoader plugin = new URLClassLoader(new URL[] {jar("plugin.jar")}, worker)) {
      ClassLoader scoped = PluginServices.over(plugin);

      assertThat(contents(scoped, FORCED)).containsExactly("");
      try (InputStream in = scoped.getResource(FORCED).openStream()) {
        assertThat(in.readAllBytes()).isEmpty();
      }
    }
  }

  @Test
  void classes_areLoadedAsThePluginLoaderDoes() throws Exception {
    ClassLoader scoped = PluginServices.over(getClass().getClassLoader());
    assertThat(scoped.loadClass(PluginServices.class.getName())).isSameAs(PluginServices.class);
  }
}
