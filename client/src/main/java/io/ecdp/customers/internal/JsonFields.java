package io.ecdp.customers.internal;

import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes the JSON values of the generated models' serializers, which stream JSON-P events
 * instead of letting JSON-B reflect over the models.
 *
 * <p>Each reader takes the event the parser has just returned for the field's value, accepts JSON
 * {@code null} as "absent", and throws a {@link JsonbException} naming the field and the rule when
 * the value has another type; the message never holds the value, which may be personal data.
 *
 * <p>An item of a list, whose field name the generated code writes as {@code Model.field[]}, is
 * never absent: a JSON {@code null} there (for example {@code "consents": [null]}) is a broken
 * response, refused by every reader rather than read into a list holding {@code null}.
 */
public final class JsonFields {

  /** How the generated code ends the field name of a list's items. */
  private static final String ITEM = "[]";

  private JsonFields() {}

  /** Returns the string, or null for JSON null. */
  public static String string(JsonParser in, Event event, String field) {
    if (event == Event.VALUE_STRING) {
      return in.getString();
    }
    return nullOr(event, field, "a string");
  }

  /**
   * Returns the integer, or null for JSON null; a fraction or a value beyond 32 bits is refused.
   */
  public static Integer integer(JsonParser in, Event event, String field) {
    if (event == Event.VALUE_NUMBER) {
      try {
        return in.getBigDecimal().intValueExact();
      } catch (ArithmeticException e) {
        throw new JsonbException(field + ": must be a 32-bit integer");
      }
    }
    nullOr(event, field, "an integer");
    return null;
  }

  /** Returns the number, or null for JSON null. */
  public static BigDecimal decimal(JsonParser in, Event event, String field) {
    if (event == Event.VALUE_NUMBER) {
      return in.getBigDecimal();
    }
    nullOr(event, field, "a number");
    return null;
  }

  /** Returns the boolean, or null for JSON null. */
  public static Boolean bool(JsonParser in, Event event, String field) {
    if (event == Event.VALUE_TRUE) {
      return Boolean.TRUE;
    }
    if (event == Event.VALUE_FALSE) {
      return Boolean.FALSE;
    }
    nullOr(event, field, "true or false");
    return null;
  }

  /** Returns the enum value (known or not) of the string, or null for JSON null. */
  public static <T> T enumValue(JsonParser in, Event event, String field, Function<String, T> of) {
    String text = string(in, event, field);
    return text == null ? null : of.apply(text);
  }

  /** Returns the ISO-8601 date-time with its offset, or null for JSON null. */
  public static OffsetDateTime dateTime(JsonParser in, Event event, String field) {
    String text = string(in, event, field);
    if (text == null) {
      return null;
    }
    try {
      OffsetDateTime fast = parseCommonForm(text);
      return fast != null
          ? fast
          : OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    } catch (DateTimeException e) {
      throw new JsonbException(field + ": must be an ISO-8601 date-time with an offset");
    }
  }

  /**
   * Formats the date-time as JSON-B does by default, {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}
   * (seconds always, a fraction only when not zero, {@code Z} for UTC), without the formatter's
   * cost for the common case of a four-digit year and an offset in whole minutes.
   */
  public static String dateTime(OffsetDateTime value) {
    int year = value.getYear();
    int offset = value.getOffset().getTotalSeconds();
    if (year < 0 || year > 9999 || offset % 60 != 0) {
      return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value);
    }
    byte[] text = DATE_TIME_TEXT.get(); // the String copies it: one array per date, not three
    int n = digits(text, 0, year, 4);
    text[n++] = '-';
    n = digits(text, n, value.getMonthValue(), 2);
    text[n++] = '-';
    n = digits(text, n, value.getDayOfMonth(), 2);
    text[n++] = 'T';
    n = digits(text, n, value.getHour(), 2);
    text[n++] = ':';
    n = digits(text, n, value.getMinute(), 2);
    text[n++] = ':';
    n = digits(text, n, value.getSecond(), 2);
    int nano = value.getNano();
    if (nano != 0) {
      int length = 9;
      while (nano % 10 == 0) {
        nano /= 10;
        length--;
      }
      text[n++] = '.';
      n = digits(text, n, nano, length);
    }
    if (offset == 0) {
      text[n++] = 'Z';
    } else {
      text[n++] = (byte) (offset < 0 ? '-' : '+');
      int minutes = Math.abs(offset) / 60;
      n = digits(text, n, minutes / 60, 2);
      text[n++] = ':';
      n = digits(text, n, minutes % 60, 2);
    }
    return new String(text, 0, n, StandardCharsets.ISO_8859_1);
  }

  /** Each thread's buffer for {@link #dateTime(OffsetDateTime)}: the longest form has 35 bytes. */
  private static final ThreadLocal<byte[]> DATE_TIME_TEXT =
      ThreadLocal.withInitial(() -> new byte[35]);

  private static int digits(byte[] text, int at, int value, int width) {
    int i = at;
    for (int divisor = pow10(width - 1); divisor > 0; divisor /= 10) {
      text[i++] = (byte) ('0' + value / divisor % 10);
    }
    return i;
  }

  private static int pow10(int exponent) {
    int value = 1;
    for (int i = 0; i < exponent; i++) {
      value *= 10;
    }
    return value;
  }

  /**
   * Parses {@code yyyy-MM-ddTHH:mm[:ss[.f{1,9}]](Z|±HH:mm)}, the form servers send, without the
   * formatter's cost; returns null for any other text, which the formatter then parses (or
   * refuses), so the two accept exactly the same texts.
   *
   * @throws DateTimeException if the text has this form but a field is out of range
   */
  static OffsetDateTime parseCommonForm(String text) {
    int length = text.length();
    if (length < 17
        || text.charAt(4) != '-'
        || text.charAt(7) != '-'
        || text.charAt(10) != 'T'
        || text.charAt(13) != ':') {
      return null;
    }
    int year = number(text, 0, 4);
    int month = number(text, 5, 2);
    int day = number(text, 8, 2);
    int hour = number(text, 11, 2);
    int minute = number(text, 14, 2);
    if ((year | month | day | hour | minute) < 0) {
      return null;
    }
    int at = 16;
    int second = 0;
    int nano = 0;
    if (at < length && text.charAt(at) == ':') {
      second = number(text, at + 1, 2);
      if (second < 0) {
        return null;
      }
      at += 3;
      if (at < length && text.charAt(at) == '.') {
        int digits = 0;
        at++;
        while (at < length && digits < 9 && isDigit(text.charAt(at))) {
          nano = nano * 10 + (text.charAt(at) - '0');
          digits++;
          at++;
        }
        if (digits == 0 || (at < length && isDigit(text.charAt(at)))) {
          return null;
        }
        nano *= pow10(9 - digits);
      }
    }
    ZoneOffset offset;
    if (at == length - 1 && text.charAt(at) == 'Z') {
      offset = ZoneOffset.UTC;
    } else if (at == length - 6
        && (text.charAt(at) == '+' || text.charAt(at) == '-')
        && text.charAt(at + 3) == ':') {
      int hours = number(text, at + 1, 2);
      int minutes = number(text, at + 4, 2);
      if ((hours | minutes) < 0) {
        return null;
      }
      offset =
          text.charAt(at) == '+'
              ? ZoneOffset.ofHoursMinutes(hours, minutes)
              : ZoneOffset.ofHoursMinutes(-hours, -minutes);
    } else {
      return null;
    }
    return OffsetDateTime.of(year, month, day, hour, minute, second, nano, offset);
  }

  /** Returns the value of {@code count} ASCII digits at {@code from}, or -1 if one is not. */
  private static int number(String text, int from, int count) {
    if (from + count > text.length()) {
      return -1;
    }
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = text.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** Writes a string member. */
  public static void write(JsonGenerator out, String name, String value) {
    out.write(name, value);
  }

  /** Writes an integer member. */
  public static void write(JsonGenerator out, String name, Integer value) {
    out.write(name, value.intValue());
  }

  /** Writes a number member. */
  public static void write(JsonGenerator out, String name, BigDecimal value) {
    out.write(name, value);
  }

  /** Writes a boolean member. */
  public static void write(JsonGenerator out, String name, Boolean value) {
    out.write(name, value.booleanValue());
  }

  /** Writes a date-time member, as {@link #dateTime(OffsetDateTime)} formats it. */
  public static void write(JsonGenerator out, String name, OffsetDateTime value) {
    out.write(name, dateTime(value));
  }

  /** Writes a string array item. */
  public static void write(JsonGenerator out, String value) {
    out.write(value);
  }

  /** Writes an integer array item. */
  public static void write(JsonGenerator out, Integer value) {
    out.write(value.intValue());
  }

  /** Writes a number array item. */
  public static void write(JsonGenerator out, BigDecimal value) {
    out.write(value);
  }

  /** Writes a boolean array item. */
  public static void write(JsonGenerator out, Boolean value) {
    out.write(value.booleanValue());
  }

  /** Writes a date-time array item. */
  public static void write(JsonGenerator out, OffsetDateTime value) {
    out.write(dateTime(value));
  }

  /**
   * Returns whether an object starts here (the parser is then inside it); false for JSON null.
   *
   * @throws JsonbException for any other value
   */
  public static boolean object(Event event, String field) {
    if (event == Event.START_OBJECT) {
      return true;
    }
    nullOr(event, field, "an object");
    return false;
  }

  /**
   * Returns whether an array starts here (the parser is then inside it); false for JSON null.
   *
   * @throws JsonbException for any other value
   */
  public static boolean array(Event event, String field) {
    if (event == Event.START_ARRAY) {
      return true;
    }
    nullOr(event, field, "an array");
    return false;
  }

  /**
   * Returns the name of the next member, or null at the end of the object.
   *
   * @throws JsonbException if the parser is not between members of an object
   */
  public static String nextMember(JsonParser in, String type) {
    Event event = in.next();
    if (event == Event.KEY_NAME) {
      return in.getString();
    }
    if (event == Event.END_OBJECT) {
      return null;
    }
    throw new JsonbException(type + ": expected a member name, found " + event);
  }

  /** Skips the value of a member nobody reads, however deeply nested. */
  public static void skip(JsonParser in, Event event) {
    if (event != Event.START_OBJECT && event != Event.START_ARRAY) {
      return;
    }
    int depth = 1;
    while (depth > 0) {
      Event next = in.next();
      if (next == Event.START_OBJECT || next == Event.START_ARRAY) {
        depth++;
      } else if (next == Event.END_OBJECT || next == Event.END_ARRAY) {
        depth--;
      }
    }
  }

  /** Returns null for JSON null (an absent field); throws for a null list item or another type. */
  private static @Nullable String nullOr(Event event, String field, String expected) {
    if (event == Event.VALUE_NULL) {
      if (field.endsWith(ITEM)) {
        throw new JsonbException(field + ": an item of the list must not be null");
      }
      return null;
    }
    throw new JsonbException(field + ": must be " + expected + ", found " + describe(event));
  }

  private static String describe(Event event) {
    return switch (event) {
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      default -> String.valueOf(event);
    };
  }
}
