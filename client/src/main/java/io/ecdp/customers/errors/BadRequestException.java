package io.ecdp.customers.errors;

import io.ecdp.customers.internal.ErrorContext;
import io.ecdp.customers.internal.model.ProblemJson;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/**
 * Thrown when the server answers 400: the request breaks a rule the server checks (the problem
 * document says which).
 */
public final class BadRequestException extends EcdpServiceException {

  private static final long serialVersionUID = 1L;

  BadRequestException(ErrorContext context) {
    super(context);
  }

  /**
   * Returns the refused records the server named: each entry of the problem's {@code errors} in the
   * form the spec states for a record ({@code data[N].field: rule}), in the server's order. Entries
   * in any other form name no record; they are in {@link ProblemDetails#errors()} only.
   *
   * @return the violations, each with its record's index in the batch; empty when none was named
   */
  public List<Violation> violations() {
    List<Violation> out = new ArrayList<>();
    for (String entry : problem().map(ProblemDetails::errors).orElse(List.of())) {
      Matcher m = ProblemJson.ERRORS_RECORD_FORM.matcher(entry);
      if (m.matches()) {
        try {
          out.add(Violation.of(Integer.parseInt(m.group(1)), m.group(2).trim(), m.group(3)));
        } catch (NumberFormatException e) {
          // an index too large for an int names no record of a batch
        }
      }
    }
    return List.copyOf(out);
  }
}
