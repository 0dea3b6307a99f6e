package io.ecdp.customers.errors;

import java.time.Duration;
import java.util.Optional;

/** Thrown when the server answers 429 (after the retries the policy allows). */
public class RateLimitedException extends EcdpException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception from what the client knew. */
  public RateLimitedException(ErrorContext context) {
    super(context);
  }

  /** Returns the delay the server announced in {@code Retry-After}, if it announced a valid one. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(context().retryAfter());
  }
}
