package io.ecdp.bench;

import io.ecdp.customers.events.CallListener;
import io.ecdp.customers.micrometer.EcdpObservations;
import io.ecdp.customers.opentelemetry.EcdpOpenTelemetry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The listeners our client is measured with: the OpenTelemetry module on a recording SDK, and the
 * Micrometer module on a registry that times every observation. Each is what an application would
 * run, minus the network behind its exporters.
 */
final class Listeners {

  private Listeners() {}

  /** A listener, and how to shut down what records behind it. */
  interface Recording extends AutoCloseable {

    /** The listener, for {@code CustomersClient.Builder.addListener}. */
    CallListener listener();

    /** Flushes and shuts down; fails if nothing was recorded (the listener was not listening). */
    @Override
    void close();
  }

  /**
   * The OpenTelemetry module on an SDK that records everything: every call sampled ({@link
   * Sampler#alwaysOn()}), the spans handed to the SDK's {@link BatchSpanProcessor} with its default
   * queue, batch and delay, exported to an exporter that only counts them; the metrics aggregated
   * by the SDK and collected by a {@link PeriodicMetricReader} every second (the default is a
   * minute: collection is counted in full) to an exporter that only counts them; and the W3C
   * propagator, so that every attempt carries a {@code traceparent} header.
   */
  static Recording openTelemetry() {
    AtomicLong spans = new AtomicLong();
    AtomicLong points = new AtomicLong();
    OpenTelemetrySdk sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .setSampler(Sampler.alwaysOn())
                    .addSpanProcessor(
                        BatchSpanProcessor.builder(new CountingSpanExporter(spans)).build())
                    .build())
            .setMeterProvider(
                SdkMeterProvider.builder()
                    .registerMetricReader(
                        PeriodicMetricReader.builder(new CountingMetricExporter(points))
                            .setInterval(Duration.ofSeconds(1))
                            .build())
                    .build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();
    CallListener listener = EcdpOpenTelemetry.create(sdk);
    return new Recording() {
      @Override
      public CallListener listener() {
        return listener;
      }

      @Override
      public void close() {
        sdk.shutdown().join(10, TimeUnit.SECONDS);
        if (spans.get() == 0 || points.get() == 0) {
          throw new IllegalStateException(
              "OpenTelemetry recorded nothing: " + spans + " spans, " + points + " metric points");
        }
      }
    };
  }

  /**
   * The Micrometer module on an {@link ObservationRegistry} whose {@link
   * DefaultMeterObservationHandler} times every call and attempt in a {@link SimpleMeterRegistry}.
   */
  static Recording micrometer() {
    MeterRegistry meters = new SimpleMeterRegistry();
    ObservationRegistry registry = ObservationRegistry.create();
    registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
    CallListener listener = EcdpObservations.listener(registry);
    return new Recording() {
      @Override
      public CallListener listener() {
        return listener;
      }

      @Override
      public void close() {
        boolean timed =
            meters.getMeters().stream().anyMatch(m -> m instanceof Timer t && t.count() > 0);
        meters.close();
        if (!timed) {
          throw new IllegalStateException("Micrometer recorded nothing");
        }
      }
    };
  }

  /** Takes every batch of spans, as a network exporter would, and only counts them. */
  private static final class CountingSpanExporter implements SpanExporter {
    private final AtomicLong spans;

    CountingSpanExporter(AtomicLong spans) {
      this.spans = spans;
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> batch) {
      spans.addAndGet(batch.size());
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }

  /** Takes every collection of metrics, as a network exporter would, and only counts the points. */
  private static final class CountingMetricExporter implements MetricExporter {
    private final AtomicLong points;

    CountingMetricExporter(AtomicLong points) {
      this.points = points;
    }

    @Override
    public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
      return AggregationTemporality.CUMULATIVE;
    }

    @Override
    public CompletableResultCode export(Collection<MetricData> metrics) {
      for (MetricData m : metrics) {
        points.addAndGet(m.getData().getPoints().size());
      }
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
