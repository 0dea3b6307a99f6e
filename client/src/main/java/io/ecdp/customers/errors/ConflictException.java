package io.ecdp.customers.errors;

/** Thrown when the server answers 409: the request conflicts with the customer's current state. */
public class ConflictException extends EcdpException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception from what the client knew. */
  public ConflictException(ErrorContext context) {
    super(context);
  }
}
