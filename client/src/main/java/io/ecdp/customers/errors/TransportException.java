package io.ecdp.customers.errors;

import io.ecdp.customers.internal.ErrorContext;

/**
 * Thrown when a call got no usable HTTP answer: the connection failed, timed out, or the response
 * could not be read. {@link #requestSent()} says whether the server may have received the request.
 */
public abstract sealed class TransportException extends EcdpClientException
    permits ConnectionException, RequestTimeoutException, BrokenResponseException {

  private static final long serialVersionUID = 1L;

  private final boolean requestSent;

  TransportException(ErrorContext context, boolean requestSent) {
    super(context);
    this.requestSent = requestSent;
  }

  /**
   * Returns whether the request may have reached the server; false only when it certainly did not
   * (the connection was refused or never established).
   *
   * @return whether it may have been received
   */
  public boolean requestSent() {
    return requestSent;
  }
}
