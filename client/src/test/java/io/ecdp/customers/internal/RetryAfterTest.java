package io.ecdp.customers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryAfterTest {

  /** 1994-11-06T08:49:07Z: thirty seconds before the dates of RFC 9110's examples. */
  private static final Clock NOV_1994 =
      Clock.fixed(Instant.parse("1994-11-06T08:49:07Z"), ZoneOffset.UTC);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Sun, 06 Nov 1994 08:49:37 GMT", // IMF-fixdate
        "Sunday, 06-Nov-94 08:49:37 GMT", // obsolete RFC 850 form
        "Sun Nov  6 08:49:37 1994", // obsolete asctime form
      })
  void everyHttpDateForm_isAccepted(String header) {
    assertThat(RetryAfter.parse(header, NOV_1994)).contains(Duration.ofSeconds(30));
  }

  @Test
  void delaySeconds_isAccepted() {
    assertThat(RetryAfter.parse(" 120 ", NOV_1994)).contains(Duration.ofMinutes(2));
  }

  @Test
  void asctime_withATwoDigitDay() {
    assertThat(RetryAfter.parse("Wed Nov 16 08:49:37 1994", NOV_1994))
        .contains(Duration.ofDays(10).plusSeconds(30));
  }

  @Test
  void rfc850_twoDigitYear_isInThisCentury_whenNotMoreThan50YearsAhead() {
    Clock now = Clock.fixed(Instant.parse("2026-12-02T01:00:00Z"), ZoneOffset.UTC);
    // 2026-12-02T01:05:00Z, a Wednesday
    assertThat(RetryAfter.parse("Wednesday, 02-Dec-26 01:05:00 GMT", now))
        .contains(Duration.ofMinutes(5));
    // 2076-12-02 is exactly 50 years ahead, not more: still this century, a Wednesday
    assertThat(RetryAfter.parse("Wednesday, 02-Dec-76 01:00:00 GMT", now))
        .hasValueSatisfying(d -> assertThat(d).isGreaterThan(Duration.ofDays(365L * 49)));
  }

  @Test
  void rfc850_twoDigitYear_moreThan50YearsAhead_isInThePastCentury() {
    Clock now = Clock.fixed(Instant.parse("2026-12-02T01:00:00Z"), ZoneOffset.UTC);
    // 2094 would be 68 years ahead: it is 1994, in the past, so no delay
    assertThat(RetryAfter.parse("Sunday, 06-Nov-94 08:49:37 GMT", now)).contains(Duration.ZERO);
    // 2077-01-01 is just over 50 years ahead: 1977 (a Saturday)
    assertThat(RetryAfter.parse("Saturday, 01-Jan-77 00:00:00 GMT", now)).contains(Duration.ZERO);
  }

  @Test
  void rfc850_lateInACentury_aSmallYearIsInTheNextCentury() {
    Clock now = Clock.fixed(Instant.parse("2099-12-31T23:59:00Z"), ZoneOffset.UTC);
    // 2100-01-01T00:00:00Z, a Friday, one minute ahead (2000 would be 99 years back)
    assertThat(RetryAfter.parse("Friday, 01-Jan-00 00:00:00 GMT", now))
        .contains(Duration.ofMinutes(1));
  }

  @Test
  void aDateInThePast_meansNoDelay() {
    Clock later = Clock.fixed(Instant.parse("2000-01-01T00:00:00Z"), ZoneOffset.UTC);
    assertThat(RetryAfter.parse("Sun Nov  6 08:49:37 1994", later)).contains(Duration.ZERO);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "soon",
        "-5",
        "1.5",
        "99999999999999999999999",
        "Sunday, 06-Nov-94 08:49:37 PST", // only GMT
        "Monday, 06-Nov-94 08:49:37 GMT", // 1994-11-06 was a Sunday
        "Sunday, 6-Nov-94 08:49:37 GMT", // two-digit day
        "Sunday, 06-Nov-1994 08:49:37 GMT", // two-digit year
        "Sunday, 31-Nov-94 08:49:37 GMT", // no such day
        "Sun Nov 6 08:49:37 1994", // the day is padded to two characters
        "Sun Nov  6 08:49:37 94",
        "Sun Nov  6 25:49:37 1994",
        "Sun Nov  6 08:49:37 1994 GMT",
        "Sun Foo  6 08:49:37 1994",
      })
  void anInvalidValue_isIgnored(String header) {
    assertThat(RetryAfter.parse(header, NOV_1994)).isEmpty();
  }

  @Test
  void anAbsentHeader_isIgnored() {
    assertThat(RetryAfter.parse(null, NOV_1994)).isEmpty();
  }
}
