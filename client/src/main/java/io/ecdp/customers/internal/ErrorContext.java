package io.ecdp.customers.internal;

import io.ecdp.customers.errors.ProblemDetails;
import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Describes what the client knew when a call failed; every exception of the client is made from
 * one, through {@link Failures}.
 *
 * @param message the message, already redacted (no key, no personal data)
 * @param status the HTTP status, or 0 when the server gave none
 * @param problem the problem document, or null
 * @param requestId the request id from the response headers, or null
 * @param headers the response headers (lower-case names, values joined by commas); empty when none
 * @param method the HTTP method, or null for a failure before any request
 * @param path the operation's path template, or null
 * @param retryAfter the delay announced in {@code Retry-After}, or null
 * @param cause the cause, or null
 */
public record ErrorContext(
    String message,
    int status,
    @Nullable ProblemDetails problem,
    @Nullable String requestId,
    Map<String, String> headers,
    @Nullable String method,
    @Nullable String path,
    @Nullable Duration retryAfter,
    @Nullable Throwable cause)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Checks the message and copies the headers. */
  public ErrorContext {
    Objects.requireNonNull(message, "message");
    headers = Map.copyOf(headers);
  }

  /**
   * Returns the context of a failure found before any request was made.
   *
   * @param message the message
   * @return the context
   */
  public static ErrorContext local(String message) {
    return new ErrorContext(message, 0, null, null, Map.of(), null, null, null, null);
  }

  /**
   * Returns the context of a call that got no usable HTTP answer.
   *
   * @param message the message
   * @param method the HTTP method
   * @param path the path template
   * @param cause the cause, or null
   * @return the context
   */
  public static ErrorContext transport(
      String message, String method, String path, @Nullable Throwable cause) {
    return new ErrorContext(message, 0, null, null, Map.of(), method, path, null, cause);
  }
}
