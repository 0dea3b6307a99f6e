package io.ecdp.customers.internal;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.core.Configuration;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.glassfish.jersey.client.ClientProperties;
import org.glassfish.jersey.client.ClientRequest;
import org.glassfish.jersey.client.ClientResponse;
import org.glassfish.jersey.client.spi.AsyncConnectorCallback;
import org.glassfish.jersey.client.spi.Connector;
import org.glassfish.jersey.client.spi.ConnectorProvider;
import org.glassfish.jersey.message.internal.Statuses;

/**
 * A Jersey connector on the JDK's {@link HttpClient}: keep-alive connections, no retries of its own
 * (a failed request is never silently sent again), no logging that a logging configuration can
 * switch on (headers and request lines, which hold the API key and customer data, are only logged
 * by the JDK when a system property asks for it), and a response body that, closed before its end,
 * drops the connection instead of reading the rest.
 */
public final class JdkHttpConnector implements Connector {

  /** Creates the connector for a Jersey client. */
  public static final class Provider implements ConnectorProvider {
    @Override
    public Connector getConnector(Client client, Configuration runtimeConfig) {
      return new JdkHttpConnector(client, runtimeConfig);
    }
  }

  private static final Set<String> RESTRICTED =
      Set.of("connection", "content-length", "expect", "host", "upgrade");

  private final HttpClient http;
  private final ExecutorService executor;

  JdkHttpConnector(Client client, Configuration config) {
    AtomicInteger count = new AtomicInteger();
    this.executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "ecdp-customers-http-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    HttpClient.Builder b =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .executor(executor);
    int connect =
        ClientProperties.getValue(config.getProperties(), ClientProperties.CONNECT_TIMEOUT, 0);
    if (connect > 0) {
      b.connectTimeout(Duration.ofMillis(connect));
    }
    SSLContext tls = client.getSslContext();
    if (tls != null) {
      b.sslContext(tls);
    }
    this.http = b.build();
  }

  @Override
  public ClientResponse apply(ClientRequest request) {
    HttpRequest.Builder r = HttpRequest.newBuilder(request.getUri());
    int read = request.resolveProperty(ClientProperties.READ_TIMEOUT, 0);
    if (read > 0) {
      r.timeout(Duration.ofMillis(read)); // until the response's headers have arrived
    }
    HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
    if (request.hasEntity()) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      request.setStreamProvider(length -> bytes);
      try {
        request.writeEntity();
      } catch (IOException e) {
        throw new ProcessingException(e);
      }
      body = HttpRequest.BodyPublishers.ofByteArray(bytes.toByteArray());
    }
    request
        .getStringHeaders()
        .forEach(
            (name, values) -> {
              if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> r.header(name, v));
              }
            });
    r.method(request.getMethod(), body);
    HttpResponse<InputStream> response;
    try {
      response = http.send(r.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new ProcessingException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProcessingException(e);
    }
    ClientResponse answer = new ClientResponse(Statuses.from(response.statusCode()), request);
    response
        .headers()
        .map()
        .forEach(
            (name, values) -> {
              if (!name.startsWith(":")) {
                values.forEach(v -> answer.getHeaders().add(name, v));
              }
            });
    answer.setEntityStream(response.body());
    return answer;
  }

  @Override
  public Future<?> apply(ClientRequest request, AsyncConnectorCallback callback) {
    return CompletableFuture.runAsync(
        () -> {
          try {
            callback.response(apply(request));
          } catch (Throwable t) {
            callback.failure(t);
          }
        },
        executor);
  }

  @Override
  public String getName() {
    return "JDK HttpClient";
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
