package io.ecdp.customers.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The API key check compares in constant time ({@code MessageDigest.isEqual} over the UTF-8 bytes
 * of every accepted key, never stopping at a match); what a test can check is that it accepts
 * exactly the accepted keys. (Its timing is not measured: on a shared machine a timing test would
 * tell nothing.)
 */
class SandboxApiKeyTest {

  private static final String FIRST = "sandbox-api-key";
  private static final String SECOND = "a-second-key-of-the-team-42";

  private static final List<String> REFUSED =
      List.of(
          "sandbox-api-kez", // one character differs, at the end
          "xandbox-api-key", // one character differs, at the start
          "sandbox-api-ke", // a prefix
          "sandbox-api-key1", // longer
          "SANDBOX-API-KEY", // another case
          "a-second-key-of-the-team-43", // the second key, its last character off by one
          "sandbox-api-key,a-second-key-of-the-team-42", // both, as one header value
          "");

  @Test
  void accepts_exactlyTheAcceptedKeys() {
    SandboxFilters.ApiKey check =
        new SandboxFilters.ApiKey(new LinkedHashSet<>(List.of(FIRST, SECOND)));
    assertThat(check.accepts(FIRST)).isTrue();
    assertThat(check.accepts(SECOND)).as("not only the first key").isTrue();
    assertThat(check.accepts(null)).isFalse();
    // (HTTP drops spaces around a header's value, so this one is only checked here.)
    assertThat(check.accepts(FIRST + " ")).isFalse();
    for (String key : REFUSED) {
      assertThat(check.accepts(key)).as("'%s'", key).isFalse();
    }
  }

  @Test
  void overHttp_theRightKeysAreServed_andEveryNearMissIs401() throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    try (CustomersSandbox sandbox = CustomersSandbox.builder().apiKeys(FIRST, SECOND).start()) {
      for (String key : List.of(FIRST, SECOND)) {
        assertThat(get(http, sandbox, key)).as(key).isEqualTo(404); // served: no such customer
      }
      for (String key : REFUSED) {
        assertThat(get(http, sandbox, key)).as("'%s'", key).isEqualTo(401);
      }
    }
    HostileFigures.put("keyCompare.constantTime", "yes");
  }

  private static int get(HttpClient http, CustomersSandbox sandbox, String key) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sandbox.uri() + "/customers/id/1"));
    if (!key.isEmpty()) {
      b.header("x-api-key", key);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
