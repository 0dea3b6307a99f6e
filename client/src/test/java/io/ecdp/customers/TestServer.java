package io.ecdp.customers;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A real HTTP server on loopback that answers from a script and records every request. */
final class TestServer implements AutoCloseable {

  /** One request as the server received it. */
  record Recorded(
      String method,
      String rawPath,
      String rawQuery,
      Headers headers,
      String body,
      int clientPort) {
    String requestLine() {
      return method + " " + rawPath + (rawQuery == null ? "" : "?" + rawQuery);
    }

    String header(String name) {
      return headers.getFirst(name);
    }
  }

  /** Writes one response. */
  @FunctionalInterface
  interface Responder {
    void respond(HttpExchange exchange) throws IOException;
  }

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final Deque<Responder> script = new ArrayDeque<>();
  private final List<Recorded> requests = new CopyOnWriteArrayList<>();
  private volatile Responder fallback = status(500);

  TestServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(threads);
    server.createContext(
        "/",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          requests.add(
              new Recorded(
                  exchange.getRequestMethod(),
                  exchange.getRequestURI().getRawPath(),
                  exchange.getRequestURI().getRawQuery(),
                  exchange.getRequestHeaders(),
                  new String(body, StandardCharsets.UTF_8),
                  exchange.getRemoteAddress().getPort()));
          Responder next;
          synchronized (script) {
            next = script.isEmpty() ? fallback : script.poll();
          }
          try {
            next.respond(exchange);
          } finally {
            exchange.close();
          }
        });
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Answers the next requests with these responders, in order, then with the fallback. */
  TestServer then(Responder... responders) {
    synchronized (script) {
      script.addAll(List.of(responders));
    }
    return this;
  }

  /** Answers every request not scripted with {@code responder}. */
  TestServer always(Responder responder) {
    this.fallback = responder;
    return this;
  }

  List<Recorded> requests() {
    return requests;
  }

  Recorded last() {
    return requests.get(requests.size() - 1);
  }

  int count() {
    return requests.size();
  }

  CustomersClient.Builder client() {
    return CustomersClient.builder()
        .apiKey(TestData.API_KEY)
        .baseUri(uri())
        .retryPolicy(
            RetryPolicy.builder()
                .initialBackoff(Duration.ofMillis(5))
                .maxBackoff(Duration.ofMillis(20))
                .build());
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }

  static Responder status(int status) {
    return respond(status, null, "", Map.of());
  }

  static Responder json(int status, String body) {
    return respond(status, "application/json", body, Map.of());
  }

  static Responder problem(int status, String body) {
    return respond(status, "application/problem+json", body, Map.of());
  }

  static Responder respond(
      int status, String contentType, String body, Map<String, String> headers) {
    return exchange -> {
      if (contentType != null) {
        exchange.getResponseHeaders().set("Content-Type", contentType);
      }
      headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    };
  }

  static Responder delayed(Duration delay, Responder then) {
    return exchange -> {
      try {
        Thread.sleep(delay.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      then.respond(exchange);
    };
  }
}
