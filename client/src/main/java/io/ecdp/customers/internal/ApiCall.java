package io.ecdp.customers.internal;

import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.WebTarget;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Describes one operation's request, built by the generated API and not yet sent.
 *
 * @param <T> the type of the success body ({@link Void} when the operation documents none)
 */
public final class ApiCall<T> {

  private final String operationId;
  private final String method;
  private final String pathTemplate;
  private final WebTarget target;
  private final Entity<?> entity;
  private final String accept;
  private final Class<T> responseType;
  private final int[] documentedSuccess;

  /**
   * Creates the description of a request.
   *
   * @param operationId the spec's operationId
   * @param method the HTTP method
   * @param pathTemplate the spec's path, with {@code {name}} placeholders: safe to log
   * @param target the target with the path values filled in
   * @param entity the body, or null
   * @param accept the media types of the documented responses
   * @param responseType the type of the success body
   * @param documentedSuccess the documented 2xx statuses
   */
  public ApiCall(
      String operationId,
      String method,
      String pathTemplate,
      WebTarget target,
      Entity<?> entity,
      String accept,
      Class<T> responseType,
      int[] documentedSuccess) {
    this.operationId = Objects.requireNonNull(operationId, "operationId");
    this.method = Objects.requireNonNull(method, "method");
    this.pathTemplate = Objects.requireNonNull(pathTemplate, "pathTemplate");
    this.target = Objects.requireNonNull(target, "target");
    this.entity = entity;
    this.accept = Objects.requireNonNull(accept, "accept");
    this.responseType = Objects.requireNonNull(responseType, "responseType");
    this.documentedSuccess = documentedSuccess.clone();
  }

  /** Returns the spec's operationId. */
  public String operationId() {
    return operationId;
  }

  /** Returns the HTTP method. */
  public String method() {
    return method;
  }

  /** Returns the spec's path template, which holds no customer data. */
  public String pathTemplate() {
    return pathTemplate;
  }

  /** Returns the target, path values filled in and percent-encoded. */
  public WebTarget target() {
    return target;
  }

  /** Returns the body, or null. */
  public Entity<?> entity() {
    return entity;
  }

  /** Returns the value of the {@code Accept} header. */
  public String accept() {
    return accept;
  }

  /** Returns the type of the success body. */
  public Class<T> responseType() {
    return responseType;
  }

  /** Returns the documented 2xx statuses. */
  public Set<Integer> documentedSuccess() {
    return Arrays.stream(documentedSuccess).boxed().collect(Collectors.toUnmodifiableSet());
  }

  /** Returns the method and path template, e.g. {@code GET /customers/email/{email}}. */
  @Override
  public String toString() {
    return method + " " + pathTemplate;
  }
}
