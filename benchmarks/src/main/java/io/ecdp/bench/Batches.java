package io.ecdp.bench;

/** The generated customers every contender sends: the same values, built each contender's way. */
final class Batches {

  private Batches() {}

  static String email(int i) {
    return "customer" + i + "@example.com";
  }

  static String phone(int i) {
    return "+48600" + String.format("%07d", i);
  }

  static String crmId(int i) {
    return "CRM-" + i;
  }

  static final String FIRST = "Adam";
  static final String LAST = "Nowak";
  static final String BORN = "1990-01-01T00:00:00Z";
  static final String ATTRIBUTE = "loyaltyTier";
  static final String ATTRIBUTE_VALUE = "gold";
}
