package io.ecdp.customers.errors;

/**
 * Thrown when the server answers 401: the API key is missing or wrong, or grants no access to the
 * data.
 */
public class UnauthorizedException extends EcdpException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception; see {@link EcdpException#EcdpException}. */
  public UnauthorizedException(
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
