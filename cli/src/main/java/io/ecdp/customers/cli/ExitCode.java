package io.ecdp.customers.cli;

/** The exit codes of {@code ecdp}, for scripts (listed in {@code ecdp --help}). */
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

  /** The API could not be reached or failed (connection, timeouts, 5xx, 429 after retries). */
  static final int UNAVAILABLE = 6;

  /** The API answered 409: the request conflicts with the customer's current state. */
  static final int CONFLICT = 7;

  /** The API answered with a status or body the spec does not document. */
  static final int UNDOCUMENTED_RESPONSE = 8;

  /**
   * The sandbox state cannot be used: corrupt or of the wrong shape, or older than the checkpoint
   * of the import being resumed.
   */
  static final int STATE_UNUSABLE = 9;

  /** The sandbox state is in use by another {@code ecdp} process; try again when it has ended. */
  static final int STATE_IN_USE = 10;

  /** Interrupted (Ctrl-C): what was in flight was settled and recorded; resume with --resume. */
  static final int INTERRUPTED = 130;

  private ExitCode() {}
}
