package io.ecdp.customers.spring;

import io.ecdp.customers.CustomersClient;

/**
 * Customizes the auto-configured client's builder after the properties are applied: a bean of this
 * type can add a listener, a TLS context or an executor. Customizers run in their {@code @Order}.
 */
@FunctionalInterface
public interface EcdpCustomersClientCustomizer {

  /**
   * Customizes the builder.
   *
   * @param builder the builder, with the properties applied
   */
  void customize(CustomersClient.Builder builder);
}
