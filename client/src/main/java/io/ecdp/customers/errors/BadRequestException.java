package io.ecdp.customers.errors;

/**
 * Thrown when the server answers 400: the request was refused, usually for a missing or invalid
 * field; the problem's {@code errors} say which.
 */
public class BadRequestException extends EcdpException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception; see {@link EcdpException#EcdpException}. */
  public BadRequestException(
      String message,
      int status,
      ProblemDetails problem,
      String requestId,
      String method,
      String path,
      Throwable cause) {
    super(message, status, problem, requestId, method, path, cause);
  }
}
