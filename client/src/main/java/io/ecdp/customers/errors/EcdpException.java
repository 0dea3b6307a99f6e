package io.ecdp.customers.errors;

import io.ecdp.customers.internal.ErrorContext;
import io.ecdp.customers.internal.Failures;
import java.util.Optional;

/**
 * The base of every exception the Customers client throws for a failed call.
 *
 * <p>Unchecked, and of two kinds: an {@link EcdpServiceException} when the server answered (its
 * status, problem document and request id), an {@link EcdpClientException} when it did not answer
 * usably or the input was bad. Messages never hold the API key, and e-mail addresses and phone
 * numbers in them are redacted. Programmer errors (a null argument, a negative timeout) are
 * reported with the JDK's exceptions instead.
 *
 * <p>Only the client creates these exceptions; their constructors are not part of the API.
 */
public abstract sealed class EcdpException extends RuntimeException
    permits EcdpServiceException, EcdpClientException {

  private static final long serialVersionUID = 1L;

  static {
    Failures.register(new ExceptionFactory());
  }

  @SuppressWarnings("serial") // ErrorContext is a Serializable record
  private final ErrorContext context;

  EcdpException(ErrorContext context) {
    super(context.message(), context.cause());
    this.context = context;
  }

  ErrorContext context() {
    return context;
  }

  /**
   * Returns the HTTP method of the failed call, if a call was made.
   *
   * @return the method, such as {@code GET}
   */
  public Optional<String> method() {
    return Optional.ofNullable(context.method());
  }

  /**
   * Returns the path template of the failed call, which holds no customer data.
   *
   * @return the template, such as {@code /customers/email/{email}}
   */
  public Optional<String> path() {
    return Optional.ofNullable(context.path());
  }
}
