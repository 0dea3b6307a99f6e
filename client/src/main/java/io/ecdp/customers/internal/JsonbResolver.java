package io.ecdp.customers.internal;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.ws.rs.ext.ContextResolver;

/**
 * Gives Jersey the client's one shared {@link Jsonb}: nulls are not written, unknown members are
 * ignored, dates are ISO-8601.
 */
public final class JsonbResolver implements ContextResolver<Jsonb>, AutoCloseable {

  private final Jsonb jsonb =
      JsonbBuilder.create(new JsonbConfig().withNullValues(false).withEncoding("UTF-8"));

  @Override
  public Jsonb getContext(Class<?> type) {
    return jsonb;
  }

  /** Returns the shared instance. */
  public Jsonb jsonb() {
    return jsonb;
  }

  @Override
  public void close() {
    try {
      jsonb.close();
    } catch (Exception e) {
      // Yasson holds no external resources; nothing to recover
    }
  }
}
