package io.ecdp.customers.internal.http;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP request, ready to send any number of times.
 *
 * @param method the HTTP method
 * @param path the path below the base URI, its values percent-encoded
 * @param query the query parameters, raw (the transport encodes them)
 * @param headers the headers, {@code Content-Type} excepted (the body carries it)
 * @param body the body, or null
 * @param successBodyLimit the most bytes of a 2xx body read
 * @param errorBodyLimit the most bytes of any other body read
 */
public record HttpRequest(
    String method,
    String path,
    Map<String, String> query,
    Map<String, String> headers,
    @Nullable RequestBody body,
    int successBodyLimit,
    int errorBodyLimit) {

  /** Checks the components and copies the maps. */
  public HttpRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    query = Map.copyOf(query);
    headers = Map.copyOf(headers);
  }

  /**
   * Returns this request with more headers, which replace its own of the same name in any case.
   *
   * @param more the headers to add
   * @return the new request
   */
  public HttpRequest withHeaders(Map<String, String> more) {
    Map<String, String> all = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    all.putAll(headers);
    all.putAll(more);
    return new HttpRequest(method, path, query, all, body, successBodyLimit, errorBodyLimit);
  }

  /**
   * Returns the most bytes of a body with this status that are read.
   *
   * @param status the HTTP status
   * @return the limit
   */
  public int bodyLimit(int status) {
    return status >= 200 && status < 300 ? successBodyLimit : errorBodyLimit;
  }
}
