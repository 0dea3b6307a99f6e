package io.ecdp.customers.errors;

import io.ecdp.customers.internal.ErrorContext;

/**
 * Thrown when the server answers 429, after the retries the policy allows; {@link #retryAfter()}
 * says when to try again, if the server said.
 */
public final class RateLimitedException extends EcdpServiceException {

  private static final long serialVersionUID = 1L;

  RateLimitedException(ErrorContext context) {
    super(context);
  }
}
