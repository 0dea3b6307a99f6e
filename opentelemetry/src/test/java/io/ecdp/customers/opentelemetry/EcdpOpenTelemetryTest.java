package io.ecdp.customers.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.ecdp.customers.CustomerKey;
import io.ecdp.customers.CustomersClient;
import io.ecdp.customers.GetResult;
import io.ecdp.customers.RetryPolicy;
import io.ecdp.customers.errors.BadRequestException;
import io.ecdp.customers.errors.ConnectionException;
import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import io.ecdp.customers.sandbox.CustomersSandbox;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The spans, the propagated trace context and the metrics of real calls: the client against the
 * sandbox over HTTP, with the OpenTelemetry SDK's in-memory exporter and metric reader.
 */
class EcdpOpenTelemetryTest {

  @RegisterExtension static final OpenTelemetryExtension OTEL = OpenTelemetryExtension.create();

  private static final String API_KEY = "otel-test-key-6f1c2a";
  private static final String EMAIL = "ewa.kowalska@example.com";
  private static final String PHONE = "+48500600700";
  private static final String OTHER_EMAIL = "jan.nowak@example.com";
  private static final String OTHER_PHONE = "+48511222333";
  private static final String UNKNOWN_EMAIL = "nobody.here@example.com";

  private static final AttributeKey<String> METHOD = Instrumentation.HTTP_REQUEST_METHOD;
  private static final AttributeKey<String> TEMPLATE = Instrumentation.URL_TEMPLATE;
  private static final AttributeKey<String> ADDRESS = Instrumentation.SERVER_ADDRESS;
  private static final AttributeKey<Long> PORT = Instrumentation.SERVER_PORT;
  private static final AttributeKey<Long> STATUS = Instrumentation.HTTP_RESPONSE_STATUS_CODE;
  private static final AttributeKey<String> ERROR_TYPE = Instrumentation.ERROR_TYPE;
  private static final AttributeKey<Long> RESEND = Instrumentation.HTTP_REQUEST_RESEND_COUNT;
  private static final AttributeKey<String> OUTCOME = Instrumentation.OUTCOME;

  private static final RetryPolicy FAST_RETRIES =
      RetryPolicy.builder()
          .maxAttempts(2)
          .initialBackoff(Duration.ofMillis(1))
          .maxBackoff(Duration.ofMillis(1))
          .build();

  private static CustomersSandbox sandbox;

  @BeforeAll
  static void start() {
    sandbox = CustomersSandbox.builder().apiKeys(API_KEY).start();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @BeforeEach
  void fresh() {
    sandbox.store().clear();
  }

  /** A client of {@code uri} that reports to the test's SDK. */
  private static CustomersClient client(URI uri, RetryPolicy retries) {
    return CustomersClient.builder()
        .apiKey(API_KEY)
        .baseUri(uri)
        .retryPolicy(retries)
        .addListener(EcdpOpenTelemetry.create(OTEL.getOpenTelemetry()))
        .build();
  }

  /** Adds Ewa through a client without the listener, so that it makes no span. */
  private static void seedEwa() {
    try (CustomersClient plain =
        CustomersClient.builder().apiKey(API_KEY).baseUri(sandbox.uri()).build()) {
      plain.customers().upsert(UpsertMode.ADD, MatchBy.EMAIL, List.of(ewa()));
    }
  }

  private static CustomerRecord ewa() {
    return CustomerRecord.builder().email(EMAIL).phone(PHONE).firstName("Ewa").build();
  }

  private static CustomerRecord jan() {
    return CustomerRecord.builder().email(OTHER_EMAIL).phone(OTHER_PHONE).build();
  }

  /** The spans of this kind the client's instrumentation made, in the order they ended. */
  private static List<SpanData> spans(SpanKind kind) {
    return OTEL.getSpans().stream()
        .filter(s -> s.getKind() == kind)
        .filter(s -> s.getInstrumentationScopeInfo().getName().equals("io.ecdp.customers"))
        .toList();
  }

  private static SpanData onlySpan(SpanKind kind) {
    List<SpanData> spans = spans(kind);
    assertThat(spans).hasSize(1);
    return spans.get(0);
  }

  private static Attributes common(String method, String template, URI uri) {
    return Attributes.builder()
        .put(METHOD, method)
        .put(TEMPLATE, template)
        .put(ADDRESS, uri.getHost())
        .put(PORT, (long) uri.getPort())
        .build();
  }

  /** The attributes of {@code base} and {@code more}, as a map (the SDK's attributes equal so). */
  private static Map<AttributeKey<?>, Object> with(Attributes base, Attributes more) {
    return base.toBuilder().putAll(more).build().asMap();
  }

  private static MetricData metric(String name) {
    return OTEL.getMetrics().stream()
        .filter(m -> m.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no metric " + name));
  }

  private static List<HistogramPointData> durations() {
    return List.copyOf(metric(EcdpOpenTelemetry.REQUEST_DURATION).getHistogramData().getPoints());
  }

  @Test
  void found_makesACallSpan_withOneClientAttemptSpanUnderIt() {
    seedEwa();
    try (CustomersClient client = client(sandbox.uri(), RetryPolicy.none())) {
      assertThat(client.customers().get(CustomerKey.email(EMAIL)).customer()).isPresent();
    }

    assertThat(OTEL.getSpans()).hasSize(2);
    SpanData call = onlySpan(SpanKind.INTERNAL);
    SpanData attempt = onlySpan(SpanKind.CLIENT);
    Attributes common = common("GET", "/customers/email/{email}", sandbox.uri());
    assertThat(call.getName()).isEqualTo("GET /customers/email/{email}");
    assertThat(attempt.getName()).isEqualTo("GET /customers/email/{email}");
    assertThat(call.getParentSpanContext().isValid()).as("the call span is a root").isFalse();
    assertThat(attempt.getParentSpanId()).isEqualTo(call.getSpanId());
    assertThat(attempt.getTraceId()).isEqualTo(call.getTraceId());
    assertThat(call.getAttributes().asMap()).isEqualTo(with(common, Attributes.of(STATUS, 200L)));
    assertThat(attempt.getAttributes().asMap())
        .isEqualTo(with(common, Attributes.of(STATUS, 200L)));
    assertThat(call.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(attempt.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
  }

  @Test
  void notFound_isAnAnswer_notAnErrorOnTheCallSpan() {
    try (CustomersClient client = client(sandbox.uri(), RetryPolicy.none())) {
      assertThat(client.customers().get(CustomerKey.email(UNKNOWN_EMAIL)).customer()).isEmpty();
    }

    SpanData call = onlySpan(SpanKind.INTERNAL);
    SpanData attempt = onlySpan(SpanKind.CLIENT);
    Attributes common = common("GET", "/customers/email/{email}", sandbox.uri());
    assertThat(call.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(call.getAttributes().asMap()).isEqualTo(with(common, Attributes.of(STATUS, 404L)));
    assertThat(attempt.getStatus().getStatusCode())
        .as("the convention makes every 4xx of a CLIENT span an error")
        .isEqualTo(StatusCode.ERROR);
    assertThat(attempt.getAttributes().asMap())
        .isEqualTo(with(common, Attributes.of(STATUS, 404L, ERROR_TYPE, "404")));
  }

  @Test
  void rateLimitedThenAnswered_makesTwoAttemptSpans_theRetryCarryingItsResendCount() {
    seedEwa();
    try (FrontServer front = FrontServer.before(sandbox.uri());
        CustomersClient client = client(front.uri(), RetryPolicy.defaults())) {
      front.answerNext(429);
      assertThat(client.customers().get(CustomerKey.email(EMAIL)).customer()).isPresent();

      Attributes common = common("GET", "/customers/email/{email}", front.uri());
      SpanData call = onlySpan(SpanKind.INTERNAL);
      List<SpanData> attempts = spans(SpanKind.CLIENT);
      assertThat(attempts).hasSize(2);
      SpanData limited = attempts.get(0);
      SpanData answered = attempts.get(1);
      assertThat(limited.getAttributes().asMap())
          .isEqualTo(with(common, Attributes.of(STATUS, 429L, ERROR_TYPE, "429")));
      assertThat(limited.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
      assertThat(answered.getAttributes().asMap())
          .isEqualTo(with(common, Attributes.of(STATUS, 200L, RESEND, 1L)));
      assertThat(answered.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
      assertThat(attempts)
          .allSatisfy(a -> assertThat(a.getParentSpanId()).isEqualTo(call.getSpanId()));
      assertThat(call.getAttributes().asMap())
          .isEqualTo(with(common, Attributes.of(STATUS, 200L, RESEND, 1L)));
      assertThat(call.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);

      assertThat(durations())
          .as("one measurement per attempt, with the convention's attributes")
          .extracting(p -> p.getAttributes().asMap(), HistogramPointData::getCount)
          .containsExactlyInAnyOrder(
              tuple(with(common, Attributes.of(STATUS, 429L, ERROR_TYPE, "429")), 1L),
              tuple(with(common, Attributes.of(STATUS, 200L)), 1L));
    }
  }

  @Test
  void transportFailure_marksEachAttemptAndTheCall_withTheExceptionClass() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    URI closed = URI.create("http://127.0.0.1:" + closedPort);
    try (CustomersClient client = client(closed, FAST_RETRIES)) {
      assertThatThrownBy(() -> client.customers().get(CustomerKey.email(EMAIL)))
          .isInstanceOf(ConnectionException.class);
    }

    String type = ConnectionException.class.getName();
    Attributes common = common("GET", "/customers/email/{email}", closed);
    SpanData call = onlySpan(SpanKind.INTERNAL);
    List<SpanData> attempts = spans(SpanKind.CLIENT);
    assertThat(attempts).hasSize(2);
    assertThat(attempts.get(0).getAttributes().asMap())
        .as("no status: no answer came")
        .isEqualTo(with(common, Attributes.of(ERROR_TYPE, type)));
    assertThat(attempts.get(1).getAttributes().asMap())
        .isEqualTo(with(common, Attributes.of(ERROR_TYPE, type, RESEND, 1L)));
    assertThat(attempts)
        .allSatisfy(
            a -> {
              assertThat(a.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
              assertThat(a.getParentSpanId()).isEqualTo(call.getSpanId());
            });
    assertThat(call.getAttributes().asMap())
        .isEqualTo(with(common, Attributes.of(ERROR_TYPE, type, RESEND, 1L)));
    assertThat(call.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);

    assertThat(durations()).hasSize(1);
    assertThat(durations().get(0).getAttributes().asMap())
        .isEqualTo(with(common, Attributes.of(ERROR_TYPE, type)));
    assertThat(durations().get(0).getCount()).isEqualTo(2);
  }

  @Test
  void traceparent_isSentOnEachAttempt_andNamesThatAttemptSpan() {
    try (FrontServer front = FrontServer.before(sandbox.uri());
        CustomersClient client = client(front.uri(), RetryPolicy.defaults())) {
      front.answerNext(429);
      front.answerNext(503);
      assertThat(client.customers().get(CustomerKey.email(UNKNOWN_EMAIL)).customer()).isEmpty();

      List<SpanData> attempts = spans(SpanKind.CLIENT);
      assertThat(attempts).hasSize(3);
      List<String> expected = new ArrayList<>();
      for (SpanData attempt : attempts) {
        SpanContext context = attempt.getSpanContext();
        expected.add(
            "00-"
                + context.getTraceId()
                + "-"
                + context.getSpanId()
                + "-"
                + context.getTraceFlags().asHex());
      }
      assertThat(front.traceparents()).containsExactlyElementsOf(expected);
      assertThat(front.traceparents()).doesNotHaveDuplicates();
      assertThat(attempts.get(2).getAttributes().get(RESEND)).isEqualTo(2L);
    }
  }

  @Test
  void async_parentsUnderTheCallersCurrentSpan() {
    seedEwa();
    Span caller = OTEL.getOpenTelemetry().getTracer("test").spanBuilder("caller").startSpan();
    try (CustomersClient client = client(sandbox.uri(), RetryPolicy.none())) {
      CompletableFuture<GetResult> future;
      Scope scope = caller.makeCurrent();
      try {
        future = client.customers().async().get(CustomerKey.email(EMAIL));
      } finally {
        scope.close();
      }
      assertThat(future.join().customer()).isPresent();
    } finally {
      caller.end();
    }

    SpanData call = onlySpan(SpanKind.INTERNAL);
    SpanData attempt = onlySpan(SpanKind.CLIENT);
    assertThat(call.getTraceId()).isEqualTo(caller.getSpanContext().getTraceId());
    assertThat(call.getParentSpanId()).isEqualTo(caller.getSpanContext().getSpanId());
    assertThat(attempt.getTraceId()).isEqualTo(caller.getSpanContext().getTraceId());
    assertThat(attempt.getParentSpanId()).isEqualTo(call.getSpanId());
  }

  @Test
  void upserts_countTheirRecords_asUpsertedOrRefused() {
    try (CustomersClient client = client(sandbox.uri(), RetryPolicy.none())) {
      client.customers().upsert(UpsertMode.ADD, MatchBy.EMAIL, List.of(ewa(), jan()));
      assertThatThrownBy(
              () ->
                  client
                      .customers()
                      .upsert(UpsertMode.ADD, MatchBy.EMAIL, List.of(ewa(), jan(), ewa())))
          .isInstanceOf(BadRequestException.class);
    }

    Map<String, Long> counted = new HashMap<>();
    for (LongPointData point : metric(EcdpOpenTelemetry.RECORDS).getLongSumData().getPoints()) {
      counted.put(point.getAttributes().get(OUTCOME), point.getValue());
    }
    assertThat(counted).containsExactlyInAnyOrderEntriesOf(Map.of("upserted", 2L, "refused", 3L));

    List<SpanData> calls = spans(SpanKind.INTERNAL);
    assertThat(calls).extracting(SpanData::getName).containsOnly("POST /customers");
    SpanData refused = calls.get(1);
    assertThat(refused.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(refused.getAttributes().get(ERROR_TYPE)).isEqualTo("400");
    assertThat(refused.getAttributes().get(STATUS)).isEqualTo(400L);
  }

  @Test
  void durationHistogram_hasTheConventionsUnitAndBuckets() {
    try (CustomersClient client = client(sandbox.uri(), RetryPolicy.none())) {
      client.customers().get(CustomerKey.email(UNKNOWN_EMAIL));
    }

    MetricData duration = metric(EcdpOpenTelemetry.REQUEST_DURATION);
    assertThat(duration.getUnit()).isEqualTo("s");
    assertThat(duration.getInstrumentationScopeInfo().getName()).isEqualTo("io.ecdp.customers");
    assertThat(durations()).hasSize(1);
    assertThat(durations().get(0).getBoundaries()).isEqualTo(Instrumentation.DURATION_BUCKETS);
    assertThat(durations().get(0).getCount()).isEqualTo(1);
  }

  @Test
  void noSpanEventOrMetric_holdsTheApiKeyOrACustomerValue() {
    try (FrontServer front = FrontServer.before(sandbox.uri());
        CustomersClient client = client(front.uri(), RetryPolicy.defaults())) {
      client.customers().upsert(UpsertMode.ADD, MatchBy.EMAIL, List.of(ewa()));
      assertThatThrownBy(
              () -> client.customers().upsert(UpsertMode.ADD, MatchBy.EMAIL, List.of(ewa())))
          .isInstanceOf(BadRequestException.class);
      front.answerNext(429);
      client.customers().get(CustomerKey.email(EMAIL));
      client.customers().get(CustomerKey.phone(PHONE));
      client.customers().async().get(CustomerKey.phone(OTHER_PHONE)).join();
      client.customers().delete(CustomerKey.email(EMAIL));
      client.customers().delete(CustomerKey.email(EMAIL));
    }

    List<String> seen = new ArrayList<>();
    for (SpanData span : OTEL.getSpans()) {
      seen.add(span.getName());
      span.getAttributes().forEach((key, value) -> seen.add(key.getKey() + "=" + value));
      for (EventData event : span.getEvents()) {
        seen.add(event.getName());
        event.getAttributes().forEach((key, value) -> seen.add(key.getKey() + "=" + value));
      }
      span.getResource().getAttributes().forEach((key, value) -> seen.add(key + "=" + value));
    }
    for (MetricData metric : OTEL.getMetrics()) {
      seen.add(metric.getName());
      for (PointData point : metric.getData().getPoints()) {
        point.getAttributes().forEach((key, value) -> seen.add(key.getKey() + "=" + value));
        point
            .getExemplars()
            .forEach(
                exemplar ->
                    exemplar
                        .getFilteredAttributes()
                        .forEach((key, value) -> seen.add(key.getKey() + "=" + value)));
      }
    }

    assertThat(seen)
        .as("what was exported")
        .contains(
            "POST /customers",
            "GET /customers/email/{email}",
            "GET /customers/phone/{phone}",
            "DELETE /customers/email/{email}");
    String all = String.join("\n", seen).toLowerCase(Locale.ROOT);
    for (String secret :
        List.of(API_KEY, EMAIL, PHONE, PHONE.substring(1), OTHER_PHONE.substring(1), "kowalska")) {
      assertThat(all).as("exported telemetry").doesNotContain(secret.toLowerCase(Locale.ROOT));
    }
  }

  @Test
  void scope_namesTheClientAndItsVersion() {
    InstrumentationScopeInfo expected =
        InstrumentationScopeInfo.builder("io.ecdp.customers")
            .setVersion(System.getProperty("ecdp.project.version"))
            .build();
    try (CustomersClient client = client(sandbox.uri(), RetryPolicy.none())) {
      client.customers().get(CustomerKey.email(UNKNOWN_EMAIL));
    }
    assertThat(OTEL.getSpans())
        .extracting(SpanData::getInstrumentationScopeInfo)
        .containsOnly(expected);
    assertThat(OTEL.getMetrics())
        .extracting(MetricData::getInstrumentationScopeInfo)
        .containsOnly(expected);
  }
}
