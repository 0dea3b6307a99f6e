package io.ecdp.customers.spring.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecdp.customers.CustomerKey;
import io.ecdp.customers.CustomersClient;
import io.ecdp.customers.errors.ConnectionException;
import io.ecdp.customers.sandbox.CustomersSandbox;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Each context has its own sandbox, stopped when the context closes; none without the annotation.
 */
class SandboxPerContextTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  EcdpSandboxAutoConfiguration.class,
                  io.ecdp.customers.spring.EcdpCustomersAutoConfiguration.class));

  @Test
  void twoContexts_twoSandboxes_eachStoppedWithItsContext() {
    URI[] uris = new URI[2];
    runner.run(
        first -> {
          uris[0] = first.getBean(CustomersSandbox.class).uri();
          runner.run(second -> uris[1] = second.getBean(CustomersSandbox.class).uri());
          assertThat(uris[1]).isNotEqualTo(uris[0]);
          // The first still serves while the second is gone.
          assertThat(
                  first
                      .getBean(CustomersClient.class)
                      .customers()
                      .get(CustomerKey.email("a@example.com"))
                      .customer())
              .isEmpty();
        });
    for (URI uri : uris) {
      try (CustomersClient client =
          CustomersClient.builder()
              .apiKey(CustomersSandbox.DEFAULT_API_KEY)
              .baseUri(uri)
              .retryPolicy(io.ecdp.customers.RetryPolicy.none())
              .build()) {
        assertThatThrownBy(() -> client.customers().get(CustomerKey.email("a@example.com")))
            .as("the sandbox at " + uri + " is stopped")
            .isInstanceOf(ConnectionException.class);
      }
    }
  }

  @Test
  void withoutTheAnnotation_anApplicationStartsNoSandbox() {
    new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(io.ecdp.customers.spring.EcdpCustomersAutoConfiguration.class))
        .withPropertyValues("ecdp.customers.api-key=k")
        .run(context -> assertThat(context).doesNotHaveBean(CustomersSandbox.class));
  }
}
