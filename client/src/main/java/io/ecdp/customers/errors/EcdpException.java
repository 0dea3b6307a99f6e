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

  private final int status;
  private final transient ProblemDetails problem;
  private final String requestId;
  private final String method;
  private final String path;

  /**
   * Creates an exception.
   *
   * @param message the message, already redacted
   * @param status the HTTP status, or 0 when the server gave none
   * @param problem the problem document, or null
   * @param requestId the request id from the response headers, or null
   * @param method the HTTP method, or null for a failure before any request
   * @param path the operation's path template, or null
   * @param cause the cause, or null
   */
  protected EcdpException(
      String message,
      int status,
      ProblemDetails problem,
      String requestId,
      String method,
      String path,
      Throwable cause) {
    super(message, cause);
    this.status = status;
    this.problem = problem;
    this.requestId = requestId;
    this.method = method;
    this.path = path;
  }

  /** Returns the HTTP status, or empty when the server gave none (transport or local failure). */
  public OptionalInt status() {
    return status == 0 ? OptionalInt.empty() : OptionalInt.of(status);
  }

  /** Returns the problem document the server sent, if it sent one. */
  public Optional<ProblemDetails> problem() {
    return Optional.ofNullable(problem);
  }

  /** Returns the request id from the response headers, if any. */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }

  /** Returns the HTTP method of the failed call, if a call was made. */
  public Optional<String> method() {
    return Optional.ofNullable(method);
  }

  /** Returns the path template of the failed call, e.g. {@code /customers/email/{email}}. */
  public Optional<String> path() {
    return Optional.ofNullable(path);
  }
}
