package io.ecdp.bench;

import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
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

/**
 * Bare Jersey: the Jersey client and Apache HttpClient 5 connector our client runs on, configured
 * as ours is (timeouts, no redirects, buffered entities for a {@code Content-Length}, no
 * auto-discovery, a pool of 64 connections checked after a second idle, no HttpClient retries, no
 * cookies), with nothing of ours: the body is sent as pre-serialized bytes and the answer is read
 * by hand-written JSON-P code. {@code ours / bare Jersey} is the cost of our own layer.
 */
final class BareJerseyContender implements Contender {

  /** A provider looked up once: {@code Json.createReader} looks it up on every call. */
  private static final JsonProvider JSON = JsonProvider.provider();

  private final Client client;
  private final WebTarget byEmail;
  private final WebTarget customers;

  BareJerseyContender(URI server) {
    ClientConfig config =
        new ClientConfig()
            .property(ClientProperties.CONNECT_TIMEOUT, CONNECT_TIMEOUT_MS)
            .property(ClientProperties.READ_TIMEOUT, READ_TIMEOUT_MS)
            .property(ClientProperties.FOLLOW_REDIRECTS, false)
            .property(ClientProperties.REQUEST_ENTITY_PROCESSING, RequestEntityProcessing.BUFFERED)
            .property(CommonProperties.FEATURE_AUTO_DISCOVERY_DISABLE_CLIENT, true)
            .property(CommonProperties.METAINF_SERVICES_LOOKUP_DISABLE_CLIENT, true)
            .connectorProvider(new Apache5ConnectorProvider())
            .property(
                Apache5ClientProperties.CONNECTION_MANAGER,
                PoolingHttpClientConnectionManagerBuilder.create()
                    .setMaxConnPerRoute(64)
                    .setMaxConnTotal(64)
                    .setDefaultConnectionConfig(
                        ConnectionConfig.custom()
                            .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                            .build())
                    .build())
            .property(
                Apache5ClientProperties.RETRY_STRATEGY,
                new DefaultHttpRequestRetryStrategy(0, TimeValue.ZERO_MILLISECONDS))
            .property(Apache5ClientProperties.DISABLE_COOKIES, true);
    client = new JerseyClientBuilder().withConfig(config).build();
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
