package io.ecdp.customers;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The first call of a fresh JVM: the one-time set-up (Jersey's runtime, the JSON readers) happens
 * in {@code build()}, so a tight per-call deadline covers the call alone.
 */
class ColdStartTest {

  @Test
  void firstCallOfAFreshJvm_meetsAOneSecondDeadline_againstAServerThatAnswersAtOnce()
      throws Exception {
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                FirstCall.class.getName())
            .redirectErrorStream(true)
            .start();
    String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(out).contains("found: true");
    assertThat(child.exitValue()).as(out).isZero();
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
      long t0 = System.nanoTime();
      try (CustomersClient client =
          CustomersClient.builder()
              .apiKey(TestData.API_KEY)
              .baseUri("http://127.0.0.1:" + server.getAddress().getPort())
              .build()) {
        long t1 = System.nanoTime();
        GetResult result =
            client
                .customers()
                .get(
                    CustomerKey.id(12),
                    CallOptions.builder().timeout(Duration.ofSeconds(1)).build());
        long t2 = System.nanoTime();
        System.out.println("found: " + result.customer().isPresent());
        System.out.println(
            "build " + (t1 - t0) / 1_000_000 + " ms, first call " + (t2 - t1) / 1_000_000 + " ms");
      } catch (RuntimeException e) {
        System.out.println("failed: " + e);
        System.exit(1);
      } finally {
        server.stop(0);
      }
    }
  }
}
