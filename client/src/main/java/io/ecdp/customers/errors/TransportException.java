package io.ecdp.customers.errors;

/**
 * Thrown when a call got no usable HTTP answer: the connection failed, timed out, or the response
 * could not be read. {@link #requestSent()} says whether the server may have received the request.
 */
public class TransportException extends EcdpException {

  private static final long serialVersionUID = 1L;

  private final boolean requestSent;

  /**
   * Creates the exception.
   *
   * @param context what the client knew
   * @param requestSent whether the request may have reached the server
   */
  public TransportException(ErrorContext context, boolean requestSent) {
    super(context);
    this.requestSent = requestSent;
  }

  /**
   * Returns whether the request may have reached the server; false only when it certainly did not
   * (the connection was refused or never established).
   */
  public boolean requestSent() {
    return requestSent;
  }
}
