package io.ecdp.customers.opentelemetry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * A JDK HTTP server in front of the sandbox: it records the {@code traceparent} of every request,
 * answers the next requests with the statuses queued by {@link #answerNext} (a problem document
 * with {@code Retry-After: 0}), and forwards the others to the sandbox.
 */
final class FrontServer implements AutoCloseable {

  /** The headers the client sends that are forwarded (the JDK client sets Host and the length). */
  private static final List<String> FORWARDED = List.of("x-api-key", "accept", "content-type");

  private final HttpServer server;
  private final URI target;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final Queue<Integer> answers = new ConcurrentLinkedQueue<>();
  private final List<@Nullable String> traceparents = new CopyOnWriteArrayList<>();

  private FrontServer(URI target) throws IOException {
    this.target = target;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Starts a server forwarding to {@code target}. */
  static FrontServer before(URI target) {
    try {
      return new FrontServer(target);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns the base URI the client should call. */
  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Answers the next request (after those already queued) with this status itself. */
  void answerNext(int status) {
    answers.add(status);
  }

  /** Returns the {@code traceparent} of each request received, in order; null where none came. */
  List<@Nullable String> traceparents() {
    return new ArrayList<>(traceparents);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      traceparents.add(exchange.getRequestHeaders().getFirst("traceparent"));
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      Integer status = answers.poll();
      if (status != null) {
        byte[] problem =
            ("{\"type\":\"about:blank\",\"title\":\"Answered by the test\",\"status\":"
                    + status
                    + "}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
        exchange.getResponseHeaders().set("Retry-After", "0");
        send(exchange, status, problem);
        return;
      }
      HttpRequest.Builder forward =
          HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
              .method(
                  exchange.getRequestMethod(),
                  body.length == 0
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(body));
      for (String name : FORWARDED) {
        String value = exchange.getRequestHeaders().getFirst(name);
        if (value != null) {
          forward.header(name, value);
        }
      }
      HttpResponse<byte[]> answer;
      try {
        answer = http.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
      answer
          .headers()
          .firstValue("content-type")
          .ifPresent(type -> exchange.getResponseHeaders().set("Content-Type", type));
      answer
          .headers()
          .firstValue("x-request-id")
          .ifPresent(id -> exchange.getResponseHeaders().set("x-request-id", id));
      send(exchange, answer.statusCode(), answer.body());
    }
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
