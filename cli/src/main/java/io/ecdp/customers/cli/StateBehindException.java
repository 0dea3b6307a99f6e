package io.ecdp.customers.cli;

/**
 * A resume refused: the sandbox state does not hold what the import's checkpoint says it stored.
 */
final class StateBehindException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  StateBehindException(String message) {
    super(message);
  }
}
