package io.ecdp.customers;

import static io.ecdp.customers.TestServer.respond;
import static io.ecdp.customers.TestServer.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.ecdp.customers.internal.model.UpsertCustomersRequest;
import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The client serializes a request body once, with its own JSON-B serializers, and sends it with a
 * {@code Content-Length}, never chunked, even when Jersey's JSON-B provider is on the class path
 * (jersey-media-json-binding is a test dependency here for that reason).
 */
class RequestBodyTest {

  @Test
  void upsert_sendsTheClientsJson_evenWithJerseysJsonbProviderOnTheClassPath() throws Exception {
    assertThat(Class.forName("org.glassfish.jersey.jsonb.JsonBindingFeature")).isNotNull();
    try (TestServer server = new TestServer().always(status(201));
        CustomersClient client = server.client().build()) {
      client
          .customers()
          .upsert(
              UpsertMode.ADD,
              MatchBy.CRM_ID,
              List.of(CustomerRecord.builder().crmId("57").firstName("Adam").build()));
      assertThat(server.last().body())
          .isEqualTo(
              "{\"mode\":\"Add\",\"matchBy\":\"CrmId\",\"data\":[{\"crmId\":\"57\",\"firstName\":\"Adam\"}]}");
      assertThat(server.last().header("Content-Type")).startsWith("application/json");
    }
  }

  @Test
  @SuppressWarnings("try") // Jsonb.close() is declared to throw Exception; Yasson's does not block
  void upsert_ofALargeBatch_sendsItsContentLength_notChunked() throws Exception {
    List<CustomerRecord> records = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      records.add(
          CustomerRecord.builder()
              .email("customer" + i + "@example.com")
              .crmId("CRM-" + i)
              .firstName("Zażółć")
              .build());
    }
    try (TestServer server = new TestServer().always(status(201));
        CustomersClient client = server.client().build();
        Jsonb jsonb =
            JsonbBuilder.create(new JsonbConfig().withNullValues(false).withEncoding("UTF-8"))) {
      client.customers().upsert(UpsertMode.ADD_OR_UPDATE, MatchBy.EMAIL, records);
      String expected =
          jsonb.toJson(
              UpsertCustomersRequest.builder()
                  .mode(UpsertMode.ADD_OR_UPDATE)
                  .matchBy(MatchBy.EMAIL)
                  .data(records)
                  .build());
      TestServer.Recorded sent = server.last();
      assertThat(sent.body()).isEqualTo(expected);
      assertThat(sent.header("Content-Length"))
          .isEqualTo(String.valueOf(expected.getBytes(StandardCharsets.UTF_8).length));
      assertThat(sent.header("Transfer-Encoding")).isNull();
    }
  }

  @Test
  void retriedUpsert_sendsTheSameBodyAgain() throws Exception {
    try (TestServer server =
            new TestServer()
                .then(respond(503, null, "", Map.of("Retry-After", "0")))
                .always(status(201));
        CustomersClient client = server.client().build()) {
      client
          .customers()
          .upsert(
              UpsertMode.ADD,
              MatchBy.CRM_ID,
              List.of(CustomerRecord.builder().crmId("57").build()));
      assertThat(server.count()).isEqualTo(2);
      assertThat(server.requests().get(1).body())
          .isEqualTo(server.requests().get(0).body())
          .isEqualTo("{\"mode\":\"Add\",\"matchBy\":\"CrmId\",\"data\":[{\"crmId\":\"57\"}]}");
      assertThat(server.requests().get(1).header("Content-Length"))
          .isEqualTo(server.requests().get(0).header("Content-Length"));
    }
  }
}
