package io.ecdp.customers.micrometer;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import io.ecdp.customers.CustomersClient;
import io.ecdp.customers.RetryPolicy;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A JDK HTTP server on loopback that answers from a script and records each request's headers. */
final class RecordingServer implements AutoCloseable {

  static final String API_KEY = "test-key-3f9a1c7e5b2d4f60";

  static final String CUSTOMER_JSON =
      """
      {"status":0,"data":{"email":"adam@poczta.pl","phone":"123456789","crmId":"57",\
      "firstName":"Adam","lastName":"Nowak"}}""";

  /** One answer: its status, body and the body's type; an empty body is sent as none. */
  record Answer(int status, String body, String contentType) {}

  /** One request as received: its path and headers. */
  record Received(String rawPath, Headers headers) {}

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final Deque<Answer> script = new ArrayDeque<>();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private volatile boolean echoPathAsRequestId;

  RecordingServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(threads);
    server.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          received.add(
              new Received(exchange.getRequestURI().getRawPath(), exchange.getRequestHeaders()));
          Answer answer;
          synchronized (script) {
            answer = script.isEmpty() ? status(500) : script.poll();
          }
          if (echoPathAsRequestId) {
            exchange
                .getResponseHeaders()
                .set(
                    "x-request-id", "req-" + exchange.getRequestURI().getRawPath() + "-" + API_KEY);
          }
          if (!answer.body().isEmpty()) {
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
          }
          byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
          try {
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
              try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
              }
            }
          } finally {
            exchange.close();
          }
        });
    server.start();
  }

  /** Answers the next requests with these, in order; then with 500. */
  RecordingServer then(Answer... answers) {
    synchronized (script) {
      script.addAll(List.of(answers));
    }
    return this;
  }

  /**
   * Sends an {@code x-request-id} that holds the request's path (so its customer value) and the
   * key.
   */
  RecordingServer echoPathAsRequestId() {
    echoPathAsRequestId = true;
    return this;
  }

  List<Received> received() {
    return received;
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** A client of this server whose retries wait a few milliseconds. */
  CustomersClient.Builder client() {
    return client(uri());
  }

  static CustomersClient.Builder client(URI uri) {
    return CustomersClient.builder()
        .apiKey(API_KEY)
        .baseUri(uri)
        .retryPolicy(
            RetryPolicy.builder()
                .initialBackoff(Duration.ofMillis(5))
                .maxBackoff(Duration.ofMillis(20))
                .honourRetryAfter(false)
                .build());
  }

  static Answer status(int status) {
    return new Answer(status, "", "application/json");
  }

  static Answer customer() {
    return new Answer(200, CUSTOMER_JSON, "application/json");
  }

  /** The vendor's answer to a lookup of no customer: a 404 with a problem document. */
  static Answer notFound() {
    return new Answer(
        404,
        "{\"title\":\"Not Found\",\"status\":404,\"detail\":\"Customer not found.\"}",
        "application/problem+json");
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
