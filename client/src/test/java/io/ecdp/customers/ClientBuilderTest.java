package io.ecdp.customers;

import static io.ecdp.customers.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientBuilderTest {

  @Test
  void apiKey_isRequired_andNotBlank() {
    assertThatThrownBy(() -> CustomersClient.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("apiKey is required");
    assertThatThrownBy(() -> CustomersClient.builder().apiKey(" "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CustomersClient.builder().apiKey(null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void defaultBaseUri_isTheVendorsHttpsAddress() {
    try (CustomersClient client = CustomersClient.builder().apiKey("k").build()) {
      assertThat(client.baseUri()).hasToString("https://api.ecdp.app");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1:4010", "http://localhost:8080", "http://[::1]:4010"})
  void plainHttp_isAllowedToLoopback(String uri) {
    CustomersClient.builder().apiKey("k").baseUri(uri).build().close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://api.ecdp.app",
        "http://10.0.0.5",
        "http://localhost.evil.example",
        // All hex digits, but names: they would go to DNS.
        "http://cafe",
        "http://beef:8080",
        "http://dead.beef"
      })
  void plainHttp_isRefusedElsewhere_unlessExplicitlyAllowed(String uri) {
    assertThatThrownBy(() -> CustomersClient.builder().apiKey("k").baseUri(uri).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("unencrypted");
    CustomersClient.builder().apiKey("k").baseUri(uri).allowInsecureHttp(true).build().close();
  }

  @Test
  void otherSchemes_andRelativeUris_areRefused() {
    assertThatThrownBy(() -> CustomersClient.builder().baseUri("ftp://api.ecdp.app"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CustomersClient.builder().baseUri("/customers"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void timeouts_mustBePositive() {
    assertThatThrownBy(() -> CustomersClient.builder().connectTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CustomersClient.builder().readTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toString_neverShowsTheKey() {
    CustomersClient.Builder builder = CustomersClient.builder().apiKey(TestData.API_KEY);
    try (CustomersClient client = builder.build()) {
      assertThat(client.toString()).contains("apiKey=***").doesNotContain(TestData.API_KEY);
      assertThat(builder.toString()).doesNotContain(TestData.API_KEY);
    }
  }

  @Test
  void closedClient_refusesCalls_andCloseIsIdempotent() {
    CustomersClient client = CustomersClient.builder().apiKey("k").build();
    client.close();
    client.close();
    assertThatThrownBy(client::customers).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void userAgentPrefix_isSentBeforeTheClientsOwnToken() throws Exception {
    try (TestServer server = new TestServer().always(json(200, TestData.CUSTOMER_JSON));
        CustomersClient client = server.client().userAgent("billing-service/2.3").build()) {
      assertThat(client.customers().get(CustomerKey.id(12)).customer()).isPresent();
      assertThat(server.last().header("User-Agent"))
          .startsWith("billing-service/2.3 ecdp-customers-java/");
    }
  }
}
