package io.ecdp.customers.spring;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Sets HttpClient 5's loggers that print what a request carries to {@code INFO}, as defaults that
 * any property source overrides (and Spring's notice of a Bean Validation API without a provider,
 * which the sandbox's Jersey brings, to {@code WARN}): at {@code DEBUG}, {@code MainClientExec}
 * prints the request line (a customer's e-mail or phone in the path), {@code headers} the {@code
 * x-api-key} header, and {@code wire} every byte. An application that sets {@code
 * logging.level.root=DEBUG} keeps them quiet; one that sets one of these loggers itself gets what
 * it asked for.
 */
public final class HttpClientLoggingDefaults
    implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

  /** The name of the property source that holds the defaults. */
  public static final String PROPERTY_SOURCE = "ecdpCustomersLoggingDefaults";

  /** The defaults, by property. */
  static final Map<String, Object> DEFAULTS = defaults();

  /** Creates the listener (Spring Boot does, from {@code META-INF/spring.factories}). */
  public HttpClientLoggingDefaults() {}

  private static Map<String, Object> defaults() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("logging.level.org.apache.hc.client5.http.impl.classic.MainClientExec", "INFO");
    d.put("logging.level.org.apache.hc.client5.http.headers", "INFO");
    d.put("logging.level.org.apache.hc.client5.http.wire", "INFO");
    // The sandbox's Jersey server needs the Bean Validation API, but no provider: Spring MVC then
    // reports at INFO, with a stack trace, that it has none. Only that report is dropped.
    d.put(
        "logging.level.org.springframework.validation.beanvalidation.OptionalValidatorFactoryBean",
        "WARN");
    return Map.copyOf(d);
  }

  @Override
  public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
    ConfigurableEnvironment environment = event.getEnvironment();
    if (!environment.getPropertySources().contains(PROPERTY_SOURCE)) {
      // Last: every other source (files, environment, command line) wins.
      environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE, DEFAULTS));
    }
  }

  /** Before Spring Boot's logging listener, which applies the levels. */
  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE + 15;
  }
}
