package io.ecdp.customers.errors;

/** Thrown when a response arrived but its body could not be read or is not the documented JSON. */
public class BrokenResponseException extends TransportException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception; the request was sent, since a response (with its status) came. */
  public BrokenResponseException(ErrorContext context) {
    super(context, true);
  }
}
