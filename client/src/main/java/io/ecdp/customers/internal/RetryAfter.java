package io.ecdp.customers.internal;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.Month;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the {@code Retry-After} header: delay-seconds or an HTTP date in any of the three forms
 * RFC 9110 (section 5.6.7) requires recipients to accept: IMF-fixdate and the obsolete RFC 850 and
 * asctime forms.
 */
public final class RetryAfter {

  private static final String MONTHS = "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)";
  private static final String TIME = "(\\d{2}):(\\d{2}):(\\d{2})";

  /** {@code Sunday, 06-Nov-94 08:49:37 GMT}. */
  private static final Pattern RFC_850 =
      Pattern.compile(
          "(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), (\\d{2})-"
              + MONTHS
              + "-(\\d{2}) "
              + TIME
              + " GMT",
          Pattern.CASE_INSENSITIVE);

  /** {@code Sun Nov 6 08:49:37 1994}: the day of the month is padded with a space. */
  private static final Pattern ASCTIME =
      Pattern.compile(
          "(Mon|Tue|Wed|Thu|Fri|Sat|Sun) " + MONTHS + " ( \\d|\\d{2}) " + TIME + " (\\d{4})",
          Pattern.CASE_INSENSITIVE);

  private RetryAfter() {}

  /**
   * Returns the delay the header announces, never negative; empty when the header is absent or not
   * a valid value.
   */
  public static Optional<Duration> parse(String header, Clock clock) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String value = header.trim();
    if (value.chars().allMatch(Character::isDigit)) {
      try {
        return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
      } catch (NumberFormatException | ArithmeticException e) {
        return Optional.empty(); // too large to be meant
      }
    }
    Instant now = clock.instant();
    try {
      Duration delay = Duration.between(now, httpDate(value, now));
      return Optional.of(delay.isNegative() ? Duration.ZERO : delay);
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  /** Returns the instant of an HTTP date, or throws if the text is none. */
  private static Instant httpDate(String value, Instant now) {
    Matcher m = RFC_850.matcher(value);
    if (m.matches()) {
      ZonedDateTime at =
          utc(
              now.atOffset(ZoneOffset.UTC).getYear() / 100 * 100 + Integer.parseInt(m.group(4)),
              m.group(3),
              m.group(2),
              m,
              5);
      // RFC 9110: a two-digit year that appears more than 50 years in the future is the most
      // recent such year in the past (so late in a century, a small year is in the next one).
      ZonedDateTime today = now.atZone(ZoneOffset.UTC);
      if (at.isBefore(today.minusYears(50))) {
        at = at.plusYears(100);
      }
      if (at.isAfter(today.plusYears(50))) {
        at = at.minusYears(100);
      }
      return checkedDay(at, m.group(1), TextStyle.FULL);
    }
    m = ASCTIME.matcher(value);
    if (m.matches()) {
      ZonedDateTime at = utc(Integer.parseInt(m.group(7)), m.group(2), m.group(3).trim(), m, 4);
      return checkedDay(at, m.group(1), TextStyle.SHORT);
    }
    return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
  }

  private static ZonedDateTime utc(int year, String month, String day, Matcher m, int time) {
    return ZonedDateTime.of(
        year,
        month(month).getValue(),
        Integer.parseInt(day),
        Integer.parseInt(m.group(time)),
        Integer.parseInt(m.group(time + 1)),
        Integer.parseInt(m.group(time + 2)),
        0,
        ZoneOffset.UTC);
  }

  private static Month month(String name) {
    for (Month month : Month.values()) {
      if (month.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).equalsIgnoreCase(name)) {
        return month;
      }
    }
    throw new DateTimeException("not a month");
  }

  /** Refuses a date whose day name is not its day, as the IMF-fixdate parser does. */
  private static Instant checkedDay(ZonedDateTime at, String dayName, TextStyle style) {
    DayOfWeek day = at.getDayOfWeek();
    if (!day.getDisplayName(style, Locale.ENGLISH).equalsIgnoreCase(dayName)) {
      throw new DateTimeException("the day name is not the day's");
    }
    return at.toInstant();
  }
}
