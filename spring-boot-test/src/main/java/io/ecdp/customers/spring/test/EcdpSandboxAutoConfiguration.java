package io.ecdp.customers.spring.test;

import io.ecdp.customers.sandbox.CustomersSandbox;
import io.ecdp.customers.sandbox.SandboxStore;
import io.ecdp.customers.spring.EcdpCustomersAutoConfiguration;
import io.ecdp.customers.spring.EcdpCustomersConnectionDetails;
import java.net.URI;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Starts the sandbox of {@link AutoConfigureEcdpSandbox}: imported by that annotation only, never
 * by an application. The sandbox is a bean of the context, closed with it.
 */
@AutoConfiguration(before = EcdpCustomersAutoConfiguration.class)
public class EcdpSandboxAutoConfiguration {

  /** Creates the auto-configuration (Spring does). */
  public EcdpSandboxAutoConfiguration() {}

  /**
   * Returns the store the sandbox serves, for the test to seed and inspect; a test's own {@code
   * SandboxStore} bean is served instead.
   *
   * @return a new, empty store
   */
  @Bean
  @ConditionalOnMissingBean
  SandboxStore ecdpSandboxStore() {
    return new SandboxStore();
  }

  /**
   * Returns a started sandbox on a free loopback port, serving the store; stopped when the context
   * closes.
   *
   * @param store the store it serves
   * @return the sandbox
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  CustomersSandbox ecdpCustomersSandbox(SandboxStore store) {
    return CustomersSandbox.builder().store(store).start();
  }

  /**
   * Returns the sandbox's address and key for the auto-configured client.
   *
   * @param sandbox the sandbox
   * @return the connection details
   */
  @Bean
  EcdpCustomersConnectionDetails ecdpSandboxConnectionDetails(CustomersSandbox sandbox) {
    return new SandboxConnectionDetails(sandbox.uri(), sandbox.apiKey());
  }

  /** The sandbox's address and key. */
  private record SandboxConnectionDetails(URI baseUri, String apiKey)
      implements EcdpCustomersConnectionDetails {
    @Override
    public String toString() {
      return "SandboxConnectionDetails{baseUri=" + baseUri + "}";
    }
  }
}
