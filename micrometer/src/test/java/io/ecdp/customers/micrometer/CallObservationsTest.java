package io.ecdp.customers.micrometer;

import static io.ecdp.customers.micrometer.RecordingServer.customer;
import static io.ecdp.customers.micrometer.RecordingServer.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecdp.customers.CustomerKey;
import io.ecdp.customers.CustomersClient;
import io.ecdp.customers.errors.RateLimitedException;
import io.ecdp.customers.errors.ServerException;
import io.ecdp.customers.events.CallObserver;
import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import io.ecdp.customers.sandbox.CustomersSandbox;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.ObservationView;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The observations of calls and attempts: names, keys, parents and errors, over real HTTP. */
class CallObservationsTest {

  private static final String EMAIL = "adam@poczta.pl";
  private static final String BY_EMAIL = "/customers/email/{email}";
  private static final String CALLS = "ecdp.customers.calls";
  private static final String ATTEMPTS = "ecdp.customers.attempts";

  private static CustomersSandbox sandbox;
  private TestObservationRegistry registry;

  @BeforeAll
  static void startSandbox() {
    sandbox = CustomersSandbox.builder().start();
    sandbox
        .client()
        .customers()
        .upsert(
            UpsertMode.ADD, MatchBy.EMAIL, List.of(CustomerRecord.builder().email(EMAIL).build()));
  }

  @AfterAll
  static void stopSandbox() {
    sandbox.close();
  }

  @BeforeEach
  void newRegistry() {
    registry = TestObservationRegistry.create();
  }

  private CustomersClient sandboxClient() {
    return RecordingServer.client(sandbox.uri())
        .apiKey(sandbox.apiKey())
        .addListener(EcdpObservations.listener(registry))
        .build();
  }

  @Test
  void aGet_isOneCallAndOneAttempt_withTheLowCardinalityKeys() {
    try (CustomersClient client = sandboxClient()) {
      assertThat(client.customers().get(CustomerKey.email(EMAIL)).customer()).isPresent();
    }
    String host = sandbox.uri().getHost();
    TestObservationRegistryAssert.assertThat(registry)
        .hasNumberOfObservationsWithNameEqualTo(CALLS, 1)
        .hasNumberOfObservationsWithNameEqualTo(ATTEMPTS, 1)
        .hasNumberOfObservationsEqualTo(2)
        .forAllObservationsWithNameEqualTo(
            CALLS,
            call ->
                call.hasContextualNameEqualTo("ecdp GET " + BY_EMAIL)
                    .hasLowCardinalityKeyValue("method", "GET")
                    .hasLowCardinalityKeyValue("uri", BY_EMAIL)
                    .hasLowCardinalityKeyValue("status", "200")
                    .hasLowCardinalityKeyValue("outcome", "SUCCESS")
                    .hasLowCardinalityKeyValue("exception", "none")
                    .hasLowCardinalityKeyValue("server.address", host)
                    .hasHighCardinalityKeyValue("ecdp.attempts", "1")
                    .doesNotHaveHighCardinalityKeyValueWithKey("ecdp.records")
                    .doesNotHaveError())
        .forAllObservationsWithNameEqualTo(
            ATTEMPTS,
            attempt ->
                attempt
                    .hasContextualNameEqualTo("GET " + BY_EMAIL)
                    .hasLowCardinalityKeyValue("method", "GET")
                    .hasLowCardinalityKeyValue("uri", BY_EMAIL)
                    .hasLowCardinalityKeyValue("status", "200")
                    .hasLowCardinalityKeyValue("outcome", "SUCCESS")
                    .hasLowCardinalityKeyValue("exception", "none")
                    .hasLowCardinalityKeyValue("server.address", host)
                    .hasLowCardinalityKeyValue("retry.reason", "none")
                    .hasHighCardinalityKeyValue("ecdp.attempt", "1")
                    .doesNotHaveError());
    assertThat(lowCardinalityKeys(CALLS))
        .containsExactlyInAnyOrder(
            "method", "uri", "status", "outcome", "exception", "server.address");
    assertThat(lowCardinalityKeys(ATTEMPTS))
        .containsExactlyInAnyOrder(
            "method", "uri", "status", "outcome", "exception", "server.address", "retry.reason");
  }

  @Test
  void aNotFoundAnswer_isASuccessWithStatus404_notAnError() {
    try (CustomersClient client = sandboxClient()) {
      assertThat(client.customers().get(CustomerKey.email("nobody@example.com")).customer())
          .isEmpty();
    }
    TestObservationRegistryAssert.assertThat(registry)
        .hasNumberOfObservationsEqualTo(2)
        .forAllObservationsWithNameEqualTo(
            CALLS,
            call ->
                call.hasLowCardinalityKeyValue("status", "404")
                    .hasLowCardinalityKeyValue("outcome", "SUCCESS")
                    .hasLowCardinalityKeyValue("exception", "none")
                    .doesNotHaveError())
        .forAllObservationsWithNameEqualTo(
            ATTEMPTS,
            attempt ->
                attempt
                    .hasLowCardinalityKeyValue("status", "404")
                    .hasLowCardinalityKeyValue("outcome", "SUCCESS")
                    .doesNotHaveError());
  }

  @Test
  void anUpsert_namesItsRecordCount_asAHighCardinalityKey() {
    try (CustomersClient client = sandboxClient()) {
      client
          .customers()
          .upsert(
              UpsertMode.ADD_OR_UPDATE,
              MatchBy.EMAIL,
              List.of(
                  CustomerRecord.builder().email("a@example.com").build(),
                  CustomerRecord.builder().email("b@example.com").build()));
    }
    TestObservationRegistryAssert.assertThat(registry)
        .forAllObservationsWithNameEqualTo(
            CALLS,
            call ->
                call.hasLowCardinalityKeyValue("method", "POST")
                    .hasLowCardinalityKeyValue("uri", "/customers")
                    .hasLowCardinalityKeyValue("outcome", "SUCCESS")
                    .hasHighCardinalityKeyValue("ecdp.records", "2"));
  }

  @Test
  @SuppressWarnings("try") // The scope makes the parent current; the body does not name it.
  void theCall_isAChildOfTheCallersObservation_andEachAttemptAChildOfTheCall() throws Exception {
    try (RecordingServer server = new RecordingServer().then(status(429), customer());
        CustomersClient client =
            server.client().addListener(EcdpObservations.listener(registry)).build()) {
      Observation parent = Observation.start("caller", registry);
      try (Observation.Scope scope = parent.openScope()) {
        client.customers().get(CustomerKey.email(EMAIL));
      } finally {
        parent.stop();
      }
      assertParentage(parent);
    }
  }

  @Test
  @SuppressWarnings("try") // The scope makes the parent current; the body does not name it.
  void anAsyncCall_isAChildOfTheObservationCurrentWhereItWasMade() throws Exception {
    try (RecordingServer server = new RecordingServer().then(status(429), customer());
        CustomersClient client =
            server.client().addListener(EcdpObservations.listener(registry)).build()) {
      Observation parent = Observation.start("caller", registry);
      try (Observation.Scope scope = parent.openScope()) {
        var answer = client.customers().async().get(CustomerKey.email(EMAIL));
        answer.get();
      } finally {
        parent.stop();
      }
      assertParentage(parent);
    }
  }

  private void assertParentage(Observation parent) {
    TestObservationRegistryAssert.assertThat(registry)
        .hasNumberOfObservationsWithNameEqualTo(CALLS, 1)
        .hasNumberOfObservationsWithNameEqualTo(ATTEMPTS, 2)
        .forAllObservationsWithNameEqualTo(CALLS, call -> call.hasParentObservationEqualTo(parent))
        .hasHandledContextsThatSatisfy(
            contexts -> {
              Observation.ContextView call =
                  contexts.stream()
                      .filter(c -> CALLS.equals(c.getName()))
                      .findFirst()
                      .orElseThrow();
              assertThat(contexts)
                  .filteredOn(c -> ATTEMPTS.equals(c.getName()))
                  .hasSize(2)
                  .allSatisfy(
                      attempt ->
                          assertThat(attempt.getParentObservation())
                              .isNotNull()
                              .extracting(ObservationView::getContextView)
                              .isSameAs(call));
            });
  }

  @Test
  void aRetriedCall_hasOneAttemptPerRequest_theFailedOneWithItsErrorAndTheRetryItsReason()
      throws Exception {
    try (RecordingServer server = new RecordingServer().then(status(429), customer());
        CustomersClient client =
            server.client().addListener(EcdpObservations.listener(registry)).build()) {
      assertThat(client.customers().get(CustomerKey.email(EMAIL)).customer()).isPresent();
      assertThat(server.received()).hasSize(2);
    }
    TestObservationRegistryAssert.assertThat(registry)
        .forAllObservationsWithNameEqualTo(
            CALLS,
            call ->
                call.hasLowCardinalityKeyValue("status", "200")
                    .hasLowCardinalityKeyValue("outcome", "SUCCESS")
                    .hasHighCardinalityKeyValue("ecdp.attempts", "2")
                    .doesNotHaveError())
        .hasAnObservation(
            attempt ->
                attempt
                    .hasNameEqualTo(ATTEMPTS)
                    .hasHighCardinalityKeyValue("ecdp.attempt", "1")
                    .hasLowCardinalityKeyValue("retry.reason", "none")
                    .hasLowCardinalityKeyValue("status", "429")
                    .hasLowCardinalityKeyValue("outcome", "CLIENT_ERROR")
                    .hasLowCardinalityKeyValue("exception", "RateLimitedException")
                    .assertThatError()
                    .isInstanceOfSatisfying(
                        ObservedFailure.class,
                        failure ->
                            assertThat(failure.exceptionType())
                                .isEqualTo(RateLimitedException.class)))
        .hasAnObservation(
            attempt ->
                attempt
                    .hasNameEqualTo(ATTEMPTS)
                    .hasHighCardinalityKeyValue("ecdp.attempt", "2")
                    .hasLowCardinalityKeyValue("retry.reason", "RATE_LIMITED")
                    .hasLowCardinalityKeyValue("status", "200")
                    .hasLowCardinalityKeyValue("outcome", "SUCCESS")
                    .hasLowCardinalityKeyValue("exception", "none")
                    .doesNotHaveError());
  }

  @Test
  void aServerErrorAnswer_isAServerErrorOutcome_withTheExceptionAsError() throws Exception {
    try (RecordingServer server = new RecordingServer().then(status(500));
        CustomersClient client =
            server.client().addListener(EcdpObservations.listener(registry)).build()) {
      assertThatThrownBy(() -> client.customers().get(CustomerKey.email(EMAIL)))
          .isInstanceOf(ServerException.class);
    }
    TestObservationRegistryAssert.assertThat(registry)
        .forAllObservationsWithNameEqualTo(
            CALLS,
            call ->
                call.hasLowCardinalityKeyValue("status", "500")
                    .hasLowCardinalityKeyValue("outcome", "SERVER_ERROR")
                    .hasLowCardinalityKeyValue("exception", "ServerException")
                    .assertThatError()
                    .isInstanceOf(ObservedFailure.class)
                    .hasMessage("ServerException (HTTP 500)"));
  }

  @Test
  void aTransportFailure_hasNoStatus_anUnknownOutcome_andTheExceptionsName() throws Exception {
    URI closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }
    Class<?> thrown;
    try (CustomersClient client =
        RecordingServer.client(closed).addListener(EcdpObservations.listener(registry)).build()) {
      Throwable failure = null;
      try {
        client.customers().get(CustomerKey.email(EMAIL));
      } catch (RuntimeException e) {
        failure = e;
      }
      assertThat(failure).isNotNull();
      thrown = failure.getClass();
    }
    String name = thrown.getSimpleName();
    TestObservationRegistryAssert.assertThat(registry)
        .forAllObservationsWithNameEqualTo(
            CALLS,
            call ->
                call.hasLowCardinalityKeyValue("status", "CLIENT_ERROR")
                    .hasLowCardinalityKeyValue("outcome", "UNKNOWN")
                    .hasLowCardinalityKeyValue("exception", name)
                    .hasHighCardinalityKeyValue("ecdp.attempts", "3")
                    .doesNotHaveHighCardinalityKeyValueWithKey("ecdp.request.id")
                    .assertThatError()
                    .isInstanceOfSatisfying(
                        ObservedFailure.class,
                        failure -> assertThat(failure.exceptionType()).isEqualTo(thrown)))
        .hasNumberOfObservationsWithNameEqualTo(ATTEMPTS, 3)
        .forAllObservationsWithNameEqualTo(
            ATTEMPTS,
            attempt ->
                attempt
                    .hasLowCardinalityKeyValue("status", "CLIENT_ERROR")
                    .hasLowCardinalityKeyValue("outcome", "UNKNOWN")
                    .hasError())
        .hasAnObservation(
            attempt ->
                attempt
                    .hasHighCardinalityKeyValue("ecdp.attempt", "3")
                    .hasLowCardinalityKeyValue("retry.reason", "TRANSPORT"));
  }

  @Test
  void aCustomConvention_replacesTheDefaultNameAndKeys() throws Exception {
    EcdpCustomersObservationConvention custom =
        new DefaultEcdpCustomersObservationConvention("my.calls") {
          @Override
          public KeyValues getLowCardinalityKeyValues(EcdpCustomersCallContext context) {
            return super.getLowCardinalityKeyValues(context).and("team", "crm");
          }
        };
    try (RecordingServer server = new RecordingServer().then(customer());
        CustomersClient client =
            server
                .client()
                .addListener(
                    EcdpObservations.builder(registry)
                        .callConvention(custom)
                        .attemptConvention(
                            new DefaultEcdpCustomersAttemptObservationConvention("my.attempts"))
                        .build())
                .build()) {
      client.customers().get(CustomerKey.email(EMAIL));
    }
    TestObservationRegistryAssert.assertThat(registry)
        .hasNumberOfObservationsWithNameEqualTo(CALLS, 0)
        .hasNumberOfObservationsWithNameEqualTo("my.attempts", 1)
        .forAllObservationsWithNameEqualTo(
            "my.calls",
            call ->
                call.hasLowCardinalityKeyValue("team", "crm")
                    .hasLowCardinalityKeyValue("status", "200"));
  }

  @Test
  void aRegistryWithoutHandlers_observesNothing() {
    var listener = EcdpObservations.listener(ObservationRegistry.create());
    var observer =
        listener.callStarted(
            new io.ecdp.customers.events.CallStarted() {
              @Override
              public String method() {
                return "GET";
              }

              @Override
              public String urlTemplate() {
                return BY_EMAIL;
              }

              @Override
              public String serverAddress() {
                return "api.ecdp.app";
              }

              @Override
              public int serverPort() {
                return 443;
              }

              @Override
              public OptionalInt recordCount() {
                return OptionalInt.empty();
              }
            });
    assertThat(observer).isSameAs(CallObserver.NONE);
  }

  private List<String> lowCardinalityKeys(String name) {
    List<String> keys = new ArrayList<>();
    TestObservationRegistryAssert.assertThat(registry)
        .hasHandledContextsThatSatisfy(
            contexts ->
                contexts.stream()
                    .filter(c -> name.equals(c.getName()))
                    .findFirst()
                    .orElseThrow()
                    .getLowCardinalityKeyValues()
                    .forEach(value -> keys.add(value.getKey())));
    return keys;
  }
}
