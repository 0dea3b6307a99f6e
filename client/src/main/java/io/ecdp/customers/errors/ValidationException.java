package io.ecdp.customers.errors;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown before anything is sent when the input breaks the spec's rules; lists every violation
 * (record index, field, rule), never the offending values.
 */
public class ValidationException extends EcdpException {

  private static final long serialVersionUID = 1L;

  private final List<Violation> violations; // List.copyOf: serializable

  /**
   * Creates the exception.
   *
   * @param operation the operation, e.g. {@code POST /customers}
   * @param violations every violation found; not empty
   */
  public ValidationException(String operation, List<Violation> violations) {
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

  /** Returns every violation, in the order of the records and fields. */
  public List<Violation> violations() {
    return violations;
  }
}
