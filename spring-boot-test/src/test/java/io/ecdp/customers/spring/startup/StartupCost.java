package io.ecdp.customers.spring.startup;

import io.ecdp.customers.CustomerKey;
import io.ecdp.customers.CustomersClient;
import io.ecdp.customers.sandbox.CustomersSandbox;
import io.ecdp.customers.spring.EcdpCustomersAutoConfiguration;
import io.ecdp.customers.spring.EcdpCustomersObservationAutoConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Measures the time from a Spring context's start to the client's first call, with the starter
 * (auto-configured from properties) or without it (the {@code @Bean} a team writes by hand): run
 * once per fresh JVM, {@code java -cp <test class path> io.ecdp.customers.spring.test.StartupCost
 * starter|manual}; prints {@code <mode> <milliseconds>}. The sandbox it calls is started before the
 * clock. Not a test: benchmarks/spring-boot-startup.sh alternates the two modes and reports the
 * ratio of the medians.
 */
public final class StartupCost {

  private StartupCost() {}

  /**
   * Runs one measurement.
   *
   * @param args {@code starter} or {@code manual}
   */
  public static void main(String[] args) {
    boolean starter = args.length > 0 && args[0].equals("starter");
    try (CustomersSandbox sandbox = CustomersSandbox.builder().start()) {
      long start = System.nanoTime();
      SpringApplication app = new SpringApplication(starter ? WithStarter.class : Manual.class);
      app.setWebApplicationType(WebApplicationType.NONE);
      app.setLogStartupInfo(false);
      try (ConfigurableApplicationContext context =
          app.run(
              "--spring.main.banner-mode=off",
              "--logging.level.root=WARN",
              "--ecdp.customers.api-key=" + sandbox.apiKey(),
              "--ecdp.customers.base-uri=" + sandbox.uri())) {
        context
            .getBean(CustomersClient.class)
            .customers()
            .get(CustomerKey.email("first.call@example.com"));
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println((starter ? "starter " : "manual ") + millis);
      }
    }
  }

  /** The starter's auto-configuration, as an application with it on the class path gets it. */
  @Configuration(proxyBeanMethods = false)
  @ImportAutoConfiguration({
    EcdpCustomersAutoConfiguration.class,
    EcdpCustomersObservationAutoConfiguration.class
  })
  static class WithStarter {}

  /** The hand-written bean the starter replaces. */
  @Configuration(proxyBeanMethods = false)
  static class Manual {
    @Bean(destroyMethod = "close")
    CustomersClient customersClient(
        @Value("${ecdp.customers.api-key}") String key,
        @Value("${ecdp.customers.base-uri}") String uri) {
      return CustomersClient.builder().apiKey(key).baseUri(uri).build();
    }
  }
}
