package io.ecdp.customers.sandbox;

import io.ecdp.customers.CustomersClient;
import jakarta.json.bind.Jsonb;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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

  private final HttpServer server;
  private final URI uri;
  private final SandboxStore store;
  private final Set<String> apiKeys;
  private final Path stateFile;
  private final Jsonb jsonb;

  /** The store's {@link SandboxStore#modifications()} as loaded: unchanged means no save. */
  private long loaded = -1;

  private final java.util.concurrent.atomic.AtomicBoolean closed =
      new java.util.concurrent.atomic.AtomicBoolean();

  private CustomersSandbox(Builder b) throws IOException {
    this.store = b.store != null ? b.store : new SandboxStore();
    this.apiKeys = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(b.apiKeys));
    this.stateFile = b.stateFile;
    // Without Parsson's limit on a document's length: a large batch is valid JSON too.
    this.jsonb = SandboxJsonP.newJsonb();
    // The state is read while Jersey sets itself up (most of a command's start-up), and is in the
    // store before the server accepts a connection.
    java.util.concurrent.FutureTask<Void> loading = null;
    if (stateFile != null && Files.exists(stateFile)) {
      loading = new java.util.concurrent.FutureTask<>(this::load, null);
      Thread loader = new Thread(loading, "ecdp-sandbox-load");
      loader.setDaemon(true);
      loader.start();
    }
    ResourceConfig config =
        new ResourceConfig()
            .property(ServerProperties.WADL_FEATURE_DISABLE, true)
            // Only the providers registered here: a JSON module on the application's class path
            // (Jackson's, for one) must not read or write the sandbox's bodies.
            .property(ServerProperties.FEATURE_AUTO_DISCOVERY_DISABLE, true)
            .property(ServerProperties.METAINF_SERVICES_LOOKUP_DISABLE, true)
            // The store as a property and a JSON provider of ours: no injection binder, no JSON
            // module, nothing that differs between Jersey 3.1 and 4.0.
            .property(CustomersResource.STORE_PROPERTY, store)
            .property(CustomersResource.RECORD_ERRORS_PROPERTY, b.recordErrors)
            .register(CustomersResource.class)
            .register(new SandboxFilters.CanonicalPath())
            .register(new SandboxFilters.FaultInjection(b.faults))
            .register(new SandboxFilters.ApiKey(apiKeys))
            .register(ProblemMappers.WebApplication.class)
            .register(ProblemMappers.Json.class)
            .register(ProblemMappers.Unexpected.class)
            .register(new SandboxJson(jsonb));
    b.extraComponents.forEach(config::register);
    QuietGrizzly.unlessConfigured();
    URI base = URI.create("http://" + b.host + ":" + b.port + "/");
    this.server = GrizzlyHttpServerFactory.createHttpServer(base, config, false);
    if (loading != null) {
      awaitLoad(loading);
    }
    server.start();
    int port = server.getListeners().iterator().next().getPort();
    this.uri = URI.create("http://" + b.host + ":" + port);
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

  /** Stops the server, and saves the customers to the state file when there is one. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    server.shutdownNow();
    // A run that changed nothing (a get, say) leaves the file as it was, unless there is none yet.
    if (stateFile != null && (store.modifications() != loaded || !Files.exists(stateFile))) {
      save();
    }
    try {
      jsonb.close();
    } catch (Exception e) {
      // Yasson holds no external resources
    }
  }

  private static final Type ENTRIES =
      new ParameterizedType() {
        @Override
        public Type[] getActualTypeArguments() {
          return new Type[] {SandboxStore.Entry.class};
        }

        @Override
        public Type getRawType() {
          return List.class;
        }

        @Override
        public Type getOwnerType() {
          return null;
        }
      };

  private static void awaitLoad(java.util.concurrent.FutureTask<Void> loading) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          loading.get();
          return;
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

  private void load() {
    try (Reader in = Files.newBufferedReader(stateFile, StandardCharsets.UTF_8)) {
      List<SandboxStore.Entry> entries = jsonb.fromJson(in, ENTRIES);
      store.restore(entries);
      loaded = store.modifications();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the sandbox state " + stateFile, e);
    }
  }

  private void save() {
    try {
      Path parent = stateFile.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path tmp = Files.createTempFile(parent, "sandbox", ".tmp");
      try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        jsonb.toJson(store.snapshot(), ENTRIES, out);
      }
      Files.move(
          tmp, stateFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the sandbox state " + stateFile, e);
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
     * Loads the customers from {@code file} at start (when it exists) and saves them there at
     * close, so that separate runs share them (the {@code ecdp --sandbox} command uses this).
     */
    public Builder stateFile(Path file) {
      this.stateFile = Objects.requireNonNull(file, "file");
      return this;
    }

    /** Registers an extra JAX-RS component (a filter, an interceptor), e.g. in tests. */
    public Builder register(Object component) {
      extraComponents.add(Objects.requireNonNull(component, "component"));
      return this;
    }

    /** Starts the sandbox. */
    public CustomersSandbox start() {
      try {
        return new CustomersSandbox(this);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the sandbox", e);
      }
    }
  }
}
