package io.ecdp.customers.errors;

import io.ecdp.customers.internal.ErrorContext;

/**
 * Thrown when the server did not answer usably (a {@link TransportException}) or the input broke
 * the spec's rules before anything was sent (a {@link ValidationException}).
 */
public abstract sealed class EcdpClientException extends EcdpException
    permits ValidationException, TransportException {

  private static final long serialVersionUID = 1L;

  EcdpClientException(ErrorContext context) {
    super(context);
  }
}
