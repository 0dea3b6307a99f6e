package io.ecdp.customers.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Describes one operation's request as the spec states it, built by the generated API and not yet
 * sent: no transport type appears in it.
 *
 * @param <T> the type of the success body ({@link Void} when the operation documents none)
 */
public final class ApiCall<T> {

  private final String method;
  private final String pathTemplate;
  private final String path;
  private final Map<String, String> query;
  private final @Nullable Object body;
  private final String contentType;
  private final String accept;
  private final Class<T> responseType;

  /**
   * Creates the description of a request.
   *
   * @param method the HTTP method
   * @param pathTemplate the spec's path, with {@code {name}} placeholders: safe to log
   * @param path the path with its values filled in, each percent-encoded as one segment
   * @param query the query parameters that are set, by name, in the spec's order (raw values)
   * @param body the body, or null
   * @param contentType the media type of the body; empty without one
   * @param accept the media types of the documented responses
   * @param responseType the type of the success body
   */
  public ApiCall(
      String method,
      String pathTemplate,
      String path,
      Map<String, String> query,
      @Nullable Object body,
      String contentType,
      String accept,
      Class<T> responseType) {
    this.method = Objects.requireNonNull(method, "method");
    this.pathTemplate = Objects.requireNonNull(pathTemplate, "pathTemplate");
    this.path = Objects.requireNonNull(path, "path");
    this.query = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(query));
    this.body = body;
    this.contentType = Objects.requireNonNull(contentType, "contentType");
    this.accept = Objects.requireNonNull(accept, "accept");
    this.responseType = Objects.requireNonNull(responseType, "responseType");
  }

  /**
   * Returns the HTTP method.
   *
   * @return the method, such as {@code GET}
   */
  public String method() {
    return method;
  }

  /**
   * Returns the spec's path template, which holds no customer data.
   *
   * @return the template, such as {@code /customers/email/{email}}
   */
  public String pathTemplate() {
    return pathTemplate;
  }

  /**
   * Returns the path, values filled in and percent-encoded: it may hold customer data.
   *
   * @return the path
   */
  public String path() {
    return path;
  }

  /**
   * Returns the query parameters that are set, raw (the transport encodes them).
   *
   * @return the parameters by name; unmodifiable
   */
  public Map<String, String> query() {
    return query;
  }

  /**
   * Returns the body, or null.
   *
   * @return the body
   */
  public @Nullable Object body() {
    return body;
  }

  /**
   * Returns the media type of the body.
   *
   * @return the media type; empty without a body
   */
  public String contentType() {
    return contentType;
  }

  /**
   * Returns the value of the {@code Accept} header.
   *
   * @return the media types
   */
  public String accept() {
    return accept;
  }

  /**
   * Returns the type of the success body.
   *
   * @return the type; {@link Void} when none is documented
   */
  public Class<T> responseType() {
    return responseType;
  }

  /**
   * Returns whether a retry may repeat this call without changing what the server holds: every
   * method but POST and PATCH.
   *
   * @return whether the method is idempotent
   */
  public boolean idempotent() {
    return !"POST".equals(method) && !"PATCH".equals(method);
  }

  /** Returns the method and path template, e.g. {@code GET /customers/email/{email}}. */
  @Override
  public String toString() {
    return method + " " + pathTemplate;
  }
}
