package io.ecdp.customers.errors;

/** Thrown when the connection could not be made (refused, unknown host, TLS) or was dropped. */
public class ConnectionException extends TransportException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception; see {@link TransportException#TransportException}. */
  public ConnectionException(ErrorContext context, boolean requestSent) {
    super(context, requestSent);
  }
}
