package io.ecdp.customers.opentelemetry;

import io.ecdp.customers.errors.BadRequestException;
import io.ecdp.customers.errors.ValidationException;
import io.ecdp.customers.events.AttemptEnded;
import io.ecdp.customers.events.AttemptStarted;
import io.ecdp.customers.events.CallEnded;
import io.ecdp.customers.events.CallListener;
import io.ecdp.customers.events.CallObserver;
import io.ecdp.customers.events.CallStarted;
import io.ecdp.customers.events.RequestHeaders;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.MeterBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerBuilder;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * The listener {@link EcdpOpenTelemetry#create} returns: a span for each call, a child span and a
 * duration measurement for each attempt, and the records of each upsert counted by outcome.
 */
final class Instrumentation implements CallListener {

  static final AttributeKey<String> HTTP_REQUEST_METHOD =
      AttributeKey.stringKey("http.request.method");
  static final AttributeKey<String> URL_TEMPLATE = AttributeKey.stringKey("url.template");
  static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
  static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
  static final AttributeKey<Long> HTTP_RESPONSE_STATUS_CODE =
      AttributeKey.longKey("http.response.status_code");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  static final AttributeKey<Long> HTTP_REQUEST_RESEND_COUNT =
      AttributeKey.longKey("http.request.resend_count");
  static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("outcome");

  /** The buckets the convention advises for {@code http.client.request.duration}, in seconds. */
  static final List<Double> DURATION_BUCKETS =
      List.of(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0);

  private static final Attributes UPSERTED = Attributes.of(OUTCOME, "upserted");
  private static final Attributes REFUSED = Attributes.of(OUTCOME, "refused");

  /**
   * Sets what the propagator writes as headers of the attempt. A header the client refuses (one it
   * owns, or a value that is not printable ASCII) is skipped, so that the observer stays on the
   * call and its spans end.
   */
  private static final TextMapSetter<RequestHeaders> SETTER =
      (headers, name, value) -> {
        if (headers != null) {
          try {
            headers.set(name, value);
          } catch (IllegalArgumentException refused) {
            // Not sent; the trace goes on without it.
          }
        }
      };

  private final Tracer tracer;
  private final DoubleHistogram duration;
  private final LongCounter records;
  private final TextMapPropagator propagator;

  Instrumentation(OpenTelemetry openTelemetry, String name, @Nullable String version) {
    TracerBuilder tracers = openTelemetry.tracerBuilder(name);
    MeterBuilder meters = openTelemetry.meterBuilder(name);
    if (version != null) {
      tracers.setInstrumentationVersion(version);
      meters.setInstrumentationVersion(version);
    }
    this.tracer = tracers.build();
    Meter meter = meters.build();
    this.duration =
        meter
            .histogramBuilder(EcdpOpenTelemetry.REQUEST_DURATION)
            .setUnit("s")
            .setDescription("Duration of HTTP client requests.")
            .setExplicitBucketBoundariesAdvice(DURATION_BUCKETS)
            .build();
    this.records =
        meter
            .counterBuilder(EcdpOpenTelemetry.RECORDS)
            .setUnit("{record}")
            .setDescription(
                "Records sent by upserts: upserted when the server accepted the batch, refused"
                    + " when it answered 400.")
            .build();
    this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
  }

  @Override
  public CallObserver callStarted(CallStarted call) {
    Context parent = Context.current();
    String name = call.method() + " " + call.urlTemplate();
    Attributes common =
        Attributes.builder()
            .put(HTTP_REQUEST_METHOD, call.method())
            .put(URL_TEMPLATE, call.urlTemplate())
            .put(SERVER_ADDRESS, call.serverAddress())
            .put(SERVER_PORT, (long) call.serverPort())
            .build();
    Span span =
        tracer
            .spanBuilder(name)
            .setParent(parent)
            .setSpanKind(SpanKind.INTERNAL)
            .setAllAttributes(common)
            .startSpan();
    return new Observer(name, common, span, parent.with(span), call.recordCount());
  }

  /**
   * The {@code error.type} of an answer or failure, as the convention has it: the status when it is
   * 400 or more, else the class name of the failure; null when neither.
   */
  static @Nullable String errorType(
      OptionalInt status, Optional<? extends Class<? extends RuntimeException>> failure) {
    if (status.isPresent() && status.getAsInt() >= 400) {
      return Integer.toString(status.getAsInt());
    }
    return failure.map(Class::getName).orElse(null);
  }

  /** The spans of one call; its events come one at a time, so it needs no locking. */
  private final class Observer implements CallObserver {
    private final String name;
    private final Attributes common;
    private final Span callSpan;
    private final Context callContext;
    private final OptionalInt recordCount;
    private @Nullable Span attemptSpan;
    private Context attemptContext;

    Observer(
        String name, Attributes common, Span callSpan, Context callContext, OptionalInt records) {
      this.name = name;
      this.common = common;
      this.callSpan = callSpan;
      this.callContext = callContext;
      this.attemptContext = callContext;
      this.recordCount = records;
    }

    @Override
    public void attemptStarted(AttemptStarted attempt, RequestHeaders headers) {
      endAttemptSpan(); // only if the attempt before it was never told to end
      SpanBuilder builder =
          tracer
              .spanBuilder(name)
              .setParent(callContext)
              .setSpanKind(SpanKind.CLIENT)
              .setAllAttributes(common);
      if (attempt.attempt() > 1) {
        builder.setAttribute(HTTP_REQUEST_RESEND_COUNT, attempt.attempt() - 1L);
      }
      Span span = builder.startSpan();
      attemptSpan = span;
      attemptContext = callContext.with(span);
      propagator.inject(attemptContext, headers, SETTER);
    }

    @Override
    public void attemptEnded(AttemptEnded attempt) {
      String errorType = errorType(attempt.status(), attempt.failure());
      AttributesBuilder measured = common.toBuilder();
      attempt.status().ifPresent(status -> measured.put(HTTP_RESPONSE_STATUS_CODE, status));
      if (errorType != null) {
        measured.put(ERROR_TYPE, errorType);
      }
      duration.record(attempt.duration().toNanos() / 1e9, measured.build(), attemptContext);
      Span span = attemptSpan;
      if (span != null) {
        attempt.status().ifPresent(status -> span.setAttribute(HTTP_RESPONSE_STATUS_CODE, status));
        if (errorType != null) {
          span.setAttribute(ERROR_TYPE, errorType);
          span.setStatus(StatusCode.ERROR);
        }
        endAttemptSpan();
      }
    }

    @Override
    public void callEnded(CallEnded call) {
      endAttemptSpan();
      call.status().ifPresent(status -> callSpan.setAttribute(HTTP_RESPONSE_STATUS_CODE, status));
      if (call.attempts() > 1) {
        callSpan.setAttribute(HTTP_REQUEST_RESEND_COUNT, call.attempts() - 1L);
      }
      if (call.failure().isPresent()) {
        String errorType = errorType(call.status(), call.failure());
        if (errorType != null) {
          callSpan.setAttribute(ERROR_TYPE, errorType);
        }
        callSpan.setStatus(StatusCode.ERROR);
      }
      count(call);
      callSpan.end();
    }

    private void count(CallEnded call) {
      if (recordCount.isEmpty()) {
        return;
      }
      Optional<Class<? extends RuntimeException>> failure = call.failure();
      if (failure.isEmpty()) {
        records.add(recordCount.getAsInt(), UPSERTED, callContext);
      } else if (failure.get() == BadRequestException.class
          || failure.get() == ValidationException.class) {
        records.add(recordCount.getAsInt(), REFUSED, callContext);
      }
    }

    private void endAttemptSpan() {
      Span span = attemptSpan;
      if (span != null) {
        attemptSpan = null;
        span.end();
      }
    }
  }
}
