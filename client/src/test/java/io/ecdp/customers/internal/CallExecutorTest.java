package io.ecdp.customers.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecdp.customers.RetryPolicy;
import io.ecdp.customers.errors.ConnectionException;
import io.ecdp.customers.errors.RateLimitedException;
import io.ecdp.customers.errors.RequestTimeoutException;
import io.ecdp.customers.errors.ServerException;
import io.ecdp.customers.internal.http.HttpRequest;
import io.ecdp.customers.internal.http.HttpResponse;
import io.ecdp.customers.internal.http.Transport;
import io.ecdp.customers.internal.http.TransportFailure;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The executor's retries and deadlines in virtual time: a scripted transport, a clock that moves
 * only when the executor waits or an exchange takes time. Every figure here is exact.
 */
class CallExecutorTest {

  /** A clock that moves only when told to; every wait is recorded. */
  static final class VirtualTime implements TimeSource {
    long nanos;
    Instant epoch = Instant.parse("2026-12-05T12:00:00Z");
    final List<Duration> waits = new ArrayList<>();

    @Override
    public long nanoTime() {
      return nanos;
    }

    @Override
    public Instant now() {
      return epoch.plusNanos(nanos);
    }

    @Override
    public void sleep(Duration delay) {
      waits.add(delay);
      nanos += delay.toNanos();
    }

    void pass(Duration d) {
      nanos += d.toNanos();
    }
  }

  /** One scripted exchange: how long it takes, and what it returns or throws. */
  interface Step {
    HttpResponse run(Duration timeLeft) throws TransportFailure;
  }

  /** A transport that plays its steps in order, the last one for ever, counting the attempts. */
  static final class Script implements Transport {
    final Deque<Step> steps = new ArrayDeque<>();
    final List<Duration> timeGiven = new ArrayList<>();

    Script then(Step... more) {
      steps.addAll(List.of(more));
      return this;
    }

    @Override
    public HttpResponse send(HttpRequest request, Duration timeLeft) throws TransportFailure {
      timeGiven.add(timeLeft);
      Step step = steps.size() > 1 ? steps.poll() : steps.peek();
      return step.run(timeLeft);
    }

    int attempts() {
      return timeGiven.size();
    }

    @Override
    public void close() {}
  }

  private final VirtualTime time = new VirtualTime();
  private final Script transport = new Script();
  private final CallExecutor executor =
      new CallExecutor(
          transport,
          new ResponseMapper(new Redactor("key-for-tests-0123"), "api.test:443", time, Map.of()),
          time,
          () -> 0.5,
          new CallLog(new Redactor("key-for-tests-0123")));

  private static final RetryPolicy POLICY =
      RetryPolicy.builder()
          .maxAttempts(3)
          .initialBackoff(Duration.ofMillis(100))
          .maxBackoff(Duration.ofSeconds(1))
          .build();

  private static ApiCall<Void> call(String method) {
    return new ApiCall<>(method, "/customers", "/customers", Map.of(), null, "", "*/*", Void.class);
  }

  private static HttpRequest request() {
    return new HttpRequest("GET", "/customers", Map.of(), Map.of(), null, 1024, 1024);
  }

  private static Step answer(int status, Map<String, String> headers) {
    return left -> new HttpResponse(status, "", headers, "", new byte[0], null);
  }

  private Step taking(Duration d, Step then) {
    return left -> {
      if (d.compareTo(left) >= 0) {
        time.pass(left);
        throw new TransportFailure(
            TransportFailure.Kind.RESPONSE_TIMEOUT,
            "timed out waiting for the response",
            true,
            null);
      }
      time.pass(d);
      return then.run(left.minus(d));
    };
  }

  private static Step refused() {
    return left -> {
      throw new TransportFailure(TransportFailure.Kind.CONNECT, "connection refused", false, null);
    };
  }

  private Answer<Void> run(String method, Duration timeout) {
    return executor.execute(call(method), request(), POLICY, timeout, false, null);
  }

  @Test
  void retryAfterInSeconds_isWaitedExactly_thenTheCallSucceeds() {
    transport.then(answer(429, Map.of("retry-after", "1")), answer(200, Map.of()));
    assertThat(run("GET", Duration.ofMinutes(1)).status()).isEqualTo(200);
    assertThat(transport.attempts()).isEqualTo(2);
    assertThat(time.waits).containsExactly(Duration.ofSeconds(1));
  }

  @Test
  void retryAfterAsAnHttpDate_isReadAgainstTheClock() {
    String inTwoSeconds =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            time.now().plusSeconds(2).atOffset(ZoneOffset.UTC));
    transport.then(answer(503, Map.of("retry-after", inTwoSeconds)), answer(200, Map.of()));
    assertThat(run("DELETE", Duration.ofMinutes(1)).status()).isEqualTo(200);
    assertThat(time.waits).containsExactly(Duration.ofSeconds(2));
  }

  @Test
  void garbageRetryAfter_fallsBackToTheBackoff() {
    transport.then(answer(429, Map.of("retry-after", "soon-ish")), answer(200, Map.of()));
    run("GET", Duration.ofMinutes(1));
    // the first backoff with a jitter of 0.5: between half and all of 100 ms
    assertThat(time.waits).containsExactly(Backoff.of(POLICY, 1, 0.5));
    assertThat(time.waits.get(0)).isLessThanOrEqualTo(Duration.ofMillis(100));
  }

  @Test
  void retryAfterLongerThanThePolicyAllows_failsAtOnce_withoutWaiting() {
    transport.then(answer(429, Map.of("retry-after", "3600")));
    assertThatThrownBy(() -> run("GET", Duration.ofHours(2)))
        .isInstanceOfSatisfying(
            RateLimitedException.class,
            e -> assertThat(e.retryAfter()).hasValue(Duration.ofHours(1)));
    assertThat(transport.attempts()).isEqualTo(1);
    assertThat(time.waits).isEmpty();
  }

  @Test
  void callTimeout_boundsTheWholeCall_retriesIncluded() {
    // each attempt takes 400 ms of a 700 ms call: the second runs out of time, a third never starts
    transport.then(taking(Duration.ofMillis(400), answer(503, Map.of())));
    assertThatThrownBy(() -> run("GET", Duration.ofMillis(700)))
        .isInstanceOf(RequestTimeoutException.class);
    assertThat(transport.attempts()).isEqualTo(2);
    assertThat(time.nanoTime()).isEqualTo(Duration.ofMillis(700).toNanos());
    assertThat(transport.timeGiven.get(0)).isEqualTo(Duration.ofMillis(700));
    assertThat(transport.timeGiven.get(1))
        .isEqualTo(Duration.ofMillis(300).minus(time.waits.get(0)));
  }

  @Test
  void aWaitThatWouldPassTheDeadline_isNotStarted() {
    transport.then(answer(429, Map.of("retry-after", "5")), answer(200, Map.of()));
    assertThatThrownBy(() -> run("GET", Duration.ofSeconds(3)))
        .isInstanceOf(RateLimitedException.class);
    assertThat(transport.attempts()).isEqualTo(1);
    assertThat(time.waits).isEmpty();
  }

  @Test
  void post_isRetried_whenTheConnectionWasRefused_butNotAfterAServerError() {
    transport.then(refused(), refused(), answer(201, Map.of()));
    assertThat(run("POST", Duration.ofMinutes(1)).status()).isEqualTo(201);
    assertThat(transport.attempts()).isEqualTo(3);

    Script second = new Script().then(answer(502, Map.of()), answer(201, Map.of()));
    CallExecutor other =
        new CallExecutor(
            second,
            new ResponseMapper(new Redactor("key-for-tests-0123"), "api.test:443", time, Map.of()),
            time,
            () -> 0.5,
            new CallLog(new Redactor("key-for-tests-0123")));
    assertThatThrownBy(
            () ->
                other.execute(call("POST"), request(), POLICY, Duration.ofMinutes(1), false, null))
        .isInstanceOf(ServerException.class);
    assertThat(second.attempts()).isEqualTo(1);
  }

  @Test
  void refusedEveryTime_failsAfterTheLastAttempt_namingWhere() {
    transport.then(refused());
    assertThatThrownBy(() -> run("GET", Duration.ofMinutes(1)))
        .isInstanceOfSatisfying(
            ConnectionException.class,
            e -> {
              assertThat(e.requestSent()).isFalse();
              assertThat(e.getMessage()).contains("could not connect to api.test:443");
            });
    assertThat(transport.attempts()).isEqualTo(3);
    assertThat(time.waits).hasSize(2);
  }

  @Test
  void retriesSwitchedOff_makeOneAttempt() {
    transport.then(answer(503, Map.of()));
    assertThatThrownBy(
            () ->
                executor.execute(
                    call("GET"), request(), RetryPolicy.none(), Duration.ofMinutes(1), false, null))
        .isInstanceOf(ServerException.class);
    assertThat(transport.attempts()).isEqualTo(1);
  }
}
