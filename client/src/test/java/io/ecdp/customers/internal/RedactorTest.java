package io.ecdp.customers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What redaction masks (personal data, the key) and what it keeps (what diagnoses a failure). */
class RedactorTest {

  private static final int CASES = 20_000;
  private static final String KEY = "live-key-7d1f9a2c4e6b8d0f";
  private static final String[] JOINERS = {", ", "; ", " at ", " then ", " | ", " for ", " ("};

  private final Redactor redactor = new Redactor(KEY);

  @Test
  void aShortKey_isMaskedWhereItStandsAlone_neverInsideOtherWords() {
    Redactor shortKey = new Redactor("k");
    assertThat(shortKey.redact("401 Unauthorized: The API key is not valid."))
        .isEqualTo("401 Unauthorized: The API key is not valid.");
    assertThat(shortKey.redact("key=k; token k")).isEqualTo("key=***; token ***");
  }

  @Test
  void aLongKey_isMaskedWhereverItOccurs_evenGluedToOtherText() {
    assertThat(redactor.redact("key%3D" + KEY + "x, " + KEY))
        .isEqualTo("key%3D***x, ***")
        .doesNotContain(KEY);
  }

  @Test
  void diagnostics_areKept_forRandomPortsAddressesDatesSizesStatusesAndDurations() {
    Random random = new Random(3);
    for (int i = 0; i < CASES; i++) {
      StringBuilder text = new StringBuilder("failed");
      for (int n = 1 + random.nextInt(5); n > 0; n--) {
        text.append(JOINERS[random.nextInt(JOINERS.length)]).append(diagnostic(random));
      }
      assertThat(redactor.redact(text.toString())).isEqualTo(text.toString());
    }
  }

  @Test
  void personalData_isMasked_forRandomPhonesAndEmails_andTheDiagnosticsAroundThemKept() {
    Random random = new Random(5);
    for (int i = 0; i < CASES; i++) {
      List<String> secrets = new ArrayList<>();
      List<String> kept = new ArrayList<>();
      StringBuilder text = new StringBuilder("failed");
      for (int n = 1 + random.nextInt(5); n > 0; n--) {
        text.append(JOINERS[random.nextInt(JOINERS.length)]);
        int kind = random.nextInt(4);
        String piece =
            switch (kind) {
              case 0 -> phone(random);
              case 1 -> email(random);
              case 2 -> KEY;
              default -> diagnostic(random);
            };
        (kind < 3 ? secrets : kept).add(piece);
        text.append(piece);
      }
      String redacted = redactor.redact(text.toString());
      for (String secret : secrets) {
        assertThat(redacted).as("%s", text).doesNotContain(secret);
        String digits = secret.replaceAll("\\D", "");
        if (digits.length() >= 6 && !secret.contains("@") && !secret.equals(KEY)) {
          assertThat(redacted.replaceAll("\\D", ""))
              .as("the digits of %s in %s", secret, text)
              .doesNotContain(digits.substring(digits.length() - 6));
        }
      }
      for (String diagnostic : kept) {
        assertThat(redacted).as("%s", text).contains(diagnostic);
      }
    }
  }

  @Test
  void examples() {
    assertThat(redactor.redact("connect to 127.0.0.1:8080 refused after PT1.5S"))
        .isEqualTo("connect to 127.0.0.1:8080 refused after PT1.5S");
    assertThat(redactor.redact("body over 16777216 bytes (read 1048576 bytes in 1500 ms)"))
        .isEqualTo("body over 16777216 bytes (read 1048576 bytes in 1500 ms)");
    assertThat(
            redactor.redact(
                "503 at 2026-12-02T01:05:00.123456Z, request 4c1e0b52-9d3a-4f8e-b2c7-0123456789ab"))
        .isEqualTo(
            "503 at 2026-12-02T01:05:00.123456Z, request 4c1e0b52-9d3a-4f8e-b2c7-0123456789ab");
    assertThat(redactor.redact("phone +48 501 234 567 or 501-234-567 or (22) 123 45 67 exists"))
        .isEqualTo("phone *** or *** or (*** exists");
    assertThat(redactor.redact("phone 123456789 exists")).isEqualTo("phone *** exists");
    assertThat(redactor.redact("/customers/phone/%2B48501234567 and /customers/email/a%40b.pl"))
        .isEqualTo("/customers/phone/*** and /customers/email/***");
  }

  @Test
  void namesAndOtherPersonalMembers_ofAJsonBody_areMasked() {
    String body =
        "{\"firstName\":\"Adam\",\"lastName\" : \"Nowak \\\"Jr\\\"\",\"dateOfBirth\":\"1990-01-02\","
            + "\"crmId\":\"c-17\",\"visitorId\":\"v9\",\"status\":400,\"at\":\"2026-12-02\"}";
    assertThat(redactor.redact(body))
        .isEqualTo(
            "{\"firstName\":\"***\",\"lastName\" : \"***\",\"dateOfBirth\":\"***\","
                + "\"crmId\":\"***\",\"visitorId\":\"***\",\"status\":400,\"at\":\"2026-12-02\"}");
  }

  private static String diagnostic(Random random) {
    return switch (random.nextInt(9)) {
      case 0 -> "127.0.0.1:" + (1 + random.nextInt(65535));
      case 1 ->
          random.nextInt(256)
              + "."
              + random.nextInt(256)
              + "."
              + random.nextInt(256)
              + "."
              + random.nextInt(256);
      case 2 -> "localhost:" + (1 + random.nextInt(65535));
      case 3 ->
          OffsetDateTime.ofInstant(
                  Instant.ofEpochSecond(
                      random.nextInt(Integer.MAX_VALUE), random.nextInt(1_000_000_000)),
                  random.nextBoolean() ? ZoneOffset.UTC : ZoneOffset.ofHours(2))
              .toString();
      case 4 ->
          Math.abs(random.nextLong() % 100_000_000_000L) + (random.nextBoolean() ? " bytes" : " B");
      case 5 -> "HTTP " + (100 + random.nextInt(500));
      case 6 -> random.nextInt(10_000_000) + (random.nextBoolean() ? " ms" : "ms");
      case 7 -> "PT" + random.nextInt(100_000) + "." + random.nextInt(1000) + "S";
      default -> new UUID(random.nextLong(), random.nextLong()).toString();
    };
  }

  private static String phone(Random random) {
    String digits = digits(random, 9);
    return switch (random.nextInt(6)) {
      case 0 -> "+48" + digits;
      case 1 ->
          "+48 "
              + digits.substring(0, 3)
              + " "
              + digits.substring(3, 6)
              + " "
              + digits.substring(6);
      case 2 -> digits.substring(0, 3) + "-" + digits.substring(3, 6) + "-" + digits.substring(6);
      case 3 ->
          "("
              + digits.substring(0, 2)
              + ") "
              + digits.substring(2, 5)
              + " "
              + digits.substring(5, 7)
              + " "
              + digits.substring(7);
      case 4 -> "%2B48" + digits;
      default -> digits;
    };
  }

  private static String email(Random random) {
    String local = Long.toString(random.nextLong() >>> 1, 36);
    return random.nextBoolean() ? local + "@example.com" : local + "%40example.com";
  }

  private static String digits(Random random, int count) {
    StringBuilder digits = new StringBuilder();
    digits.append(1 + random.nextInt(9));
    while (digits.length() < count) {
      digits.append(random.nextInt(10));
    }
    return digits.toString();
  }
}
