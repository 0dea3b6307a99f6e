package io.ecdp.customers;

import static io.ecdp.customers.TestServer.json;
import static io.ecdp.customers.TestServer.problem;
import static io.ecdp.customers.TestServer.respond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ecdp.customers.errors.RequestTimeoutException;
import io.ecdp.customers.errors.UnexpectedResponseException;
import io.ecdp.customers.model.CustomerDetails;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the client accepts as an answer, and what it does not. */
class ResponseRulesTest {

  @ParameterizedTest
  @ValueSource(strings = {"{}", "{\"status\":0}", "{\"status\":0,\"data\":null}"})
  void lookup_answered200WithoutData_isAnUnexpectedResponse_notNotFound(String body)
      throws Exception {
    try (TestServer server = new TestServer().always(json(200, body));
        CustomersClient client = server.client().build()) {
      UnexpectedResponseException e =
          catchThrowableOfType(
              UnexpectedResponseException.class,
              () -> client.customers().get(CustomerKey.email(TestData.EMAIL)));
      assertThat(e.status()).isEqualTo(200);
      assertThat(e.getMessage()).contains("without the customer in data");
    }
  }

  @Test
  void lookup_answered404WithAProblem_findsNoCustomer_andKeepsTheMetadata() throws Exception {
    try (TestServer server =
            new TestServer()
                .always(
                    respond(
                        404,
                        "application/problem+json",
                        "{\"title\":\"Not Found\",\"status\":404}",
                        Map.of("x-request-id", "r-404")));
        CustomersClient client = server.client().build()) {
      GetResult lookup = client.customers().get(CustomerKey.id(12));
      assertThat(lookup.customer()).isEmpty();
      assertThat(lookup.metadata().status()).isEqualTo(404);
      assertThat(lookup.metadata().requestId()).hasValue("r-404");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {" {\"x\":1}", "<!-- cached -->", "garbage"})
  void textAfterTheJson_isAnUnexpectedResponse(String trailer) throws Exception {
    try (TestServer server = new TestServer().always(json(200, TestData.CUSTOMER_JSON + trailer));
        CustomersClient client = server.client().build()) {
      assertThatThrownBy(() -> client.customers().get(CustomerKey.id(12)))
          .isInstanceOf(UnexpectedResponseException.class)
          .hasMessageContaining("text after the documented JSON");
    }
  }

  private static TestServer.Responder jsonBytes(byte[] body) {
    return exchange -> {
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      try (java.io.OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    };
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void successBody_isReadAsUtf8_withOrWithoutAByteOrderMark(boolean bom) throws Exception {
    byte[] json = TestData.CUSTOMER_JSON.getBytes(StandardCharsets.UTF_8);
    byte[] body = json;
    if (bom) {
      body = new byte[json.length + 3];
      body[0] = (byte) 0xEF;
      body[1] = (byte) 0xBB;
      body[2] = (byte) 0xBF;
      System.arraycopy(json, 0, body, 3, json.length);
    }
    try (TestServer server = new TestServer().always(jsonBytes(body));
        CustomersClient client = server.client().build()) {
      CustomerDetails customer =
          client.customers().get(CustomerKey.id(12)).customer().orElseThrow();
      assertThat(customer.currencySymbol()).isEqualTo("zł");
      assertThat(customer.email()).isEqualTo("adam@poczta.pl");
    }
  }

  /** JSON between systems is UTF-8 (RFC 8259): a body in another encoding is not the contract's. */
  @ParameterizedTest
  @ValueSource(strings = {"UTF-16BE", "UTF-16LE", "UTF-32BE", "UTF-32LE"})
  void successBody_inAnotherEncoding_isAnUnexpectedResponse(String encoding) throws Exception {
    byte[] body = TestData.CUSTOMER_JSON.getBytes(java.nio.charset.Charset.forName(encoding));
    try (TestServer server = new TestServer().always(jsonBytes(body));
        CustomersClient client = server.client().build()) {
      assertThatThrownBy(() -> client.customers().get(CustomerKey.id(12)))
          .isInstanceOf(UnexpectedResponseException.class)
          .hasMessageContaining("200 with");
    }
  }

  @Test
  void aValidBodyJustUnderTheReadLimit_isRead_notReportedAsInvalidJson() throws Exception {
    // 15.9 MiB: more than JSON-P's own default limit of 15,000,000 characters, less than 16 MiB
    String value = "x".repeat(16_700_000);
    String body =
        "{\"status\":0,\"data\":{\"crmId\":\"57\",\"customAttributes\":[{\"name\":\"note\",\"value\":\""
            + value
            + "\"}]}}";
    assertThat(body.length()).isBetween(15_000_001, 16 * 1024 * 1024);
    try (TestServer server = new TestServer().always(json(200, body));
        CustomersClient client = server.client().build()) {
      CustomerDetails customer =
          client.customers().get(CustomerKey.id(12)).customer().orElseThrow();
      assertThat(customer.customAttributes().get(0).value()).hasSize(value.length());
    }
  }

  @Test
  void whitespaceAfterTheJson_isFine() throws Exception {
    try (TestServer server = new TestServer().always(json(200, TestData.CUSTOMER_JSON + "\n\r\n"));
        CustomersClient client = server.client().build()) {
      assertThat(client.customers().get(CustomerKey.id(12)).customer()).isPresent();
    }
  }

  @Test
  void serviceException_messageEndsWithTheRequestId_whatSupportAsksForFirst() throws Exception {
    try (TestServer server =
            new TestServer()
                .then(
                    respond(
                        400,
                        "application/problem+json",
                        "{\"title\":\"Bad Request\",\"status\":400}",
                        Map.of("x-request-id", "4f1c2d9e-7b3a-4c1e-9f00-2a6b8c0d1e2f")),
                    respond(
                        200,
                        "application/json",
                        "{\"status\":0}",
                        Map.of("x-request-id", "req-A1")),
                    problem(400, "{\"title\":\"Bad Request\",\"status\":400}"));
        CustomersClient client = server.client().build()) {
      assertThatThrownBy(() -> client.customers().get(CustomerKey.id(1)))
          .hasMessageEndingWith(" (request id 4f1c2d9e-7b3a-4c1e-9f00-2a6b8c0d1e2f)");
      assertThatThrownBy(() -> client.customers().get(CustomerKey.id(1)))
          .isInstanceOf(UnexpectedResponseException.class)
          .hasMessageEndingWith("without the customer in data (request id req-A1)");
      assertThatThrownBy(() -> client.customers().get(CustomerKey.id(1)))
          .hasMessageNotContaining("request id");
    }
  }

  @Test
  void serviceException_requestIdInTheMessage_isRedactedLikeTheRest() throws Exception {
    try (TestServer server =
            new TestServer()
                .always(
                    respond(
                        400,
                        "application/problem+json",
                        "{\"title\":\"Bad Request\",\"status\":400}",
                        Map.of(
                            "x-request-id", "echo " + TestData.EMAIL + " " + TestData.API_KEY)));
        CustomersClient client = server.client().build()) {
      assertThatThrownBy(() -> client.customers().get(CustomerKey.id(1)))
          .hasMessageContaining("(request id echo ***")
          .hasMessageNotContaining(TestData.EMAIL)
          .hasMessageNotContaining(TestData.API_KEY);
    }
  }

  @Test
  void requestId_isReadFromXRequestIdOnly() throws Exception {
    try (TestServer server =
            new TestServer()
                .then(
                    respond(
                        200,
                        "application/json",
                        TestData.CUSTOMER_JSON,
                        Map.of("x-request-id", "abc", "x-correlation-id", "other")),
                    respond(
                        200,
                        "application/json",
                        TestData.CUSTOMER_JSON,
                        Map.of("request-id", "no", "traceparent", "00-x-y-01")));
        CustomersClient client = server.client().build()) {
      GetResult first = client.customers().get(CustomerKey.id(12));
      assertThat(first.metadata().requestId()).hasValue("abc");
      assertThat(first.metadata().header("X-Correlation-Id")).hasValue("other");
      assertThat(client.customers().get(CustomerKey.id(12)).metadata().requestId()).isEmpty();
    }
  }

  @Test
  void aTricklingBody_thatPassesTheDeadline_isATimeout_successOrError() throws Exception {
    TestServer.Responder tricklingSuccess = trickle(200, "application/json");
    TestServer.Responder tricklingError = trickle(400, "application/problem+json");
    try (TestServer server = new TestServer().then(tricklingSuccess, tricklingError);
        CustomersClient client =
            server
                .client()
                .callTimeout(Duration.ofMillis(600))
                .retryPolicy(RetryPolicy.none())
                .build()) {
      RequestTimeoutException success =
          catchThrowableOfType(
              RequestTimeoutException.class, () -> client.customers().get(CustomerKey.id(1)));
      RequestTimeoutException error =
          catchThrowableOfType(
              RequestTimeoutException.class, () -> client.customers().get(CustomerKey.id(2)));
      assertThat(success.requestSent()).isTrue();
      assertThat(error.requestSent()).isTrue();
    }
  }

  /** Sends the status at once, then one byte of body every 100 ms, 40 bytes in all. */
  private static TestServer.Responder trickle(int status, String type) {
    return exchange -> {
      exchange.getResponseHeaders().set("Content-Type", type);
      exchange.sendResponseHeaders(status, 0);
      try (OutputStream out = exchange.getResponseBody()) {
        byte[] body =
            "{\"title\":\"slow\",\"status\":400,\"x\":\"....\"}".getBytes(StandardCharsets.UTF_8);
        for (byte b : body) {
          out.write(b);
          out.flush();
          Thread.sleep(100);
        }
      } catch (InterruptedException | IOException e) {
        Thread.currentThread().interrupt();
      }
    };
  }

  @Test
  void problemAnswers_keepTheirStatus_andHeaders() throws Exception {
    try (TestServer server =
            new TestServer().always(problem(400, "{\"title\":\"Bad Request\",\"status\":400}"));
        CustomersClient client = server.client().build()) {
      assertThatThrownBy(() -> client.customers().get(CustomerKey.crmId("57")))
          .isInstanceOfSatisfying(
              io.ecdp.customers.errors.BadRequestException.class,
              e -> {
                assertThat(e.status()).isEqualTo(400);
                assertThat(e.headers()).containsKey("content-type");
              });
    }
  }
}
