package io.ecdp.customers.internal;

import jakarta.json.JsonReaderFactory;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGeneratorFactory;
import jakarta.json.stream.JsonParserFactory;
import java.util.Map;

/**
 * The JSON-P factories of every parser, reader and generator the client creates, with one limit: a
 * document of up to {@link #MAX_DOCUMENT} bytes, the largest body the client reads, is parsed.
 *
 * <p>Parsson, the JSON-P implementation Yasson brings, refuses a document of more than 15,000,000
 * characters unless its factory is told otherwise (its {@code maxParsingLimit}); a JVM-wide system
 * property would change every other library's parsers too, so the limit is set on these factories
 * only. Other JSON-P implementations ignore the key.
 */
public final class JsonFactories {

  /** The largest success body read, in bytes: 16 MiB, as the README states. */
  public static final int MAX_DOCUMENT = 16 * 1024 * 1024;

  private static final Map<String, ?> CONFIG =
      Map.of("org.eclipse.parsson.maxParsingLimit", MAX_DOCUMENT);

  /** Creates the parsers of response bodies. */
  public static final JsonParserFactory PARSERS =
      JsonProvider.provider().createParserFactory(CONFIG);

  /** Creates the readers of problem documents. */
  public static final JsonReaderFactory READERS =
      JsonProvider.provider().createReaderFactory(CONFIG);

  /** Creates the generators of request bodies. */
  public static final JsonGeneratorFactory GENERATORS =
      JsonProvider.provider().createGeneratorFactory(Map.of());

  private JsonFactories() {}
}
