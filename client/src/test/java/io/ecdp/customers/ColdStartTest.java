package io.ecdp.customers;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The first call of a fresh JVM: the one-time set-up (Jersey's runtime, its providers and
 * injection) happens in {@code build()}, so a tight per-call deadline covers the call alone.
 * Counted in classes loaded, not milliseconds: a loaded machine changes the time, not the count.
 */
class ColdStartTest {

  @Test
  void build_setsUpJerseysRuntime_soTheFirstCallLoadsLittleOfItsOwn() throws Exception {
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:stdout:tags",
                "-cp",
                System.getProperty("java.class.path"),
                FirstCall.class.getName())
            .redirectErrorStream(true)
            .start();
    List<String> lines =
        new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
    String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    assertThat(child.exitValue()).as(tail).isZero();
    assertThat(lines).as(tail).contains("found: true");
    int built = lines.indexOf("mark: built");
    int called = lines.indexOf("mark: called");
    assertThat(built).as(tail).isPositive();
    assertThat(called).as(tail).isGreaterThan(built);
    List<String> byBuild = loaded(lines.subList(0, built));
    List<String> byCall = loaded(lines.subList(built, called));
    List<String> jerseyByCall =
        byCall.stream().filter(c -> c.startsWith("org.glassfish.jersey.")).toList();
    // Before build() set it up, the first call loaded Jersey's runtime: about 1,400 Jersey
    // classes (injection, providers, the connector), 0.8 s on a 2-core machine.
    assertThat(jerseyByCall).as("Jersey classes the first call loads").hasSizeLessThan(60);
    assertThat(byCall.size())
        .as(
            "classes the first call loads (%d), against build()'s (%d)",
            byCall.size(), byBuild.size())
        .isLessThan(byBuild.size() / 3);
  }

  /** The names of the classes a {@code -Xlog:class+load} output lists. */
  private static List<String> loaded(List<String> lines) {
    return lines.stream()
        .filter(l -> l.startsWith("[class,load]"))
        .map(l -> l.substring("[class,load]".length()).strip().split(" ", 2)[0])
        .toList();
  }

  /** Runs in the fresh JVM: a server that answers at once, then the client's first call. */
  public static final class FirstCall {
    public static void main(String[] args) throws Exception {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext(
          "/",
          exchange -> {
            byte[] body = TestData.CUSTOMER_JSON.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream os = exchange.getResponseBody()) {
              os.write(body);
            }
          });
      server.start();
      try (CustomersClient client =
          CustomersClient.builder()
              .apiKey(TestData.API_KEY)
              .baseUri("http://127.0.0.1:" + server.getAddress().getPort())
              .build()) {
        mark("built");
        GetResult result =
            client
                .customers()
                .get(
                    CustomerKey.id(12),
                    CallOptions.builder().timeout(Duration.ofSeconds(30)).build());
        mark("called");
        System.out.println("found: " + result.customer().isPresent());
      } finally {
        server.stop(0);
      }
    }

    private static void mark(String what) {
      System.out.println("mark: " + what);
      System.out.flush();
    }
  }
}
