package io.ecdp.customers.errors;

/** Thrown when the server answers 403: the API key may not do this. */
public class ForbiddenException extends EcdpException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception; see {@link EcdpException#EcdpException}. */
  public ForbiddenException(
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
