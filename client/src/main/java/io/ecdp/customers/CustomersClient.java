package io.ecdp.customers;

import io.ecdp.customers.events.CallListener;
import io.ecdp.customers.internal.ClientParts;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * A client of the ExpertSender CDP Customers API.
 *
 * <p>Build one with {@link #builder()}, share it (it is immutable and thread-safe), and close it
 * when done; it owns its HTTP connections and, unless you gave your own, its threads.
 *
 * <pre>{@code
 * try (CustomersClient client = CustomersClient.builder().apiKey(System.getenv("ECDP_API_KEY")).build()) {
 *   Optional<CustomerDetails> adam =
 *       client.customers().get(CustomerKey.email("adam@poczta.pl")).customer();
 * }
 * }</pre>
 */
public final class CustomersClient implements AutoCloseable {

  /** The vendor's production address. */
  public static final URI DEFAULT_BASE_URI = URI.create("https://api.ecdp.app");

  private final URI baseUri;
  private final ClientParts parts;
  private final @Nullable ExecutorService ownedExecutor;
  private final Customers customers;
  private final RetryPolicy retryPolicy;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final Duration callTimeout;
  private final AtomicBoolean closed = new AtomicBoolean();

  private CustomersClient(Builder b, String apiKey) {
    this.baseUri = b.baseUri;
    this.retryPolicy = b.retryPolicy;
    this.connectTimeout = b.connectTimeout;
    this.readTimeout = b.readTimeout;
    this.callTimeout = b.callTimeout;
    this.parts =
        new ClientParts(
            new ClientParts.Settings(
                b.baseUri,
                apiKey,
                b.userAgent,
                b.headers,
                b.connectTimeout,
                b.readTimeout,
                b.proxy,
                b.sslContext,
                b.maxConnections,
                b.listeners));
    this.ownedExecutor = b.executor == null ? ClientParts.asyncPool(b.asyncThreads) : null;
    Executor executor = b.executor != null ? b.executor : ownedExecutor;
    this.customers =
        new Customers(
            new Operations(
                parts.requests(),
                parts.calls(),
                parts.events(),
                b.retryPolicy,
                b.callTimeout,
                closed),
            Objects.requireNonNull(executor));
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
   * Returns the operations on customers: add, update, read and delete.
   *
   * @return the operations
   * @throws IllegalStateException if the client is closed
   */
  public Customers customers() {
    if (closed.get()) {
      throw new IllegalStateException("the client is closed");
    }
    return customers;
  }

  /**
   * Returns the base URI the client calls.
   *
   * @return the base URI
   */
  public URI baseUri() {
    return baseUri;
  }

  /**
   * Closes the client's connections and threads (not an executor you supplied). Calls in flight may
   * fail; asynchronous calls not yet started complete exceptionally with an {@link
   * IllegalStateException}, and a call made after this throws one. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    parts.close();
    if (ownedExecutor != null) {
      // Calls still queued are run here, where they fail at once as the client is closed, so that
      // every future returned is completed.
      for (Runnable queued : ownedExecutor.shutdownNow()) {
        queued.run();
      }
    }
  }

  /** Describes the configuration; never shows the API key. */
  @Override
  public String toString() {
    return "CustomersClient{baseUri="
        + baseUri
        + ", apiKey=***, connectTimeout="
        + connectTimeout
        + ", readTimeout="
        + readTimeout
        + ", callTimeout="
        + callTimeout
        + ", retryPolicy="
        + retryPolicy
        + "}";
  }

  /**
   * Builds a {@link CustomersClient}. Not thread-safe; each {@link #build()} makes a new client.
   */
  public static final class Builder {
    private @Nullable String apiKey;
    private URI baseUri = DEFAULT_BASE_URI;
    private boolean allowInsecureHttp;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(30);
    private Duration callTimeout = Duration.ofSeconds(60);
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private @Nullable String userAgent;
    private @Nullable URI proxy;
    private @Nullable SSLContext sslContext;
    private @Nullable Executor executor;
    private int asyncThreads = 16;
    private int maxConnections = 64;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final List<CallListener> listeners = new ArrayList<>();

    private Builder() {}

    /**
     * Sets the account's API key (required), sent in the {@code x-api-key} header. It never appears
     * in {@code toString()}, logs or exception messages.
     *
     * @param apiKey the key, not blank
     * @return this builder
     */
    public Builder apiKey(String apiKey) {
      Objects.requireNonNull(apiKey, "apiKey");
      if (apiKey.isBlank()) {
        throw new IllegalArgumentException("apiKey must not be blank");
      }
      this.apiKey = apiKey;
      return this;
    }

    /**
     * Sets the base URI (default {@code https://api.ecdp.app}). Plain {@code http} is accepted only
     * for a loopback address (a local sandbox or mock) unless {@link #allowInsecureHttp(boolean)}.
     *
     * @param baseUri an absolute http or https URI
     * @return this builder
     */
    public Builder baseUri(URI baseUri) {
      Objects.requireNonNull(baseUri, "baseUri");
      String scheme = String.valueOf(baseUri.getScheme()).toLowerCase(Locale.ROOT);
      if ((!scheme.equals("https") && !scheme.equals("http")) || baseUri.getHost() == null) {
        throw new IllegalArgumentException("baseUri must be an absolute http(s) URI: " + baseUri);
      }
      this.baseUri = baseUri;
      return this;
    }

    /**
     * Sets the base URI from a string; see {@link #baseUri(URI)}.
     *
     * @param baseUri an absolute http or https URI
     * @return this builder
     */
    public Builder baseUri(String baseUri) {
      return baseUri(URI.create(Objects.requireNonNull(baseUri, "baseUri")));
    }

    /**
     * Allows plain {@code http} to a host that is not a loopback address. The API key and customer
     * data then travel unencrypted: meant for test networks only.
     *
     * @param allow true to allow
     * @return this builder
     */
    public Builder allowInsecureHttp(boolean allow) {
      this.allowInsecureHttp = allow;
      return this;
    }

    /**
     * Sets how long connecting may take (default 10 s).
     *
     * @param timeout positive
     * @return this builder
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = ClientParts.positive(timeout, "connectTimeout");
      return this;
    }

    /**
     * Sets how long the client waits for each read of the response (default 30 s).
     *
     * @param timeout positive
     * @return this builder
     */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = ClientParts.positive(timeout, "readTimeout");
      return this;
    }

    /**
     * Sets how long a whole call may take, retries and waits included (default 60 s).
     *
     * @param timeout positive
     * @return this builder
     */
    public Builder callTimeout(Duration timeout) {
      this.callTimeout = ClientParts.positive(timeout, "callTimeout");
      return this;
    }

    /**
     * Sets the retry policy (default {@link RetryPolicy#defaults()}; {@link RetryPolicy#none()}
     * switches retries off).
     *
     * @param retryPolicy the policy
     * @return this builder
     */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
      return this;
    }

    /**
     * Sets a product token sent before the client's own in the {@code User-Agent} header, e.g.
     * {@code billing-service/2.3}.
     *
     * @param userAgent the token
     * @return this builder
     */
    public Builder userAgent(String userAgent) {
      this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
      return this;
    }

    /**
     * Sends every call through this HTTP proxy (default: none; the JDK's proxy properties are not
     * read).
     *
     * @param proxy the proxy's URI, such as {@code http://proxy.internal:3128}
     * @return this builder
     */
    public Builder proxy(URI proxy) {
      Objects.requireNonNull(proxy, "proxy");
      if (proxy.getHost() == null || proxy.getPort() < 0) {
        throw new IllegalArgumentException("proxy needs a host and a port: " + proxy);
      }
      this.proxy = proxy;
      return this;
    }

    /**
     * Uses this TLS context for https (default: the JDK's, created on the first TLS connection),
     * for a private trust store or a client certificate.
     *
     * @param sslContext the context, initialised
     * @return this builder
     */
    public Builder sslContext(SSLContext sslContext) {
      this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
      return this;
    }

    /**
     * Runs the {@link Customers#async()} operations on your executor instead of the client's own
     * threads.
     *
     * @param executor the executor; the client does not shut it down
     * @return this builder
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Sets how many threads the client's own executor runs for the {@link Customers#async()}
     * operations (default 16).
     *
     * @param threads at least 1
     * @return this builder
     */
    public Builder asyncThreads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("asyncThreads must be at least 1: " + threads);
      }
      this.asyncThreads = threads;
      return this;
    }

    /**
     * Adds a header sent with every call, e.g. a tracing or {@code Prefer} header. The client's own
     * headers ({@code x-api-key}, {@code Accept}, {@code Content-Type}, {@code User-Agent}) cannot
     * be replaced this way.
     *
     * @param name the header's name
     * @param value its value
     * @return this builder
     */
    public Builder header(String name, String value) {
      headers.put(CallOptions.checkHeader(name, value), value);
      return this;
    }

    /**
     * Sets how many connections the client keeps open to the API (default 64): the most calls in
     * flight at once; more wait for a free connection.
     *
     * @param connections at least 1
     * @return this builder
     */
    public Builder maxConnections(int connections) {
      if (connections < 1) {
        throw new IllegalArgumentException("maxConnections must be at least 1: " + connections);
      }
      this.maxConnections = connections;
      return this;
    }

    /**
     * Adds a listener of the client's calls, for metrics and tracing: it is told when each call
     * starts, each attempt starts and ends, and the call ends, and sees no API key and no customer
     * value. Listeners are told in the order they were added; one that throws never breaks a call.
     * With none, the client makes no event at all.
     *
     * @param listener the listener
     * @return this builder
     * @see io.ecdp.customers.events
     */
    public Builder addListener(CallListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Returns a new client.
     *
     * @return the client
     * @throws IllegalStateException if no API key was set, or the base URI is plain http to a host
     *     that is not loopback without {@link #allowInsecureHttp(boolean)}
     */
    public CustomersClient build() {
      String key = apiKey;
      if (key == null) {
        throw new IllegalStateException("apiKey is required");
      }
      if (baseUri.getScheme().equalsIgnoreCase("http")
          && !allowInsecureHttp
          && !ClientParts.isLoopback(baseUri.getHost())) {
        throw new IllegalStateException(
            "plain http to "
                + baseUri.getHost()
                + " would send the API key unencrypted; use https, or allowInsecureHttp(true)");
      }
      return new CustomersClient(this, key);
    }

    /** Describes the configuration; never shows the API key. */
    @Override
    public String toString() {
      return "CustomersClient.Builder{baseUri="
          + baseUri
          + ", apiKey="
          + (apiKey == null ? "unset" : "***")
          + "}";
    }
  }
}
