package io.ecdp.customers.errors;

/**
 * Thrown when the server answers 401: the API key is missing or wrong, or grants no access to the
 * data.
 */
public class UnauthorizedException extends EcdpException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception from what the client knew. */
  public UnauthorizedException(ErrorContext context) {
    super(context);
  }
}
