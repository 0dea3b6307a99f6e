package io.ecdp.customers.spring.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecdp.customers.CustomerKey;
import io.ecdp.customers.CustomersClient;
import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import io.ecdp.customers.sandbox.CustomersSandbox;
import io.ecdp.customers.sandbox.SandboxStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A real web application (Tomcat, the actuator, jersey-spring6 on the class path, DEBUG logging)
 * with the starter and {@link AutoConfigureEcdpSandbox}: the client reaches the sandbox, the store
 * shows what was stored, and the API key set in the properties shows neither in {@code
 * /actuator/configprops} nor in {@code /actuator/env}, called over HTTP with values shown, nor in
 * anything logged; nor do the customer's e-mail and phone.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "ecdp.customers.api-key=" + SandboxInAWebApplicationTest.KEY,
      "VAULT_ECDP_TOKEN=" + SandboxInAWebApplicationTest.KEY,
      "management.endpoints.web.exposure.include=configprops,env",
      "management.endpoint.configprops.show-values=always",
      "management.endpoint.env.show-values=always",
      "logging.level.root=DEBUG"
    })
@AutoConfigureEcdpSandbox
@ExtendWith(OutputCaptureExtension.class)
class SandboxInAWebApplicationTest {

  static final String KEY = "live-k3y-never-shown-77a1c9";
  private static final String EMAIL = "ewa.personal@example.com";
  private static final String PHONE = "+48600700800";

  @Autowired CustomersClient client;
  @Autowired SandboxStore store;
  @Autowired CustomersSandbox sandbox;
  @LocalServerPort int port;

  @Test
  void theClientUpsertsIntoTheSandbox_andTheStoreShowsIt() {
    assertThat(client.baseUri()).isEqualTo(sandbox.uri());
    client
        .customers()
        .upsert(
            UpsertMode.ADD_OR_UPDATE,
            MatchBy.EMAIL,
            List.of(CustomerRecord.builder().email(EMAIL).phone(PHONE).firstName("Ewa").build()));
    assertThat(store.find(CustomerKey.email(EMAIL)))
        .hasValueSatisfying(d -> assertThat(d.firstName()).isEqualTo("Ewa"));
    assertThat(client.customers().get(CustomerKey.email(EMAIL)).customer()).isPresent();
  }

  @Test
  void theKey_isInNoActuatorEndpointAndNoLogLine_norAreEmailsOrPhones(CapturedOutput output)
      throws IOException, InterruptedException {
    client
        .customers()
        .upsert(
            UpsertMode.ADD_OR_UPDATE,
            MatchBy.EMAIL,
            List.of(CustomerRecord.builder().email(EMAIL).phone(PHONE).build()));
    client.customers().get(CustomerKey.email(EMAIL));
    String configprops = get("/actuator/configprops");
    String env = get("/actuator/env");
    // What the endpoints answered, for a reader of the build.
    java.nio.file.Files.writeString(
        java.nio.file.Path.of("target", "actuator-configprops.json"), configprops);
    java.nio.file.Files.writeString(java.nio.file.Path.of("target", "actuator-env.json"), env);
    // The endpoints do show values: the property is there, masked.
    assertThat(configprops).contains("ecdp.customers").contains("\"apiKey\":\"******\"");
    assertThat(env).contains("ecdp.customers.api-key").contains("VAULT_ECDP_TOKEN");
    assertThat(configprops).doesNotContain(KEY);
    assertThat(env).doesNotContain(KEY);
    String log = output.getAll();
    assertThat(log).as("DEBUG logging is on").contains("DEBUG");
    assertThat(log).doesNotContain(KEY).doesNotContain(EMAIL).doesNotContain(PHONE);
    assertThat(log).doesNotContain(sandbox.apiKey());
  }

  @Test
  void startup_logsNoBeanValidationNoticeAndNoWarning(CapturedOutput output) {
    assertThat(output.getAll())
        .doesNotContain("Bean Validation")
        .doesNotContain(" WARN ")
        .doesNotContain("applicationContext.xml");
  }

  private String get(String path) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return response.body();
  }

  @SpringBootApplication
  static class App {}
}
