package io.ecdp.customers.imports;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Says why one record was refused: the field at fault (when one was named) and the rule, in the
 * client's or the service's words, with customer values and the API key masked.
 */
public final class Refusal {

  private final @Nullable String field;
  private final String rule;
  private final boolean byService;

  Refusal(@Nullable String field, String rule, boolean byService) {
    this.field = field;
    this.rule = Objects.requireNonNull(rule, "rule");
    this.byService = byService;
  }

  /**
   * Returns the field at fault, as the API names it ({@code email}, {@code customAttributes[0]
   * .value}), or null when the refusal named none.
   *
   * @return the field, or null
   */
  public @Nullable String field() {
    return field;
  }

  /**
   * Returns the rule the record broke.
   *
   * @return the rule
   */
  public String rule() {
    return rule;
  }

  /**
   * Returns whether the service refused the record ({@code 400}), rather than the client's checks
   * before anything was sent.
   *
   * @return true when the service refused it
   */
  public boolean byService() {
    return byService;
  }

  /** Returns {@code field: rule}, or the rule alone when no field was named. */
  @Override
  public String toString() {
    return field == null ? rule : field + ": " + rule;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Refusal r
        && Objects.equals(field, r.field)
        && rule.equals(r.rule)
        && byService == r.byService;
  }

  @Override
  public int hashCode() {
    return Objects.hash(field, rule, byService);
  }
}
