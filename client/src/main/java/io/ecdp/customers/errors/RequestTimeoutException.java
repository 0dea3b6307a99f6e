package io.ecdp.customers.errors;

/** Thrown when connecting, reading the response, or the whole call took longer than allowed. */
public class RequestTimeoutException extends TransportException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception; see {@link TransportException#TransportException}. */
  public RequestTimeoutException(
      String message, String method, String path, boolean requestSent, Throwable cause) {
    super(message, method, path, requestSent, cause);
  }
}
