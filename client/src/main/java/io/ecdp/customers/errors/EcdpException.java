package io.ecdp.customers.errors;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The base of every exception the Customers client throws for a failed call.
 *
 * <p>Unchecked. Carries the HTTP status when the server answered, the parsed problem document
 * ({@code application/problem+json}) when it sent one, the request id when a response header gave
 * one, and the operation's method and path template (which holds no customer data). Messages never
 * hold the API key, and e-mail addresses and phone numbers in them are redacted.
 *
 * <p>Programmer errors (a null argument, a negative timeout) are reported with the JDK's exceptions
 * instead.
 */
public class EcdpException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final ErrorContext context;

  /** Creates the exception from what the client knew. */
  protected EcdpException(ErrorContext context) {
    super(context.message(), context.cause());
    this.context = context;
  }

  /** Returns everything the client knew when the call failed. */
  protected ErrorContext context() {
    return context;
  }

  /** Returns the HTTP status, or empty when the server gave none (transport or local failure). */
  public OptionalInt status() {
    return context.status() == 0 ? OptionalInt.empty() : OptionalInt.of(context.status());
  }

  /** Returns the problem document the server sent, if it sent one. */
  public Optional<ProblemDetails> problem() {
    return Optional.ofNullable(context.problem());
  }

  /** Returns the request id from the response headers, if any. */
  public Optional<String> requestId() {
    return Optional.ofNullable(context.requestId());
  }

  /** Returns the HTTP method of the failed call, if a call was made. */
  public Optional<String> method() {
    return Optional.ofNullable(context.method());
  }

  /** Returns the path template of the failed call, e.g. {@code /customers/email/{email}}. */
  public Optional<String> path() {
    return Optional.ofNullable(context.path());
  }
}
