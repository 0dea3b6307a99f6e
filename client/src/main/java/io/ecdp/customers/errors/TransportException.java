package io.ecdp.customers.errors;

/**
 * Thrown when a call got no usable HTTP answer: the connection failed, timed out, or the response
 * could not be read. {@link #requestSent()} says whether the server may have received the request.
 */
public class TransportException extends EcdpException {

  private static final long serialVersionUID = 1L;

  private final boolean requestSent;

  /**
   * Creates the exception.
   *
   * @param message the message, already redacted
   * @param method the HTTP method
   * @param path the operation's path template
   * @param requestSent whether the request may have reached the server
   * @param cause the cause
   */
  public TransportException(
      String message, String method, String path, boolean requestSent, Throwable cause) {
    this(message, 0, method, path, requestSent, cause);
  }

  /** Creates the exception for a response whose status was read but whose body was not. */
  protected TransportException(
      String message,
      int status,
      String method,
      String path,
      boolean requestSent,
      Throwable cause) {
    super(message, status, null, null, method, path, cause);
    this.requestSent = requestSent;
  }

  /**
   * Returns whether the request may have reached the server; false only when it certainly did not
   * (the connection was refused or never established).
   */
  public boolean requestSent() {
    return requestSent;
  }
}
