package io.ecdp.customers.errors;

import java.util.Objects;

/**
 * One value that breaks a rule of the spec, found before anything was sent.
 *
 * @param recordIndex the index of the record in the batch, or -1 when the value is not part of a
 *     record (a path value, the batch itself)
 * @param field the field's path within the record (or the parameter's name), e.g. {@code
 *     customAttributes[0].name}
 * @param rule the rule it breaks, e.g. {@code length must be at most 320}
 */
public record Violation(int recordIndex, String field, String rule)
    implements java.io.Serializable {

  /**
   * Checks the components.
   *
   * @param recordIndex the index of the record in the batch, or -1
   * @param field the field's path within the record, or the parameter's name
   * @param rule the rule it breaks
   */
  public Violation {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(rule, "rule");
  }

  /** Returns e.g. {@code data[3].email: is required}; never the value itself. */
  @Override
  public String toString() {
    return (recordIndex >= 0 ? "data[" + recordIndex + "]." : "") + field + ": " + rule;
  }
}
