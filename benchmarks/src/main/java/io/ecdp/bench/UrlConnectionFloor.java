package io.ecdp.bench;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The floor, one way: keep-alive HttpURLConnection, JSON written and parsed by JSON-P code. */
final class UrlConnectionFloor implements Contender {

  private final URI server;

  UrlConnectionFloor(URI server) {
    this.server = server;
  }

  @Override
  public Object getByEmail(String email) throws Exception {
    HttpURLConnection c =
        (HttpURLConnection)
            server
                .resolve("/customers/email/" + URLEncoder.encode(email, StandardCharsets.UTF_8))
                .toURL()
                .openConnection();
    timeouts(c);
    c.setRequestProperty("x-api-key", API_KEY);
    c.setRequestProperty("Accept", "application/json");
    if (c.getResponseCode() != 200) {
      throw new IllegalStateException("status " + c.getResponseCode());
    }
    try (InputStream in = c.getInputStream()) {
      return FloorJson.read(in).crmId();
    }
  }

  @Override
  public void upsert(int size) throws Exception {
    byte[] body = FloorJson.batch(size);
    HttpURLConnection c = (HttpURLConnection) server.resolve("/customers").toURL().openConnection();
    timeouts(c);
    c.setRequestMethod("POST");
    c.setDoOutput(true);
    c.setFixedLengthStreamingMode(body.length);
    c.setRequestProperty("x-api-key", API_KEY);
    c.setRequestProperty("Content-Type", "application/json");
    try (OutputStream out = c.getOutputStream()) {
      out.write(body);
    }
    if (c.getResponseCode() != 201) {
      throw new IllegalStateException("status " + c.getResponseCode());
    }
    c.getInputStream().close();
  }

  private static void timeouts(HttpURLConnection c) {
    if (TIMEOUTS) {
      c.setConnectTimeout(CONNECT_TIMEOUT_MS);
      c.setReadTimeout(READ_TIMEOUT_MS);
    }
  }

  @Override
  public void close() {}
}
