package io.ecdp.customers.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The figures of the hostile-client tests for the reliability report: {@code
 * hostile-sandbox.properties} in {@code ecdp.reliability.dir} (the module's {@code
 * target/reliability}), rewritten whole at each figure, so that it holds this run's figures only.
 */
final class HostileFigures {

  static final String FILE = "hostile-sandbox.properties";

  private static final Map<String, String> FIGURES = new TreeMap<>();

  private HostileFigures() {}

  static synchronized void put(String key, Object value) {
    FIGURES.put(key, String.valueOf(value));
    Properties p = new Properties();
    FIGURES.forEach(p::setProperty);
    Path dir = Path.of(System.getProperty("ecdp.reliability.dir", "target/reliability"));
    try {
      Files.createDirectories(dir);
      try (OutputStream out = Files.newOutputStream(dir.resolve(FILE))) {
        p.store(out, "the sandbox against hostile clients (sandbox module tests)");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
