package io.ecdp.customers.errors;

import java.util.Objects;

/**
 * One value that breaks a rule: found by the client before anything was sent ({@link
 * ValidationException}), or named by the server in a record-form {@code errors} entry ({@link
 * BadRequestException#violations()}).
 *
 * <p>Immutable.
 */
public final class Violation implements java.io.Serializable {

  private static final long serialVersionUID = 2L;

  private final int recordIndex;
  private final String field;
  private final String rule;

  private Violation(int recordIndex, String field, String rule) {
    this.recordIndex = recordIndex;
    this.field = Objects.requireNonNull(field, "field");
    this.rule = Objects.requireNonNull(rule, "rule");
  }

  /**
   * Returns a violation, such as a test expects.
   *
   * @param recordIndex the record's 0-based index in the batch, or -1 when the value is not part of
   *     a record
   * @param field the field's path within the record, or the parameter's name
   * @param rule the rule the value breaks
   * @return the violation
   */
  public static Violation of(int recordIndex, String field, String rule) {
    return new Violation(recordIndex, field, rule);
  }

  /**
   * Returns the index of the record in the batch.
   *
   * @return the 0-based index, or -1 when the value is not part of a record (a path value, the
   *     batch itself)
   */
  public int recordIndex() {
    return recordIndex;
  }

  /**
   * Returns the field's path within the record, or the parameter's name.
   *
   * @return the path, such as {@code customAttributes[0].name}; empty when the server named no
   *     field
   */
  public String field() {
    return field;
  }

  /**
   * Returns the rule the value breaks.
   *
   * @return the rule, such as {@code length must be at most 320}
   */
  public String rule() {
    return rule;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Violation v
        && v.recordIndex == recordIndex
        && v.field.equals(field)
        && v.rule.equals(rule);
  }

  @Override
  public int hashCode() {
    return Objects.hash(recordIndex, field, rule);
  }

  /** Returns e.g. {@code data[3].email: is required}; never the value itself. */
  @Override
  public String toString() {
    return (recordIndex >= 0 ? "data[" + recordIndex + "]" + (field.isEmpty() ? "" : ".") : "")
        + field
        + ": "
        + rule;
  }
}
