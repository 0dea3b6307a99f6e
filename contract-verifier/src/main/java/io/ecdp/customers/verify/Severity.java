package io.ecdp.customers.verify;

/** Says how much a finding of a live verification matters to the client. */
public enum Severity {
  /**
   * The service answered in a way the client cannot rely on: a pact expectation failed, a required
   * field is missing, a type changed, a status is undocumented, an error is not {@code
   * application/problem+json}.
   */
  BREAKING,
  /**
   * The service answered more than the spec says, in a way the client tolerates: an undocumented
   * field or header, an unknown value of an enum the client reads as expandable, a {@code 429}
   * without {@code Retry-After}.
   */
  WARNING
}
