package io.ecdp.customers.micrometer;

import static io.ecdp.customers.micrometer.RecordingServer.customer;
import static io.ecdp.customers.micrometer.RecordingServer.notFound;
import static io.ecdp.customers.micrometer.RecordingServer.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.ecdp.customers.CustomerKey;
import io.ecdp.customers.CustomersClient;
import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What observations say of a call never holds the API key or a customer value. */
class PrivacyTest {

  private static final String EMAIL = "adam@poczta.pl";
  private static final String PHONE = "+48123456789";

  @Test
  void theKeysAndNamesOfObservations_neverHoldTheApiKeyAnEmailOrAPhone() throws Exception {
    TestObservationRegistry registry = TestObservationRegistry.create();
    try (RecordingServer server =
            new RecordingServer()
                .echoPathAsRequestId()
                .then(customer(), notFound(), customer(), status(429), customer(), status(500));
        CustomersClient client =
            server.client().addListener(EcdpObservations.listener(registry)).build()) {
      client.customers().get(CustomerKey.email(EMAIL));
      client.customers().get(CustomerKey.phone(PHONE));
      client.customers().get(CustomerKey.id(57));
      client.customers().get(CustomerKey.email(EMAIL));
      try {
        client
            .customers()
            .upsert(
                UpsertMode.ADD,
                MatchBy.EMAIL,
                List.of(CustomerRecord.builder().email(EMAIL).phone(PHONE).build()));
      } catch (RuntimeException expected) {
        // The 500: its observation is checked too.
      }
      // The server did send the values, so the test would see them if they leaked.
      assertThat(server.received().get(0).rawPath()).contains("poczta");
    }

    List<String> said = new ArrayList<>();
    TestObservationRegistryAssert.assertThat(registry)
        .hasNumberOfObservationsWithNameEqualTo("ecdp.customers.calls", 5)
        .hasHandledContextsThatSatisfy(
            contexts ->
                contexts.forEach(
                    context -> {
                      said.add(context.getName());
                      said.add(context.getContextualName());
                      context
                          .getAllKeyValues()
                          .forEach(value -> said.add(value.getKey() + "=" + value.getValue()));
                      if (context.getError() != null) {
                        said.add(context.getError().getMessage());
                      }
                    }));
    assertThat(said).anySatisfy(value -> assertThat(value).startsWith("ecdp.request.id=req-"));
    for (String secret :
        List.of(
            RecordingServer.API_KEY,
            EMAIL,
            "poczta",
            URLEncoder.encode(EMAIL, StandardCharsets.UTF_8),
            PHONE,
            "123456789")) {
      assertThat(said).noneSatisfy(value -> assertThat(value).contains(secret));
    }
  }
}
