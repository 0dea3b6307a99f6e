package io.ecdp.customers;

import static io.ecdp.customers.TestServer.delayed;
import static io.ecdp.customers.TestServer.json;
import static io.ecdp.customers.TestServer.respond;
import static io.ecdp.customers.TestServer.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecdp.customers.errors.RateLimitedException;
import io.ecdp.customers.errors.RequestTimeoutException;
import io.ecdp.customers.errors.ServerException;
import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The retry rules over real sockets, counted on the server; waits and deadlines are tested in
 * virtual time in {@code internal.CallExecutorTest}.
 */
class RetryTest {

  private TestServer server;
  private CustomersClient client;

  @BeforeEach
  void start() throws Exception {
    server = new TestServer();
    client = server.client().readTimeout(Duration.ofMillis(300)).build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private void add() {
    client
        .customers()
        .upsert(
            UpsertMode.ADD,
            MatchBy.EMAIL,
            List.of(CustomerRecord.builder().email(TestData.EMAIL).build()));
  }

  @ParameterizedTest(name = "GET retries {0}")
  @ValueSource(ints = {429, 502, 503, 504})
  void get_retriesTransientStatuses_thenSucceeds(int status) {
    server.then(status(status), json(200, TestData.CUSTOMER_JSON));
    assertThat(client.customers().get(CustomerKey.email(TestData.EMAIL)).customer()).isPresent();
    assertThat(server.count()).isEqualTo(2);
  }

  @Test
  void get_givesUpAfterMaxAttempts_withTheLastFailure() {
    server.always(status(503));
    assertThatThrownBy(() -> client.customers().get(CustomerKey.email(TestData.EMAIL)).customer())
        .isInstanceOf(ServerException.class);
    assertThat(server.count()).isEqualTo(3);
  }

  @ParameterizedTest(name = "GET does not retry {0}")
  @ValueSource(ints = {400, 401, 403, 409, 500})
  void get_doesNotRetryOtherFailures(int status) {
    server.always(status(status));
    assertThatThrownBy(() -> client.customers().get(CustomerKey.id(12)).customer());
    assertThat(server.count()).isEqualTo(1);
  }

  @Test
  void get_retriesAReadTimeout() {
    server.then(delayed(Duration.ofMillis(800), json(200, TestData.CUSTOMER_JSON)));
    server.then(json(200, TestData.CUSTOMER_JSON));
    assertThat(client.customers().get(CustomerKey.email(TestData.EMAIL)).customer()).isPresent();
    assertThat(server.count()).isEqualTo(2);
  }

  @Test
  void delete_retries503() {
    server.then(status(503), status(200));
    assertThat(client.customers().delete(CustomerKey.id(12)).deleted()).isTrue();
    assertThat(server.count()).isEqualTo(2);
  }

  @Test
  void add_isNeverRetried_afterAReadTimeout_anAmbiguousFailure() {
    server.always(delayed(Duration.ofMillis(800), status(201)));
    assertThatThrownBy(this::add).isInstanceOf(RequestTimeoutException.class);
    assertThat(server.count()).isEqualTo(1);
  }

  @ParameterizedTest(name = "POST does not retry {0}")
  @ValueSource(ints = {500, 502, 504})
  void add_isNeverRetried_afterAnAmbiguousServerError(int status) {
    server.always(status(status));
    assertThatThrownBy(this::add).isInstanceOf(ServerException.class);
    assertThat(server.count()).isEqualTo(1);
  }

  @Test
  void add_isNotRetried_on503WithoutRetryAfter() {
    server.always(status(503));
    assertThatThrownBy(this::add).isInstanceOf(ServerException.class);
    assertThat(server.count()).isEqualTo(1);
  }

  @Test
  void add_isRetried_on503WithRetryAfter_theServerSaidSo() {
    server.then(respond(503, null, "", Map.of("Retry-After", "0")), status(201));
    add();
    assertThat(server.count()).isEqualTo(2);
  }

  @Test
  void add_isRetried_on429() {
    server.then(status(429), status(201));
    add();
    assertThat(server.count()).isEqualTo(2);
  }

  @Test
  void retryAfterLongerThanThePolicyAllows_failsAtOnce_withTheDelay() {
    server.always(respond(429, null, "", Map.of("Retry-After", "3600")));
    assertThatThrownBy(() -> client.customers().get(CustomerKey.id(12)).customer())
        .isInstanceOfSatisfying(
            RateLimitedException.class,
            e -> assertThat(e.retryAfter()).hasValue(Duration.ofHours(1)));
    assertThat(server.count()).isEqualTo(1);
  }

  @Test
  void retriesCanBeSwitchedOff() throws Exception {
    try (CustomersClient noRetry = server.client().retryPolicy(RetryPolicy.none()).build()) {
      server.always(status(503));
      assertThatThrownBy(() -> noRetry.customers().get(CustomerKey.id(12)).customer())
          .isInstanceOf(ServerException.class);
      assertThat(server.count()).isEqualTo(1);
    }
  }
}
