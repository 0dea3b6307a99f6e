package io.ecdp.customers.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonString;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbException;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Parsson's limits, as the sandbox configures them for a request body: the document count (twice
 * the body limit, a small one here so that the edge is cheap to reach), the nesting and a number's
 * length, each recognised as a limit ({@link JsonLimit}) and never as text that is not JSON; and
 * the state file's parsers, which read past Parsson's default of 15,000,000 characters.
 */
class SandboxJsonPTest {

  private static final int LIMIT = 1_000;

  /** A JSON string of exactly {@code chars} characters, quotes included. */
  private static String document(int chars) {
    return "\"" + "a".repeat(chars - 2) + "\"";
  }

  /** A JSON array of ones of {@code chars} characters (odd): half of them numbers. */
  private static String numbers(int chars) {
    return "[" + "1,".repeat((chars - 3) / 2) + "1]";
  }

  private static void parseAll(JsonParserFactory parsers, String json) {
    try (JsonParser p =
        parsers.createParser(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)))) {
      while (p.hasNext()) {
        p.next();
      }
    }
  }

  private static String parse(JsonParserFactory parsers, String json) {
    try (JsonParser p =
        parsers.createParser(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)))) {
      p.next();
      return p.getString();
    }
  }

  @Test
  void bodyParsers_readAnyDocumentOfTheBodyLimit_evenOneHalfNumbers() {
    var parsers = SandboxJsonP.forBodies(LIMIT).createParserFactory(Map.of());
    assertThat(parse(parsers, document(LIMIT))).hasSize(LIMIT - 2);
    String numbers = numbers(LIMIT - 1);
    assertThat(numbers).hasSize(LIMIT - 1);
    assertThatCode(() -> parseAll(parsers, numbers))
        .as("Parsson counts the character after each number twice: 1.5 counts a byte here")
        .doesNotThrowAnyException();
    assertThatThrownBy(
            () ->
                parseAll(
                    Json.createParserFactory(Map.of(SandboxJsonP.MAX_PARSING_LIMIT, LIMIT)),
                    numbers))
        .as("a count of the body limit itself refuses it")
        .isInstanceOf(JsonException.class);
  }

  @Test
  void bodyParsers_stopPastTwiceTheBodyLimit_andSayItIsALimit() {
    JsonProvider bodies = SandboxJsonP.forBodies(LIMIT);
    var parsers = bodies.createParserFactory(Map.of());
    assertThat(parse(parsers, document(2 * LIMIT))).hasSize(2 * LIMIT - 2);
    assertThatThrownBy(() -> parse(parsers, document(2 * LIMIT + 1)))
        .isInstanceOf(JsonException.class)
        .isNotInstanceOf(JsonParsingException.class)
        .satisfies(e -> assertThat(JsonLimit.of(e)).isEqualTo(JsonLimit.DOCUMENT_LENGTH));
    assertThatThrownBy(() -> parse(bodies.createParserFactory(null), document(2 * LIMIT + 1)))
        .as("a factory made with a configuration of its own")
        .isInstanceOf(JsonException.class);
  }

  @Test
  void bodyParsers_readTheDeepestNestingAllowed_andNameTheNextLevelALimit() {
    var parsers = SandboxJsonP.forBodies(1 << 20).createParserFactory(Map.of());
    int depth = SandboxJsonP.MAX_DEPTH;
    assertThatCode(() -> parseAll(parsers, "[".repeat(depth) + "]".repeat(depth)))
        .doesNotThrowAnyException();
    String deeper = "[".repeat(depth + 1) + "]".repeat(depth + 1);
    assertThatThrownBy(() -> parseAll(parsers, deeper))
        .satisfies(e -> assertThat(JsonLimit.of(e)).isEqualTo(JsonLimit.NESTING));
  }

  @Test
  void bodyParsers_readTheLongestNumberAllowed_andNameALongerOneALimit() {
    var parsers = SandboxJsonP.forBodies(1 << 20).createParserFactory(Map.of());
    int chars = SandboxJsonP.MAX_NUMBER_CHARS;
    assertThatCode(() -> parseObject(parsers, "9".repeat(chars))).doesNotThrowAnyException();
    assertThatThrownBy(() -> parseObject(parsers, "9".repeat(chars + 1)))
        .satisfies(e -> assertThat(JsonLimit.of(e)).isEqualTo(JsonLimit.NUMBER_LENGTH));
  }

  /** Reads {@code {"n": number}} as an object, as a record is read. */
  private static void parseObject(JsonParserFactory parsers, String number) {
    try (JsonParser p =
        parsers.createParser(
            new ByteArrayInputStream(
                ("{\"n\":" + number + "}").getBytes(StandardCharsets.UTF_8)))) {
      p.next();
      p.getObject().getJsonNumber("n").bigDecimalValue();
    }
  }

  @Test
  void textThatIsNotJson_isNoLimit() {
    var parsers = SandboxJsonP.forBodies(LIMIT).createParserFactory(Map.of());
    for (String json : List.of("[1,]", "{\"a\" 1}", "[01]", "[\"a", "nul")) {
      assertThatThrownBy(() -> parseAll(parsers, json))
          .as(json)
          .satisfies(e -> assertThat(JsonLimit.of(e)).isNull());
    }
  }

  @Test
  @SuppressWarnings("try") // Jsonb.close() is declared to throw Exception
  void bodyReaders_andJsonB_stopPastTwiceTheBodyLimitToo_andSayItIsALimit() throws Exception {
    JsonProvider bodies = SandboxJsonP.forBodies(LIMIT);
    assertThat(
            ((JsonString) bodies.createReader(new StringReader(document(2 * LIMIT))).readValue())
                .getString())
        .hasSize(2 * LIMIT - 2);
    assertThatThrownBy(
            () -> bodies.createReader(new StringReader(document(2 * LIMIT + 1))).readValue())
        .isInstanceOf(JsonException.class);
    try (Jsonb jsonb = SandboxJsonP.newJsonb(bodies)) {
      assertThat(jsonb.fromJson(document(2 * LIMIT), String.class)).hasSize(2 * LIMIT - 2);
      assertThatThrownBy(() -> jsonb.fromJson(document(2 * LIMIT + 1), String.class))
          .isInstanceOfAny(JsonException.class, JsonbException.class)
          .satisfies(e -> assertThat(JsonLimit.of(e)).isEqualTo(JsonLimit.DOCUMENT_LENGTH));
      assertThatThrownBy(
              () ->
                  jsonb.fromJson(
                      new ByteArrayInputStream(
                          document(2 * LIMIT + 1).getBytes(StandardCharsets.UTF_8)),
                      String.class))
          .as("from a stream, as a request body is read")
          .isInstanceOfAny(JsonException.class, JsonbException.class)
          .satisfies(e -> assertThat(JsonLimit.of(e)).isEqualTo(JsonLimit.DOCUMENT_LENGTH));
    }
  }

  @Test
  void theCountLimit_isTwiceTheSandboxsBodyLimit_atMostAnInt() {
    assertThat(SandboxJsonP.bodyLimit(CustomersSandbox.DEFAULT_MAX_BODY_BYTES)).isEqualTo(64 << 20);
    assertThat(SandboxJsonP.bodyLimit(Integer.MAX_VALUE - 1L)).isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void stateParsers_readPastParssonsDefaultLimit() {
    int chars = 15_000_001;
    assertThat(parse(SandboxJsonP.STATE_PARSERS, document(chars))).hasSize(chars - 2);
  }
}
