package io.ecdp.customers;

import java.time.Duration;
import java.util.Objects;

/**
 * Says how often and how patiently the client retries a failed call.
 *
 * <p>What is retried never changes: GET and DELETE retry on connection failures, timeouts, 429,
 * 502, 503 and 504; POST retries only when the request certainly did not reach the server (the
 * connection was refused or never established) or the server asked for it (429, or 503 with {@code
 * Retry-After}), so an ambiguous failure never sends a batch twice. A caller that paces its own
 * calls can have every 429 handed back at once ({@link Builder#retryRateLimited(boolean)}) while
 * the rest is retried as above. This policy sets how many attempts, how long between them
 * (exponential backoff with jitter, or the server's {@code Retry-After} when it sent one), and the
 * longest announced wait worth honouring. The client's call timeout caps the whole, retries
 * included.
 *
 * <p>Immutable and thread-safe.
 */
public final class RetryPolicy {

  private static final RetryPolicy DEFAULTS = builder().build();
  private static final RetryPolicy NONE = builder().maxAttempts(1).build();

  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final boolean honourRetryAfter;
  private final Duration maxRetryAfter;
  private final boolean retryRateLimited;

  private RetryPolicy(Builder b) {
    this.maxAttempts = b.maxAttempts;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.honourRetryAfter = b.honourRetryAfter;
    this.maxRetryAfter = b.maxRetryAfter;
    this.retryRateLimited = b.retryRateLimited;
  }

  /**
   * Returns the default policy: 3 attempts, backoff from 200 ms doubling up to 5 s with jitter,
   * {@code Retry-After} honoured up to 30 s.
   *
   * @return the default policy
   */
  public static RetryPolicy defaults() {
    return DEFAULTS;
  }

  /**
   * Returns a policy that never retries.
   *
   * @return the value
   */
  public static RetryPolicy none() {
    return NONE;
  }

  /**
   * Returns a builder that starts from the defaults.
   *
   * @return the value
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the most attempts of one call, the first included (1 means no retry).
   *
   * @return the value
   */
  public int maxAttempts() {
    return maxAttempts;
  }

  /**
   * Returns the backoff before the first retry; it doubles for each further retry.
   *
   * @return the value
   */
  public Duration initialBackoff() {
    return initialBackoff;
  }

  /**
   * Returns the longest backoff between two attempts.
   *
   * @return the value
   */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  /**
   * Returns whether a server's {@code Retry-After} replaces the backoff.
   *
   * @return the value
   */
  public boolean honourRetryAfter() {
    return honourRetryAfter;
  }

  /**
   * Returns the longest announced wait the client honours; a longer one fails the call at once.
   *
   * @return the value
   */
  public Duration maxRetryAfter() {
    return maxRetryAfter;
  }

  /**
   * Returns whether a call answered 429 is retried; when not, its {@code RateLimitedException}
   * reaches the caller at once.
   *
   * @return the value
   */
  public boolean retryRateLimited() {
    return retryRateLimited;
  }

  @Override
  public String toString() {
    return "RetryPolicy{maxAttempts="
        + maxAttempts
        + ", initialBackoff="
        + initialBackoff
        + ", maxBackoff="
        + maxBackoff
        + ", honourRetryAfter="
        + honourRetryAfter
        + ", maxRetryAfter="
        + maxRetryAfter
        + ", retryRateLimited="
        + retryRateLimited
        + "}";
  }

  /** Builds a {@link RetryPolicy}. */
  public static final class Builder {
    private int maxAttempts = 3;
    private Duration initialBackoff = Duration.ofMillis(200);
    private Duration maxBackoff = Duration.ofSeconds(5);
    private boolean honourRetryAfter = true;
    private Duration maxRetryAfter = Duration.ofSeconds(30);
    private boolean retryRateLimited = true;

    private Builder() {}

    /**
     * Sets the most attempts of one call, the first included.
     *
     * @param maxAttempts at least 1; 1 switches retries off
     * @return this builder
     */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /**
     * Sets the backoff before the first retry.
     *
     * @param initialBackoff zero or positive
     * @return this builder
     */
    public Builder initialBackoff(Duration initialBackoff) {
      this.initialBackoff = notNegative(initialBackoff, "initialBackoff");
      return this;
    }

    /**
     * Sets the longest backoff between two attempts.
     *
     * @param maxBackoff zero or positive
     * @return this builder
     */
    public Builder maxBackoff(Duration maxBackoff) {
      this.maxBackoff = notNegative(maxBackoff, "maxBackoff");
      return this;
    }

    /**
     * Sets whether a server's {@code Retry-After} replaces the backoff.
     *
     * @param honourRetryAfter true to wait as long as the server asks (up to {@link
     *     #maxRetryAfter(Duration)})
     * @return this builder
     */
    public Builder honourRetryAfter(boolean honourRetryAfter) {
      this.honourRetryAfter = honourRetryAfter;
      return this;
    }

    /**
     * Sets the longest announced wait worth honouring.
     *
     * @param maxRetryAfter zero or positive
     * @return this builder
     */
    public Builder maxRetryAfter(Duration maxRetryAfter) {
      this.maxRetryAfter = notNegative(maxRetryAfter, "maxRetryAfter");
      return this;
    }

    /**
     * Sets whether a call answered 429 is retried (the default). A caller that paces its calls
     * itself, and must see each 429 to slow down, sets false: the {@code RateLimitedException} then
     * reaches it at once, and every other failure is still retried as this policy says.
     *
     * @param retryRateLimited false to hand every 429 back to the caller
     * @return this builder
     */
    public Builder retryRateLimited(boolean retryRateLimited) {
      this.retryRateLimited = retryRateLimited;
      return this;
    }

    /**
     * Returns the policy.
     *
     * @return the policy
     */
    public RetryPolicy build() {
      if (maxBackoff.compareTo(initialBackoff) < 0) {
        throw new IllegalArgumentException("maxBackoff is shorter than initialBackoff");
      }
      return new RetryPolicy(this);
    }

    private static Duration notNegative(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative: " + d);
      }
      return d;
    }
  }
}
