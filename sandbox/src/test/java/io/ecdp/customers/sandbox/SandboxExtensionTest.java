package io.ecdp.customers.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecdp.customers.CustomerKey;
import io.ecdp.customers.CustomersClient;
import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SandboxExtension.class)
class SandboxExtensionTest {

  @Test
  void extension_givesAStartedSandbox_andAClientPointedAtIt(
      CustomersClient client, CustomersSandbox sandbox) {
    client
        .customers()
        .upsert(
            UpsertMode.ADD,
            MatchBy.EMAIL,
            List.of(CustomerRecord.builder().email("a@b.pl").build()));
    assertThat(sandbox.store().size()).isEqualTo(1);
    assertThat(client.customers().get(CustomerKey.email("a@b.pl")).customer()).isPresent();
  }

  @Test
  void eachTest_startsWithAnEmptyStore(CustomersSandbox sandbox) {
    assertThat(sandbox.store().size()).isZero();
  }

  @Test
  void jdkHttpClientDefaults_h2cUpgradeAttempt_doesNotHang(CustomersSandbox sandbox)
      throws Exception {
    HttpClient http =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build(); // HTTP/2 by default
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(sandbox.uri() + "/customers/id/1"))
                .header("x-api-key", sandbox.apiKey())
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(404);
  }

  @Test
  void stateFile_keepsCustomersAcrossRuns(@TempDir Path dir) {
    Path state = dir.resolve("sandbox.json");
    try (CustomersSandbox first = CustomersSandbox.builder().stateFile(state).start();
        CustomersClient client = first.client()) {
      client
          .customers()
          .upsert(
              UpsertMode.ADD,
              MatchBy.CRM_ID,
              List.of(CustomerRecord.builder().crmId("57").firstName("Adam").build()));
      client
          .customers()
          .upsert(
              UpsertMode.ADD,
              MatchBy.CRM_ID,
              List.of(CustomerRecord.builder().crmId("58").build()));
      client.customers().deleteAndAnonymize(CustomerKey.crmId("58")).deleted();
    }
    assertThat(state).exists();
    try (CustomersSandbox second = CustomersSandbox.builder().stateFile(state).start();
        CustomersClient client = second.client()) {
      assertThat(
              client.customers().get(CustomerKey.crmId("57")).customer().orElseThrow().firstName())
          .isEqualTo("Adam");
      assertThat(client.customers().get(CustomerKey.id(2)).customer())
          .as("the anonymized one is kept")
          .isPresent();
      assertThat(client.customers().get(CustomerKey.crmId("58")).customer()).isEmpty();
      client
          .customers()
          .upsert(
              UpsertMode.ADD,
              MatchBy.CRM_ID,
              List.of(CustomerRecord.builder().crmId("59").build()));
      assertThat(client.customers().get(CustomerKey.id(3)).customer())
          .as("IDs continue")
          .isPresent();
    }
  }

  @Test
  void stateFile_aRunThatChangesNothingLeavesItAsItWas(@TempDir Path dir) throws Exception {
    Path state = dir.resolve("sandbox.json");
    try (CustomersSandbox first = CustomersSandbox.builder().stateFile(state).start();
        CustomersClient client = first.client()) {
      client
          .customers()
          .upsert(
              UpsertMode.ADD,
              MatchBy.CRM_ID,
              List.of(CustomerRecord.builder().crmId("57").firstName("Adam").build()));
    }
    java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.fromMillis(1_000_000);
    java.nio.file.Files.setLastModifiedTime(state, old);
    byte[] saved = java.nio.file.Files.readAllBytes(state);
    try (CustomersSandbox second = CustomersSandbox.builder().stateFile(state).start();
        CustomersClient client = second.client()) {
      assertThat(client.customers().get(CustomerKey.crmId("57")).customer()).isPresent();
      assertThat(client.customers().get(CustomerKey.crmId("58")).customer()).isEmpty();
    }
    assertThat(java.nio.file.Files.getLastModifiedTime(state))
        .as("not written again")
        .isEqualTo(old);
    assertThat(java.nio.file.Files.readAllBytes(state)).isEqualTo(saved);
    try (CustomersSandbox third = CustomersSandbox.builder().stateFile(state).start();
        CustomersClient client = third.client()) {
      client.customers().deleteAndAnonymize(CustomerKey.crmId("57")).deleted();
    }
    assertThat(java.nio.file.Files.getLastModifiedTime(state))
        .as("a change is saved")
        .isNotEqualTo(old);
  }

  @Test
  void faults_latencyRateLimitsAndOutages() throws Exception {
    Faults faults = Faults.NONE.withLatency(Duration.ofMillis(150));
    try (CustomersSandbox slow = CustomersSandbox.builder().faults(faults).start();
        CustomersClient client = slow.client()) {
      long start = System.nanoTime();
      client.customers().get(CustomerKey.id(1)).customer();
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }
    Faults throttled = Faults.NONE.withRateLimited(1.0, Duration.ofSeconds(7));
    try (CustomersSandbox sandbox = CustomersSandbox.builder().faults(throttled).start()) {
      HttpResponse<String> r =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .build()
              .send(
                  HttpRequest.newBuilder(URI.create(sandbox.uri() + "/customers/id/1"))
                      .header("x-api-key", sandbox.apiKey())
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(429);
      assertThat(r.headers().firstValue("Retry-After")).hasValue("7");
      assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }
    Faults down = Faults.NONE.withUnavailable(0.5).withSeed(7);
    try (CustomersSandbox sandbox = CustomersSandbox.builder().faults(down).start()) {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      int unavailable = 0;
      for (int i = 0; i < 200; i++) {
        HttpResponse<Void> r =
            http.send(
                HttpRequest.newBuilder(URI.create(sandbox.uri() + "/customers/id/1"))
                    .header("x-api-key", sandbox.apiKey())
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        unavailable += r.statusCode() == 503 ? 1 : 0;
      }
      assertThat(unavailable).isBetween(70, 130);
    }
  }
}
