package io.ecdp.customers.errors;

/**
 * Thrown when the server answers 404 where the answer is not simply "no such customer" (lookups
 * return an empty {@code Optional} and deletes return false instead).
 */
public class NotFoundException extends EcdpException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception from what the client knew. */
  public NotFoundException(ErrorContext context) {
    super(context);
  }
}
