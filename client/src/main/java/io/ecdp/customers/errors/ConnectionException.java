package io.ecdp.customers.errors;

import io.ecdp.customers.internal.ErrorContext;

/** Thrown when the connection could not be made or broke before a response arrived. */
public final class ConnectionException extends TransportException {

  private static final long serialVersionUID = 1L;

  ConnectionException(ErrorContext context, boolean requestSent) {
    super(context, requestSent);
  }
}
