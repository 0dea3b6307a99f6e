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
 * Makes the sandbox's JSON readers, for request bodies and state files alike, with no limit on a
 * document's length: the one place where the sandbox lifts Parsson's {@code
 * org.eclipse.parsson.maxParsingLimit}.
 *
 * <p>Parsson, the JSON-P implementation under Yasson, refuses by default a document of more than
 * 15,000,000 characters ("Document parsing count exceeded"), so a valid 22 MB {@code POST
 * /customers} body was answered as not being JSON, and a state file of more than about 15 MB could
 * not be read back. The sandbox is a local test server that holds every customer in memory anyway:
 * a body or a state file is bounded by the heap, not by a count. Other JSON-P implementations
 * ignore the property, as the JSON-P specification asks of unknown ones.
 */
final class SandboxJsonP {

  /** Parsson's property for the most characters one parser reads. */
  static final String MAX_PARSING_LIMIT = "org.eclipse.parsson.maxParsingLimit";

  /** The JSON-P provider: the default one, its parsers and readers without a length limit. */
  static final JsonProvider PROVIDER = new Unlimited(JsonProvider.provider());

  /** Parsers without a length limit. */
  static final JsonParserFactory PARSERS = PROVIDER.createParserFactory(Map.of());

  /** Generators, compact. */
  static final JsonGeneratorFactory GENERATORS = PROVIDER.createGeneratorFactory(Map.of());

  private SandboxJsonP() {}

  /** Returns a new JSON-B instance on {@link #PROVIDER} that leaves null members out. */
  static Jsonb newJsonb() {
    return JsonbBuilder.newBuilder()
        .withProvider(PROVIDER)
        .withConfig(new JsonbConfig().withNullValues(false))
        .build();
  }

  private static Map<String, Object> unlimited(Map<String, ?> config) {
    Map<String, Object> out = new HashMap<>(config == null ? Map.of() : config);
    out.putIfAbsent(MAX_PARSING_LIMIT, Integer.MAX_VALUE);
    return out;
  }

  /** Delegates to a provider, adding the unlimited parsing length to every parser and reader. */
  private static final class Unlimited extends JsonProvider {
    private final JsonProvider delegate;
    private final JsonParserFactory parsers;
    private final JsonReaderFactory readers;

    Unlimited(JsonProvider delegate) {
      this.delegate = delegate;
      this.parsers = delegate.createParserFactory(unlimited(Map.of()));
      this.readers = delegate.createReaderFactory(unlimited(Map.of()));
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
      return delegate.createParserFactory(unlimited(config));
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
      return delegate.createReaderFactory(unlimited(config));
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
