package io.ecdp.customers.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecdp.customers.CustomersClient;
import io.ecdp.customers.RetryPolicy;
import io.ecdp.customers.errors.BrokenResponseException;
import io.ecdp.customers.errors.ConnectionException;
import io.ecdp.customers.errors.EcdpException;
import io.ecdp.customers.errors.RateLimitedException;
import io.ecdp.customers.errors.RequestTimeoutException;
import io.ecdp.customers.errors.ServerException;
import io.ecdp.customers.errors.UnexpectedResponseException;
import io.ecdp.customers.resilience.FaultServer.Fault;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every operation against every fault: the call returns or throws the documented exception within
 * the call timeout, and is retried exactly as the policy says (counted on the server).
 */
class FaultMatrixIT {

  static final Duration CALL_TIMEOUT = Duration.ofMillis(2500);
  private static final AtomicInteger CASES = new AtomicInteger();
  private static FaultServer server;
  private static CustomersClient client;

  /** What a fault must produce: an exception type (null for success) and attempts by kind. */
  record Expect(
      Class<? extends EcdpException> getType,
      Class<? extends EcdpException> voidType,
      int idempotentAttempts,
      int postAttempts) {}

  static final Map<Fault, Expect> EXPECTED =
      Map.ofEntries(
          Map.entry(
              Fault.RESET_BEFORE_RESPONSE,
              new Expect(ConnectionException.class, ConnectionException.class, 2, 1)),
          Map.entry(Fault.RESET_MID_BODY, new Expect(BrokenResponseException.class, null, 1, 1)),
          Map.entry(
              Fault.EMPTY_RESPONSE,
              new Expect(ConnectionException.class, ConnectionException.class, 2, 1)),
          Map.entry(Fault.MALFORMED_CHUNKED, new Expect(BrokenResponseException.class, null, 1, 1)),
          Map.entry(
              Fault.RANDOM_BYTES,
              new Expect(ConnectionException.class, ConnectionException.class, 2, 1)),
          Map.entry(
              Fault.HEADERS_NEVER_COME,
              new Expect(RequestTimeoutException.class, RequestTimeoutException.class, 2, 1)),
          Map.entry(Fault.TRICKLING_BODY, new Expect(RequestTimeoutException.class, null, 1, 1)),
          Map.entry(Fault.TRUNCATED_JSON, new Expect(BrokenResponseException.class, null, 1, 1)),
          // A 200 whose body is not the documented JSON: the server answered, but not as
          // documented.
          Map.entry(Fault.NON_JSON_200, new Expect(UnexpectedResponseException.class, null, 1, 1)),
          Map.entry(Fault.HTML_502, new Expect(ServerException.class, ServerException.class, 2, 1)),
          Map.entry(
              Fault.RETRY_AFTER_SECONDS,
              new Expect(RateLimitedException.class, RateLimitedException.class, 2, 2)),
          Map.entry(
              Fault.RETRY_AFTER_HTTP_DATE,
              new Expect(RateLimitedException.class, RateLimitedException.class, 2, 2)),
          Map.entry(
              Fault.RETRY_AFTER_GARBAGE,
              new Expect(RateLimitedException.class, RateLimitedException.class, 2, 2)),
          Map.entry(
              Fault.UNAVAILABLE_503,
              new Expect(ServerException.class, ServerException.class, 2, 1)),
          Map.entry(
              Fault.PROBLEM_500, new Expect(ServerException.class, ServerException.class, 1, 1)),
          Map.entry(Fault.FIFTY_MB_BODY, new Expect(BrokenResponseException.class, null, 1, 1)));

  @BeforeAll
  static void start() throws Exception {
    server = new FaultServer();
    client = client(server.uri().toString());
  }

  @AfterAll
  static void stop() throws Exception {
    client.close();
    server.close();
    Figures.write(
        "faults",
        Map.of(
            "faults",
            Fault.values().length + 1,
            "operations",
            Operation.values().length,
            "cases",
            CASES.get()));
  }

  static CustomersClient client(String uri) {
    return CustomersClient.builder()
        .apiKey(Secrets.API_KEY)
        .baseUri(uri)
        .connectTimeout(Duration.ofSeconds(1))
        .readTimeout(Duration.ofMillis(300))
        .callTimeout(CALL_TIMEOUT)
        .retryPolicy(
            RetryPolicy.builder()
                .maxAttempts(2)
                .initialBackoff(Duration.ofMillis(10))
                .maxBackoff(Duration.ofMillis(20))
                .build())
        .build();
  }

  static Stream<Arguments> cases() {
    List<Arguments> all = new ArrayList<>();
    for (Fault f : Fault.values()) {
      for (Operation op : Operation.values()) {
        all.add(Arguments.of(f, op));
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{1} against {0}")
  @MethodSource("cases")
  void everyOperation_survivesEveryFault(Fault fault, Operation op) {
    Expect expect = EXPECTED.get(fault);
    server.fault(fault);
    server.resetCount();
    Class<? extends EcdpException> type = op.voidResult ? expect.voidType() : expect.getType();
    long start = System.nanoTime();
    Throwable thrown = null;
    try {
      op.call.accept(client.customers());
    } catch (Throwable t) {
      thrown = t;
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    if (type == null) {
      assertThat(thrown)
          .as("%s: a 2xx with a broken or endless body is still a success", op)
          .isNull();
    } else {
      assertThat(thrown).isExactlyInstanceOf(type);
      for (String secret : Secrets.FORBIDDEN) {
        assertThat(thrown.getMessage()).doesNotContain(secret);
      }
    }
    assertThat(took).as("never hangs").isLessThan(CALL_TIMEOUT.plusMillis(700));
    int attempts = op.idempotent ? expect.idempotentAttempts() : expect.postAttempts();
    awaitCount(attempts);
    assertThat(server.requests()).as("requests the server received").isEqualTo(attempts);
    CASES.incrementAndGet(); // counted once it has passed, like the refused-connection cases
  }

  @Test
  void refusedConnection_isRetried_forEveryOperation_requestNotSent() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    try (CustomersClient refused = client("http://127.0.0.1:" + port)) {
      for (Operation op : Operation.values()) {
        long start = System.nanoTime();
        Throwable thrown = null;
        try {
          op.call.accept(refused.customers());
        } catch (Throwable t) {
          thrown = t;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(thrown).as("%s", op).isExactlyInstanceOf(ConnectionException.class);
        assertThat(((ConnectionException) thrown).requestSent()).isFalse();
        // Two attempts: the backoff between them (10-20 ms, half of it at least) was waited.
        assertThat(took)
            .as("%s was retried", op)
            .isGreaterThanOrEqualTo(Duration.ofMillis(5))
            .isLessThan(CALL_TIMEOUT);
        CASES.incrementAndGet();
      }
    }
  }

  private static void awaitCount(int expected) {
    long deadline = System.nanoTime() + 500_000_000L;
    while (server.requests() < expected && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
  }
}
