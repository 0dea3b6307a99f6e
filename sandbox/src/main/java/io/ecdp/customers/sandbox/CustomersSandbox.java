package io.ecdp.customers.sandbox;

import io.ecdp.customers.CustomersClient;
import jakarta.json.bind.Jsonb;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/**
 * A stateful, in-memory Customers API over real HTTP: the nine operations with the semantics of
 * {@link SandboxStore}, the {@code x-api-key} check, problem documents for every error, and fault
 * knobs. Start one with {@link #builder()}; close it to stop it.
 *
 * <pre>{@code
 * try (CustomersSandbox sandbox = CustomersSandbox.builder().start();
 *     CustomersClient client = sandbox.client()) {
 *   client.customers().upsert(UpsertMode.ADD, MatchBy.EMAIL, List.of(record));
 * }
 * }</pre>
 */
public final class CustomersSandbox implements AutoCloseable {

  /** The API key a sandbox accepts unless told otherwise. */
  public static final String DEFAULT_API_KEY = "sandbox-api-key";

  /** The largest body the sandbox reads unless told otherwise: 32 MiB. */
  public static final long DEFAULT_MAX_BODY_BYTES = 32L << 20;

  /** How long the sandbox waits for the next bytes of a body unless told otherwise. */
  public static final java.time.Duration DEFAULT_BODY_TIMEOUT = java.time.Duration.ofSeconds(30);

  /** How long {@link #close()} waits for the requests being worked on. */
  private static final long CLOSE_WAIT_MILLIS = 10_000;

  private final HttpServer server;
  private final SandboxHandler handler;
  private final URI uri;
  private final SandboxStore store;
  private final Set<String> apiKeys;
  private final Jsonb jsonb;

  /** The state file's keeper, or null without one. */
  private final SandboxState state;

  private final java.util.concurrent.atomic.AtomicBoolean closed =
      new java.util.concurrent.atomic.AtomicBoolean();

  private CustomersSandbox(Builder b) throws IOException {
    this.store = b.store != null ? b.store : new SandboxStore();
    this.apiKeys = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(b.apiKeys));
    // The state is read while Jersey sets itself up (most of a command's start-up), and is in the
    // store before the server accepts a connection.
    java.util.concurrent.FutureTask<SandboxState> opening = null;
    if (b.stateFile != null) {
      Path file = b.stateFile;
      long compaction = b.journalCompactionBytes;
      opening =
          new java.util.concurrent.FutureTask<>(() -> SandboxState.open(file, store, compaction));
      Thread loader = new Thread(opening, "ecdp-sandbox-load");
      loader.setDaemon(true);
      loader.start();
    }
    Jsonb json = null;
    HttpServer created = null;
    SandboxHandler front = null;
    SandboxState opened = null;
    try {
      // Bodies are read up to the body limit, not Parsson's shorter default: a large batch is valid
      // JSON too.
      jakarta.json.spi.JsonProvider bodies = SandboxJsonP.forBodies(b.maxBodyBytes);
      json = SandboxJsonP.newJsonb(bodies);
      ResourceConfig config =
          new ResourceConfig()
              .property(ServerProperties.WADL_FEATURE_DISABLE, true)
              // Only the providers registered here: a JSON module on the application's class path
              // (Jackson's, for one) must not read or write the sandbox's bodies.
              .property(ServerProperties.FEATURE_AUTO_DISCOVERY_DISABLE, true)
              .property(ServerProperties.METAINF_SERVICES_LOOKUP_DISABLE, true)
              // A failure Jersey cannot map is left to SandboxHandler (a problem document), not
              // answered with Grizzly's error page.
              .property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true)
              // The store as a property and a JSON provider of ours: no injection binder, no JSON
              // module, nothing that differs between Jersey 3.1 and 4.0.
              .property(CustomersResource.STORE_PROPERTY, store)
              .property(CustomersResource.RECORD_ERRORS_PROPERTY, b.recordErrors)
              .property(
                  CustomersResource.BODY_PARSERS_PROPERTY,
                  bodies.createParserFactory(java.util.Map.of()))
              .property(CustomersResource.MAX_BODY_BYTES_PROPERTY, b.maxBodyBytes)
              .register(CustomersResource.class)
              .register(new SandboxFilters.CanonicalPath())
              .register(new SandboxFilters.FaultInjection(b.faults))
              .register(new SandboxFilters.ApiKey(apiKeys))
              .register(ProblemMappers.WebApplication.class)
              .register(ProblemMappers.Json.class)
              .register(ProblemMappers.Unexpected.class)
              .register(new SandboxJson(json));
      b.extraComponents.forEach(config::register);
      QuietGrizzly.unlessConfigured();
      URI base = URI.create("http://" + b.host + ":" + b.port + "/");
      // The application's Jersey extensions stay out (JerseyIsolation), and no thread of the
      // server keeps the JVM alive.
      created =
          JerseyIsolation.setUp(
              () -> GrizzlyHttpServerFactory.createHttpServer(base, config, false));
      daemonThreads(created);
      front = guard(created, b.maxBodyBytes, b.bodyTimeout.toMillis());
      if (opening != null) {
        opened = await(opening);
        opening = null;
      }
      created.start();
    } catch (IOException | RuntimeException | Error e) {
      if (created != null) {
        created.shutdownNow();
      }
      // Nothing changed: the state is left as it was, and its lock released.
      if (opening != null) {
        opened = awaitQuietly(opening);
      }
      if (opened != null) {
        opened.abandon();
      }
      if (json != null) {
        closeQuietly(json);
      }
      throw e;
    }
    this.jsonb = json;
    this.server = created;
    this.handler = front;
    this.state = opened;
    int port = server.getListeners().iterator().next().getPort();
    this.uri = URI.create("http://" + b.host + ":" + port);
  }

  /**
   * Puts the sandbox's guards around the server Jersey made: the HTTP layer's refusals and limits
   * ({@link HttpRefusals}), bodies read before Jersey runs ({@link SandboxHandler}), and Grizzly's
   * own error pages as problem documents ({@link ProblemPages}).
   */
  private static SandboxHandler guard(
      HttpServer server, long maxBodyBytes, long bodyTimeoutMillis) {
    org.glassfish.grizzly.http.server.ServerConfiguration config = server.getServerConfiguration();
    java.util.Map.Entry<
            org.glassfish.grizzly.http.server.HttpHandler,
            org.glassfish.grizzly.http.server.HttpHandlerRegistration[]>
        jersey = config.getHttpHandlersWithMapping().entrySet().iterator().next();
    SandboxHandler front = new SandboxHandler(jersey.getKey(), maxBodyBytes, bodyTimeoutMillis);
    config.removeHttpHandler(jersey.getKey());
    config.addHttpHandler(front, jersey.getValue());
    config.setDefaultErrorPageGenerator(new ProblemPages());
    // A body left unread (a refused request) is not drained beyond this: the connection closes.
    config.setMaxPayloadRemainderToSkip(64 * 1024);
    for (org.glassfish.grizzly.http.server.NetworkListener listener : server.getListeners()) {
      listener.setDefaultErrorPageGenerator(new ProblemPages());
      listener.registerAddOn(HttpRefusals.addOn(maxBodyBytes));
    }
    return front;
  }

  /**
   * Makes every thread of the server a daemon: the listener's selectors and the workers that serve
   * requests. An application that starts a sandbox and never closes it (a Spring Boot app run to
   * its end, a tool's main method) then exits when its own threads end.
   */
  private static void daemonThreads(HttpServer server) {
    for (org.glassfish.grizzly.http.server.NetworkListener listener : server.getListeners()) {
      org.glassfish.grizzly.nio.transport.TCPNIOTransport transport = listener.getTransport();
      if (transport.getKernelThreadPoolConfig() != null) {
        transport.getKernelThreadPoolConfig().setDaemon(true);
      }
      org.glassfish.grizzly.threadpool.ThreadPoolConfig workers =
          transport.getWorkerThreadPoolConfig();
      if (workers != null) {
        workers.setDaemon(true);
        // Jersey gives the workers a thread factory of its own (named grizzly-http-server-N),
        // whose threads are not daemons whatever the pool's setting.
        java.util.concurrent.ThreadFactory jersey = workers.getThreadFactory();
        if (jersey != null) {
          workers.setThreadFactory(
              task -> {
                Thread t = jersey.newThread(task);
                t.setDaemon(true);
                return t;
              });
        }
      }
    }
  }

  /** Whether {@link #close()} has begun: requests are answered 503 from then on (for tests). */
  boolean closing() {
    return handler.closing();
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the base URI, e.g. {@code http://127.0.0.1:41234}. */
  public URI uri() {
    return uri;
  }

  /** Returns the store, to seed customers or look at what calls did. */
  public SandboxStore store() {
    return store;
  }

  /** Returns an API key the sandbox accepts. */
  public String apiKey() {
    return apiKeys.iterator().next();
  }

  /** Returns a client of this sandbox, with the first accepted key; close it after use. */
  public CustomersClient client() {
    return CustomersClient.builder().apiKey(apiKey()).baseUri(uri).build();
  }

  /**
   * Returns the identity of the sandbox's state: a UUID made when the state file was created from
   * nothing, kept in it, and the same at every later start on it; a new one after the state file
   * was deleted. Null for a sandbox without a state file.
   */
  public String stateId() {
    return state == null ? null : state.stateId();
  }

  /**
   * Returns how many changes (an applied batch, a delete, a put, a clear, a restore) the state has
   * had over its life, across restarts; never more than are durable, in the state file or its
   * journal, when it returns. For a sandbox without a state file, how many its store has applied
   * ({@link SandboxStore#modifications()}), which nothing keeps.
   */
  public long stateSequence() {
    return state == null ? store.modifications() : state.sequence();
  }

  /**
   * Stops the server and, with a state file, writes the customers to it when they changed since it
   * was written, empties its journal and releases its lock. Idempotent.
   *
   * @throws SandboxStateException if the state file cannot be written (its journal then keeps every
   *     change, and the next start reads it)
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      // Requests arriving from now on are answered 503 with Retry-After, bodies still arriving are
      // cut the same way, and the requests being worked on are finished before Jersey is stopped.
      handler.close(CLOSE_WAIT_MILLIS);
      server.shutdownNow();
      if (state != null) {
        state.close();
      }
    } finally {
      closeQuietly(jsonb);
    }
  }

  /**
   * Stops the server and releases the state file as a killed process would: no snapshot, the
   * journal left as it is (for tests).
   */
  void abandon() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    server.shutdownNow();
    if (state != null) {
      state.abandon();
    }
    closeQuietly(jsonb);
  }

  private static void closeQuietly(Jsonb jsonb) {
    try {
      jsonb.close();
    } catch (Exception e) {
      // Yasson holds no external resources
    }
  }

  private static <T> T await(java.util.concurrent.FutureTask<T> task) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return task.get();
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (java.util.concurrent.ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException r) {
            throw r;
          }
          if (cause instanceof Error err) {
            throw err;
          }
          throw new IllegalStateException(cause);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static <T> T awaitQuietly(java.util.concurrent.FutureTask<T> task) {
    try {
      return await(task);
    } catch (RuntimeException | Error e) {
      return null;
    }
  }

  /** Configures and starts a {@link CustomersSandbox}. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port;
    private Set<String> apiKeys = Set.of(DEFAULT_API_KEY);
    private Faults faults = Faults.NONE;
    private RecordErrors recordErrors = RecordErrors.INDEXED;
    private SandboxStore store;
    private Path stateFile;
    private long journalCompactionBytes = SandboxState.COMPACTION_FLOOR;
    private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private java.time.Duration bodyTimeout = DEFAULT_BODY_TIMEOUT;
    private final List<Object> extraComponents = new java.util.ArrayList<>();

    private Builder() {}

    /** Sets the port (default 0: a free one). */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port: " + port);
      }
      this.port = port;
      return this;
    }

    /** Sets the address to listen on (default {@code 127.0.0.1}). */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** Sets the accepted API keys (default {@link #DEFAULT_API_KEY}). */
    public Builder apiKeys(String... keys) {
      if (keys.length == 0) {
        throw new IllegalArgumentException("at least one API key");
      }
      this.apiKeys = new java.util.LinkedHashSet<>(List.of(keys));
      return this;
    }

    /** Sets the injected faults (default none). */
    public Builder faults(Faults faults) {
      this.faults = Objects.requireNonNull(faults, "faults");
      return this;
    }

    /**
     * Sets how a refused batch's {@code errors} are worded (default {@link RecordErrors#INDEXED},
     * the spec's form that names each refused record).
     */
    public Builder recordErrors(RecordErrors recordErrors) {
      this.recordErrors = Objects.requireNonNull(recordErrors, "recordErrors");
      return this;
    }

    /** Serves this store instead of a new, empty one. */
    public Builder store(SandboxStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * Keeps the customers in {@code file}, so that separate runs share them (the {@code ecdp
     * --sandbox} command uses this): loads them at start (or creates the file), records every
     * change in {@code <file>.journal} before the call that made it returns, and writes them to the
     * file again at close. The sandbox holds {@code <file>.lock} for its life: a second sandbox on
     * the same file, in any process, fails to start. The files are readable by their owner only.
     * See the module's README for the format and its guarantees.
     *
     * <p>{@link #start()} then throws a {@link SandboxStateException} when the file cannot be used
     * (corrupt, in use, unreadable).
     */
    public Builder stateFile(Path file) {
      this.stateFile = Objects.requireNonNull(file, "file");
      return this;
    }

    /** Sets the journal size from which it is folded into the state file (tests make it small). */
    Builder journalCompactionBytes(long bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException("bytes: " + bytes);
      }
      this.journalCompactionBytes = bytes;
      return this;
    }

    /**
     * Sets the largest request body the sandbox reads (default {@link #DEFAULT_MAX_BODY_BYTES}, 32
     * MiB: a batch of 1,000 customers is about 330 KB). A larger {@code Content-Length} is answered
     * 413 at once, and a chunked body is cut with 413 when it grows beyond it; the connection is
     * closed.
     */
    public Builder maxBodyBytes(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("bytes: " + bytes);
      }
      // Grizzly counts a buffered body in an int.
      this.maxBodyBytes = Math.min(bytes, Integer.MAX_VALUE - 1);
      return this;
    }

    /**
     * Sets how long the sandbox waits for the next bytes of a request body (default {@link
     * #DEFAULT_BODY_TIMEOUT}, 30 s): a body to which nothing was added for that long is answered
     * 408 and its connection closed (it is looked at once a timeout, so it is cut between one and
     * two timeouts after its last byte). A body that arrives holds no worker thread while it does.
     */
    public Builder bodyTimeout(java.time.Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.toMillis() < 1) {
        throw new IllegalArgumentException("timeout: " + timeout);
      }
      this.bodyTimeout = timeout;
      return this;
    }

    /** Registers an extra JAX-RS component (a filter, an interceptor), e.g. in tests. */
    public Builder register(Object component) {
      extraComponents.add(Objects.requireNonNull(component, "component"));
      return this;
    }

    /**
     * Starts the sandbox.
     *
     * @throws SandboxStateException if the state file cannot be used
     */
    public CustomersSandbox start() {
      try {
        return new CustomersSandbox(this);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the sandbox", e);
      }
    }
  }
}
