package io.ecdp.customers.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecdp.customers.CustomerKey;
import io.ecdp.customers.CustomersClient;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A sandbox never keeps the JVM alive: an application that starts one and does not close it (a
 * Spring Boot app whose context is not closed, a tool's main method) exits when its own threads
 * end. Every thread the sandbox starts, for listening and for serving requests, is a daemon.
 */
class SandboxThreadsTest {

  @Test
  void startedAndServing_theSandboxRunsNoNonDaemonThread() {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    try (CustomersSandbox sandbox = CustomersSandbox.builder().start();
        CustomersClient client = sandbox.client()) {
      // A served request starts the worker threads too.
      client.customers().get(CustomerKey.email("nobody@example.com"));
      List<String> nonDaemon =
          Thread.getAllStackTraces().keySet().stream()
              .filter(t -> !before.contains(t) && t.isAlive() && !t.isDaemon())
              .map(Thread::getName)
              .collect(Collectors.toList());
      assertThat(nonDaemon).as("threads that would keep the JVM alive").isEmpty();
    }
  }
}
