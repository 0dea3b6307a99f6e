package io.ecdp.customers.cli;

import io.ecdp.customers.model.ConsentValue;
import io.ecdp.customers.model.Gender;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** Parses the values of input fields, with errors that name the rule. */
final class Fields {

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

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

  static String email(String value) throws BadValue {
    if (!EMAIL.matcher(value).matches()) {
      throw new BadValue("email", "is not an e-mail address (one @, no spaces)");
    }
    return value;
  }

  static OffsetDateTime date(String field, String value) throws BadValue {
    try {
      return value.length() == 10
          ? LocalDate.parse(value).atStartOfDay().atOffset(ZoneOffset.UTC)
          : OffsetDateTime.parse(value);
    } catch (DateTimeParseException e) {
      throw new BadValue(field, "is not an ISO-8601 date (2023-07-25 or 2023-07-25T12:35:54.712Z)");
    }
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
