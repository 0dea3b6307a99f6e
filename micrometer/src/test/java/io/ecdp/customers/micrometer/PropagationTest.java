package io.ecdp.customers.micrometer;

import static io.ecdp.customers.micrometer.RecordingServer.customer;
import static io.ecdp.customers.micrometer.RecordingServer.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.ecdp.customers.CustomerKey;
import io.ecdp.customers.CustomersClient;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.SenderContext;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The attempt's sender context carries its headers: what a propagator sets there is sent, on each
 * attempt, as a tracing bridge's {@code traceparent} would be.
 */
class PropagationTest {

  /** Sets a header through the sender context's setter when an attempt starts, as a tracer does. */
  private static final class InjectingHandler implements ObservationHandler<SenderContext<Object>> {
    private final String name;
    private final AtomicInteger count = new AtomicInteger();

    InjectingHandler(String name) {
      this.name = name;
    }

    @Override
    public void onStart(SenderContext<Object> context) {
      context.getSetter().set(context.getCarrier(), name, "trace-" + count.incrementAndGet());
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
      return context instanceof SenderContext;
    }
  }

  @Test
  void whatThePropagatorSets_isSentOnEveryAttempt() throws Exception {
    ObservationRegistry registry = ObservationRegistry.create();
    registry.observationConfig().observationHandler(new InjectingHandler("x-test-trace"));
    try (RecordingServer server = new RecordingServer().then(status(503), customer());
        CustomersClient client =
            server.client().addListener(EcdpObservations.listener(registry)).build()) {
      assertThat(client.customers().get(CustomerKey.id(57)).customer()).isPresent();

      assertThat(server.received())
          .extracting(received -> received.headers().getFirst("x-test-trace"))
          .containsExactly("trace-1", "trace-2");
    }
  }

  @Test
  void aHeaderTheClientOwns_isSkipped_andTheCallGoesOn() throws Exception {
    ObservationRegistry registry = ObservationRegistry.create();
    registry.observationConfig().observationHandler(new InjectingHandler("x-api-key"));
    try (RecordingServer server = new RecordingServer().then(customer());
        CustomersClient client =
            server.client().addListener(EcdpObservations.listener(registry)).build()) {
      assertThat(client.customers().get(CustomerKey.id(57)).customer()).isPresent();

      assertThat(server.received())
          .singleElement()
          .satisfies(
              received ->
                  assertThat(received.headers().get("x-api-key"))
                      .containsExactly(RecordingServer.API_KEY));
    }
  }
}
