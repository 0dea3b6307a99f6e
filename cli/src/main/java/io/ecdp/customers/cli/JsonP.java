package io.ecdp.customers.cli;

import jakarta.json.spi.JsonProvider;

/**
 * The JSON-P provider, looked up once: {@code Json.createObjectBuilder()} and {@code
 * Json.createReader(...)} look it up again through the {@code ServiceLoader} on every call, which
 * cost the import about 2% of its CPU for one checkpoint line per batch.
 */
final class JsonP {

  static final JsonProvider PROVIDER = JsonProvider.provider();

  private JsonP() {}
}
