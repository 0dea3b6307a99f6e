package io.ecdp.customers;

import static io.ecdp.customers.TestServer.delayed;
import static io.ecdp.customers.TestServer.json;
import static io.ecdp.customers.TestServer.problem;
import static io.ecdp.customers.TestServer.respond;
import static io.ecdp.customers.TestServer.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.ecdp.customers.errors.EcdpException;
import io.ecdp.customers.errors.EcdpServiceException;
import io.ecdp.customers.model.CustomerDetails;
import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Neither the API key nor customer data appears in logs, exception messages or toString. */
class RedactionTest {

  private static final List<String> SECRETS =
      List.of(
          TestData.API_KEY,
          "adam@poczta.pl",
          "adam%40poczta.pl",
          "48123456789",
          "123456789",
          "Nowak");

  private final List<String> logged = new ArrayList<>();
  private final Logger jul = Logger.getLogger("io.ecdp.customers");
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          synchronized (logged) {
            logged.add(record.getMessage());
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private TestServer server;
  private CustomersClient client;

  @BeforeEach
  void start() throws Exception {
    jul.setLevel(Level.ALL);
    jul.addHandler(capture);
    server = new TestServer();
    client = server.client().readTimeout(Duration.ofMillis(300)).build();
  }

  @AfterEach
  void stop() {
    jul.removeHandler(capture);
    jul.setLevel(null);
    client.close();
    server.close();
  }

  @Test
  void keyAndPersonalData_neverAppear_inLogsExceptionsOrToString() {
    List<String> texts = new ArrayList<>();
    String echo =
        "{\"title\":\"Bad\",\"status\":400,\"detail\":\"adam@poczta.pl / +48123456789 / key "
            + TestData.API_KEY
            + "\",\"instance\":\"/customers/email/adam%40poczta.pl\",\"errors\":[\"phone 123456789 exists\"]}";
    server.then(
        json(200, TestData.CUSTOMER_JSON),
        problem(400, echo),
        respond(
            502,
            "text/html",
            "<h1>upstream adam@poczta.pl " + TestData.API_KEY + "</h1>",
            Map.of()),
        status(502),
        status(502),
        problem(404, echo.replace("400", "404")),
        delayed(Duration.ofMillis(800), status(200)),
        delayed(Duration.ofMillis(800), status(200)),
        delayed(Duration.ofMillis(800), status(200)));

    CustomerDetails adam =
        client.customers().get(CustomerKey.email("adam@poczta.pl")).customer().orElseThrow();
    texts.add(adam.toString());
    texts.add(
        CustomerRecord.builder()
            .email("adam@poczta.pl")
            .phone("+48123456789")
            .lastName("Nowak")
            .build()
            .toString());
    texts.add(client.toString());
    texts.add(CustomersClient.builder().apiKey(TestData.API_KEY).toString());
    for (Runnable call :
        List.<Runnable>of(
            () ->
                client
                    .customers()
                    .upsert(
                        UpsertMode.ADD,
                        MatchBy.PHONE_NUMBER,
                        List.of(CustomerRecord.builder().phone("+48123456789").build())),
            () -> client.customers().get(CustomerKey.phone("+48123456789")).customer(),
            () -> client.customers().delete(CustomerKey.email("adam@poczta.pl")).deleted(),
            () -> client.customers().get(CustomerKey.email("adam@poczta.pl")).customer(),
            () -> client.customers().get(CustomerKey.phone("+48 123 456 789")).customer())) {
      try {
        call.run();
      } catch (EcdpException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
          texts.add(String.valueOf(t.getMessage()));
          texts.add(t.toString());
        }
        if (e instanceof EcdpServiceException service) {
          service.problem().ifPresent(p -> texts.add(p.toString()));
        }
      }
    }

    assertThat(logged)
        .anySatisfy(
            line -> assertThat(line).startsWith("GET /customers/email/{email} -> 200 attempt 1/3"));
    assertThat(logged).anySatisfy(line -> assertThat(line).contains("retrying in"));
    assertThat(texts)
        .anySatisfy(t -> assertThat(t).contains("400 Bad Request: Bad - *** / *** / key ***"));
    List<String> everything = new ArrayList<>(texts);
    everything.addAll(logged);
    for (String text : everything) {
      for (String secret : SECRETS) {
        assertThat(text).as("a log line, message or toString").doesNotContain(secret);
      }
    }
  }
}
