package io.ecdp.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * async-profiler 4.1 (from Maven Central, on this module's class path) and the reading of its
 * collapsed stacks: which layer of the stack pays for each CPU sample or allocated byte.
 */
public final class Profiles {

  /** A layer of the stack and the frame prefixes that mark it. */
  record Layer(String name, List<String> prefixes) {}

  /**
   * The layers, in the order the table shows them. A sample belongs to the leaf-most frame that
   * matches a layer, so JDK code (collections, strings, sockets, the kernel) counts for the layer
   * that called it; a sample of the calling threads with no such frame is "JDK, other".
   */
  static final List<Layer> LAYERS =
      List.of(
          new Layer("our client", List.of("io/ecdp/customers/", "io.ecdp.customers.")),
          new Layer(
              "JSON-B, JSON-P",
              List.of("org/eclipse/yasson/", "org/eclipse/parsson/", "jakarta/json/")),
          new Layer("Jackson", List.of("com/fasterxml/jackson/")),
          new Layer(
              "Jersey, HK2",
              List.of(
                  "org/glassfish/jersey/",
                  "org/glassfish/hk2/",
                  "org/jvnet/hk2/",
                  "jakarta/ws/rs/")),
          new Layer("HttpClient 5", List.of("org/apache/hc/")),
          new Layer("benchmark contender", List.of("io/ecdp/bench/")));

  /** The samples outside the calling threads: the loopback server, GC, the JIT compiler. */
  static final String OUTSIDE = "outside the calls (server, GC, JIT)";

  /** The calling threads' leaf-most frames with no layer: JDK code called by the benchmark. */
  static final String JDK = "JDK, other";

  private Profiles() {}

  /**
   * Returns async-profiler's library for this machine, extracted into {@code dir}, or null when it
   * has none for this platform.
   */
  static Path library(Path dir) throws IOException {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch");
    String platform =
        os.contains("linux")
            ? (arch.equals("aarch64") ? "linux-arm64" : arch.equals("amd64") ? "linux-x64" : null)
            : os.contains("mac") ? "macos" : null;
    if (platform == null) {
      return null;
    }
    try (InputStream in =
        Profiles.class.getClassLoader().getResourceAsStream(platform + "/libasyncProfiler.so")) {
      if (in == null) {
        return null;
      }
      Path lib = Files.createDirectories(dir).resolve("libasyncProfiler.so");
      Files.copy(in, lib, StandardCopyOption.REPLACE_EXISTING);
      return lib;
    }
  }

  /**
   * Reads collapsed stacks ({@code frame;frame;... count}) and returns each layer's share, the
   * calling threads being those with a frame containing {@code callMarker}.
   */
  static Map<String, Double> shares(Path collapsed, String callMarker) throws IOException {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (Layer layer : LAYERS) {
      counts.put(layer.name(), 0L);
    }
    counts.put(JDK, 0L);
    counts.put(OUTSIDE, 0L);
    long total = 0;
    for (String line : Files.readAllLines(collapsed)) {
      int space = line.lastIndexOf(' ');
      if (space <= 0) {
        continue;
      }
      long n = Long.parseLong(line.substring(space + 1).trim());
      String stack = line.substring(0, space);
      total += n;
      counts.merge(layerOf(stack, callMarker), n, Long::sum);
    }
    Map<String, Double> shares = new LinkedHashMap<>();
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      shares.put(e.getKey(), total == 0 ? 0 : (double) e.getValue() / total);
    }
    return shares;
  }

  static String layerOf(String stack, String callMarker) {
    if (!stack.contains(callMarker)) {
      return OUTSIDE;
    }
    String[] frames = stack.split(";", -1);
    for (int i = frames.length - 1; i >= 0; i--) {
      for (Layer layer : LAYERS) {
        for (String prefix : layer.prefixes()) {
          if (frames[i].startsWith(prefix)) {
            return layer.name();
          }
        }
      }
    }
    return JDK;
  }
}
