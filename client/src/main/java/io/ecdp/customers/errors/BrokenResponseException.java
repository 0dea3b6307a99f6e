package io.ecdp.customers.errors;

/** Thrown when a response arrived but its body could not be read or is not the documented JSON. */
public class BrokenResponseException extends TransportException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the message, already redacted
   * @param status the HTTP status of the response
   * @param method the HTTP method
   * @param path the operation's path template
   * @param cause the cause
   */
  public BrokenResponseException(
      String message, int status, String method, String path, Throwable cause) {
    super(message, status, method, path, true, cause);
  }
}
