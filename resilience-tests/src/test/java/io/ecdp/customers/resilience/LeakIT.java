package io.ecdp.customers.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecdp.customers.CustomersClient;
import io.ecdp.customers.RetryPolicy;
import io.ecdp.customers.errors.EcdpException;
import io.ecdp.customers.resilience.FaultServer.Fault;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** 10,000 faulty calls through one client leak no thread, socket or connection. */
class LeakIT {

  private static final int CALLS = 10_000;
  private static final List<Fault> CHEAP_FAULTS =
      List.of(
          Fault.RESET_BEFORE_RESPONSE,
          Fault.EMPTY_RESPONSE,
          Fault.RANDOM_BYTES,
          Fault.PROBLEM_500,
          Fault.NON_JSON_200,
          Fault.MALFORMED_CHUNKED,
          Fault.TRUNCATED_JSON,
          Fault.HTML_502,
          Fault.RESET_MID_BODY,
          Fault.UNAVAILABLE_503);

  @Test
  void tenThousandFaultyCalls_leakNoThreadSocketOrConnection() throws Exception {
    try (FaultServer server = new FaultServer()) {
      CustomersClient warm = client(server);
      calls(warm, server, 200); // warm up classes, pools and the server's threads
      warm.close();
      settle();
      long fdsBefore = openFiles();
      int threadsBefore = clientThreads();

      int failures;
      long fdsWhileOpen = -1;
      try (CustomersClient client = client(server)) {
        failures = calls(client, server, CALLS);
        settle();
        fdsWhileOpen = openFiles() - fdsBefore;
        assertThat(fdsWhileOpen)
            .as("open files while the client is open (its pool holds <= 8)")
            .isLessThanOrEqualTo(20);
      }
      long fdsAfter = Long.MAX_VALUE;
      int threadsAfter = Integer.MAX_VALUE;
      for (int i = 0; i < 20 && (fdsAfter - fdsBefore > 4 || threadsAfter > threadsBefore); i++) {
        settle(); // closed connections and finished threads may take a moment to go
        fdsAfter = openFiles();
        threadsAfter = clientThreads();
      }
      assertThat(failures).isEqualTo(CALLS - successes(CALLS));
      assertThat(fdsAfter - fdsBefore).as("file descriptors leaked").isLessThanOrEqualTo(4);
      assertThat(threadsAfter - threadsBefore).as("threads leaked").isLessThanOrEqualTo(0);
      Figures.write(
          "leaks",
          Map.of(
              "faultyCalls",
              CALLS,
              "fileDescriptorsLeaked",
              Math.max(0, fdsAfter - fdsBefore),
              "threadsLeaked",
              Math.max(0, threadsAfter - threadsBefore),
              "fileDescriptorsWhileOpen",
              fdsWhileOpen,
              "java",
              Runtime.version().feature()));
    }
  }

  private static CustomersClient client(FaultServer server) {
    return CustomersClient.builder()
        .apiKey(Secrets.API_KEY)
        .baseUri(server.uri())
        .readTimeout(Duration.ofMillis(500))
        .maxConnections(8)
        .retryPolicy(RetryPolicy.none())
        .build();
  }

  /** Makes {@code n} calls over the cheap faults; returns how many threw. */
  private static int calls(CustomersClient client, FaultServer server, int n) {
    int failures = 0;
    Operation[] ops = Operation.values();
    for (int i = 0; i < n; i++) {
      server.fault(CHEAP_FAULTS.get(i % CHEAP_FAULTS.size()));
      try {
        ops[i % ops.length].call.accept(client.customers());
      } catch (EcdpException e) {
        failures++;
      }
    }
    return failures;
  }

  /** How many of {@code n} calls succeed: a void operation survives a broken 2xx body. */
  private static int successes(int n) {
    int ok = 0;
    Operation[] ops = Operation.values();
    for (int i = 0; i < n; i++) {
      Fault f = CHEAP_FAULTS.get(i % CHEAP_FAULTS.size());
      Operation op = ops[i % ops.length];
      boolean brokenSuccess =
          f == Fault.NON_JSON_200
              || f == Fault.MALFORMED_CHUNKED
              || f == Fault.TRUNCATED_JSON
              || f == Fault.RESET_MID_BODY;
      if (brokenSuccess && op.voidResult) {
        ok++;
      }
    }
    return ok;
  }

  private static long openFiles() throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.count();
    }
  }

  /** Live threads, but for the test server's own. */
  private static int clientThreads() {
    return (int)
        Thread.getAllStackTraces().keySet().stream()
            .filter(Thread::isAlive)
            .filter(t -> !t.getName().startsWith("fault-server"))
            .count();
  }

  private static void settle() throws InterruptedException {
    System.gc();
    Thread.sleep(700);
  }
}
