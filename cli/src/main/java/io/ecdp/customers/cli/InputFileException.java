package io.ecdp.customers.cli;

/** An input file that cannot be read at all (e.g. an unknown column); names file, line, field. */
final class InputFileException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Names {@code file}, the {@code line} (none when 0), the {@code field} (none when null). */
  InputFileException(String file, long line, String field, String reason) {
    super(
        file
            + (line > 0 ? ":" + line : "")
            + (field == null ? "" : ": " + field)
            + (line > 0 || field != null ? ": " : " ")
            + reason);
  }
}
