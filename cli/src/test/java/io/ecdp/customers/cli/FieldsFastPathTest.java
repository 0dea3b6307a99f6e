package io.ecdp.customers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The hand-written checks of {@link Fields} accept and refuse exactly what the JDK's parser and the
 * regular expression they replaced did, on random and mutated texts.
 */
class FieldsFastPathTest {

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

  private static OffsetDateTime referenceDate(String value) {
    try {
      return value.length() == 10
          ? LocalDate.parse(value).atStartOfDay().atOffset(ZoneOffset.UTC)
          : OffsetDateTime.parse(value);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static OffsetDateTime date(String value) {
    try {
      return Fields.date("dateOfBirth", value);
    } catch (Fields.BadValue e) {
      assertThat(e.field).isEqualTo("dateOfBirth");
      return null;
    }
  }

  private static boolean email(String value) {
    try {
      assertThat(Fields.email(value)).isSameAs(value);
      return true;
    } catch (Fields.BadValue e) {
      assertThat(e.field).isEqualTo("email");
      assertThat(e.getMessage()).isEqualTo("is not an e-mail address (one @, no spaces)");
      return false;
    }
  }

  @Test
  void dates_asLocalDateParse() {
    Random random = new Random(20261202);
    String alphabet = "0123456789-+T:Z. x\u0660\u0661";
    for (int i = 0; i < 200_000; i++) {
      String text;
      if (i % 3 == 0) { // a well-formed shape, maybe no such day
        text =
            String.format(
                "%04d-%02d-%02d", random.nextInt(10_000), random.nextInt(14), random.nextInt(33));
      } else {
        char[] c =
            String.format(
                    "%04d-%02d-%02d",
                    random.nextInt(10_000), 1 + random.nextInt(12), 1 + random.nextInt(28))
                .toCharArray();
        int mutations = 1 + random.nextInt(2);
        for (int k = 0; k < mutations; k++) {
          c[random.nextInt(c.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
        }
        text = new String(c);
      }
      assertThat(date(text)).as(text).isEqualTo(referenceDate(text));
    }
    for (String text :
        new String[] {
          "2024-02-29", "2023-02-29", "1900-02-29", "2000-02-29", "0000-01-01", "9999-12-31",
          "2023-00-10", "2023-13-10", "2023-01-00", "2023-04-31", "+123-01-01", "-123-01-01",
          "2023/07/25", "2023-07-25T12:35:54.712Z", "2023-07-25T12:35:54Z", "2023-07-25 "
        }) {
      assertThat(date(text)).as(text).isEqualTo(referenceDate(text));
    }
  }

  @Test
  void emails_asTheRegex() {
    Random random = new Random(42);
    String alphabet = "ab@@.- \t\n\u000b\f\r\u00a0\u2003é\ud83d\ude00\ud83d";
    for (int i = 0; i < 200_000; i++) {
      int length = random.nextInt(8);
      StringBuilder b = new StringBuilder();
      for (int k = 0; k < length; k++) {
        b.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String text = b.toString();
      assertThat(email(text)).as("[%s]", text).isEqualTo(EMAIL.matcher(text).matches());
    }
    assertThat(email("customer1@example.com")).isTrue();
    assertThat(email("@example.com")).isFalse();
    assertThat(email("a@")).isFalse();
    assertThat(email("a@b@c")).isFalse();
    assertThat(email("a b@c")).isFalse();
    assertThat(email("a\u00a0b@c")).isTrue(); // \s is ASCII white space only, as before
  }
}
