package io.ecdp.customers.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecdp.customers.CustomerKey;
import io.ecdp.customers.CustomersClient;
import io.ecdp.customers.sandbox.CustomersSandbox;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** Every condition and property of {@link EcdpCustomersAutoConfiguration}. */
class EcdpCustomersAutoConfigurationTest {

  private static final String KEY = "k3y-under-test-9f8e7d";

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(EcdpCustomersAutoConfiguration.class));

  @Test
  void withAKey_makesOneClientAtTheVendorsAddressWithTheClientsDefaults() {
    runner
        .withPropertyValues("ecdp.customers.api-key=" + KEY)
        .run(
            context -> {
              assertThat(context).hasSingleBean(CustomersClient.class);
              CustomersClient client = context.getBean(CustomersClient.class);
              assertThat(client.baseUri()).isEqualTo(URI.create("https://api.ecdp.app"));
              assertThat(client.toString())
                  .contains("connectTimeout=PT10S", "readTimeout=PT30S", "callTimeout=PT1M")
                  .contains("maxAttempts=3", "initialBackoff=PT0.2S", "maxBackoff=PT5S")
                  .doesNotContain(KEY);
            });
  }

  @Test
  void timeoutsRetryAndAddress_comeFromTheProperties() {
    runner
        .withPropertyValues(
            "ecdp.customers.api-key=" + KEY,
            "ecdp.customers.base-uri=https://eu.api.example.test",
            "ecdp.customers.connect-timeout=2s",
            "ecdp.customers.read-timeout=3s",
            "ecdp.customers.call-timeout=45s",
            "ecdp.customers.retry.max-attempts=5",
            "ecdp.customers.retry.initial-backoff=50ms",
            "ecdp.customers.retry.max-backoff=2s")
        .run(
            context -> {
              CustomersClient client = context.getBean(CustomersClient.class);
              assertThat(client.baseUri()).isEqualTo(URI.create("https://eu.api.example.test"));
              assertThat(client.toString())
                  .contains("connectTimeout=PT2S", "readTimeout=PT3S", "callTimeout=PT45S")
                  .contains("maxAttempts=5", "initialBackoff=PT0.05S", "maxBackoff=PT2S");
            });
  }

  @Test
  void noKey_failsStartupNamingThePropertyTheVariableAndTheFix() {
    runner.run(
        context -> {
          FailureAnalysis analysis = analysis(context);
          assertThat(analysis.getDescription())
              .contains("ecdp.customers.api-key")
              .contains("is not set");
          assertThat(analysis.getAction())
              .contains("ECDP_CUSTOMERS_API_KEY")
              .contains("@AutoConfigureEcdpSandbox");
        });
  }

  @Test
  void blankKey_failsStartupAsBlank() {
    runner
        .withPropertyValues("ecdp.customers.api-key=   ")
        .run(
            context ->
                assertThat(analysis(context).getDescription())
                    .contains("ecdp.customers.api-key is blank"));
  }

  @Test
  void plainHttpToARemoteHost_failsStartupWithoutShowingTheKey() {
    runner
        .withPropertyValues(
            "ecdp.customers.api-key=" + KEY, "ecdp.customers.base-uri=http://api.ecdp.app")
        .run(
            context -> {
              FailureAnalysis analysis = analysis(context);
              assertThat(analysis.getDescription())
                  .contains("ecdp.customers.base-uri is plain http to api.ecdp.app")
                  .doesNotContain(KEY);
              assertThat(analysis.getAction()).contains("https");
            });
  }

  @Test
  void plainHttpToLoopback_isAccepted() {
    for (String uri : List.of("http://localhost:8080", "http://127.0.0.1:1", "http://[::1]:2")) {
      runner
          .withPropertyValues("ecdp.customers.api-key=" + KEY, "ecdp.customers.base-uri=" + uri)
          .run(
              context ->
                  assertThat(context.getBean(CustomersClient.class).baseUri())
                      .isEqualTo(URI.create(uri)));
    }
  }

  @Test
  void anInvalidValue_failsStartupNamingItsProperty() {
    runner
        .withPropertyValues("ecdp.customers.api-key=" + KEY, "ecdp.customers.max-connections=0")
        .run(
            context ->
                assertThat(analysis(context).getDescription())
                    .contains("ecdp.customers.max-connections is invalid"));
    runner
        .withPropertyValues("ecdp.customers.api-key=" + KEY, "ecdp.customers.proxy=http://proxy")
        .run(
            context ->
                assertThat(analysis(context).getDescription())
                    .contains("ecdp.customers.proxy is invalid"));
  }

  @Test
  void anApplicationsOwnClient_replacesTheAutoConfiguredOneAndNeedsNoKey() {
    runner
        .withUserConfiguration(OwnClient.class)
        .run(
            context -> {
              assertThat(context).hasNotFailed().hasSingleBean(CustomersClient.class);
              assertThat(context.getBean(CustomersClient.class).baseUri())
                  .isEqualTo(URI.create("https://own.example.test"));
            });
  }

  @Test
  void connectionDetailsBean_replacesTheAddressAndKeyProperties() {
    runner
        .withUserConfiguration(OwnConnection.class)
        .withPropertyValues("ecdp.customers.base-uri=http://remote.example.test")
        .run(
            context ->
                assertThat(context.getBean(CustomersClient.class).baseUri())
                    .isEqualTo(URI.create("http://127.0.0.1:9")));
  }

  @Test
  void theClient_isClosedWithTheContext() {
    CustomersClient[] client = new CustomersClient[1];
    runner
        .withPropertyValues("ecdp.customers.api-key=" + KEY)
        .run(context -> client[0] = context.getBean(CustomersClient.class));
    assertThatThrownBy(() -> client[0].customers())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void withoutTheClientOnTheClassPath_nothingIsConfigured() {
    runner
        .withClassLoader(new FilteredClassLoader(CustomersClient.class))
        .run(
            context ->
                assertThat(context)
                    .hasNotFailed()
                    .doesNotHaveBean(EcdpCustomersConnectionDetails.class)
                    .doesNotHaveBean("ecdpCustomersClient"));
  }

  @Test
  void withTheActuator_aSanitizingFunctionMasksTheKey_withoutIt_none() {
    runner
        .withPropertyValues("ecdp.customers.api-key=" + KEY)
        .run(context -> assertThat(context).hasSingleBean(SanitizingFunction.class));
    runner
        .withPropertyValues("ecdp.customers.api-key=" + KEY)
        .withClassLoader(new FilteredClassLoader(SanitizingFunction.class))
        .run(
            context ->
                assertThat(context).hasNotFailed().doesNotHaveBean(SanitizingFunction.class));
  }

  @Test
  void customizers_runInOrderAfterTheProperties() {
    runner
        .withPropertyValues("ecdp.customers.api-key=" + KEY, "ecdp.customers.connect-timeout=1s")
        .withUserConfiguration(Customizers.class)
        .run(
            context ->
                assertThat(context.getBean(CustomersClient.class).toString())
                    .contains("connectTimeout=PT3S"));
  }

  @Test
  void userAgentAndHeaders_reachTheServer() {
    Headers seen = new Headers();
    try (CustomersSandbox sandbox = CustomersSandbox.builder().register(seen).start()) {
      runner
          .withPropertyValues(
              "ecdp.customers.api-key=" + sandbox.apiKey(),
              "ecdp.customers.base-uri=" + sandbox.uri(),
              "ecdp.customers.user-agent=billing-service/2.3",
              "ecdp.customers.headers.X-Team=billing",
              "ecdp.customers.headers.Prefer=respond-async")
          .run(
              context -> {
                context
                    .getBean(CustomersClient.class)
                    .customers()
                    .get(CustomerKey.email("nobody@example.com"));
                assertThat(seen.lines)
                    .anySatisfy(l -> assertThat(l).startsWith("user-agent: billing-service/2.3 "))
                    .contains("x-team: billing", "prefer: respond-async");
              });
    }
  }

  @Test
  void maxConnections_boundsTheCallsInFlight() {
    Concurrency concurrency = new Concurrency();
    try (CustomersSandbox sandbox = CustomersSandbox.builder().register(concurrency).start()) {
      runner
          .withPropertyValues(
              "ecdp.customers.api-key=" + sandbox.apiKey(),
              "ecdp.customers.base-uri=" + sandbox.uri(),
              "ecdp.customers.max-connections=2")
          .run(
              context -> {
                CustomersClient client = context.getBean(CustomersClient.class);
                List<CompletableFuture<?>> calls = new CopyOnWriteArrayList<>();
                for (int i = 0; i < 6; i++) {
                  calls.add(client.customers().async().get(CustomerKey.email(i + "@example.com")));
                }
                CompletableFuture.allOf(calls.toArray(new CompletableFuture<?>[0])).join();
                assertThat(concurrency.calls.get()).isEqualTo(6);
                assertThat(concurrency.most.get()).isBetween(1, 2);
              });
    }
  }

  @Test
  void proxy_carriesEveryCall() throws Exception {
    try (OneRequestServer proxy = new OneRequestServer()) {
      runner
          .withPropertyValues(
              "ecdp.customers.api-key=" + KEY,
              "ecdp.customers.base-uri=https://api.ecdp.example.test",
              "ecdp.customers.proxy=http://127.0.0.1:" + proxy.port(),
              "ecdp.customers.retry.max-attempts=1")
          .run(
              context -> {
                CustomersClient client = context.getBean(CustomersClient.class);
                assertThatThrownBy(
                    () -> client.customers().get(CustomerKey.email("nobody@example.com")));
                // An https call through a proxy starts with CONNECT to the API's host.
                assertThat(proxy.firstLine())
                    .isEqualTo("CONNECT api.ecdp.example.test:443 HTTP/1.1");
              });
    }
  }

  private static FailureAnalysis analysis(AssertableApplicationContext context) {
    assertThat(context).hasFailed();
    Throwable failure = context.getStartupFailure();
    FailureAnalysis analysis = new EcdpCustomersFailureAnalyzer().analyze(failure);
    assertThat(analysis).as("the starter's analyzer reports " + failure).isNotNull();
    return analysis;
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnClient {
    @Bean
    CustomersClient ownClient() {
      return CustomersClient.builder().apiKey("own").baseUri("https://own.example.test").build();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnConnection {
    @Bean
    EcdpCustomersConnectionDetails ownConnection() {
      return new EcdpCustomersConnectionDetails() {
        @Override
        public URI baseUri() {
          return URI.create("http://127.0.0.1:9");
        }

        @Override
        public String apiKey() {
          return "from-details";
        }
      };
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Customizers {
    @Bean
    @Order(2)
    EcdpCustomersClientCustomizer second() {
      return b -> b.connectTimeout(java.time.Duration.ofSeconds(3));
    }

    @Bean
    @Order(1)
    EcdpCustomersClientCustomizer first() {
      return b -> b.connectTimeout(java.time.Duration.ofSeconds(2));
    }
  }

  /** Records the request headers the sandbox received, as "Name: value" lines. */
  static final class Headers implements ContainerRequestFilter {
    final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void filter(ContainerRequestContext request) {
      request
          .getHeaders()
          .forEach(
              (name, values) ->
                  values.forEach(
                      v -> lines.add(name.toLowerCase(java.util.Locale.ROOT) + ": " + v)));
    }
  }

  /** Holds each request a moment and records the most in flight at once. */
  static final class Concurrency implements ContainerRequestFilter {
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger most = new AtomicInteger();
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public void filter(ContainerRequestContext request) {
      int now = inFlight.incrementAndGet();
      most.accumulateAndGet(now, Math::max);
      calls.incrementAndGet();
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        inFlight.decrementAndGet();
      }
    }
  }
}
