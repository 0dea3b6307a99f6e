package io.ecdp.customers.resilience;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** Writes a test's figures for RELIABILITY.md ({@code target/reliability/NAME.properties}). */
final class Figures {

  private Figures() {}

  static void write(String name, Map<String, ?> figures) {
    Properties p = new Properties();
    new TreeMap<>(figures).forEach((k, v) -> p.setProperty(k, String.valueOf(v)));
    Path dir = Path.of(System.getProperty("ecdp.target", "target"), "reliability");
    try {
      Files.createDirectories(dir);
      try (var out = Files.newOutputStream(dir.resolve(name + ".properties"))) {
        p.store(out, name);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
