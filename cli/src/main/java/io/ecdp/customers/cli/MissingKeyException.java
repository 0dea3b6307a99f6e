package io.ecdp.customers.cli;

/**
 * No API key to call the API with: not a mistake in the command line, so it is reported by its one
 * line, without pointing at the help.
 */
final class MissingKeyException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  MissingKeyException(String message) {
    super(message);
  }
}
