package io.ecdp.customers.verify;

/**
 * Holds how one pact interaction fared against the live service.
 *
 * @param description the interaction's description in the pact
 * @param outcome passed, failed or skipped
 * @param detail Pact's mismatches when it failed, or why it was skipped; masked
 */
public record InteractionResult(String description, Outcome outcome, String detail) {

  /** How an interaction fared. */
  public enum Outcome {
    /** Pact JVM's verifier found the answer as the pact expects. */
    PASSED,
    /** Pact JVM's verifier found mismatches. */
    FAILED,
    /** Not sent, for the reason in the detail. */
    SKIPPED
  }
}
