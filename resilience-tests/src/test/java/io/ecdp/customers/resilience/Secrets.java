package io.ecdp.customers.resilience;

import java.util.List;

/** The secret and the personal data the tests send, and must never find in logs or messages. */
final class Secrets {
  static final String API_KEY = "live-key-7d1f9a2c4e6b8d0f";
  static final String EMAIL = "adam.kowalski@poczta.pl";
  static final String PHONE = "+48501234567";

  /** Every form in which they must not appear. */
  static final List<String> FORBIDDEN =
      List.of(API_KEY, EMAIL, "adam.kowalski%40poczta.pl", PHONE, "48501234567", "%2B48501234567");

  private Secrets() {}
}
