package io.ecdp.customers.internal.http.jersey;

import io.ecdp.customers.internal.http.BodyReader;
import io.ecdp.customers.internal.http.HttpRequest;
import io.ecdp.customers.internal.http.HttpResponse;
import io.ecdp.customers.internal.http.HttpResponse.BodyFailure;
import io.ecdp.customers.internal.http.Transport;
import io.ecdp.customers.internal.http.TransportFailure;
import io.ecdp.customers.internal.http.TransportFailure.Kind;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.DefaultHttpRequestRetryStrategy;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.glassfish.jersey.CommonProperties;
import org.glassfish.jersey.apache5.connector.Apache5ClientProperties;
import org.glassfish.jersey.apache5.connector.Apache5ConnectorProvider;
import org.glassfish.jersey.client.ClientConfig;
import org.glassfish.jersey.client.ClientProperties;
import org.glassfish.jersey.client.JerseyClientBuilder;
import org.glassfish.jersey.client.RequestEntityProcessing;
import org.jspecify.annotations.Nullable;

/**
 * The transport: Jersey Client on Apache HttpClient 5, with a pool of keep-alive connections.
 *
 * <p>What it guarantees, whatever logging a user configures: connections without HttpClient's
 * header and wire loggers (the key is never logged); no retries of its own (HttpURLConnection,
 * Jersey's default connector, silently re-sends a failed GET, and a POST on a stale connection);
 * bodies read up to a limit and within the time given, and a connection dropped, not drained, when
 * a body is abandoned.
 */
public final class JerseyTransport implements Transport {

  /**
   * How the transport connects.
   *
   * @param baseUri the API's base URI
   * @param connectTimeout how long connecting may take
   * @param readTimeout how long each read may take
   * @param proxy the HTTP proxy, or null
   * @param sslContext the TLS context, or null for the JDK's, created on the first TLS connection
   * @param maxConnections the most connections kept open
   */
  public record Settings(
      URI baseUri,
      Duration connectTimeout,
      Duration readTimeout,
      @Nullable URI proxy,
      @Nullable SSLContext sslContext,
      int maxConnections) {}

  private final Settings settings;
  private final Client jersey;
  private final WebTarget root;

  /**
   * One permit per pooled connection, taken within the call's time: HttpClient's own wait for a
   * connection knows nothing of the call's deadline (its default is three minutes).
   */
  private final Semaphore connections;

  /**
   * Creates the transport and prepares what every first call would otherwise pay for (Jersey's
   * runtime), so that a call's deadline covers the call alone.
   *
   * @param settings how to connect
   * @throws IllegalStateException if the Jersey found is not a supported line
   */
  public JerseyTransport(Settings settings) {
    JerseyCompatibility.check();
    QuietSlf4j.whenNoProvider();
    this.settings = settings;
    this.connections = new Semaphore(settings.maxConnections(), true);
    this.jersey = jerseyClient(settings);
    this.root = jersey.target(settings.baseUri());
    // Jersey builds its runtime (injection, providers, the connector) on the first request it
    // prepares: here, not inside the first call's deadline.
    root.request().build("GET");
  }

  /**
   * Returns a Jersey client on HttpClient 5 set up as this transport's is: the one place that
   * set-up is written (the benchmarks' bare-Jersey baseline is made here too, so it cannot drift).
   *
   * @param settings how to connect
   * @return the Jersey client; the caller closes it
   */
  public static Client jerseyClient(Settings settings) {
    ClientConfig config =
        new ClientConfig()
            .property(ClientProperties.CONNECT_TIMEOUT, (int) settings.connectTimeout().toMillis())
            .property(ClientProperties.READ_TIMEOUT, (int) settings.readTimeout().toMillis())
            .property(ClientProperties.FOLLOW_REDIRECTS, false)
            .property(ClientProperties.REQUEST_ENTITY_PROCESSING, RequestEntityProcessing.BUFFERED)
            // Nothing found on the class path joins in: JSON providers there would compete with
            // the body's own writer.
            .property(CommonProperties.FEATURE_AUTO_DISCOVERY_DISABLE_CLIENT, true)
            .property(CommonProperties.METAINF_SERVICES_LOOKUP_DISABLE_CLIENT, true)
            // A RequestBody knows its length: no buffer per request to work it out.
            .property(ClientProperties.OUTBOUND_CONTENT_LENGTH_BUFFER, 0);
    if (settings.proxy() != null) {
      config.property(ClientProperties.PROXY_URI, settings.proxy().toString());
    }
    config
        .connectorProvider(new Apache5ConnectorProvider())
        .property(
            Apache5ClientProperties.CONNECTION_MANAGER,
            PoolingHttpClientConnectionManagerBuilder.create()
                .setTlsSocketStrategy(
                    settings.sslContext() != null
                        ? new LazyTls(settings.sslContext())
                        : new LazyTls())
                .setConnectionFactory(new UnloggedConnections())
                .setMaxConnPerRoute(settings.maxConnections())
                .setMaxConnTotal(settings.maxConnections())
                .setDefaultConnectionConfig(
                    ConnectionConfig.custom()
                        .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                        .build())
                .build())
        .property(
            Apache5ClientProperties.RETRY_STRATEGY,
            new DefaultHttpRequestRetryStrategy(0, TimeValue.ZERO_MILLISECONDS))
        .property(Apache5ClientProperties.DISABLE_COOKIES, true)
        .property(Apache5ClientProperties.CONNECTION_CLOSING_STRATEGY, new AbortableClosing());
    return new JerseyClientBuilder()
        .withConfig(config)
        .sslContext(new LazySslContext())
        .register(BodyEntity.writer())
        .build();
  }

  /**
   * Returns the settings the transport was made with.
   *
   * @return the settings
   */
  public Settings settings() {
    return settings;
  }

  @Override
  public HttpResponse send(HttpRequest request, Duration timeLeft) throws TransportFailure {
    long deadline = System.nanoTime() + timeLeft.toNanos();
    try {
      if (!connections.tryAcquire(timeLeft.toNanos(), TimeUnit.NANOSECONDS)) {
        throw new TransportFailure(
            Kind.CONNECT_TIMEOUT,
            "no connection was free in time (all " + settings.maxConnections() + " in use)",
            false,
            null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransportFailure(
          Kind.BROKEN, "interrupted while waiting for a connection", false, e);
    }
    try {
      return exchange(request, deadline);
    } finally {
      connections.release();
    }
  }

  private HttpResponse exchange(HttpRequest request, long deadline) throws TransportFailure {
    long leftMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    WebTarget target = root.path(request.path());
    for (Map.Entry<String, String> q : request.query().entrySet()) {
      // Encoded here: Jersey would read braces as a template and keep "%XX" as it stands.
      target = target.queryParam(encode(q.getKey()), encode(q.getValue()));
    }
    AtomicBoolean abort = new AtomicBoolean();
    Invocation.Builder builder = target.request();
    request.headers().forEach(builder::header);
    builder
        .property(ClientProperties.CONNECT_TIMEOUT, millis(settings.connectTimeout(), leftMs))
        .property(ClientProperties.READ_TIMEOUT, millis(settings.readTimeout(), leftMs))
        .property(AbortableClosing.ABORT, abort);
    Response response;
    try {
      response =
          request.body() == null
              ? builder.method(request.method())
              : builder.method(
                  request.method(),
                  Entity.entity(new BodyEntity(request.body()), request.body().contentType()));
    } catch (ProcessingException e) {
      throw failure(e);
    }
    try {
      return read(request, response, deadline, abort);
    } finally {
      try {
        response.close();
      } catch (ProcessingException e) {
        // The answer is read, or its failure recorded; the connection is dropped either way.
      }
    }
  }

  /**
   * Percent-encodes a query name or value as RFC 3986 allows it unencoded only for unreserved
   * characters; spaces as {@code %20}.
   */
  static String encode(String raw) {
    return URLEncoder.encode(raw, StandardCharsets.UTF_8)
        .replace("+", "%20")
        .replace("*", "%2A")
        .replace("%7E", "~");
  }

  private static HttpResponse read(
      HttpRequest request, Response response, long deadline, AtomicBoolean abort) {
    abort.set(true); // until the whole body has been read: closing then drops the connection
    int status = response.getStatus();
    String reason = response.getStatusInfo().getReasonPhrase();
    // The headers as raw strings: Jersey's typed views (getMediaType, getLength) throw on a
    // malformed value, and this transport judges none of them.
    Map<String, String> headers = headers(response);
    String type = headers.getOrDefault("content-type", "");
    byte[] body = new byte[0];
    BodyFailure failure = null;
    try {
      // hasEntity() reads ahead, so a broken body can fail it too.
      if (response.hasEntity()) {
        try (InputStream in = response.readEntity(InputStream.class)) {
          body = BodyReader.read(in, deadline, request.bodyLimit(status), length(headers));
        }
      }
      abort.set(false);
    } catch (BodyReader.TooLarge e) {
      failure = new BodyFailure(BodyFailure.Kind.TOO_LARGE, e.getMessage(), null);
    } catch (BodyReader.DeadlinePassed e) {
      failure = new BodyFailure(BodyFailure.Kind.TIME_RAN_OUT, e.getMessage(), e);
    } catch (IOException | ProcessingException e) {
      failure =
          new BodyFailure(
              BodyFailure.Kind.BROKEN,
              e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName(),
              e);
    }
    return new HttpResponse(status, reason == null ? "" : reason, headers, type, body, failure);
  }

  /** The announced {@code Content-Length}, or -1 when there is none or it is not a number. */
  private static long length(Map<String, String> headers) {
    String value = headers.get("content-length");
    if (value == null || !value.strip().matches("\\d{1,18}")) {
      return -1;
    }
    return Long.parseLong(value.strip());
  }

  private static int millis(Duration limit, long leftMs) {
    return (int) Math.max(1, Math.min(Math.min(limit.toMillis(), leftMs), Integer.MAX_VALUE));
  }

  /** The response headers, names in lower case: immutable, so that no answer copies them again. */
  private static Map<String, String> headers(Response response) {
    Map<String, String> out = new LinkedHashMap<>();
    response
        .getStringHeaders()
        .forEach(
            (name, values) ->
                out.merge(
                    name.toLowerCase(Locale.ROOT),
                    values.size() == 1 ? values.get(0) : String.join(",", values),
                    (a, b) -> a + "," + b));
    return Map.copyOf(out);
  }

  /** What a failure before any response means, in words without the library's own text. */
  private static TransportFailure failure(ProcessingException e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof UnknownHostException) {
        return new TransportFailure(Kind.CONNECT, "unknown host", false, e);
      }
      if (c instanceof NoRouteToHostException) {
        return new TransportFailure(Kind.CONNECT, "no route to the host", false, e);
      }
      if (c instanceof SSLHandshakeException) {
        return new TransportFailure(Kind.CONNECT, "the TLS handshake failed", false, e);
      }
      if (c instanceof ConnectException || c instanceof PortUnreachableException) {
        return new TransportFailure(Kind.CONNECT, "connection refused", false, e);
      }
      if (c instanceof ConnectTimeoutException) {
        return new TransportFailure(Kind.CONNECT_TIMEOUT, "connect timed out", false, e);
      }
      if (c instanceof SocketTimeoutException) {
        boolean connecting =
            String.valueOf(c.getMessage()).toLowerCase(Locale.ROOT).contains("connect");
        return connecting
            ? new TransportFailure(Kind.CONNECT_TIMEOUT, "connect timed out", false, e)
            : new TransportFailure(
                Kind.RESPONSE_TIMEOUT, "timed out waiting for the response", true, e);
      }
    }
    Throwable root = e.getCause() != null ? e.getCause() : e;
    return new TransportFailure(
        Kind.BROKEN, "the connection failed (" + root.getClass().getSimpleName() + ")", true, e);
  }

  @Override
  public void close() {
    jersey.close();
  }
}
