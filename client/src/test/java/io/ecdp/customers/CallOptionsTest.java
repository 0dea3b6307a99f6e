package io.ecdp.customers;

import static io.ecdp.customers.TestServer.delayed;
import static io.ecdp.customers.TestServer.json;
import static io.ecdp.customers.TestServer.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecdp.customers.errors.RequestTimeoutException;
import io.ecdp.customers.errors.ServerException;
import io.ecdp.customers.errors.ValidationException;
import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Per-call options, and the asynchronous view's checks at the call. */
class CallOptionsTest {

  @Test
  void headersOfOneCall_areSentWithIt_andReplaceAClientWideOne() throws Exception {
    try (TestServer server = new TestServer().always(json(200, TestData.CUSTOMER_JSON));
        CustomersClient client =
            server.client().header("traceparent", "client-wide").header("x-team", "crm").build()) {
      CallOptions options = CallOptions.builder().header("traceparent", "00-abc-def-01").build();
      client.customers().get(CustomerKey.id(12), options);
      assertThat(server.last().header("traceparent")).isEqualTo("00-abc-def-01");
      assertThat(server.last().header("x-team")).isEqualTo("crm");
      client.customers().get(CustomerKey.id(12));
      assertThat(server.last().header("traceparent")).isEqualTo("client-wide");
    }
  }

  @Test
  void aCallHeader_replacesAClientWideOne_spelledInAnotherCase() throws Exception {
    try (TestServer server = new TestServer().always(json(200, TestData.CUSTOMER_JSON));
        CustomersClient client = server.client().header("X-Team", "crm").build()) {
      client
          .customers()
          .get(CustomerKey.id(12), CallOptions.builder().header("x-team", "billing").build());
      assertThat(server.last().headers().get("X-team")).containsExactly("billing");
    }
  }

  @Test
  void theClientsOwnHeaders_cannotBeSetByOptions() {
    for (String name : List.of("x-api-key", "Accept", "User-Agent", "Content-Type")) {
      assertThatThrownBy(() -> CallOptions.builder().header(name, "x"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("set by the client");
    }
    assertThatThrownBy(() -> CallOptions.builder().header("x-bad", "a\r\nInjected: yes"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aRetryPolicyOfOneCall_replacesTheClients() throws Exception {
    try (TestServer server = new TestServer().always(status(503));
        CustomersClient client =
            server
                .client()
                .retryPolicy(
                    RetryPolicy.builder()
                        .maxAttempts(3)
                        .initialBackoff(Duration.ofMillis(1))
                        .maxBackoff(Duration.ofMillis(2))
                        .build())
                .build()) {
      assertThatThrownBy(
              () ->
                  client
                      .customers()
                      .get(
                          CustomerKey.id(1),
                          CallOptions.builder().retryPolicy(RetryPolicy.none()).build()))
          .isInstanceOf(ServerException.class);
      assertThat(server.count()).isEqualTo(1);
      assertThatThrownBy(() -> client.customers().get(CustomerKey.id(1)))
          .isInstanceOf(ServerException.class);
      assertThat(server.count()).isEqualTo(1 + 3);
    }
  }

  @Test
  void aTimeoutOfOneCall_replacesTheClientsCallTimeout() throws Exception {
    try (TestServer server =
            new TestServer()
                .always(delayed(Duration.ofSeconds(2), json(200, TestData.CUSTOMER_JSON)));
        CustomersClient client = server.client().retryPolicy(RetryPolicy.none()).build()) {
      assertThatThrownBy(
              () ->
                  client
                      .customers()
                      .get(
                          CustomerKey.id(1),
                          CallOptions.builder().timeout(Duration.ofMillis(200)).build()))
          .isInstanceOf(RequestTimeoutException.class);
      // Without the option, the client's 60 s call timeout lets the same answer arrive.
      assertThat(client.customers().get(CustomerKey.id(1)).customer()).isPresent();
    }
  }

  @Test
  void async_checksItsArgumentsAtTheCall_notInsideTheFuture() throws Exception {
    try (TestServer server = new TestServer().always(status(201));
        CustomersClient client = server.client().build()) {
      AsyncCustomers async = client.customers().async();
      assertThatThrownBy(() -> async.get(null)).isInstanceOf(NullPointerException.class);
      assertThatThrownBy(() -> async.delete(CustomerKey.id(1), null))
          .isInstanceOf(NullPointerException.class);
      assertThatThrownBy(
              () ->
                  async.upsert(
                      UpsertMode.ADD, MatchBy.EMAIL, List.of(CustomerRecord.builder().build())))
          .isInstanceOf(ValidationException.class);
      assertThat(server.count()).isZero();
      CompletableFuture<UpsertResult> sent =
          async.upsert(
              UpsertMode.ADD,
              MatchBy.EMAIL,
              List.of(CustomerRecord.builder().email(TestData.EMAIL).build()));
      assertThat(sent.get().metadata().status()).isEqualTo(201);
      assertThat(sent.get().records()).isEqualTo(1);
    }
  }
}
