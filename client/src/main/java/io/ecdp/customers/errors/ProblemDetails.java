package io.ecdp.customers.errors;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An RFC 7807 problem document, as the server sent it: the documented members and any extension
 * members (kept, never fatal).
 *
 * @param type a URI reference that identifies the problem type, or null
 * @param title a short summary of the problem type, or null
 * @param status the HTTP status the document states, or null
 * @param detail an explanation of this occurrence, or null (may hold customer data)
 * @param instance a URI reference of this occurrence, or null (may hold customer data)
 * @param errors the individual validation failures; empty when none were sent
 * @param substatus a finer-grained reason such as {@code CustomerInvalidModelState}, or null
 * @param extensions the members the spec does not document, as JSON-P values converted to Java
 *     ({@code String}, {@code BigDecimal}, {@code Boolean}, {@code List}, {@code Map}, null)
 */
public record ProblemDetails(
    @Nullable String type,
    @Nullable String title,
    @Nullable Integer status,
    @Nullable String detail,
    @Nullable String instance,
    List<String> errors,
    @Nullable String substatus,
    Map<String, @Nullable Object> extensions)
    implements java.io.Serializable {

  /**
   * Copies the lists and maps, so the document is immutable.
   *
   * @param type a URI reference that identifies the problem type, or null
   * @param title a short summary of the problem type, or null
   * @param status the HTTP status the document states, or null
   * @param detail an explanation of this occurrence, or null
   * @param instance a URI reference of this occurrence, or null
   * @param errors the individual validation failures, or null for none
   * @param substatus a finer-grained reason, or null
   * @param extensions the members the spec does not document, or null for none
   */
  public ProblemDetails {
    errors = errors == null ? List.of() : List.copyOf(errors);
    extensions =
        extensions == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extensions));
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
