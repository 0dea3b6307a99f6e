package io.ecdp.customers.cli;

/** An input file that cannot be read at all (e.g. an unknown column); names file, line, field. */
final class InputFileException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  InputFileException(String file, long line, String field, String reason) {
    super(file + ":" + line + (field == null ? "" : ": " + field) + ": " + reason);
  }
}
