package io.ecdp.customers.errors;

import io.ecdp.customers.internal.ErrorContext;

/**
 * Thrown when a response arrived but its body could not be read to its end (the connection broke
 * mid-body, or the body was larger than the client accepts).
 */
public final class BrokenResponseException extends TransportException {

  private static final long serialVersionUID = 1L;

  BrokenResponseException(ErrorContext context, boolean requestSent) {
    super(context, requestSent);
  }
}
