package io.ecdp.customers.spec;

/**
 * Says what a guard found wrong in the spec, and where.
 *
 * @param guard the guard that found it (structure, examples, seed facts, spectral, breaking)
 * @param where a JSON pointer or an operation ({@code GET /customers/id/{id}})
 * @param what what is wrong, in words
 */
public record Finding(String guard, String where, String what) {
  @Override
  public String toString() {
    return "[" + guard + "] " + where + ": " + what;
  }
}
