package io.ecdp.customers.spring;

import io.ecdp.customers.CustomersClient;
import io.ecdp.customers.micrometer.EcdpObservations;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Observes the auto-configured client's calls through the application's {@link ObservationRegistry}
 * (Micrometer's meters and tracing, as the actuator sets them up), with the
 * ecdp-customers-micrometer listener. Nothing is registered when the application has no registry.
 */
@AutoConfiguration(
    afterName = {
      // Spring Boot 3.5's, then 4.x's: the one present makes the registry.
      "org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration",
      "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration"
    })
@ConditionalOnClass({CustomersClient.class, ObservationRegistry.class, EcdpObservations.class})
@ConditionalOnBean(ObservationRegistry.class)
public class EcdpCustomersObservationAutoConfiguration {

  /** Creates the auto-configuration (Spring does). */
  public EcdpCustomersObservationAutoConfiguration() {}

  /**
   * Returns a customizer that adds the observing listener to the client.
   *
   * @param registry the application's registry
   * @return the customizer
   */
  @Bean
  EcdpCustomersClientCustomizer ecdpCustomersObservation(ObservationRegistry registry) {
    return builder -> builder.addListener(EcdpObservations.listener(registry));
  }
}
