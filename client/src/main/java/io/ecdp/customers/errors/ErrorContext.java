package io.ecdp.customers.errors;

import java.time.Duration;
import java.util.Objects;

/**
 * Describes what the client knew when a call failed; every {@link EcdpException} is made from one.
 *
 * @param message the message, already redacted (no key, no personal data)
 * @param status the HTTP status, or 0 when the server gave none
 * @param problem the problem document, or null
 * @param requestId the request id from the response headers, or null
 * @param method the HTTP method, or null for a failure before any request
 * @param path the operation's path template, or null
 * @param retryAfter the delay announced in {@code Retry-After}, or null
 * @param cause the cause, or null
 */
public record ErrorContext(
    String message,
    int status,
    ProblemDetails problem,
    String requestId,
    String method,
    String path,
    Duration retryAfter,
    Throwable cause)
    implements java.io.Serializable {

  /** Checks the message. */
  public ErrorContext {
    Objects.requireNonNull(message, "message");
  }

  /** Returns the context of a failure found before any request was made. */
  public static ErrorContext local(String message) {
    return new ErrorContext(message, 0, null, null, null, null, null, null);
  }

  /** Returns the context of a call that got no usable HTTP answer. */
  public static ErrorContext transport(
      String message, String method, String path, Throwable cause) {
    return new ErrorContext(message, 0, null, null, method, path, null, cause);
  }
}
