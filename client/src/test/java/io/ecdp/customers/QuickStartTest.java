package io.ecdp.customers;

import static io.ecdp.customers.TestServer.json;
import static io.ecdp.customers.TestServer.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.ecdp.customers.samples.QuickStart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The README's quick start is this build's sample, and it runs. */
class QuickStartTest {

  @Test
  void quickStart_runsAgainstAServer() throws Exception {
    try (TestServer server =
        new TestServer().then(status(201), json(200, TestData.CUSTOMER_JSON))) {
      assertThat(QuickStart.run(server.uri(), TestData.API_KEY)).isEqualTo("57");
      assertThat(server.requests())
          .extracting(TestServer.Recorded::requestLine)
          .containsExactly("POST /customers", "GET /customers/email/adam%40poczta.pl");
    }
  }

  @Test
  void readme_showsTheSampleVerbatim() throws IOException {
    String sample =
        Files.readString(Path.of("src/test/java/io/ecdp/customers/samples/QuickStart.java"));
    String region =
        sample.substring(
            sample.indexOf("// README:start") + 16, sample.indexOf("    // README:end"));
    String readme = Files.readString(Path.of(System.getProperty("ecdp.readme")));
    assertThat(normalize(readme)).contains(normalize(region));
  }

  private static String normalize(String code) {
    return Arrays.stream(code.split("\n"))
        .map(String::strip)
        .filter(l -> !l.isEmpty())
        .collect(Collectors.joining("\n"));
  }
}
