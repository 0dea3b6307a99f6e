package io.ecdp.customers.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The module descriptor as compiled: its name, what it exports, and that what it requires are the
 * names the OpenTelemetry jars give themselves (the tests run on the class path, so nothing else
 * resolves the descriptor).
 */
class ModuleDescriptorTest {

  private static ModuleDescriptor compiled() throws IOException {
    Path file = Path.of(System.getProperty("ecdp.classes.dir"), "module-info.class");
    try (InputStream in = Files.newInputStream(file)) {
      return ModuleDescriptor.read(in);
    }
  }

  /** The module name of the jar (or directory) a class was loaded from. */
  private static String moduleOf(Class<?> type) throws URISyntaxException {
    Path location = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    return ModuleFinder.of(location).findAll().stream()
        .map(ModuleReference::descriptor)
        .map(ModuleDescriptor::name)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void descriptor_exportsTheApiPackage_only() throws IOException {
    ModuleDescriptor descriptor = compiled();
    assertThat(descriptor.name()).isEqualTo("io.ecdp.customers.opentelemetry");
    assertThat(descriptor.exports())
        .extracting(ModuleDescriptor.Exports::source)
        .containsExactly(EcdpOpenTelemetry.class.getPackageName());
    assertThat(descriptor.opens()).isEmpty();
  }

  @Test
  void descriptor_requiresTheClientAndTheOpenTelemetryApi_byTheirModuleNames()
      throws IOException, URISyntaxException {
    Set<String> required =
        compiled().requires().stream()
            .map(ModuleDescriptor.Requires::name)
            .filter(name -> !name.equals("java.base"))
            .collect(Collectors.toSet());
    assertThat(required)
        .containsExactlyInAnyOrder(
            "io.ecdp.customers", moduleOf(OpenTelemetry.class), moduleOf(Context.class));
    assertThat(moduleOf(OpenTelemetry.class)).isEqualTo("io.opentelemetry.api");
    assertThat(moduleOf(Context.class)).isEqualTo("io.opentelemetry.context");
  }
}
