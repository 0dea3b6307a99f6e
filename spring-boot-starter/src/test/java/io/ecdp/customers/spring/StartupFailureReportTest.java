package io.ecdp.customers.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

/**
 * A real application's start without a usable key or address: Spring Boot prints the starter's
 * report (found through {@code META-INF/spring.factories}) and no stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureReportTest {

  private static final String KEY = "k3y-in-a-failed-start-5c4b";

  @Test
  void missingKey_printsTheReportWithThePropertyTheVariableAndNoStackTrace(CapturedOutput output) {
    assertThatThrownBy(() -> start())
        .hasRootCauseInstanceOf(EcdpCustomersPropertiesException.class);
    assertThat(output.toString())
        .contains("APPLICATION FAILED TO START")
        .contains("Property: ecdp.customers.api-key")
        .contains("ECDP_CUSTOMERS_API_KEY")
        .doesNotContain("\tat ")
        .doesNotContain("Caused by:");
  }

  @Test
  void insecureAddress_printsTheReportWithoutTheKey(CapturedOutput output) {
    assertThatThrownBy(
            () ->
                start(
                    "--ecdp.customers.api-key=" + KEY,
                    "--ecdp.customers.base-uri=http://10.1.2.3:8080"))
        .hasRootCauseInstanceOf(EcdpCustomersPropertiesException.class);
    assertThat(output.toString())
        .contains("APPLICATION FAILED TO START")
        .contains("Property: ecdp.customers.base-uri")
        .contains("plain http to 10.1.2.3")
        .doesNotContain(KEY)
        .doesNotContain("\tat ");
  }

  private static void start(String... args) {
    SpringApplication app = new SpringApplication(App.class);
    app.setWebApplicationType(WebApplicationType.NONE);
    app.run(args).close();
  }

  @Configuration(proxyBeanMethods = false)
  @ImportAutoConfiguration(EcdpCustomersAutoConfiguration.class)
  static class App {}
}
