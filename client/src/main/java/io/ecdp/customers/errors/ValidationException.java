package io.ecdp.customers.errors;

import io.ecdp.customers.internal.ErrorContext;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown before anything is sent when the input breaks the spec's rules; lists every violation
 * (record index, field, rule), never the offending values.
 */
public final class ValidationException extends EcdpClientException {

  private static final long serialVersionUID = 1L;

  @SuppressWarnings("serial") // List.copyOf of records: serializable
  private final List<Violation> violations;

  ValidationException(String operation, List<Violation> violations) {
    super(
        ErrorContext.local(
            operation
                + " not sent: "
                + violations.size()
                + (violations.size() == 1 ? " violation: " : " violations: ")
                + violations.stream().map(Violation::toString).collect(Collectors.joining("; "))));
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("a ValidationException needs a violation");
    }
    this.violations = List.copyOf(violations);
  }

  /**
   * Returns every violation, in the order of the records and fields.
   *
   * @return the violations; not empty, unmodifiable
   */
  public List<Violation> violations() {
    return violations;
  }
}
