package io.ecdp.customers.release;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the Central Portal's publisher API on 127.0.0.1: it takes the bundle upload (a
 * multipart form with one file), keeps the zip, and answers the status poll with {@code VALIDATED},
 * as the Portal does for a bundle it accepts before a person presses Publish.
 */
final class FakeCentral implements AutoCloseable {

  static final String DEPLOYMENT = "7c1e0d5a-0000-4000-8000-000000000001";

  private final HttpServer server;
  private final Path dir;
  private final List<Path> uploads = new CopyOnWriteArrayList<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();

  private FakeCentral(Path dir) throws IOException {
    this.dir = Files.createDirectories(dir);
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  static FakeCentral start(Path dir) throws IOException {
    return new FakeCentral(dir);
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  List<Path> uploads() {
    return uploads;
  }

  List<String> requests() {
    return requests;
  }

  List<String> authorizations() {
    return authorizations;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      URI uri = exchange.getRequestURI();
      requests.add(exchange.getRequestMethod() + " " + uri);
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      if (auth != null) {
        authorizations.add(auth);
      }
      byte[] body = exchange.getRequestBody().readAllBytes();
      String path = uri.getPath();
      if (path.equals("/api/v1/publisher/upload")) {
        Path zip = dir.resolve("bundle-" + uploads.size() + ".zip");
        Files.write(zip, zipIn(body));
        uploads.add(zip);
        reply(exchange, 201, "text/plain", DEPLOYMENT);
      } else if (path.equals("/api/v1/publisher/status")) {
        reply(
            exchange,
            200,
            "application/json",
            "{\"deploymentId\":\""
                + DEPLOYMENT
                + "\",\"deploymentName\":\"ecdp-customers-java\",\"deploymentState\":\"VALIDATED\","
                + "\"purls\":[],\"errors\":{}}");
      } else {
        reply(exchange, 404, "text/plain", "not found");
      }
    }
  }

  /** The file part of a multipart/form-data body: the bytes from the zip signature to the end. */
  private static byte[] zipIn(byte[] body) {
    int start = indexOf(body, new byte[] {'P', 'K', 3, 4}, 0);
    if (start < 0) {
      throw new IllegalStateException("the upload holds no zip");
    }
    // The closing boundary follows the file part: "\r\n--BOUNDARY--".
    int end = lastIndexOf(body, "\r\n--".getBytes(StandardCharsets.US_ASCII));
    return java.util.Arrays.copyOfRange(body, start, end > start ? end : body.length);
  }

  private static int indexOf(byte[] hay, byte[] needle, int from) {
    outer:
    for (int i = from; i <= hay.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static int lastIndexOf(byte[] hay, byte[] needle) {
    int last = -1;
    for (int i = indexOf(hay, needle, 0); i >= 0; i = indexOf(hay, needle, i + 1)) {
      last = i;
    }
    return last;
  }

  private static void reply(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
