package io.ecdp.customers.spring;

import io.ecdp.customers.CustomersClient;
import io.ecdp.customers.RetryPolicy;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes a {@link CustomersClient} bean from the {@code ecdp.customers.*} properties (or an {@link
 * EcdpCustomersConnectionDetails} bean), customized by every {@link EcdpCustomersClientCustomizer}
 * bean, and closed with the context. An application's own {@code CustomersClient} bean replaces it.
 * With the actuator, a sanitizing function keeps the key out of {@code /configprops} and {@code
 * /env}.
 */
@AutoConfiguration
@ConditionalOnClass(CustomersClient.class)
@EnableConfigurationProperties(EcdpCustomersProperties.class)
public class EcdpCustomersAutoConfiguration {

  /** Creates the auto-configuration (Spring does). */
  public EcdpCustomersAutoConfiguration() {}

  /**
   * Returns the address and key from the properties, unless another bean gives them.
   *
   * @param properties the properties
   * @return the connection details
   */
  @Bean
  @ConditionalOnMissingBean(EcdpCustomersConnectionDetails.class)
  EcdpCustomersConnectionDetails ecdpCustomersConnectionDetails(
      EcdpCustomersProperties properties) {
    return new PropertiesConnectionDetails(properties);
  }

  /**
   * Returns the client, closed when the context closes.
   *
   * @param connection where the API is and its key
   * @param properties the timeouts, retry, pool, proxy and headers
   * @param customizers applied after the properties, in order
   * @return the client
   * @throws EcdpCustomersPropertiesException when the key is missing or blank, or a property is
   *     invalid
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  CustomersClient ecdpCustomersClient(
      EcdpCustomersConnectionDetails connection,
      EcdpCustomersProperties properties,
      ObjectProvider<EcdpCustomersClientCustomizer> customizers) {
    CustomersClient.Builder builder = CustomersClient.builder();
    String key = connection.apiKey();
    builder.baseUri(connection.baseUri());
    apply("api-key", () -> builder.apiKey(key));
    apply("connect-timeout", () -> builder.connectTimeout(properties.connectTimeout()));
    apply("read-timeout", () -> builder.readTimeout(properties.readTimeout()));
    apply("call-timeout", () -> builder.callTimeout(properties.callTimeout()));
    EcdpCustomersProperties.Retry retry = properties.retry();
    apply(
        "retry",
        () ->
            builder.retryPolicy(
                RetryPolicy.builder()
                    .maxAttempts(retry.maxAttempts())
                    .initialBackoff(retry.initialBackoff())
                    .maxBackoff(retry.maxBackoff())
                    .build()));
    apply("max-connections", () -> builder.maxConnections(properties.maxConnections()));
    java.net.URI proxy = properties.proxy();
    if (proxy != null) {
      apply("proxy", () -> builder.proxy(proxy));
    }
    String userAgent = properties.userAgent();
    if (userAgent != null && !userAgent.isBlank()) {
      apply("user-agent", () -> builder.userAgent(userAgent));
    }
    for (Map.Entry<String, String> header : properties.headers().entrySet()) {
      apply("headers", () -> builder.header(header.getKey(), header.getValue()));
    }
    customizers.orderedStream().forEach(c -> c.customize(builder));
    return builder.build();
  }

  /** Applies one property, turning the builder's refusal into a report that names it. */
  private static void apply(String property, Runnable setter) {
    try {
      setter.run();
    } catch (IllegalArgumentException | NullPointerException e) {
      String name = EcdpCustomersProperties.PREFIX + "." + property;
      throw new EcdpCustomersPropertiesException(
          name,
          name + " is invalid: " + e.getMessage(),
          "Correct " + name + " (see the starter's properties table in the README).");
    }
  }

  /** Masks the key in the actuator's endpoints, when the actuator is on the class path. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(SanitizingFunction.class)
  static class Actuator {

    @Bean
    SanitizingFunction ecdpCustomersApiKeySanitizingFunction(
        EcdpCustomersProperties properties,
        ObjectProvider<EcdpCustomersConnectionDetails> connection) {
      return new ApiKeySanitizingFunction(() -> keysInUse(properties, connection));
    }

    private static java.util.List<String> keysInUse(
        EcdpCustomersProperties properties,
        ObjectProvider<EcdpCustomersConnectionDetails> connection) {
      java.util.List<String> keys = new java.util.ArrayList<>(2);
      String fromProperties = properties.apiKey();
      if (fromProperties != null) {
        keys.add(fromProperties);
      }
      EcdpCustomersConnectionDetails details = connection.getIfAvailable();
      if (details != null) {
        try {
          keys.add(details.apiKey());
        } catch (RuntimeException e) {
          // No usable key there (the properties' own is blank or missing): nothing to add.
        }
      }
      return keys;
    }
  }
}
