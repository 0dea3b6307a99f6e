package io.ecdp.customers.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A valid body of more than 15,000,000 characters, Parsson's default limit, is read as JSON (it was
 * answered "not valid JSON" before).
 */
class SandboxStateLargeBodyTest {

  private static final int RECORDS = 150_000;

  @Test
  void aBatchBodyBeyondParssonsDefaultLimit_isAccepted() throws Exception {
    StringBuilder body = new StringBuilder(24 << 20);
    body.append("{\"mode\":\"AddOrUpdate\",\"matchBy\":\"Email\",\"data\":[");
    for (int i = 0; i < RECORDS; i++) {
      if (i > 0) {
        body.append(',');
      }
      body.append("{\"email\":\"customer.")
          .append(i)
          .append("@example.com\",\"firstName\":\"Adam\",\"lastName\":\"Zielinski\",")
          .append("\"customAttributes\":[{\"name\":\"tier\",\"value\":\"gold\"}]}");
    }
    body.append("]}");
    assertThat(body.length()).isGreaterThan(16_000_000);
    try (CustomersSandbox sandbox = CustomersSandbox.builder().start()) {
      HttpResponse<String> r =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .build()
              .send(
                  HttpRequest.newBuilder(URI.create(sandbox.uri() + "/customers"))
                      .header("x-api-key", sandbox.apiKey())
                      .header("Content-Type", "application/json")
                      .POST(
                          HttpRequest.BodyPublishers.ofString(
                              body.toString(), StandardCharsets.UTF_8))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
      assertThat(sandbox.store().size()).isEqualTo(RECORDS);
    }
  }
}
