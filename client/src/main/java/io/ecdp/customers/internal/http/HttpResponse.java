package io.ecdp.customers.internal.http;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the server answered: status, headers, and the body as far as it was read.
 *
 * @param status the HTTP status
 * @param reason the reason phrase, or empty
 * @param headers the headers, names in lower case, the values of a repeated header joined by commas
 * @param contentType the media type of the body; empty when the server named none
 * @param body the body's bytes; empty when there was none or it could not be read whole
 * @param bodyFailure why the body could not be read whole, or null when it was
 */
@SuppressWarnings("ArrayRecordComponent") // the body is handed over once, never compared or copied
public record HttpResponse(
    int status,
    String reason,
    Map<String, String> headers,
    String contentType,
    byte[] body,
    @Nullable BodyFailure bodyFailure) {

  /** Checks the components; the headers are kept as given (the transport makes them immutable). */
  public HttpResponse {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(body, "body");
  }

  /**
   * Why a body could not be read whole.
   *
   * @param kind what happened
   * @param message what happened, in words, without the body
   * @param cause the cause, or null
   */
  public record BodyFailure(Kind kind, String message, @Nullable Throwable cause) {

    /** What happened to the body. */
    public enum Kind {
      /** It was larger than the request's limit; the connection was dropped. */
      TOO_LARGE,
      /** The time given ran out while it arrived; the connection was dropped. */
      TIME_RAN_OUT,
      /** The connection failed while it arrived. */
      BROKEN
    }
  }
}
