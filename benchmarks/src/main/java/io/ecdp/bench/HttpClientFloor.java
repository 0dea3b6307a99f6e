package io.ecdp.bench;

import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The floor, the other way: java.net.http.HttpClient, JSON written and parsed by JSON-P code. */
final class HttpClientFloor implements Contender {

  private final URI server;
  private final HttpClient http =
      (TIMEOUTS
              ? HttpClient.newBuilder().connectTimeout(Duration.ofMillis(CONNECT_TIMEOUT_MS))
              : HttpClient.newBuilder())
          .version(HttpClient.Version.HTTP_1_1)
          .build();

  /** The JDK client has no read timeout; its per-request timeout is the nearest. */
  private static HttpRequest.Builder timeout(HttpRequest.Builder request) {
    return TIMEOUTS ? request.timeout(Duration.ofMillis(READ_TIMEOUT_MS)) : request;
  }

  HttpClientFloor(URI server) {
    this.server = server;
  }

  @Override
  public Object getByEmail(String email) throws Exception {
    HttpRequest request =
        timeout(
                HttpRequest.newBuilder(
                    server.resolve(
                        "/customers/email/" + URLEncoder.encode(email, StandardCharsets.UTF_8))))
            .header("x-api-key", API_KEY)
            .header("Accept", "application/json")
            .build();
    HttpResponse<InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("status " + r.statusCode());
    }
    try (InputStream in = r.body()) {
      return FloorJson.read(in).crmId();
    }
  }

  @Override
  public void upsert(int size) throws Exception {
    HttpRequest request =
        timeout(HttpRequest.newBuilder(server.resolve("/customers")))
            .header("x-api-key", API_KEY)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(FloorJson.batch(size)))
            .build();
    HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
    if (r.statusCode() != 201) {
      throw new IllegalStateException("status " + r.statusCode());
    }
  }

  @Override
  public void close() {}
}
