package io.ecdp.customers.errors;

import java.time.Duration;
import java.util.Optional;

/** Thrown when the server answers with a 5xx status (after the retries the policy allows). */
public class ServerException extends EcdpException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception from what the client knew. */
  public ServerException(ErrorContext context) {
    super(context);
  }

  /** Returns the delay the server announced in {@code Retry-After}, if it announced a valid one. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(context().retryAfter());
  }
}
