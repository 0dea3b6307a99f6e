package io.ecdp.customers.errors;

/** Thrown when the connection could not be made (refused, unknown host, TLS) or was dropped. */
public class ConnectionException extends TransportException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception; see {@link TransportException#TransportException}. */
  public ConnectionException(
      String message, String method, String path, boolean requestSent, Throwable cause) {
    super(message, method, path, requestSent, cause);
  }
}
