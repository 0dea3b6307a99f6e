package io.ecdp.customers;

import static io.ecdp.customers.TestServer.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.ecdp.customers.internal.JsonbBodyWriter;
import io.ecdp.customers.internal.model.UpsertCustomersRequest;
import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.WriterInterceptor;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The client writes request bodies with its own streaming JSON-B writer, even when Jersey would
 * discover another JSON provider on the class path (jersey-media-json-binding is a test dependency
 * here for that reason: its provider copies every body through a String).
 */
class JsonBodyWriterTest {

  @Test
  void requestBodies_areWrittenByTheClientsWriter_evenWithJerseysJsonbProviderOnTheClassPath()
      throws Exception {
    assertThat(Class.forName("org.glassfish.jersey.jsonb.JsonBindingFeature")).isNotNull();
    List<String> writers = new ArrayList<>();
    Client own =
        ClientBuilder.newClient()
            .register(
                (WriterInterceptor)
                    context -> {
                      OutputStream body = context.getOutputStream();
                      context.setOutputStream(
                          new FilterOutputStream(body) {
                            @Override
                            public void write(byte[] b, int off, int len) throws IOException {
                              writers.add(providersOnTheStack());
                              body.write(b, off, len);
                            }

                            @Override
                            public void write(int b) throws IOException {
                              writers.add(providersOnTheStack());
                              body.write(b);
                            }
                          });
                      context.proceed();
                    });
    own.register(org.glassfish.jersey.jsonb.JsonBindingFeature.class);
    Jsonb jsonb = JsonbBuilder.create();
    try (TestServer server = new TestServer().always(status(201))) {
      UpsertCustomersRequest request =
          UpsertCustomersRequest.builder()
              .mode(UpsertMode.ADD)
              .matchBy(MatchBy.CRM_ID)
              .data(List.of(CustomerRecord.builder().crmId("57").firstName("Adam").build()))
              .build();
      // The target the client builds: its writer registered, Jersey's JSON-B feature present.
      own.target(server.uri())
          .register(new JsonbBodyWriter<UpsertCustomersRequest>(jsonb) {})
          .path("customers")
          .request()
          .post(Entity.json(request))
          .close();
      assertThat(server.last().body())
          .isEqualTo(
              "{\"mode\":\"Add\",\"matchBy\":\"CrmId\",\"data\":[{\"crmId\":\"57\",\"firstName\":\"Adam\"}]}");
    } finally {
      own.close();
    }
    assertThat(writers).isNotEmpty().allMatch(w -> w.contains("JsonbBodyWriter"));
  }

  private static String providersOnTheStack() {
    return StackWalker.getInstance()
        .walk(
            frames ->
                frames
                    .map(StackWalker.StackFrame::getClassName)
                    .filter(name -> name.endsWith("Provider") || name.endsWith("BodyWriter"))
                    .collect(Collectors.joining(",")));
  }

  @Test
  void writeTo_writesTheJson_andLeavesTheStreamOpen() throws Exception {
    boolean[] closed = {false};
    ByteArrayOutputStream body =
        new ByteArrayOutputStream() {
          @Override
          public void close() {
            closed[0] = true;
          }
        };
    Jsonb jsonb = JsonbBuilder.create();
    new JsonbBodyWriter<CustomerRecord>(jsonb) {}.writeTo(
        CustomerRecord.builder().crmId("57").build(),
        CustomerRecord.class,
        CustomerRecord.class,
        new java.lang.annotation.Annotation[0],
        MediaType.APPLICATION_JSON_TYPE,
        new jakarta.ws.rs.core.MultivaluedHashMap<>(),
        body);
    assertThat(body.toString(java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("{\"crmId\":\"57\"}");
    assertThat(closed[0]).as("closed by the writer").isFalse();
  }

  @Test
  void writer_takesJsonMediaTypesOnly() throws Exception {
    Jsonb jsonb = JsonbBuilder.create();
    JsonbBodyWriter<CustomerRecord> writer = new JsonbBodyWriter<>(jsonb) {};
    for (String type : new String[] {"application/json", "application/merge-patch+json"}) {
      assertThat(writer.isWriteable(CustomerRecord.class, CustomerRecord.class, null, of(type)))
          .as(type)
          .isTrue();
    }
    for (String type : new String[] {"text/plain", "application/xml"}) {
      assertThat(writer.isWriteable(CustomerRecord.class, CustomerRecord.class, null, of(type)))
          .as(type)
          .isFalse();
    }
    jsonb.close();
  }

  private static MediaType of(String type) {
    return MediaType.valueOf(type);
  }
}
