package io.ecdp.customers.cli;

/** The exit codes of {@code ecdp}, for scripts. */
final class ExitCode {
  /** Everything asked was done. */
  static final int OK = 0;

  /** A bug: the command failed unexpectedly. */
  static final int SOFTWARE = 1;

  /** Bad command line (unknown option, missing value). */
  static final int USAGE = 2;

  /** The customer asked for does not exist. */
  static final int NOT_FOUND = 3;

  /** Input was refused: invalid records (locally or by the API), or an unusable input file. */
  static final int INPUT_REJECTED = 4;

  /** The API key was refused (401) or may not do this (403). */
  static final int AUTH = 5;

  /** The API could not be reached or failed (timeouts, 5xx, 429 after retries). */
  static final int UNAVAILABLE = 6;

  private ExitCode() {}
}
