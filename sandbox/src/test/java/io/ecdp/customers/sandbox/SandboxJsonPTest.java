package io.ecdp.customers.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.JsonException;
import jakarta.json.JsonString;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbException;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Parsson's document length limit, as the sandbox configures it: a request body's parsers, readers
 * and JSON-B stop at the body limit (a small one here, so that the edge is cheap to reach), and the
 * state file's parsers read past Parsson's default of 15,000,000 characters.
 */
class SandboxJsonPTest {

  private static final int LIMIT = 1_000;

  /** A JSON string of exactly {@code chars} characters, quotes included. */
  private static String document(int chars) {
    return "\"" + "a".repeat(chars - 2) + "\"";
  }

  private static String parse(jakarta.json.stream.JsonParserFactory parsers, String json) {
    try (JsonParser p =
        parsers.createParser(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)))) {
      p.next();
      return p.getString();
    }
  }

  @Test
  void bodyParsers_readADocumentOfTheBodyLimit_andRefuseOneCharacterMore() {
    JsonProvider bodies = SandboxJsonP.forBodies(LIMIT);
    var parsers = bodies.createParserFactory(Map.of());
    assertThat(parse(parsers, document(LIMIT))).hasSize(LIMIT - 2);
    assertThatThrownBy(() -> parse(parsers, document(LIMIT + 1)))
        .isInstanceOf(JsonException.class)
        .hasMessageContaining("Document parsing count exceeded");
    assertThatThrownBy(() -> parse(bodies.createParserFactory(null), document(LIMIT + 1)))
        .as("a factory made with a configuration of its own")
        .isInstanceOf(JsonException.class);
  }

  @Test
  @SuppressWarnings("try") // Jsonb.close() is declared to throw Exception
  void bodyReaders_andJsonB_stopAtTheBodyLimitToo() throws Exception {
    JsonProvider bodies = SandboxJsonP.forBodies(LIMIT);
    assertThat(
            ((JsonString) bodies.createReader(new StringReader(document(LIMIT))).readValue())
                .getString())
        .hasSize(LIMIT - 2);
    assertThatThrownBy(() -> bodies.createReader(new StringReader(document(LIMIT + 1))).readValue())
        .isInstanceOf(JsonException.class);
    try (Jsonb jsonb = SandboxJsonP.newJsonb(bodies)) {
      assertThat(jsonb.fromJson(document(LIMIT), String.class)).hasSize(LIMIT - 2);
      assertThatThrownBy(() -> jsonb.fromJson(document(LIMIT + 1), String.class))
          .isInstanceOfAny(JsonException.class, JsonbException.class);
      assertThatThrownBy(
              () ->
                  jsonb.fromJson(
                      new ByteArrayInputStream(
                          document(LIMIT + 1).getBytes(StandardCharsets.UTF_8)),
                      String.class))
          .as("from a stream, as a request body is read")
          .isInstanceOfAny(JsonException.class, JsonbException.class);
    }
  }

  @Test
  void theBodyLimit_isTheSandboxsBodyLimit_inCharacters() {
    assertThat(SandboxJsonP.bodyLimit(CustomersSandbox.DEFAULT_MAX_BODY_BYTES)).isEqualTo(32 << 20);
  }

  @Test
  void stateParsers_readPastParssonsDefaultLimit() {
    int chars = 15_000_001;
    assertThat(parse(SandboxJsonP.STATE_PARSERS, document(chars))).hasSize(chars - 2);
  }
}
