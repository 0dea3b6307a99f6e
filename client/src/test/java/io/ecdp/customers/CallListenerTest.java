package io.ecdp.customers;

import static io.ecdp.customers.TestServer.json;
import static io.ecdp.customers.TestServer.respond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecdp.customers.errors.BadRequestException;
import io.ecdp.customers.errors.ConnectionException;
import io.ecdp.customers.errors.RateLimitedException;
import io.ecdp.customers.events.AttemptEnded;
import io.ecdp.customers.events.AttemptStarted;
import io.ecdp.customers.events.CallEnded;
import io.ecdp.customers.events.CallListener;
import io.ecdp.customers.events.CallObserver;
import io.ecdp.customers.events.CallStarted;
import io.ecdp.customers.events.RequestHeaders;
import io.ecdp.customers.events.RetryReason;
import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The listener SPI seen from a listener: the events of each call in order, what they hold and what
 * they never hold, the headers an observer may add, and a listener that throws.
 */
class CallListenerTest {

  /** Records every event of every call as it comes, with the thread it came on. */
  static final class Recording implements CallListener {
    final List<Object> events = Collections.synchronizedList(new ArrayList<>());
    final List<String> threads = Collections.synchronizedList(new ArrayList<>());
    final Map<String, String> headersToSet;

    Recording(Map<String, String> headersToSet) {
      this.headersToSet = headersToSet;
    }

    Recording() {
      this(Map.of());
    }

    @Override
    public CallObserver callStarted(CallStarted call) {
      events.add(call);
      threads.add(Thread.currentThread().getName());
      return new CallObserver() {
        @Override
        public void attemptStarted(AttemptStarted attempt, RequestHeaders headers) {
          events.add(attempt);
          headersToSet.forEach(headers::set);
        }

        @Override
        public void attemptEnded(AttemptEnded attempt) {
          events.add(attempt);
        }

        @Override
        public void callEnded(CallEnded call) {
          events.add(call);
          threads.add(Thread.currentThread().getName());
        }
      };
    }

    <T> List<T> of(Class<T> type) {
      synchronized (events) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
      }
    }
  }

  @Test
  void retriedCall_tellsEachAttempt_inOrder_withItsReasonDelayStatusAndBytes() throws Exception {
    Recording listener = new Recording();
    try (TestServer server =
            new TestServer()
                .then(
                    respond(
                        429,
                        "application/problem+json",
                        "{\"title\":\"Too Many Requests\",\"status\":429}",
                        Map.of("retry-after", "0", "x-request-id", "r-1")),
                    respond(
                        200,
                        "application/json",
                        TestData.CUSTOMER_JSON,
                        Map.of("x-request-id", "r-2")));
        CustomersClient client = server.client().addListener(listener).build()) {
      client.customers().get(CustomerKey.email(TestData.EMAIL));

      assertThat(listener.events)
          .extracting(e -> e.getClass().getInterfaces()[0].getSimpleName())
          .containsExactly(
              "CallStarted",
              "AttemptStarted",
              "AttemptEnded",
              "AttemptStarted",
              "AttemptEnded",
              "CallEnded");
      CallStarted started = listener.of(CallStarted.class).get(0);
      assertThat(started.method()).isEqualTo("GET");
      assertThat(started.urlTemplate()).isEqualTo("/customers/email/{email}");
      assertThat(started.serverAddress()).isEqualTo("127.0.0.1");
      assertThat(started.serverPort()).isEqualTo(server.uri().getPort());
      assertThat(started.recordCount()).isEmpty();

      List<AttemptStarted> attempts = listener.of(AttemptStarted.class);
      assertThat(attempts.get(0).attempt()).isEqualTo(1);
      assertThat(attempts.get(0).retryReason()).isEmpty();
      assertThat(attempts.get(0).delayBefore()).isZero();
      assertThat(attempts.get(1).attempt()).isEqualTo(2);
      assertThat(attempts.get(1).retryReason()).hasValue(RetryReason.RATE_LIMITED);
      assertThat(attempts.get(1).delayBefore()).isEqualTo(Duration.ZERO); // Retry-After: 0

      List<AttemptEnded> ended = listener.of(AttemptEnded.class);
      assertThat(ended.get(0).status()).isEqualTo(OptionalInt.of(429));
      assertThat(ended.get(0).failure()).hasValue(RateLimitedException.class);
      assertThat(ended.get(0).willRetry()).isTrue();
      assertThat(ended.get(0).requestId()).hasValue("r-1");
      assertThat(ended.get(1).status()).isEqualTo(OptionalInt.of(200));
      assertThat(ended.get(1).failure()).isEmpty();
      assertThat(ended.get(1).willRetry()).isFalse();
      assertThat(ended.get(1).bytesReceived())
          .isEqualTo(TestData.CUSTOMER_JSON.getBytes(StandardCharsets.UTF_8).length);
      assertThat(ended.get(1).bytesSent()).isZero();

      CallEnded call = listener.of(CallEnded.class).get(0);
      assertThat(call.status()).isEqualTo(OptionalInt.of(200));
      assertThat(call.requestId()).hasValue("r-2");
      assertThat(call.attempts()).isEqualTo(2);
      assertThat(call.failure()).isEmpty();
      assertThat(call.bytesReceived())
          .isEqualTo(ended.get(0).bytesReceived() + ended.get(1).bytesReceived());
      assertThat(call.duration()).isGreaterThanOrEqualTo(ended.get(1).duration());
    }
  }

  @Test
  void upsert_tellsItsRecordCount_andTheBytesTheServerReceived() throws Exception {
    Recording listener = new Recording();
    try (TestServer server = new TestServer().always(TestServer.status(201));
        CustomersClient client = server.client().addListener(listener).build()) {
      client
          .customers()
          .upsert(
              UpsertMode.ADD,
              MatchBy.EMAIL,
              List.of(
                  CustomerRecord.builder().email("a" + TestData.EMAIL).build(),
                  CustomerRecord.builder().email("b" + TestData.EMAIL).build(),
                  CustomerRecord.builder().email("c" + TestData.EMAIL).build()));
      assertThat(listener.of(CallStarted.class).get(0).recordCount()).isEqualTo(OptionalInt.of(3));
      CallEnded call = listener.of(CallEnded.class).get(0);
      assertThat(call.recordCount()).isEqualTo(OptionalInt.of(3));
      assertThat(call.status()).isEqualTo(OptionalInt.of(201));
      assertThat(call.bytesSent())
          .isEqualTo(server.last().body().getBytes(StandardCharsets.UTF_8).length)
          .isPositive();
    }
  }

  @Test
  void refusedUpsert_endsWithTheExceptionClass_andTheStatus() throws Exception {
    Recording listener = new Recording();
    try (TestServer server =
            new TestServer()
                .always(TestServer.problem(400, "{\"title\":\"Bad Request\",\"status\":400}"));
        CustomersClient client = server.client().addListener(listener).build()) {
      assertThatThrownBy(
              () ->
                  client
                      .customers()
                      .upsert(
                          UpsertMode.ADD,
                          MatchBy.EMAIL,
                          List.of(CustomerRecord.builder().email(TestData.EMAIL).build())))
          .isInstanceOf(BadRequestException.class);
      CallEnded call = listener.of(CallEnded.class).get(0);
      assertThat(call.failure()).hasValue(BadRequestException.class);
      assertThat(call.status()).isEqualTo(OptionalInt.of(400));
      assertThat(call.attempts()).isEqualTo(1);
    }
  }

  @Test
  void notFound_isAnAnswer_notAFailure() throws Exception {
    Recording listener = new Recording();
    try (TestServer server =
            new TestServer()
                .always(TestServer.problem(404, "{\"title\":\"Not Found\",\"status\":404}"));
        CustomersClient client = server.client().addListener(listener).build()) {
      assertThat(client.customers().get(CustomerKey.crmId("crm-1")).customer()).isEmpty();
      CallEnded call = listener.of(CallEnded.class).get(0);
      assertThat(call.status()).isEqualTo(OptionalInt.of(404));
      assertThat(call.failure()).isEmpty();
      assertThat(listener.of(CallStarted.class).get(0).urlTemplate())
          .isEqualTo("/customers/crmId/{crmId}");
    }
  }

  @Test
  void noAnswer_endsWithoutAStatus_afterEveryAttemptThePolicyAllows() throws Exception {
    int port;
    try (ServerSocket closed = new ServerSocket(0)) {
      port = closed.getLocalPort();
    }
    Recording listener = new Recording();
    try (CustomersClient client =
        CustomersClient.builder()
            .apiKey(TestData.API_KEY)
            .baseUri(URI.create("http://127.0.0.1:" + port))
            .retryPolicy(
                RetryPolicy.builder()
                    .maxAttempts(3)
                    .initialBackoff(Duration.ofMillis(1))
                    .maxBackoff(Duration.ofMillis(2))
                    .build())
            .addListener(listener)
            .build()) {
      assertThatThrownBy(() -> client.customers().get(CustomerKey.id(1)))
          .isInstanceOf(ConnectionException.class);
    }
    List<AttemptStarted> attempts = listener.of(AttemptStarted.class);
    assertThat(attempts).extracting(AttemptStarted::attempt).containsExactly(1, 2, 3);
    assertThat(attempts.get(2).retryReason()).hasValue(RetryReason.TRANSPORT);
    assertThat(listener.of(AttemptEnded.class))
        .allSatisfy(
            a -> {
              assertThat(a.status()).isEmpty();
              assertThat(a.failure()).hasValue(ConnectionException.class);
            })
        .extracting(AttemptEnded::willRetry)
        .containsExactly(true, true, false);
    CallEnded call = listener.of(CallEnded.class).get(0);
    assertThat(call.status()).isEmpty();
    assertThat(call.attempts()).isEqualTo(3);
    assertThat(call.failure()).hasValue(ConnectionException.class);
  }

  @Test
  void observerHeaders_reachEachAttempt_butNeverReplaceWhatTheClientOwns() throws Exception {
    List<String> refused = Collections.synchronizedList(new ArrayList<>());
    CallListener listener =
        call ->
            new CallObserver() {
              @Override
              public void attemptStarted(AttemptStarted attempt, RequestHeaders headers) {
                headers.set(
                    "traceparent",
                    "00-0af7651916cd43dd8448eb211c80319c-0000000000000"
                        + attempt.attempt()
                        + "00-01");
                for (String owned : List.of("x-api-key", "X-Api-Key", "Accept", "User-Agent")) {
                  try {
                    headers.set(owned, "stolen");
                  } catch (IllegalArgumentException e) {
                    refused.add(owned);
                  }
                }
                try {
                  headers.set("x-evil", "a\r\nx-api-key: stolen");
                } catch (IllegalArgumentException e) {
                  refused.add("line break");
                }
              }
            };
    try (TestServer server =
            new TestServer().then(TestServer.status(503), json(200, TestData.CUSTOMER_JSON));
        CustomersClient client = server.client().addListener(listener).build()) {
      client.customers().get(CustomerKey.id(12));
      assertThat(server.requests()).hasSize(2);
      for (int i = 0; i < 2; i++) {
        TestServer.Recorded request = server.requests().get(i);
        assertThat(request.header("traceparent")).contains("0000000000000" + (i + 1) + "00");
        assertThat(request.header("x-api-key")).isEqualTo(TestData.API_KEY);
        assertThat(request.headers().get("x-api-key")).hasSize(1);
        assertThat(request.header("User-Agent")).startsWith("ecdp-customers-java/");
        assertThat(request.header("x-evil")).isNull();
      }
      assertThat(refused)
          .containsExactly(
              "x-api-key",
              "X-Api-Key",
              "Accept",
              "User-Agent",
              "line break",
              "x-api-key",
              "X-Api-Key",
              "Accept",
              "User-Agent",
              "line break");
    }
  }

  @Test
  void aListenerThatThrows_neverBreaksACall_isLoggedOnce_andOthersStillHearEverything()
      throws Exception {
    List<LogRecord> logged = Collections.synchronizedList(new ArrayList<>());
    Logger jul = Logger.getLogger("io.ecdp.customers");
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
              logged.add(record);
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    jul.addHandler(capture);
    CallListener throwing =
        call ->
            new CallObserver() {
              @Override
              public void attemptEnded(AttemptEnded attempt) {
                throw new IllegalStateException("listener bug");
              }

              @Override
              public void callEnded(CallEnded call) {
                throw new IllegalStateException("listener bug");
              }
            };
    CallListener throwingAtStart =
        call -> {
          throw new UnsupportedOperationException("start bug");
        };
    Recording healthy = new Recording();
    try (TestServer server = new TestServer().always(json(200, TestData.CUSTOMER_JSON));
        CustomersClient client =
            server
                .client()
                .addListener(throwing)
                .addListener(throwingAtStart)
                .addListener(healthy)
                .build()) {
      for (int i = 0; i < 5; i++) {
        assertThat(client.customers().get(CustomerKey.id(12)).customer()).isPresent();
      }
    } finally {
      jul.removeHandler(capture);
    }
    assertThat(healthy.of(CallEnded.class)).hasSize(5);
    assertThat(logged).hasSize(2);
    assertThat(logged)
        .extracting(LogRecord::getThrown)
        .extracting(t -> t.getClass().getSimpleName())
        .containsExactlyInAnyOrder("IllegalStateException", "UnsupportedOperationException");
    assertThat(logged.get(0).getMessage()).contains("CallListener").contains("the call goes on");
  }

  @Test
  void events_holdNoKey_andNoCustomerValue_evenWhenTheServerEchoesThem() throws Exception {
    Recording listener = new Recording();
    String echo = "echo-" + TestData.EMAIL + "-" + TestData.API_KEY + "-" + TestData.PHONE;
    try (TestServer server =
            new TestServer()
                .always(
                    respond(
                        404,
                        "application/problem+json",
                        "{\"title\":\"Not Found\",\"status\":404}",
                        Map.of("x-request-id", echo)));
        CustomersClient client = server.client().addListener(listener).build()) {
      client.customers().get(CustomerKey.email(TestData.EMAIL));
      client.customers().get(CustomerKey.phone(TestData.PHONE));
      client.customers().deleteAndAnonymize(CustomerKey.email(TestData.EMAIL));
    }
    List<String> seen = new ArrayList<>();
    for (Object event : listener.events) {
      seen.add(event.toString());
    }
    assertThat(listener.events).hasSize(12);
    assertThat(String.join("\n", seen))
        .contains("/customers/email/{email}", "/customers/phone/{phone}")
        .doesNotContain(TestData.EMAIL)
        .doesNotContain(TestData.API_KEY)
        .doesNotContain("48123456789")
        .doesNotContain("poczta");
  }

  @Test
  void asyncCall_startsOnTheCallersThread_andEndsOnThePools() throws Exception {
    Recording listener = new Recording();
    try (TestServer server = new TestServer().always(json(200, TestData.CUSTOMER_JSON));
        CustomersClient client = server.client().addListener(listener).build()) {
      client.customers().async().get(CustomerKey.id(12)).get();
    }
    assertThat(listener.threads)
        .containsExactly(Thread.currentThread().getName(), listener.threads.get(1));
    assertThat(listener.threads.get(1)).startsWith("ecdp-customers-");
  }
}
