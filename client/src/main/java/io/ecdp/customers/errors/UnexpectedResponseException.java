package io.ecdp.customers.errors;

/**
 * Thrown when the server answers with a status or body that the spec does not document and no other
 * exception describes (a 3xx, a 418, a success without the documented body).
 */
public class UnexpectedResponseException extends EcdpException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception from what the client knew. */
  public UnexpectedResponseException(ErrorContext context) {
    super(context);
  }
}
