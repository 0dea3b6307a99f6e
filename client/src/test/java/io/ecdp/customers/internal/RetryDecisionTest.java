package io.ecdp.customers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecdp.customers.RetryPolicy;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Retry decisions for failures a test server cannot stage: refused and unreachable peers. */
class RetryDecisionTest {

  private static final Failures.Factory FAIL = Failures.create();
  private final RetryPolicy policy = RetryPolicy.defaults();

  private ApiCall<Void> call(String method) {
    return new ApiCall<>(
        method, "/customers", "/customers", Map.of(), null, "", "application/json", Void.class);
  }

  @Test
  void post_isRetried_whenTheConnectionWasRefused_theRequestCertainlyNotSent() {
    var refused = FAIL.connection(ErrorContext.local("refused"), false);
    assertThat(CallExecutor.retryDelay(call("POST"), policy, refused, 1, 0.5)).isNotNull();
  }

  @Test
  void post_isNotRetried_whenTheConnectionDroppedAfterSending() {
    var dropped = FAIL.connection(ErrorContext.local("reset"), true);
    assertThat(CallExecutor.retryDelay(call("POST"), policy, dropped, 1, 0.5)).isNull();
  }

  @Test
  void post_isRetried_afterAConnectTimeout_butNotAfterAReadTimeout() {
    var connect = FAIL.timeout(ErrorContext.local("connect"), false);
    var read = FAIL.timeout(ErrorContext.local("read"), true);
    assertThat(CallExecutor.retryDelay(call("POST"), policy, connect, 1, 0.5)).isNotNull();
    assertThat(CallExecutor.retryDelay(call("POST"), policy, read, 1, 0.5)).isNull();
    assertThat(CallExecutor.retryDelay(call("GET"), policy, read, 1, 0.5)).isNotNull();
  }

  @Test
  void noRetry_afterTheLastAttempt() {
    var refused = FAIL.connection(ErrorContext.local("refused"), false);
    assertThat(CallExecutor.retryDelay(call("GET"), policy, refused, 3, 0.5)).isNull();
  }

  @Test
  void backoff_growsExponentially_withJitter_upToTheCap() {
    RetryPolicy policy =
        RetryPolicy.builder()
            .initialBackoff(Duration.ofMillis(100))
            .maxBackoff(Duration.ofMillis(350))
            .build();
    assertThat(Backoff.of(policy, 1, 0.0)).isEqualTo(Duration.ofMillis(50));
    assertThat(Backoff.of(policy, 1, 0.999)).isLessThan(Duration.ofMillis(100));
    assertThat(Backoff.of(policy, 2, 0.0)).isEqualTo(Duration.ofMillis(100));
    assertThat(Backoff.of(policy, 3, 0.0)).isEqualTo(Duration.ofMillis(175)); // capped at 350 / 2
    assertThat(Backoff.of(policy, 30, 0.999)).isLessThanOrEqualTo(Duration.ofMillis(350));
  }
}
