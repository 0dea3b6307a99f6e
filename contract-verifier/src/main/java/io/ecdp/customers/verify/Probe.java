package io.ecdp.customers.verify;

/**
 * Records what the live service answered to one of the vendor page's ambiguities.
 *
 * @param decision the decision in {@code docs/decisions.md}, such as {@code D1}
 * @param question what was asked of the service
 * @param decided what the product decided
 * @param observed what the service answered, personal data masked
 * @param verdict {@code as decided}, {@code differs} or {@code not observed}
 */
public record Probe(
    String decision, String question, String decided, String observed, String verdict) {

  /** The verdict when the service answered as the decision assumes. */
  public static final String AS_DECIDED = "as decided";

  /** The verdict when the service answered otherwise. */
  public static final String DIFFERS = "differs";

  /** The verdict when the run saw nothing that answers the question. */
  public static final String NOT_OBSERVED = "not observed";
}
