package io.ecdp.customers.internal;

import io.ecdp.customers.events.CallListener;
import io.ecdp.customers.internal.http.jersey.JerseyTransport;
import io.ecdp.customers.internal.model.CustomerResponse;
import io.ecdp.customers.internal.model.CustomerResponseJson;
import io.ecdp.customers.internal.model.UpsertCustomersRequest;
import io.ecdp.customers.internal.model.UpsertCustomersRequestJson;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * Assembles what a client is made of from its builder's settings: the transport, the executor of
 * calls over it and the factory of requests. The public {@code CustomersClient} holds the result
 * and knows none of the parts' types beyond these two.
 */
public final class ClientParts implements AutoCloseable {

  /**
   * What the builder was given.
   *
   * @param baseUri the API's base URI
   * @param apiKey the API key
   * @param userAgent the caller's product token, or null
   * @param headers headers for every call
   * @param connectTimeout how long connecting may take
   * @param readTimeout how long each read may take
   * @param proxy the HTTP proxy, or null
   * @param sslContext the TLS context, or null for the JDK's
   * @param maxConnections the most connections kept open
   * @param listeners the listeners of calls, in registration order
   */
  public record Settings(
      URI baseUri,
      String apiKey,
      @Nullable String userAgent,
      Map<String, String> headers,
      Duration connectTimeout,
      Duration readTimeout,
      @Nullable URI proxy,
      @Nullable SSLContext sslContext,
      int maxConnections,
      List<CallListener> listeners) {}

  private final JerseyTransport transport;
  private final CallExecutor calls;
  private final RequestFactory requests;
  private final CallEvents events;

  /**
   * Makes the parts, the transport's connection pool and Jersey's runtime included.
   *
   * @param s the settings
   */
  public ClientParts(Settings s) {
    this.transport =
        new JerseyTransport(
            new JerseyTransport.Settings(
                s.baseUri(),
                s.connectTimeout(),
                s.readTimeout(),
                s.proxy(),
                s.sslContext(),
                s.maxConnections()));
    Redactor redactor = new Redactor(s.apiKey());
    this.events = new CallEvents(s.listeners(), s.baseUri(), redactor, TimeSource.SYSTEM);
    this.calls =
        new CallExecutor(
            transport,
            new ResponseMapper(
                redactor,
                origin(s.baseUri()),
                TimeSource.SYSTEM,
                // The one success body the spec has, read by its generated reader.
                Map.of(CustomerResponse.class, CustomerResponseJson::read)),
            TimeSource.SYSTEM,
            () -> ThreadLocalRandom.current().nextDouble(),
            new CallLog(redactor));
    this.requests =
        new RequestFactory(
            s.apiKey(),
            userAgent(s.userAgent()),
            s.headers(),
            // The one request body the spec has, written by its generated writer.
            Map.of(
                UpsertCustomersRequest.class,
                (body, out) ->
                    UpsertCustomersRequestJson.write((UpsertCustomersRequest) body, out)));
  }

  /**
   * Returns the executor of calls.
   *
   * @return the executor
   */
  public CallExecutor calls() {
    return calls;
  }

  /**
   * Returns the events of calls, told to the listeners.
   *
   * @return the events
   */
  public CallEvents events() {
    return events;
  }

  /**
   * Returns the factory of requests.
   *
   * @return the factory
   */
  public RequestFactory requests() {
    return requests;
  }

  /** Closes the transport's connections. */
  @Override
  public void close() {
    transport.close();
  }

  /**
   * Returns a pool of daemon threads for the asynchronous calls, which end when idle.
   *
   * @param threads how many threads at most
   * @return the pool; its owner shuts it down
   */
  public static ExecutorService asyncPool(int threads) {
    AtomicInteger count = new AtomicInteger();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "ecdp-customers-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /**
   * Returns the duration if it is positive and fits the transport's millisecond settings.
   *
   * @param d the duration
   * @param name its option's name, for the message
   * @return {@code d}
   * @throws IllegalArgumentException if it is zero, negative or too long
   */
  public static Duration positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
    if (d.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(name + " is too long: " + d);
    }
    return d;
  }

  /**
   * Tells whether the host is this machine by name ({@code localhost}) or by a literal loopback
   * address; another name is never resolved here, as a resolver could be spoofed.
   *
   * @param host the URI's host (an IPv6 literal in brackets or not)
   * @return whether it is loopback
   */
  public static boolean isLoopback(String host) {
    String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (h.equalsIgnoreCase("localhost")) {
      return true;
    }
    // A dotted IPv4 literal, or an IPv6 literal (which always holds a colon): never a name such
    // as "cafe", which is all hex digits and would go to DNS.
    if (!h.matches("\\d{1,3}(\\.\\d{1,3}){3}")
        && !(h.contains(":") && h.matches("[0-9a-fA-F:.]+"))) {
      return false;
    }
    try {
      return InetAddress.getByName(h).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** The host and port of {@code uri}, with the scheme's default port when none is given. */
  static String origin(URI uri) {
    int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    String host = uri.getHost();
    boolean bareIpv6 = host != null && host.indexOf(':') >= 0 && !host.startsWith("[");
    return (bareIpv6 ? "[" + host + "]" : host) + ":" + port; // URI keeps an IPv6 host's brackets
  }

  private static String userAgent(@Nullable String prefix) {
    String version = ClientVersion.get();
    String own =
        "ecdp-customers-java/"
            + (version != null ? version : "dev")
            + " Java/"
            + System.getProperty("java.version");
    return prefix == null ? own : prefix + " " + own;
  }
}
