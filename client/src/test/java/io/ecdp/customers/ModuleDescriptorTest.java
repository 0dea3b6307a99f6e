package io.ecdp.customers;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The module exports the public API only; the generated transport stays internal. */
class ModuleDescriptorTest {

  @Test
  void module_exportsThePublicPackages_only() {
    {
      ModuleDescriptor module =
          ModuleFinder.of(Path.of("target/classes"))
              .find("io.ecdp.customers")
              .orElseThrow()
              .descriptor();
      assertThat(module.name()).isEqualTo("io.ecdp.customers");
      assertThat(module.exports())
          .allSatisfy(e -> assertThat(e.isQualified()).isFalse())
          .extracting(ModuleDescriptor.Exports::source)
          .containsExactlyInAnyOrder(
              "io.ecdp.customers",
              "io.ecdp.customers.model",
              "io.ecdp.customers.errors",
              "io.ecdp.customers.events");
      assertThat(module.packages())
          .contains("io.ecdp.customers.internal", "io.ecdp.customers.internal.api");
    }
  }
}
