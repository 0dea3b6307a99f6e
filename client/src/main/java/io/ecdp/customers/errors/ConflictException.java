package io.ecdp.customers.errors;

/** Thrown when the server answers 409: the request conflicts with the customer's current state. */
public class ConflictException extends EcdpException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception; see {@link EcdpException#EcdpException}. */
  public ConflictException(
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
