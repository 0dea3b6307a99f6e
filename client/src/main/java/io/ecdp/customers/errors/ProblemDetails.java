package io.ecdp.customers.errors;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An RFC 7807 problem document, as the server sent it: the documented members and any extension
 * members (kept, never fatal).
 *
 * <p>Immutable. Only the client creates problem documents.
 */
public final class ProblemDetails implements java.io.Serializable {

  private static final long serialVersionUID = 2L;

  private final @Nullable String type;
  private final @Nullable String title;
  private final int status;
  private final @Nullable String detail;
  private final @Nullable String instance;
  private final List<String> errors;
  private final @Nullable String substatus;

  @SuppressWarnings(
      "serial") // an unmodifiable map of JSON values converted to Java, all Serializable
  private final Map<String, @Nullable Object> extensions;

  ProblemDetails(
      @Nullable String type,
      @Nullable String title,
      int status,
      @Nullable String detail,
      @Nullable String instance,
      List<String> errors,
      @Nullable String substatus,
      Map<String, @Nullable Object> extensions) {
    this.type = type;
    this.title = title;
    this.status = status;
    this.detail = detail;
    this.instance = instance;
    this.errors = List.copyOf(errors);
    this.substatus = substatus;
    this.extensions = Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
  }

  /**
   * Returns the URI reference that identifies the problem type.
   *
   * @return the type, or null
   */
  public @Nullable String type() {
    return type;
  }

  /**
   * Returns the short summary of the problem type.
   *
   * @return the title, or null
   */
  public @Nullable String title() {
    return title;
  }

  /**
   * Returns the HTTP status the document states.
   *
   * @return the status, or 0 when the document states none
   */
  public int status() {
    return status;
  }

  /**
   * Returns the explanation of this occurrence; it may hold customer data.
   *
   * @return the detail, or null
   */
  public @Nullable String detail() {
    return detail;
  }

  /**
   * Returns the URI reference of this occurrence; it may hold customer data.
   *
   * @return the instance, or null
   */
  public @Nullable String instance() {
    return instance;
  }

  /**
   * Returns the individual validation failures, as the server worded them.
   *
   * @return the entries; empty when none were sent
   */
  public List<String> errors() {
    return errors;
  }

  /**
   * Returns the finer-grained reason, such as {@code CustomerInvalidModelState}.
   *
   * @return the substatus, or null
   */
  public @Nullable String substatus() {
    return substatus;
  }

  /**
   * Returns the members the spec does not document, as JSON values converted to Java ({@code
   * String}, {@code BigDecimal}, {@code Boolean}, {@code List}, {@code Map}, null).
   *
   * @return the members by name; unmodifiable
   */
  public Map<String, @Nullable Object> extensions() {
    return extensions;
  }

  /**
   * Returns the extension member {@code name}, if the server sent it.
   *
   * @param name the member's name
   * @return its value, or empty
   */
  public Optional<Object> extension(String name) {
    Objects.requireNonNull(name, "name");
    return Optional.ofNullable(extensions.get(name));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ProblemDetails p
        && p.status == status
        && Objects.equals(p.type, type)
        && Objects.equals(p.title, title)
        && Objects.equals(p.detail, detail)
        && Objects.equals(p.instance, instance)
        && p.errors.equals(errors)
        && Objects.equals(p.substatus, substatus)
        && p.extensions.equals(extensions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, title, status, detail, instance, errors, substatus, extensions);
  }

  /** Returns the members that carry no customer data: type, title, status, substatus, counts. */
  @Override
  public String toString() {
    return "ProblemDetails{type="
        + type
        + ", title="
        + title
        + ", status="
        + status
        + ", substatus="
        + substatus
        + ", errors="
        + errors.size()
        + ", extensions="
        + extensions.keySet()
        + "}";
  }
}
