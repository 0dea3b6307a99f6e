package io.ecdp.customers.errors;

import io.ecdp.customers.internal.ErrorContext;

/**
 * Thrown when the call ran out of time: connecting, waiting for the response, or reading its body
 * took longer than the timeouts allow.
 */
public final class RequestTimeoutException extends TransportException {

  private static final long serialVersionUID = 1L;

  RequestTimeoutException(ErrorContext context, boolean requestSent) {
    super(context, requestSent);
  }
}
