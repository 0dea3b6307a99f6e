package io.ecdp.customers.kafka.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecdp.customers.CustomerKey;
import io.ecdp.customers.sandbox.CustomersSandbox;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkTask;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Unpacks the plugin archive as an operator would into plugin.path, checks its layout, and runs the
 * connector from it in an isolated class loader (the worker's API jars as parent, the platform
 * loader as the thread's context loader) against the sandbox.
 */
class PluginArchiveIT {

  private static final String COMPONENT = "ecdp-customers-kafka-connect";

  @TempDir static Path pluginPath;

  private static Path component;

  @BeforeAll
  static void unpack() throws IOException {
    Path zip = Paths.get(System.getProperty("ecdp.plugin.zip"));
    assertThat(zip).exists();
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        Path target = pluginPath.resolve(e.getName()).normalize();
        assertThat(target.startsWith(pluginPath)).as(e.getName()).isTrue();
        if (e.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(in, target);
        }
      }
    }
    component = pluginPath.resolve(COMPONENT);
  }

  private static List<Path> libJars() throws IOException {
    try (Stream<Path> s = Files.list(component.resolve("lib"))) {
      return s.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
    }
  }

  @Test
  void archive_hasTheComponentLayout() throws IOException {
    try (Stream<Path> top = Files.list(pluginPath)) {
      assertThat(top.map(p -> p.getFileName().toString()).toList()).containsExactly(COMPONENT);
    }
    String manifest = Files.readString(component.resolve("manifest.json"), StandardCharsets.UTF_8);
    assertThat(manifest)
        .contains("\"name\": \"ecdp-customers-kafka-connect\"")
        .contains("\"component_types\": [\"sink\"]")
        .contains("\"owner\"")
        .contains("\"license\"")
        .contains("\"version\": \"" + new EcdpCustomersSinkConnector().version() + "\"")
        .doesNotContain("${");
    assertThat(component.resolve("doc/README.md")).exists();
    assertThat(component.resolve("doc/LICENSE")).exists();
    List<String> names = libJars().stream().map(p -> p.getFileName().toString()).toList();
    assertThat(names)
        .anyMatch(n -> n.startsWith("ecdp-customers-kafka-connect-"))
        .anyMatch(n -> n.startsWith("ecdp-customers-client-"))
        .anyMatch(n -> n.startsWith("ecdp-customers-import-engine-"))
        .anyMatch(n -> n.startsWith("jersey-client-"))
        .anyMatch(n -> n.startsWith("yasson-"))
        .noneMatch(n -> n.startsWith("connect-api-"))
        .noneMatch(n -> n.startsWith("kafka-clients-"))
        .noneMatch(n -> n.startsWith("slf4j-api-"))
        .noneMatch(n -> n.contains("sandbox") || n.contains("junit") || n.contains("logback"));
  }

  @Test
  void connectorJar_registersTheConnector_andEveryProjectJarCarriesTheLicence() throws IOException {
    for (Path jar : libJars()) {
      if (!jar.getFileName().toString().startsWith("ecdp-customers-")) {
        continue;
      }
      try (JarFile j = new JarFile(jar.toFile())) {
        assertThat(j.getEntry("META-INF/LICENSE")).as(jar.toString()).isNotNull();
        if (jar.getFileName().toString().startsWith(COMPONENT)) {
          ZipEntry services =
              j.getEntry("META-INF/services/org.apache.kafka.connect.sink.SinkConnector");
          assertThat(services).isNotNull();
          try (InputStream in = j.getInputStream(services)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim())
                .isEqualTo(EcdpCustomersSinkConnector.class.getName());
          }
        }
      }
    }
  }

  private static URL jarOf(Class<?> c) throws URISyntaxException, IOException {
    return Paths.get(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toUri().toURL();
  }

  @Test
  void connector_runsFromTheUnpackedArchive_inAnIsolatedClassLoader() throws Exception {
    ClassLoader platform = ClassLoader.getPlatformClassLoader();
    URL[] worker = {jarOf(SinkTask.class), jarOf(TopicPartition.class), jarOf(LoggerFactory.class)};
    List<URL> lib = new ArrayList<>();
    for (Path jar : libJars()) {
      lib.add(jar.toUri().toURL());
    }
    try (CustomersSandbox sandbox = CustomersSandbox.builder().apiKeys("it-key-5521").start();
        URLClassLoader workerLoader = new URLClassLoader("worker", worker, platform);
        URLClassLoader pluginLoader =
            new URLClassLoader("plugin", lib.toArray(URL[]::new), workerLoader)) {
      Class<?> sinkConnector =
          workerLoader.loadClass("org.apache.kafka.connect.sink.SinkConnector");
      List<String> found = new ArrayList<>();
      for (Object c : ServiceLoader.load(sinkConnector, pluginLoader)) {
        found.add(c.getClass().getName());
        assertThat(c.getClass().getClassLoader()).isSameAs(pluginLoader);
      }
      assertThat(found).containsExactly(EcdpCustomersSinkConnector.class.getName());

      Thread thread = Thread.currentThread();
      ClassLoader before = thread.getContextClassLoader();
      thread.setContextClassLoader(platform); // nothing of Jersey's or JSON-B's is visible
      try {
        runTask(sandbox, workerLoader, pluginLoader);
      } finally {
        thread.setContextClassLoader(before);
      }
      for (int i = 0; i < 3; i++) {
        assertThat(sandbox.store().find(CustomerKey.email("it." + i + "@example.com"))).isPresent();
      }
    }
  }

  private static void runTask(
      CustomersSandbox sandbox, ClassLoader workerLoader, ClassLoader pluginLoader)
      throws Exception {
    Map<String, String> props = new HashMap<>();
    props.put("name", "it-sink");
    props.put("ecdp.api.key", "it-key-5521");
    props.put("ecdp.base.uri", sandbox.uri().toString());
    props.put("ecdp.flush.interval.ms", "10");
    Class<?> contextType = workerLoader.loadClass("org.apache.kafka.connect.sink.SinkTaskContext");
    Object context =
        Proxy.newProxyInstance(
            workerLoader,
            new Class<?>[] {contextType},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "configs" -> props;
                  case "hashCode" -> 1;
                  case "equals" -> proxy == args[0];
                  case "toString" -> "it-context";
                  default -> null;
                });
    Class<?> taskClass = pluginLoader.loadClass(EcdpCustomersSinkTask.class.getName());
    assertThat(taskClass.getClassLoader()).isSameAs(pluginLoader);
    Object task = taskClass.getConstructor().newInstance();
    Class<?> sinkTask = workerLoader.loadClass("org.apache.kafka.connect.sink.SinkTask");
    sinkTask.getMethod("initialize", contextType).invoke(task, context);
    sinkTask.getMethod("start", Map.class).invoke(task, props);
    Class<?> tpType = workerLoader.loadClass("org.apache.kafka.common.TopicPartition");
    Object tp = tpType.getConstructor(String.class, int.class).newInstance("customers", 0);
    sinkTask.getMethod("open", java.util.Collection.class).invoke(task, List.of(tp));
    Class<?> schemaType = workerLoader.loadClass("org.apache.kafka.connect.data.Schema");
    Class<?> recordType = workerLoader.loadClass("org.apache.kafka.connect.sink.SinkRecord");
    Constructor<?> newRecord =
        recordType.getConstructor(
            String.class,
            int.class,
            schemaType,
            Object.class,
            schemaType,
            Object.class,
            long.class);
    List<Object> records = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Map<String, Object> value = new LinkedHashMap<>();
      value.put("email", "it." + i + "@example.com");
      value.put("firstName", "It" + i);
      records.add(newRecord.newInstance("customers", 0, null, null, null, value, (long) i));
    }
    Method put = sinkTask.getMethod("put", java.util.Collection.class);
    Method preCommit = sinkTask.getMethod("preCommit", Map.class);
    Class<?> offsetType =
        workerLoader.loadClass("org.apache.kafka.clients.consumer.OffsetAndMetadata");
    Object current = offsetType.getConstructor(long.class).newInstance(3L);
    put.invoke(task, records);
    long committed = -1;
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (committed != 3 && System.nanoTime() < deadline) {
      put.invoke(task, List.of());
      Map<?, ?> offsets = (Map<?, ?>) preCommit.invoke(task, Map.of(tp, current));
      Object o = offsets.get(tp);
      if (o != null) {
        committed = (long) offsetType.getMethod("offset").invoke(o);
      }
      Thread.sleep(10);
    }
    sinkTask.getMethod("stop").invoke(task);
    assertThat(committed).isEqualTo(3);
  }
}
