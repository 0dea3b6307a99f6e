package io.ecdp.customers.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Checks that the packaged jar carries the spec, so consumers load it from the classpath. */
class PackagedSpecIT {

  @Test
  void jar_carriesTheSpec_byteForByte_atItsDocumentedResourcePath() throws Exception {
    Path jar = Path.of(System.getProperty("ecdp.spec.jar"));
    String resource = System.getProperty("ecdp.spec.resource");
    assertThat(resource).isEqualTo("META-INF/openapi/openapi.yaml");
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
        InputStream in = loader.getResourceAsStream(resource)) {
      assertThat(in).as("%s in %s", resource, jar).isNotNull();
      assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(SpecDocument.specUnderTest()));
    }
  }
}
