package io.ecdp.customers.errors;

import java.time.Duration;
import java.util.Optional;

/** Thrown when the server answers 429 (after the retries the policy allows). */
public class RateLimitedException extends EcdpException {

  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;

  /**
   * Creates the exception; see {@link EcdpException#EcdpException}.
   *
   * @param retryAfter the delay the server announced in {@code Retry-After}, or null
   */
  public RateLimitedException(
      String message,
      int status,
      ProblemDetails problem,
      String requestId,
      String method,
      String path,
      Duration retryAfter) {
    super(message, status, problem, requestId, method, path, null);
    this.retryAfter = retryAfter;
  }

  /** Returns the delay the server announced in {@code Retry-After}, if it announced a valid one. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
