package io.ecdp.customers.cli;

import io.ecdp.customers.model.ConsentValue;
import io.ecdp.customers.model.Gender;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Parses the values of input fields, with errors that name the rule. */
final class Fields {

  private Fields() {}

  /** Thrown for a value that breaks its field's rule. */
  static final class BadValue extends Exception {
    private static final long serialVersionUID = 1L;
    final String field;

    BadValue(String field, String reason) {
      super(reason, null, false, false);
      this.field = field;
    }
  }

  /**
   * Returns {@code value} if it is one or more characters, one {@code @}, one or more characters,
   * with no white space ({@code [ \t\n\x0B\f\r]}) anywhere: the rule {@code [^@\s]+@[^@\s]+},
   * checked by a loop rather than a regular expression, as it runs on every row of an import
   * ({@code benchmarks/TUNING.md}, "The import's own cost").
   */
  static String email(String value) throws BadValue {
    int at = -1;
    int n = value.length();
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c == '@') {
        if (at >= 0) {
          throw badEmail();
        }
        at = i;
      } else if (c == ' ' || (c >= '\t' && c <= '\r')) { // \t \n \x0B \f \r
        throw badEmail();
      }
    }
    if (at <= 0 || at == n - 1) {
      throw badEmail();
    }
    return value;
  }

  private static BadValue badEmail() {
    return new BadValue("email", "is not an e-mail address (one @, no spaces)");
  }

  /**
   * Parses a date ({@code 2023-07-25}, midnight UTC) or an ISO-8601 date-time. A date of the form
   * {@code dddd-dd-dd} (ASCII digits) is read by hand, which is what {@code LocalDate.parse}
   * accepts of that form (strict: a real day of a real month); every other text goes to the JDK's
   * parsers. By hand because it runs on every row of an import, and {@code LocalDate.parse} builds
   * a map of parsed fields per value ({@code benchmarks/TUNING.md}, "The import's own cost").
   */
  static OffsetDateTime date(String field, String value) throws BadValue {
    try {
      if (value.length() == 10) {
        LocalDate day = plainDate(value);
        return (day != null ? day : LocalDate.parse(value)).atStartOfDay().atOffset(ZoneOffset.UTC);
      }
      return OffsetDateTime.parse(value);
    } catch (DateTimeException e) { // DateTimeParseException included
      throw new BadValue(field, "is not an ISO-8601 date (2023-07-25 or 2023-07-25T12:35:54.712Z)");
    }
  }

  /** The date of a {@code dddd-dd-dd} text, or null for any other form; throws for no such day. */
  static LocalDate plainDate(String v) {
    if (v.charAt(4) != '-' || v.charAt(7) != '-') {
      return null;
    }
    int year = digits(v, 0, 4);
    int month = digits(v, 5, 7);
    int day = digits(v, 8, 10);
    if (year < 0 || month < 0 || day < 0) {
      return null;
    }
    return LocalDate.of(year, month, day); // DateTimeException for a day that does not exist
  }

  private static int digits(String v, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      char c = v.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }

  static Gender gender(String value) throws BadValue {
    Gender g = Gender.of(value);
    if (!g.isKnown()) {
      throw new BadValue("gender", "must be one of " + Gender.values());
    }
    return g;
  }

  static ConsentValue consent(String field, String value) throws BadValue {
    ConsentValue v = ConsentValue.of(value);
    if (!v.isKnown()) {
      throw new BadValue(field, "must be one of " + ConsentValue.values());
    }
    return v;
  }
}
