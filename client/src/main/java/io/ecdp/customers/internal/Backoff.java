package io.ecdp.customers.internal;

import io.ecdp.customers.RetryPolicy;
import java.time.Duration;

/** Computes the wait before a retry: exponential, capped, with "equal jitter". */
public final class Backoff {

  private Backoff() {}

  /**
   * Returns the wait before retry number {@code retry}: the initial backoff doubled per retry,
   * capped at the maximum, of which a random half is kept.
   *
   * @param policy the retry policy
   * @param retry the retry's number, from 1
   * @param random a number in [0, 1)
   * @return the wait
   */
  public static Duration of(RetryPolicy policy, int retry, double random) {
    if (retry < 1) {
      throw new IllegalArgumentException("retry numbers start at 1: " + retry);
    }
    double exponential =
        (double) policy.initialBackoff().toNanos() * Math.pow(2, Math.min(retry - 1, 30));
    double capped = Math.min(exponential, (double) policy.maxBackoff().toNanos());
    return Duration.ofNanos((long) (capped / 2 + capped / 2 * random));
  }
}
