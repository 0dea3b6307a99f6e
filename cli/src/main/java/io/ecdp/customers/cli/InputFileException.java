package io.ecdp.customers.cli;

import java.util.List;

/** An input file that cannot be read at all (e.g. an unknown column); names file, line, field. */
final class InputFileException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Each problem, one a line, when there are several; else empty. */
  private final List<String> details;

  /** {@code file} has {@code problems}, each listed on a line of its own. */
  InputFileException(String file, List<String> problems) {
    super(file + ": " + (problems.size() == 1 ? problems.get(0) : problems.size() + " problems"));
    this.details = problems.size() == 1 ? List.of() : List.copyOf(problems);
  }

  /** Returns each problem, when there are several. */
  List<String> details() {
    return details;
  }

  /** Names {@code file}, the {@code line} (none when 0), the {@code field} (none when null). */
  InputFileException(String file, long line, String field, String reason) {
    super(
        file
            + (line > 0 ? ":" + line : "")
            + (field == null ? "" : ": " + field)
            + (line > 0 || field != null ? ": " : " ")
            + reason);
    this.details = List.of();
  }
}
