package io.ecdp.customers;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the server said about a successful call besides its body: the status, the response headers
 * and the request id.
 *
 * <p>Immutable. Header names are lower-case; the values of a repeated header are joined by commas.
 */
public final class ResponseMetadata {

  private final int status;
  private final Map<String, String> headers;
  private final @Nullable String requestId;

  ResponseMetadata(int status, Map<String, String> headers, @Nullable String requestId) {
    this.status = status;
    this.headers = Map.copyOf(headers);
    this.requestId = requestId;
  }

  /**
   * Returns the HTTP status of the answer.
   *
   * @return the status, such as 200
   */
  public int status() {
    return status;
  }

  /**
   * Returns the response headers.
   *
   * @return the headers by lower-case name; unmodifiable
   */
  public Map<String, String> headers() {
    return headers;
  }

  /**
   * Returns one response header.
   *
   * @param name the header's name, in any case
   * @return its value, or empty when the server did not send it
   */
  public Optional<String> header(String name) {
    return Optional.ofNullable(
        headers.get(Objects.requireNonNull(name, "name").toLowerCase(java.util.Locale.ROOT)));
  }

  /**
   * Returns the request id the server gave in the {@code x-request-id} response header, the one
   * header the spec documents for it.
   *
   * @return the id, or empty when the server sent none
   */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }

  @Override
  public String toString() {
    return "ResponseMetadata{status=" + status + ", requestId=" + requestId + "}";
  }
}
