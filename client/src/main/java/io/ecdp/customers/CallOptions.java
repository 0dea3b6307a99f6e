package io.ecdp.customers;

import io.ecdp.customers.internal.ClientParts;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Options for one call, overriding the client's: how long the whole call may take, extra headers
 * (such as a {@code traceparent}), and the retry policy.
 *
 * <pre>{@code
 * CallOptions options =
 *     CallOptions.builder().timeout(Duration.ofSeconds(5)).header("traceparent", traceparent).build();
 * client.customers().get(CustomerKey.email(email), options);
 * }</pre>
 *
 * <p>Immutable and thread-safe; {@link #defaults()} changes nothing.
 */
public final class CallOptions {

  private static final CallOptions DEFAULTS = new Builder().build();

  /** Headers the client sets itself, which options cannot replace. */
  static final Set<String> RESERVED =
      Set.of("x-api-key", "accept", "content-type", "user-agent", "content-length", "host");

  private final @Nullable Duration timeout;
  private final Map<String, String> headers;
  private final @Nullable RetryPolicy retryPolicy;

  private CallOptions(Builder b) {
    this.timeout = b.timeout;
    this.headers = Map.copyOf(b.headers);
    this.retryPolicy = b.retryPolicy;
  }

  /**
   * Returns the options that change nothing: the client's timeouts, headers and retry policy.
   *
   * @return the default options
   */
  public static CallOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Returns a new builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns how long the whole call may take, retries and waits included, if set.
   *
   * @return the timeout, or empty for the client's
   */
  public Optional<Duration> timeout() {
    return Optional.ofNullable(timeout);
  }

  /**
   * Returns the headers sent with this call besides the client's own.
   *
   * @return the headers; unmodifiable
   */
  public Map<String, String> headers() {
    return headers;
  }

  /**
   * Returns the retry policy of this call, if set.
   *
   * @return the policy, or empty for the client's
   */
  public Optional<RetryPolicy> retryPolicy() {
    return Optional.ofNullable(retryPolicy);
  }

  /** Describes the options; header values are not shown, since they may hold tokens. */
  @Override
  public String toString() {
    return "CallOptions{timeout="
        + timeout
        + ", headers="
        + headers.keySet()
        + ", retryPolicy="
        + retryPolicy
        + "}";
  }

  /** Builds {@link CallOptions}; not thread-safe. */
  public static final class Builder {
    private @Nullable Duration timeout;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private @Nullable RetryPolicy retryPolicy;

    private Builder() {}

    /**
     * Sets how long the whole call may take, retries and waits included.
     *
     * @param timeout positive, at most {@code Integer.MAX_VALUE} milliseconds (about 24 days), as
     *     the client's timeouts
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      this.timeout = ClientParts.positive(timeout, "timeout");
      return this;
    }

    /**
     * Adds a header to this call, such as {@code traceparent}; it replaces a client-wide header of
     * the same name. The client's own headers ({@code x-api-key}, {@code Accept}, {@code
     * Content-Type}, {@code User-Agent}) cannot be set this way.
     *
     * @param name the header's name
     * @param value its value
     * @return this builder
     * @throws IllegalArgumentException if the client sets this header itself
     */
    public Builder header(String name, String value) {
      headers.put(checkHeader(name, value), value);
      return this;
    }

    /**
     * Sets the retry policy of this call ({@link RetryPolicy#none()} for none).
     *
     * @param retryPolicy the policy
     * @return this builder
     */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
      return this;
    }

    /**
     * Returns the options.
     *
     * @return the options
     */
    public CallOptions build() {
      return new CallOptions(this);
    }
  }

  /** Checks a header that a user adds, and returns its name. */
  static String checkHeader(String name, String value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException(name + " is set by the client");
    }
    if (name.isEmpty() || !name.chars().allMatch(CallOptions::isTokenChar)) {
      throw new IllegalArgumentException("not a valid header name: " + name);
    }
    if (value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
      throw new IllegalArgumentException("header " + name + " holds a line break or NUL");
    }
    return name;
  }

  private static boolean isTokenChar(int c) {
    return c > 32 && c < 127 && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
  }
}
