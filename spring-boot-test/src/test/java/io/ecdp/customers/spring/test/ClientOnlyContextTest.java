package io.ecdp.customers.spring.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecdp.customers.CustomerKey;
import io.ecdp.customers.CustomersClient;
import io.ecdp.customers.model.CustomerDetails;
import io.ecdp.customers.sandbox.CustomersSandbox;
import io.ecdp.customers.sandbox.SandboxStore;
import io.ecdp.customers.spring.EcdpCustomersAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * A context that holds only the client (no application, no web server): the sandbox's address
 * reaches the client through the connection details, with no key in any property.
 */
@SpringBootTest(classes = ClientOnlyContextTest.ClientOnly.class)
@AutoConfigureEcdpSandbox
class ClientOnlyContextTest {

  @Autowired CustomersClient client;
  @Autowired SandboxStore store;
  @Autowired CustomersSandbox sandbox;
  @Autowired ApplicationContext context;

  @Test
  void aSeededCustomer_isReadThroughTheInjectedClient() {
    store.put(
        7,
        CustomerDetails.builder().email("seeded@example.com").firstName("Seeded").build(),
        "v-7");
    assertThat(client.baseUri()).isEqualTo(sandbox.uri());
    assertThat(client.customers().get(CustomerKey.email("seeded@example.com")).customer())
        .hasValueSatisfying(d -> assertThat(d.firstName()).isEqualTo("Seeded"));
    assertThat(context.getEnvironment().getProperty("ecdp.customers.api-key")).isNull();
  }

  @Configuration(proxyBeanMethods = false)
  @ImportAutoConfiguration(EcdpCustomersAutoConfiguration.class)
  static class ClientOnly {}
}
