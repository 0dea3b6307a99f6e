package io.ecdp.customers.spring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * HttpClient's loggers that print request lines, headers and bytes stay at INFO under a DEBUG root,
 * through a property source any other overrides.
 */
class HttpClientLoggingDefaultsTest {

  private static final String EXEC = "org.apache.hc.client5.http.impl.classic.MainClientExec";

  @Test
  void debugRoot_keepsHttpClientsRequestLineHeadersAndWireAtInfo() {
    try (ConfigurableApplicationContext context = start("--logging.level.root=DEBUG")) {
      LoggingSystem logging = context.getBean(LoggingSystem.class);
      assertThat(logging.getLoggerConfiguration("ROOT").getEffectiveLevel())
          .isEqualTo(LogLevel.DEBUG);
      for (String logger :
          new String[] {
            EXEC, "org.apache.hc.client5.http.headers", "org.apache.hc.client5.http.wire"
          }) {
        assertThat(logging.getLoggerConfiguration(logger).getEffectiveLevel())
            .as(logger)
            .isEqualTo(LogLevel.INFO);
      }
      // Below the command line, the system properties and the environment: any of them wins.
      java.util.List<String> sources =
          context.getEnvironment().getPropertySources().stream().map(s -> s.getName()).toList();
      assertThat(sources.indexOf(HttpClientLoggingDefaults.PROPERTY_SOURCE))
          .isGreaterThan(sources.indexOf("commandLineArgs"))
          .isGreaterThan(sources.indexOf("systemProperties"))
          .isGreaterThan(sources.indexOf("systemEnvironment"));
    }
  }

  @Test
  void theApplicationsOwnLevel_winsOverTheDefault() {
    try (ConfigurableApplicationContext context =
        start("--logging.level." + EXEC + "=DEBUG", "--logging.level.root=DEBUG")) {
      LoggingSystem logging = context.getBean(LoggingSystem.class);
      assertThat(logging.getLoggerConfiguration(EXEC).getEffectiveLevel())
          .isEqualTo(LogLevel.DEBUG);
    }
  }

  private static ConfigurableApplicationContext start(String... args) {
    SpringApplication app = new SpringApplication(App.class);
    app.setWebApplicationType(WebApplicationType.NONE);
    return app.run(args);
  }

  @Configuration(proxyBeanMethods = false)
  static class App {}
}
