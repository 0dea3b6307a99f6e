package io.ecdp.customers.errors;

import io.ecdp.customers.internal.ErrorContext;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Thrown when the server answered, but not with success: a subclass per failure class names what
 * happened, and this class carries the HTTP status, the problem document, the request id, the
 * response headers and the delay the server asked for.
 */
public abstract sealed class EcdpServiceException extends EcdpException
    permits BadRequestException,
        UnauthorizedException,
        ForbiddenException,
        NotFoundException,
        ConflictException,
        RateLimitedException,
        ServerException,
        UnexpectedResponseException {

  private static final long serialVersionUID = 1L;

  EcdpServiceException(ErrorContext context) {
    super(context);
  }

  /**
   * Returns the HTTP status the server answered with.
   *
   * @return the status, such as 400
   */
  public int status() {
    return context().status();
  }

  /**
   * Returns the problem document ({@code application/problem+json}) the server sent, if any.
   *
   * @return the document, or empty
   */
  public Optional<ProblemDetails> problem() {
    return Optional.ofNullable(context().problem());
  }

  /**
   * Returns the request id the server gave in the {@code x-request-id} response header, if any.
   *
   * @return the id, or empty
   */
  public Optional<String> requestId() {
    return Optional.ofNullable(context().requestId());
  }

  /**
   * Returns the response headers, with lower-case names and the values of a repeated header joined
   * by commas.
   *
   * @return the headers; unmodifiable
   */
  public Map<String, String> headers() {
    return context().headers();
  }

  /**
   * Returns the delay the server announced in {@code Retry-After}, if it announced a valid one.
   *
   * @return the delay, or empty
   */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(context().retryAfter());
  }
}
