package io.ecdp.customers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecdp.customers.RetryPolicy;
import io.ecdp.customers.errors.ConnectionException;
import io.ecdp.customers.errors.ErrorContext;
import io.ecdp.customers.errors.RequestTimeoutException;
import jakarta.ws.rs.client.ClientBuilder;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Retry decisions for failures a test server cannot stage: refused and unreachable peers. */
class RetryDecisionTest {

  private final CallExecutor executor =
      new CallExecutor(
          "k",
          "ua",
          RetryPolicy.defaults(),
          Duration.ofSeconds(1),
          Duration.ofSeconds(1),
          Duration.ofSeconds(5),
          Clock.systemUTC(),
          jakarta.json.bind.JsonbBuilder.create());

  private ApiCall<Void> call(String method) {
    return new ApiCall<>(
        "op",
        method,
        "/customers",
        ClientBuilder.newClient().target("http://127.0.0.1:9"),
        null,
        "application/json",
        Void.class,
        new int[] {201});
  }

  @Test
  void post_isRetried_whenTheConnectionWasRefused_theRequestCertainlyNotSent() {
    var refused = new ConnectionException(ErrorContext.local("refused"), false);
    assertThat(executor.retryDelay(call("POST"), refused, 1)).isNotNull();
  }

  @Test
  void post_isNotRetried_whenTheConnectionDroppedAfterSending() {
    var dropped = new ConnectionException(ErrorContext.local("reset"), true);
    assertThat(executor.retryDelay(call("POST"), dropped, 1)).isNull();
  }

  @Test
  void post_isRetried_afterAConnectTimeout_butNotAfterAReadTimeout() {
    var connect = new RequestTimeoutException(ErrorContext.local("connect"), false);
    var read = new RequestTimeoutException(ErrorContext.local("read"), true);
    assertThat(executor.retryDelay(call("POST"), connect, 1)).isNotNull();
    assertThat(executor.retryDelay(call("POST"), read, 1)).isNull();
    assertThat(executor.retryDelay(call("GET"), read, 1)).isNotNull();
  }

  @Test
  void noRetry_afterTheLastAttempt() {
    var refused = new ConnectionException(ErrorContext.local("refused"), false);
    assertThat(executor.retryDelay(call("GET"), refused, 3)).isNull();
  }

  @Test
  void backoff_growsExponentially_withJitter_upToTheCap() {
    RetryPolicy policy =
        RetryPolicy.builder()
            .initialBackoff(Duration.ofMillis(100))
            .maxBackoff(Duration.ofMillis(350))
            .build();
    assertThat(policy.backoff(1, 0.0)).isEqualTo(Duration.ofMillis(50));
    assertThat(policy.backoff(1, 0.999)).isLessThan(Duration.ofMillis(100));
    assertThat(policy.backoff(2, 0.0)).isEqualTo(Duration.ofMillis(100));
    assertThat(policy.backoff(3, 0.0)).isEqualTo(Duration.ofMillis(175)); // capped at 350 / 2
    assertThat(policy.backoff(30, 0.999)).isLessThanOrEqualTo(Duration.ofMillis(350));
  }
}
