package io.ecdp.customers.sandbox;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonMergePatch;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonPatch;
import jakarta.json.JsonPatchBuilder;
import jakarta.json.JsonPointer;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.JsonWriterFactory;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Makes the sandbox's JSON readers, for request bodies and state files: the one place where the
 * sandbox sets Parsson's limits on what one parser reads, as configuration properties of each
 * parser and reader factory (which Parsson prefers to the system properties of the same names, left
 * alone here), so that they are the sandbox's own whatever the application sets.
 *
 * <ul>
 *   <li>{@code org.eclipse.parsson.maxParsingLimit}: the most characters one parser counts,
 *       15,000,000 unless configured. For a request body, twice the sandbox's body limit ({@link
 *       #bodyLimit}): the body limit, in bytes, is the one limit on a body's length, and no body
 *       within it reaches this count. For the state file and its journal, which have no size limit,
 *       as many as Parsson counts ({@link #STATE_LIMIT}).
 *   <li>{@code org.eclipse.parsson.maxDepth}: how deeply arrays and objects may nest in a body
 *       ({@link #MAX_DEPTH}).
 *   <li>{@code org.eclipse.parsson.maxBigDecimalLength}: the most characters of one number of a
 *       record ({@link #MAX_NUMBER_CHARS}).
 * </ul>
 *
 * <p>A body that reaches the depth or the number's length may well be valid JSON: it is answered
 * with a 400 that names the limit ({@link JsonLimit}), never as not being JSON. Other JSON-P
 * implementations ignore these properties, as the JSON-P specification asks of unknown ones.
 */
final class SandboxJsonP {

  /** Parsson's property for the most characters one parser reads. */
  static final String MAX_PARSING_LIMIT = "org.eclipse.parsson.maxParsingLimit";

  /**
   * The most characters a parser of the state file or its journal reads: as many as Parsson counts
   * (an int). A state file has no size limit of its own; it is bounded by the heap that holds its
   * customers (1,000,000 customers are about 400 MB), so a count would only refuse a state the
   * sandbox saved itself.
   */
  static final int STATE_LIMIT = Integer.MAX_VALUE;

  private static final JsonProvider DEFAULT = JsonProvider.provider();

  /** Parsers of the state file and its journal. */
  static final JsonParserFactory STATE_PARSERS =
      DEFAULT.createParserFactory(limited(Map.of(), STATE_LIMIT));

  /** Generators, compact. */
  static final JsonGeneratorFactory GENERATORS = DEFAULT.createGeneratorFactory(Map.of());

  private SandboxJsonP() {}

  /** Parsson's property for the deepest nesting of arrays and objects. */
  static final String MAX_DEPTH_PROPERTY = "org.eclipse.parsson.maxDepth";

  /** Parsson's property for the most characters of a number read as a {@code BigDecimal}. */
  static final String MAX_NUMBER_CHARS_PROPERTY = "org.eclipse.parsson.maxBigDecimalLength";

  /**
   * How deeply arrays and objects may nest in a request body, the body's own object counting as
   * one. A batch nests five deep ({@code data[].consentsData.consents[]}); the limit bounds the
   * recursion that reads a record. Parsson refuses a nesting as deep as its {@code maxDepth}, so it
   * is given one more.
   */
  static final int MAX_DEPTH = 1000;

  /**
   * The most characters (digits, sign, point and exponent) of one number in a record: Parsson's
   * default, stated here. The spec's numbers are 32-bit integers; the limit bounds the work of
   * reading one as a {@code BigDecimal}. A number outside the records (in a member the sandbox
   * skips) is not read as one, and has no limit but the body's.
   */
  static final int MAX_NUMBER_CHARS = 1100;

  /**
   * The most characters a parser of a request body counts in a sandbox whose body limit is {@code
   * maxBodyBytes}: twice as many, at most {@link Integer#MAX_VALUE}. Parsson counts each character
   * it reads, and the character after a number twice (it reads it to end the number, and again as
   * the next token), so a body of {@code n} bytes, which decodes to at most {@code n} characters,
   * counts fewer than {@code 2n}: no body the sandbox reads reaches this count, and a larger one is
   * answered 413 before any of it is parsed. (A count of the body limit itself refused a valid body
   * of that many bytes holding a single number.)
   */
  static int bodyLimit(long maxBodyBytes) {
    return (int) Math.min(2 * maxBodyBytes, Integer.MAX_VALUE);
  }

  /**
   * The JSON-P provider for the request bodies of a sandbox whose body limit is {@code
   * maxBodyBytes}: the default one, its parsers and readers limited to {@link #bodyLimit}
   * characters, {@link #MAX_DEPTH} levels and numbers of {@link #MAX_NUMBER_CHARS} characters.
   */
  static JsonProvider forBodies(long maxBodyBytes) {
    return new Limited(DEFAULT, bodyLimit(maxBodyBytes));
  }

  /** Returns a new JSON-B instance on {@code provider} that leaves null members out. */
  static Jsonb newJsonb(JsonProvider provider) {
    return JsonbBuilder.newBuilder()
        .withProvider(provider)
        .withConfig(new JsonbConfig().withNullValues(false))
        .build();
  }

  private static Map<String, Object> limited(Map<String, ?> config, int limit) {
    Map<String, Object> out = new HashMap<>(config == null ? Map.of() : config);
    out.put(MAX_PARSING_LIMIT, limit);
    return out;
  }

  /** A body's configuration: its count, depth and number length set. */
  private static Map<String, Object> forBody(Map<String, ?> config, int limit) {
    Map<String, Object> out = limited(config, limit);
    out.put(MAX_DEPTH_PROPERTY, MAX_DEPTH + 1);
    out.put(MAX_NUMBER_CHARS_PROPERTY, MAX_NUMBER_CHARS);
    return out;
  }

  /** Delegates to a provider, setting the body limits of every parser and reader it makes. */
  private static final class Limited extends JsonProvider {
    private final JsonProvider delegate;
    private final int limit;
    private final JsonParserFactory parsers;
    private final JsonReaderFactory readers;

    Limited(JsonProvider delegate, int limit) {
      this.delegate = delegate;
      this.limit = limit;
      this.parsers = delegate.createParserFactory(forBody(Map.of(), limit));
      this.readers = delegate.createReaderFactory(forBody(Map.of(), limit));
    }

    @Override
    public JsonParser createParser(Reader reader) {
      return parsers.createParser(reader);
    }

    @Override
    public JsonParser createParser(InputStream in) {
      return parsers.createParser(in);
    }

    @Override
    public JsonParserFactory createParserFactory(Map<String, ?> config) {
      return delegate.createParserFactory(forBody(config, limit));
    }

    @Override
    public JsonReader createReader(Reader reader) {
      return readers.createReader(reader);
    }

    @Override
    public JsonReader createReader(InputStream in) {
      return readers.createReader(in);
    }

    @Override
    public JsonReaderFactory createReaderFactory(Map<String, ?> config) {
      return delegate.createReaderFactory(forBody(config, limit));
    }

    @Override
    public JsonGenerator createGenerator(Writer writer) {
      return delegate.createGenerator(writer);
    }

    @Override
    public JsonGenerator createGenerator(OutputStream out) {
      return delegate.createGenerator(out);
    }

    @Override
    public JsonGeneratorFactory createGeneratorFactory(Map<String, ?> config) {
      return delegate.createGeneratorFactory(config);
    }

    @Override
    public JsonWriter createWriter(Writer writer) {
      return delegate.createWriter(writer);
    }

    @Override
    public JsonWriter createWriter(OutputStream out) {
      return delegate.createWriter(out);
    }

    @Override
    public JsonWriterFactory createWriterFactory(Map<String, ?> config) {
      return delegate.createWriterFactory(config);
    }

    @Override
    public JsonObjectBuilder createObjectBuilder() {
      return delegate.createObjectBuilder();
    }

    @Override
    public JsonObjectBuilder createObjectBuilder(JsonObject object) {
      return delegate.createObjectBuilder(object);
    }

    @Override
    public JsonObjectBuilder createObjectBuilder(Map<String, ?> map) {
      return delegate.createObjectBuilder(map);
    }

    @Override
    public JsonArrayBuilder createArrayBuilder() {
      return delegate.createArrayBuilder();
    }

    @Override
    public JsonArrayBuilder createArrayBuilder(JsonArray array) {
      return delegate.createArrayBuilder(array);
    }

    @Override
    public JsonArrayBuilder createArrayBuilder(Collection<?> collection) {
      return delegate.createArrayBuilder(collection);
    }

    @Override
    public JsonPointer createPointer(String jsonPointer) {
      return delegate.createPointer(jsonPointer);
    }

    @Override
    public JsonPatchBuilder createPatchBuilder() {
      return delegate.createPatchBuilder();
    }

    @Override
    public JsonPatchBuilder createPatchBuilder(JsonArray array) {
      return delegate.createPatchBuilder(array);
    }

    @Override
    public JsonPatch createPatch(JsonArray array) {
      return delegate.createPatch(array);
    }

    @Override
    public JsonPatch createDiff(JsonStructure source, JsonStructure target) {
      return delegate.createDiff(source, target);
    }

    @Override
    public JsonMergePatch createMergePatch(JsonValue patch) {
      return delegate.createMergePatch(patch);
    }

    @Override
    public JsonMergePatch createMergeDiff(JsonValue source, JsonValue target) {
      return delegate.createMergeDiff(source, target);
    }

    @Override
    public JsonBuilderFactory createBuilderFactory(Map<String, ?> config) {
      return delegate.createBuilderFactory(config);
    }

    @Override
    public JsonString createValue(String value) {
      return delegate.createValue(value);
    }

    @Override
    public JsonNumber createValue(int value) {
      return delegate.createValue(value);
    }

    @Override
    public JsonNumber createValue(long value) {
      return delegate.createValue(value);
    }

    @Override
    public JsonNumber createValue(double value) {
      return delegate.createValue(value);
    }

    @Override
    public JsonNumber createValue(BigDecimal value) {
      return delegate.createValue(value);
    }

    @Override
    public JsonNumber createValue(BigInteger value) {
      return delegate.createValue(value);
    }

    @Override
    public JsonNumber createValue(Number value) {
      return delegate.createValue(value);
    }
  }
}
