package io.ecdp.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ecdp.customers.errors.RequestTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The call's deadline covers the wait for a pooled connection, and closing the client completes
 * every call it was given. Counted in requests, not milliseconds.
 */
class ConnectionPoolTest {

  private static final String FOUND =
      "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
          + TestData.CUSTOMER_JSON.length()
          + "\r\n\r\n"
          + TestData.CUSTOMER_JSON;

  @Test
  void aCallWaitingForABusyPool_failsWithinItsOwnTimeout_unsent() throws Exception {
    try (RawServer server = new RawServer().answer(FOUND).hold();
        CustomersClient client = server.client().maxConnections(1).build()) {
      CompletableFuture<GetResult> first = client.customers().async().get(CustomerKey.id(1));
      server.awaitReceived(1);
      RequestTimeoutException e =
          catchThrowableOfType(
              RequestTimeoutException.class,
              () ->
                  client
                      .customers()
                      .get(
                          CustomerKey.id(2),
                          CallOptions.builder()
                              .timeout(Duration.ofMillis(300))
                              .retryPolicy(RetryPolicy.none())
                              .build()));
      assertThat(e.requestSent()).isFalse();
      assertThat(e.getMessage()).contains("no connection was free in time (all 1 in use)");
      assertThat(server.received()).as("the second call never reached the server").isEqualTo(1);
      server.release();
      assertThat(first.get(1, TimeUnit.MINUTES).customer()).isPresent();
    }
  }

  @Test
  void close_completesQueuedAsyncCalls_andLaterCallsAreRefused() throws Exception {
    try (RawServer server = new RawServer().answer(FOUND).hold()) {
      CustomersClient client = server.client().asyncThreads(1).build();
      Customers customers = client.customers();
      CompletableFuture<GetResult> running = customers.async().get(CustomerKey.id(1));
      server.awaitReceived(1);
      CompletableFuture<GetResult> queued = customers.async().get(CustomerKey.id(2));
      client.close();
      assertThat(queued).isCompletedExceptionally();
      assertThat(catchThrowableOfType(CompletionException.class, queued::join))
          .cause()
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("the client is closed");
      server.release();
      assertThat(running.handle((r, t) -> "done").get(1, TimeUnit.MINUTES)).isEqualTo("done");
      assertThat(
              catchThrowableOfType(
                  IllegalStateException.class, () -> customers.get(CustomerKey.id(3))))
          .hasMessage("the client is closed");
      assertThat(
              catchThrowableOfType(
                  IllegalStateException.class, () -> customers.async().get(CustomerKey.id(3))))
          .hasMessage("the client is closed");
      assertThat(server.received()).isEqualTo(1);
    }
  }
}
