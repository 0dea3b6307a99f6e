package io.ecdp.bench;

import io.ecdp.customers.internal.http.jersey.JerseyTransport;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;

/**
 * Bare Jersey: the Jersey client and Apache HttpClient 5 connector our client runs on, made by the
 * client's own set-up ({@link JerseyTransport#jerseyClient}, so the two cannot drift apart:
 * timeouts, no redirects, no auto-discovery, a pool of 64 connections checked after a second idle,
 * no HttpClient retries, no cookies, unlogged connections), with nothing of ours above it: the body
 * is sent as pre-serialized bytes and the answer is read by hand-written JSON-P code. {@code ours /
 * bare Jersey} is the cost of our own layer.
 */
final class BareJerseyContender implements Contender {

  /** A provider looked up once: {@code Json.createReader} looks it up on every call. */
  private static final JsonProvider JSON = JsonProvider.provider();

  private final Client client;
  private final WebTarget byEmail;
  private final WebTarget customers;

  BareJerseyContender(URI server) {
    client =
        JerseyTransport.jerseyClient(
            new JerseyTransport.Settings(
                server,
                Duration.ofMillis(CONNECT_TIMEOUT_MS),
                Duration.ofMillis(READ_TIMEOUT_MS),
                null,
                null,
                64));
    WebTarget root = client.target(server);
    byEmail = root.path("customers/email");
    customers = root.path("customers");
  }

  @Override
  public Object getByEmail(String email) throws Exception {
    try (Response r =
        byEmail.path(email).request("application/json").header("x-api-key", API_KEY).get()) {
      if (r.getStatus() != 200) {
        throw new IllegalStateException("status " + r.getStatus());
      }
      try (InputStream in = r.readEntity(InputStream.class)) {
        return FloorJson.read(JSON, in).crmId();
      }
    }
  }

  @Override
  public void upsert(int size) throws Exception {
    byte[] body = FloorJson.batch(size);
    try (Response r =
        customers
            .request()
            .header("x-api-key", API_KEY)
            .post(Entity.entity(body, "application/json"))) {
      if (r.getStatus() != 201) {
        throw new IllegalStateException("status " + r.getStatus());
      }
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
