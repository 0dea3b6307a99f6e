package io.ecdp.customers.cli;

import jakarta.json.spi.JsonProvider;

/**
 * The JSON-P provider, looked up once: {@code Json.createObjectBuilder()} and {@code
 * Json.createReader(...)} look it up again through the {@code ServiceLoader} on every call, too
 * often for a line per batch or per record ({@code benchmarks/TUNING.md}, "The import's own cost").
 */
final class JsonP {

  static final JsonProvider PROVIDER = JsonProvider.provider();

  private JsonP() {}
}
