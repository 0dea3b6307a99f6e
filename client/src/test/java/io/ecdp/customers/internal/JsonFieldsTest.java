package io.ecdp.customers.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonFieldsTest {

  private static final int CASES = 50_000;

  @Test
  void dateTimeFormatting_matchesIsoOffsetDateTime_forRandomValues() {
    Random random = new Random(7);
    for (int i = 0; i < CASES; i++) {
      OffsetDateTime value = randomDateTime(random);
      assertThat(JsonFields.dateTime(value))
          .as("%s", value)
          .isEqualTo(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));
    }
  }

  @Test
  void dateTimeParsing_acceptsExactlyWhatIsoOffsetDateTimeAccepts_forRandomAndMutatedTexts() {
    Random random = new Random(11);
    String alphabet = "0123456789-+:.TtZz ";
    for (int i = 0; i < CASES; i++) {
      StringBuilder text = new StringBuilder(randomText(random));
      for (int m = random.nextInt(3); m > 0 && text.length() > 0; m--) {
        int at = random.nextInt(text.length());
        switch (random.nextInt(3)) {
          case 0 -> text.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
          case 1 -> text.deleteCharAt(at);
          default -> text.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
        }
      }
      String input = text.toString();
      assertThat(outcome(() -> parse(input)))
          .as("%s", input)
          .isEqualTo(outcome(() -> OffsetDateTime.parse(input)));
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2024-02-30T10:00:00Z",
        "2024-13-01T10:00:00Z",
        "2024-01-01T24:00:00Z",
        "2024-01-01T10:60:00Z",
        "2024-01-01T10:00:60Z",
        "2024-01-01T10:00:00+19:00",
        "2024-01-01T10:00:00+01:60",
        "2024-01-01T10:00:00",
        "2024-01-01"
      })
  void dateTime_refusesOutOfRangeOrOffsetlessTexts_namingTheFieldButNotTheValue(String text) {
    assertThatThrownBy(() -> parse(text))
        .isInstanceOf(JsonbException.class)
        .hasMessage("dateOfBirth: must be an ISO-8601 date-time with an offset")
        .hasMessageNotContaining(text);
  }

  @Test
  void integer_refusesFractionsAndValuesBeyond32Bits() {
    assertThat(readInteger("42")).isEqualTo(42);
    assertThat(readInteger("-2147483648")).isEqualTo(Integer.MIN_VALUE);
    assertThat(readInteger("null")).isNull();
    for (String bad : new String[] {"2147483648", "1.5", "99999999999999999999"}) {
      assertThatThrownBy(() -> readInteger(bad))
          .as(bad)
          .isInstanceOf(JsonbException.class)
          .hasMessage("id: must be a 32-bit integer");
    }
    assertThatThrownBy(() -> readInteger("\"42\""))
        .isInstanceOf(JsonbException.class)
        .hasMessage("id: must be an integer, found a string");
  }

  @ParameterizedTest
  @ValueSource(strings = {"object", "string", "integer", "decimal", "bool", "dateTime", "enum"})
  void aNullListItem_isRefused_namingTheList_whileANullMemberIsAbsent(String reader) {
    assertThatThrownBy(() -> readNull(reader, "ConsentsData.consents[]"))
        .isInstanceOf(JsonbException.class)
        .hasMessage("ConsentsData.consents[]: an item of the list must not be null");
    assertThat(readNull(reader, "ConsentsData.consents")).isIn(null, false);
  }

  private static Object readNull(String reader, String field) {
    JsonParser in = Json.createParser(new StringReader("null"));
    JsonParser.Event event = in.next();
    return switch (reader) {
      case "object" -> JsonFields.object(event, field);
      case "string" -> JsonFields.string(in, event, field);
      case "integer" -> JsonFields.integer(in, event, field);
      case "decimal" -> JsonFields.decimal(in, event, field);
      case "bool" -> JsonFields.bool(in, event, field);
      case "dateTime" -> JsonFields.dateTime(in, event, field);
      default -> JsonFields.enumValue(in, event, field, text -> text);
    };
  }

  @Test
  void skip_passesOverNestedValues_andLeavesTheParserOnTheNextMember() {
    JsonParser parser =
        Json.createParser(new StringReader("{\"x\":{\"a\":[1,{\"b\":[]}],\"c\":{}},\"y\":\"z\"}"));
    parser.next();
    assertThat(JsonFields.nextMember(parser, "T")).isEqualTo("x");
    JsonFields.skip(parser, parser.next());
    assertThat(JsonFields.nextMember(parser, "T")).isEqualTo("y");
    assertThat(JsonFields.string(parser, parser.next(), "y")).isEqualTo("z");
    assertThat(JsonFields.nextMember(parser, "T")).isNull();
  }

  private static Integer readInteger(String json) {
    JsonParser parser = Json.createParser(new StringReader("[" + json + "]"));
    parser.next();
    return JsonFields.integer(parser, parser.next(), "id");
  }

  private static OffsetDateTime parse(String text) {
    JsonParser parser =
        Json.createParser(
            new StringReader("[" + jakarta.json.Json.createValue(text).toString() + "]"));
    parser.next();
    return JsonFields.dateTime(parser, parser.next(), "dateOfBirth");
  }

  /** The value parsed, or "refused": JsonbException and DateTimeException count as the same. */
  private static Object outcome(java.util.function.Supplier<OffsetDateTime> parse) {
    try {
      return parse.get();
    } catch (JsonbException | DateTimeException e) {
      return "refused";
    }
  }

  private static OffsetDateTime randomDateTime(Random random) {
    int year = random.nextInt(10) == 0 ? random.nextInt(30_000) - 10_000 : random.nextInt(10_000);
    int nano =
        switch (random.nextInt(4)) {
          case 0 -> 0;
          case 1 -> random.nextInt(1000) * 1_000_000;
          case 2 -> random.nextInt(1_000_000) * 1000;
          default -> random.nextInt(1_000_000_000);
        };
    int offsetSeconds =
        random.nextInt(5) == 0
            ? random.nextInt(18 * 3600 * 2 + 1) - 18 * 3600
            : (random.nextInt(18 * 4 * 2 + 1) - 18 * 4) * 15 * 60;
    return OffsetDateTime.of(
        year,
        1 + random.nextInt(12),
        1 + random.nextInt(28),
        random.nextInt(24),
        random.nextInt(60),
        random.nextInt(3) == 0 ? 0 : random.nextInt(60),
        nano,
        ZoneOffset.ofTotalSeconds(offsetSeconds));
  }

  private static String randomText(Random random) {
    OffsetDateTime value = randomDateTime(random);
    String text = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value);
    if (random.nextBoolean() && value.getSecond() == 0 && value.getNano() == 0) {
      text = text.substring(0, 16) + text.substring(19); // seconds are optional
    }
    return text;
  }
}
