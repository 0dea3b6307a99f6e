package io.ecdp.customers.kafka.connect.internal;

import org.apache.kafka.connect.errors.ConnectException;
import org.jspecify.annotations.Nullable;

/**
 * Says why one record cannot be written: the field at fault and the rule it breaks, never the
 * record's value ({@code email: expected a string, got INT32}). It is what the dead letter queue
 * receives as the record's error.
 */
public final class RecordRefusedException extends ConnectException {

  private static final long serialVersionUID = 1L;

  /** The customer field at fault, or null when the whole record is. */
  private final @Nullable String field;

  /** The rule the record breaks, without any customer value. */
  private final String rule;

  /**
   * Creates the refusal of one record.
   *
   * @param field the customer field at fault, or null when the whole record is
   * @param rule the rule it breaks, without any customer value
   */
  public RecordRefusedException(@Nullable String field, String rule) {
    super(field == null ? rule : field + ": " + rule);
    this.field = field;
    this.rule = rule;
  }

  /**
   * Returns the field at fault, or null when the whole record is.
   *
   * @return the field, or null
   */
  public @Nullable String field() {
    return field;
  }

  /**
   * Returns the rule the record breaks.
   *
   * @return the rule
   */
  public String rule() {
    return rule;
  }
}
