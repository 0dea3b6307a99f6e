package io.ecdp.customers.errors;

/** Thrown when connecting, reading the response, or the whole call took longer than allowed. */
public class RequestTimeoutException extends TransportException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception; see {@link TransportException#TransportException}. */
  public RequestTimeoutException(ErrorContext context, boolean requestSent) {
    super(context, requestSent);
  }
}
