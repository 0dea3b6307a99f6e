package io.ecdp.customers.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * Faults the sandbox injects, for consumers' resilience tests: added latency, a share of {@code
 * 429} answers with {@code Retry-After}, a fixed allowance of requests per second beyond which
 * calls are answered {@code 429}, a share of {@code 503} answers. Off by default; random draws are
 * seeded, so a run can be repeated.
 *
 * @param latency added to every call
 * @param rateLimitedShare the share of calls answered {@code 429}, 0 to 1
 * @param retryAfter the {@code Retry-After} of those answers
 * @param unavailableShare the share of calls answered {@code 503}, 0 to 1
 * @param seed the seed of the random draws
 * @param allowancePerSecond the most calls per second the sandbox answers (a token bucket that
 *     holds one second's allowance and refills continuously); further calls are answered {@code
 *     429} with the whole seconds until the next call is allowed as {@code Retry-After}; 0 for no
 *     allowance
 */
public record Faults(
    Duration latency,
    double rateLimitedShare,
    Duration retryAfter,
    double unavailableShare,
    long seed,
    int allowancePerSecond) {

  /** No faults. */
  public static final Faults NONE = new Faults(Duration.ZERO, 0, Duration.ofSeconds(1), 0, 42, 0);

  /** Checks the components. */
  public Faults {
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(retryAfter, "retryAfter");
    if (latency.isNegative() || retryAfter.isNegative()) {
      throw new IllegalArgumentException("durations must not be negative");
    }
    if (rateLimitedShare < 0 || unavailableShare < 0 || rateLimitedShare + unavailableShare > 1) {
      throw new IllegalArgumentException("the shares must be between 0 and 1, together at most 1");
    }
    if (allowancePerSecond < 0) {
      throw new IllegalArgumentException("the allowance must not be negative");
    }
  }

  /** Returns these faults with {@code latency} added to every call. */
  public Faults withLatency(Duration latency) {
    return new Faults(
        latency, rateLimitedShare, retryAfter, unavailableShare, seed, allowancePerSecond);
  }

  /** Returns these faults with a share of {@code 429} answers announcing {@code retryAfter}. */
  public Faults withRateLimited(double share, Duration retryAfter) {
    return new Faults(latency, share, retryAfter, unavailableShare, seed, allowancePerSecond);
  }

  /**
   * Returns these faults with a fixed allowance: at most {@code perSecond} calls a second are
   * answered, the others get {@code 429}; 0 removes the allowance.
   */
  public Faults withAllowance(int perSecond) {
    return new Faults(latency, rateLimitedShare, retryAfter, unavailableShare, seed, perSecond);
  }

  /** Returns these faults with a share of {@code 503} answers. */
  public Faults withUnavailable(double share) {
    return new Faults(latency, rateLimitedShare, retryAfter, share, seed, allowancePerSecond);
  }

  /** Returns these faults drawn from {@code seed}. */
  public Faults withSeed(long seed) {
    return new Faults(
        latency, rateLimitedShare, retryAfter, unavailableShare, seed, allowancePerSecond);
  }
}
