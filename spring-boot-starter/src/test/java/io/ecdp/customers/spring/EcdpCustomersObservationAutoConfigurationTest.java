package io.ecdp.customers.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecdp.customers.CustomerKey;
import io.ecdp.customers.CustomersClient;
import io.ecdp.customers.micrometer.EcdpObservations;
import io.ecdp.customers.sandbox.CustomersSandbox;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The client's calls are observed when the application has an ObservationRegistry, and only then.
 */
class EcdpCustomersObservationAutoConfigurationTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  EcdpCustomersAutoConfiguration.class,
                  EcdpCustomersObservationAutoConfiguration.class));

  @Test
  void withARegistry_eachCallIsObserved() {
    try (CustomersSandbox sandbox = CustomersSandbox.builder().start()) {
      runner
          .withUserConfiguration(Registry.class)
          .withPropertyValues(
              "ecdp.customers.api-key=" + sandbox.apiKey(),
              "ecdp.customers.base-uri=" + sandbox.uri())
          .run(
              context -> {
                context
                    .getBean(CustomersClient.class)
                    .customers()
                    .get(CustomerKey.email("nobody@example.com"));
                assertThat(context.getBean(Registry.class).stopped)
                    .contains("ecdp.customers.calls", "ecdp.customers.attempts");
              });
    }
  }

  @Test
  void withoutARegistry_nothingIsRegistered() {
    runner
        .withPropertyValues("ecdp.customers.api-key=k")
        .run(
            context ->
                assertThat(context)
                    .hasSingleBean(CustomersClient.class)
                    .doesNotHaveBean(EcdpCustomersClientCustomizer.class));
  }

  @Test
  void withoutTheObservationModule_nothingIsRegistered() {
    runner
        .withUserConfiguration(Registry.class)
        .withClassLoader(new FilteredClassLoader(EcdpObservations.class))
        .withPropertyValues("ecdp.customers.api-key=k")
        .run(context -> assertThat(context).doesNotHaveBean(EcdpCustomersClientCustomizer.class));
  }

  /** An application's registry, with a handler that records the observations stopped. */
  @Configuration(proxyBeanMethods = false)
  static class Registry {
    final List<String> stopped = new CopyOnWriteArrayList<>();

    @Bean
    ObservationRegistry observationRegistry() {
      ObservationRegistry registry = ObservationRegistry.create();
      registry
          .observationConfig()
          .observationHandler(
              new ObservationHandler<Observation.Context>() {
                @Override
                public void onStop(Observation.Context context) {
                  stopped.add(context.getName());
                }

                @Override
                public boolean supportsContext(Observation.Context context) {
                  return true;
                }
              });
      return registry;
    }
  }
}
