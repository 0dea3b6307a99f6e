package io.ecdp.customers.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class CustomersSandboxTest {

  @Test
  void apiKey_isTheFirstKeyGiven_whateverTheOthers() throws Exception {
    String[] keys = {"k7", "k3", "k9", "k1", "k5", "k8", "k2", "k6"};
    try (CustomersSandbox sandbox = CustomersSandbox.builder().apiKeys(keys).start()) {
      assertThat(sandbox.apiKey()).isEqualTo("k7");
    }
  }

  @Test
  void unknownIdentifierInThePath_isA404Problem_notAServerError() throws Exception {
    try (CustomersSandbox sandbox = CustomersSandbox.builder().start()) {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      for (String method : new String[] {"GET", "DELETE"}) {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create(sandbox.uri() + "/customers/nickname/adam"))
                    .method(method, HttpRequest.BodyPublishers.noBody())
                    .header("x-api-key", sandbox.apiKey())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(method).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type"))
            .as(r.headers() + " " + r.body())
            .hasValue("application/problem+json");
      }
    }
  }
}
