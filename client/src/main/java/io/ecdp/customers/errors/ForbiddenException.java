package io.ecdp.customers.errors;

/** Thrown when the server answers 403: the API key may not do this. */
public class ForbiddenException extends EcdpException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception from what the client knew. */
  public ForbiddenException(ErrorContext context) {
    super(context);
  }
}
