package io.ecdp.customers.consumers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * One project of the matrix, described by its {@code consumer.properties}: the name the README's
 * table shows, the Java it runs on, the class or module path, and the Spring Boot BOM it imports.
 */
record Consumer(
    String directory, String title, int java, String path, String springBoot, int order) {

  static Consumer read(Path projectDir) {
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(projectDir.resolve("consumer.properties"))) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Consumer(
        projectDir.getFileName().toString(),
        p.getProperty("title"),
        Integer.parseInt(p.getProperty("java")),
        p.getProperty("path"),
        p.getProperty("springBoot", "none"),
        Integer.parseInt(p.getProperty("order")));
  }
}
