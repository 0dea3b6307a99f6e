package io.ecdp.customers.internal;

import io.ecdp.customers.RetryPolicy;
import io.ecdp.customers.errors.BrokenResponseException;
import io.ecdp.customers.errors.EcdpException;
import io.ecdp.customers.errors.EcdpServiceException;
import io.ecdp.customers.errors.RateLimitedException;
import io.ecdp.customers.errors.ServerException;
import io.ecdp.customers.errors.TransportException;
import io.ecdp.customers.internal.http.HttpRequest;
import io.ecdp.customers.internal.http.HttpResponse;
import io.ecdp.customers.internal.http.Transport;
import io.ecdp.customers.internal.http.TransportFailure;
import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Runs a call's attempts: sends each through the transport, has the mapper read the answer, and
 * retries as the policy, the method and the call's deadline allow. Nothing else: no I/O of its own,
 * no headers, no bodies, no messages.
 *
 * <p>Thread-safe; holds no per-call state. Time and waits come from its {@link TimeSource}, so
 * every retry and deadline can be tested in virtual time.
 */
public final class CallExecutor {

  private final Transport transport;
  private final ResponseMapper mapper;
  private final TimeSource time;
  private final DoubleSupplier jitter;
  private final CallLog log;

  /**
   * Creates an executor.
   *
   * @param transport sends each attempt
   * @param mapper reads each answer
   * @param time the clock of deadlines, and the waits between attempts
   * @param jitter a random number in [0, 1) for each backoff
   * @param log logs each attempt
   */
  public CallExecutor(
      Transport transport,
      ResponseMapper mapper,
      TimeSource time,
      DoubleSupplier jitter,
      CallLog log) {
    this.transport = Objects.requireNonNull(transport, "transport");
    this.mapper = Objects.requireNonNull(mapper, "mapper");
    this.time = Objects.requireNonNull(time, "time");
    this.jitter = Objects.requireNonNull(jitter, "jitter");
    this.log = Objects.requireNonNull(log, "log");
  }

  /**
   * Runs the call until it succeeds, fails for good, or its time runs out, telling its trace of
   * each attempt; the call's end is for the caller to tell, once it has made its result.
   *
   * @param call what is called, for the mapper and the messages
   * @param request the request every attempt sends
   * @param policy the call's retry policy
   * @param timeout how long the call may take, attempts and waits included
   * @param notFoundIsAnswer whether a 404 with a problem document means "none found"
   * @param trace the call's events, or null when no listener is registered
   * @param <T> the type of the success body
   * @return the answer
   * @throws EcdpException for every failure, after the retries the policy allows
   */
  public <T> Answer<T> execute(
      ApiCall<T> call,
      HttpRequest request,
      RetryPolicy policy,
      Duration timeout,
      boolean notFoundIsAnswer,
      CallEvents.@Nullable Trace trace) {
    long deadline = time.nanoTime() + timeout.toNanos();
    boolean sent = false;
    EcdpException previous = null;
    Duration waited = Duration.ZERO;
    for (int attempt = 1; ; attempt++) {
      long start = time.nanoTime();
      long left = deadline - start;
      if (left <= 0) {
        throw mapper.timeRanOut(call, timeout, sent);
      }
      HttpRequest attemptRequest =
          trace == null ? request : trace.attemptStarted(attempt, previous, waited, request);
      try {
        Answer<T> answer =
            send(call, attemptRequest, Duration.ofNanos(left), notFoundIsAnswer, trace);
        log.attempt(call, policy, answer.status(), attempt, elapsed(start), answer.requestId(), "");
        if (trace != null) {
          trace.attemptEnded(answer.status(), answer.requestId(), null, false);
        }
        return answer;
      } catch (EcdpException failure) {
        sent |= !(failure instanceof TransportException t) || t.requestSent();
        Duration delay = retryDelay(call, policy, failure, attempt, jitter.getAsDouble());
        boolean retry = delay != null && time.nanoTime() + delay.toNanos() < deadline;
        int status = failure instanceof EcdpServiceException service ? service.status() : 0;
        String requestId =
            failure instanceof EcdpServiceException service
                ? service.requestId().orElse(null)
                : null;
        log.attempt(
            call,
            policy,
            status,
            attempt,
            elapsed(start),
            requestId,
            failure.getClass().getSimpleName()
                + (retry ? ", retrying in " + delay.toMillis() + " ms" : ""));
        if (trace != null) {
          trace.attemptEnded(status, requestId, failure, retry);
        }
        if (!retry) {
          throw failure;
        }
        try {
          time.sleep(delay);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw failure;
        }
        previous = failure;
        waited = delay;
      }
    }
  }

  private <T> Answer<T> send(
      ApiCall<T> call,
      HttpRequest request,
      Duration left,
      boolean notFoundIsAnswer,
      CallEvents.@Nullable Trace trace) {
    HttpResponse response;
    try {
      response = transport.send(request, left);
    } catch (TransportFailure failure) {
      throw mapper.failure(call, failure);
    }
    if (trace != null) {
      trace.received(response.body().length);
    }
    return mapper.answer(call, response, notFoundIsAnswer);
  }

  /**
   * Returns the error of a call whose answer, read as documented, still lacks what the caller
   * needs.
   *
   * @param call the call
   * @param answer its answer
   * @param what what is wrong, after the status
   * @return the exception to throw
   */
  public EcdpException unexpected(ApiCall<?> call, Answer<?> answer, String what) {
    return mapper.unexpected(call, answer, what);
  }

  private Duration elapsed(long startNanos) {
    return Duration.ofNanos(time.nanoTime() - startNanos);
  }

  /**
   * Returns how long to wait before the next attempt, or null when the call must not retry.
   *
   * @param call the call
   * @param policy its retry policy
   * @param failure how the attempt failed
   * @param attempt the attempt's number, from 1
   * @param random a number in [0, 1) for the backoff's jitter
   * @return the delay, or null
   */
  static @Nullable Duration retryDelay(
      ApiCall<?> call, RetryPolicy policy, EcdpException failure, int attempt, double random) {
    if (attempt >= policy.maxAttempts()) {
      return null;
    }
    boolean idempotent = call.idempotent();
    Duration announced = null;
    boolean retryable;
    if (failure instanceof TransportException transport) {
      boolean brokenBody = failure instanceof BrokenResponseException;
      retryable = !brokenBody && (idempotent || !transport.requestSent());
    } else if (failure instanceof RateLimitedException limited) {
      announced = limited.retryAfter().orElse(null);
      retryable = policy.retryRateLimited();
    } else if (failure instanceof ServerException server) {
      int status = server.status();
      announced = server.retryAfter().orElse(null);
      retryable =
          idempotent
              ? status == 502 || status == 503 || status == 504
              : status == 503 && announced != null;
    } else {
      retryable = false;
    }
    if (!retryable) {
      return null;
    }
    if (announced != null && policy.honourRetryAfter()) {
      return announced.compareTo(policy.maxRetryAfter()) > 0 ? null : announced;
    }
    return Backoff.of(policy, attempt, random);
  }
}
