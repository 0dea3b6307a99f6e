package io.ecdp.customers.errors;

/**
 * Thrown when the server answers 400: the request was refused, usually for a missing or invalid
 * field; the problem's {@code errors} say which.
 */
public class BadRequestException extends EcdpException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception from what the client knew. */
  public BadRequestException(ErrorContext context) {
    super(context);
  }
}
