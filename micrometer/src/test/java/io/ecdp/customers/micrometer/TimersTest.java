package io.ecdp.customers.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecdp.customers.CustomerKey;
import io.ecdp.customers.CustomersClient;
import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import io.ecdp.customers.sandbox.CustomersSandbox;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The meters Micrometer's meter handler makes of the observations, counted after known calls. */
class TimersTest {

  private static final String BY_EMAIL = "/customers/email/{email}";

  @Test
  void threeFoundAndOneMissingCustomer_areCountedByStatus_inTheCallsAndAttemptsTimers() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    ObservationRegistry observations = ObservationRegistry.create();
    observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));

    try (CustomersSandbox sandbox = CustomersSandbox.builder().start();
        CustomersClient client =
            RecordingServer.client(sandbox.uri())
                .apiKey(sandbox.apiKey())
                .addListener(EcdpObservations.listener(observations))
                .build()) {
      client
          .customers()
          .upsert(
              UpsertMode.ADD,
              MatchBy.EMAIL,
              List.of(CustomerRecord.builder().email("adam@poczta.pl").build()));
      for (int i = 0; i < 3; i++) {
        assertThat(client.customers().get(CustomerKey.email("adam@poczta.pl")).customer())
            .isPresent();
      }
      assertThat(client.customers().get(CustomerKey.email("eve@example.com")).customer()).isEmpty();
      String host = sandbox.uri().getHost();

      Timer found =
          meters.get("ecdp.customers.calls").tag("status", "200").tag("uri", BY_EMAIL).timer();
      assertThat(found.count()).isEqualTo(3);
      assertThat(tags(found))
          .containsExactlyInAnyOrder(
              "method=GET",
              "uri=" + BY_EMAIL,
              "status=200",
              "outcome=SUCCESS",
              "exception=none",
              "server.address=" + host,
              "error=none");
      assertThat(
              meters
                  .get("ecdp.customers.calls")
                  .tag("status", "404")
                  .tag("uri", BY_EMAIL)
                  .timer()
                  .count())
          .isEqualTo(1);
      assertThat(
              meters
                  .get("ecdp.customers.calls")
                  .tag("method", "POST")
                  .tag("uri", "/customers")
                  .timer()
                  .count())
          .isEqualTo(1);
      assertThat(meters.get("ecdp.customers.calls").timers()).hasSize(3);

      Timer attempts =
          meters.get("ecdp.customers.attempts").tag("status", "200").tag("uri", BY_EMAIL).timer();
      assertThat(attempts.count()).isEqualTo(3);
      assertThat(tags(attempts)).contains("retry.reason=none", "outcome=SUCCESS");
      assertThat(
              meters
                  .get("ecdp.customers.attempts")
                  .tag("status", "404")
                  .tag("outcome", "SUCCESS")
                  .timer()
                  .count())
          .isEqualTo(1);
      assertThat(meters.get("ecdp.customers.calls.active").longTaskTimers())
          .allSatisfy(active -> assertThat(active.activeTasks()).isZero());
    }
  }

  private static List<String> tags(Meter meter) {
    return meter.getId().getTags().stream().map(t -> t.getKey() + "=" + t.getValue()).toList();
  }
}
