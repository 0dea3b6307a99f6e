package io.ecdp.customers.kafka.connect.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Realistic, clearly fake customers as schemaless JSON record values, with a share of bad ones:
 * each bad record breaks one rule of one field, and says which.
 */
final class TestCustomers {

  private static final String[] FIRST = {
    "Adam", "Ewa", "Jan", "Anna", "Piotr", "Maria", "Tomasz", "Zofia", "Marek", "Julia", "Olga"
  };
  private static final String[] LAST = {
    "Zieliński", "Nowak", "Kowalska", "Wiśniewski", "Wójcik", "Kamińska", "Lewandowski", "Dąbrowska"
  };
  private static final String[] GENDER = {"Male", "Female", "NotSpecified"};
  private static final String[] TIER = {"bronze", "silver", "gold", "platinum"};

  /**
   * One record as written to the topic.
   *
   * @param key the record's key (the e-mail address, or a made-up one for a bad record without it)
   * @param json the record's value
   * @param good whether the sink must store it; else it must end in the DLQ
   * @param field the field a bad record breaks a rule of (null for a good one)
   * @param rule a word of the rule a bad record breaks, as the refusal words it
   * @param expected what the sandbox must hold for a good one
   */
  record Row(String key, String json, boolean good, String field, String rule, Expected expected) {}

  /** What a good record must become in the sandbox. */
  record Expected(
      String email,
      String phone,
      String crmId,
      String firstName,
      String lastName,
      String dateOfBirth,
      String gender,
      Map<String, String> attributes) {}

  private TestCustomers() {}

  /**
   * Returns {@code count} records; one in {@code badEvery} is bad, cycling through the kinds of
   * fault. Seeded: the same arguments give the same records.
   */
  static List<Row> generate(String prefix, int count, int badEvery, long seed) {
    Random random = new Random(seed);
    List<Row> rows = new ArrayList<>(count);
    int bad = 0;
    for (int i = 0; i < count; i++) {
      String email = String.format("%s.%s.%06d@example.com", prefix, FIRST[i % FIRST.length], i);
      email = email.toLowerCase(java.util.Locale.ROOT);
      String phone = String.format("+48%09d", 500_000_000 + i);
      String crmId = String.format("%s-CRM-%07d", prefix.toUpperCase(java.util.Locale.ROOT), i);
      String first = FIRST[random.nextInt(FIRST.length)];
      String last = LAST[random.nextInt(LAST.length)];
      String dob =
          String.format(
              "%d-%02d-%02d",
              1950 + random.nextInt(55), 1 + random.nextInt(12), 1 + random.nextInt(28));
      String gender = GENDER[random.nextInt(GENDER.length)];
      String tier = TIER[random.nextInt(TIER.length)];
      int points = random.nextInt(100_000);
      boolean isBad = badEvery > 0 && i % badEvery == badEvery - 1;
      if (!isBad) {
        String json =
            json(
                quote(email),
                quote(phone),
                quote(crmId),
                quote(first),
                quote(last),
                quote(dob),
                quote(gender),
                tier,
                points);
        rows.add(
            new Row(
                email,
                json,
                true,
                null,
                null,
                new Expected(
                    email,
                    phone,
                    crmId,
                    first,
                    last,
                    dob,
                    gender,
                    Map.of("tier", tier, "points", Integer.toString(points)))));
        continue;
      }
      String field;
      String rule;
      String json;
      switch (bad++ % 6) {
        case 0 -> {
          field = "email";
          rule = "control characters";
          json =
              json(
                  "\"" + email.replace("@", "\\u0007@") + "\"",
                  quote(phone),
                  quote(crmId),
                  quote(first),
                  quote(last),
                  quote(dob),
                  quote(gender),
                  tier,
                  points);
        }
        case 1 -> {
          field = "phone";
          rule = "20";
          json =
              json(
                  quote(email),
                  quote(phone + "123456789012"),
                  quote(crmId),
                  quote(first),
                  quote(last),
                  quote(dob),
                  quote(gender),
                  tier,
                  points);
        }
        case 2 -> {
          field = "firstName";
          rule = "expected a string";
          json =
              json(
                  quote(email),
                  quote(phone),
                  quote(crmId),
                  Integer.toString(points),
                  quote(last),
                  quote(dob),
                  quote(gender),
                  tier,
                  points);
        }
        case 3 -> {
          field = "gender";
          rule = "expected one of";
          json =
              json(
                  quote(email),
                  quote(phone),
                  quote(crmId),
                  quote(first),
                  quote(last),
                  quote(dob),
                  quote("Robot"),
                  tier,
                  points);
        }
        case 4 -> {
          field = "dateOfBirth";
          rule = "ISO-8601";
          json =
              json(
                  quote(email),
                  quote(phone),
                  quote(crmId),
                  quote(first),
                  quote(last),
                  quote("last Tuesday"),
                  quote(gender),
                  tier,
                  points);
        }
        default -> {
          field = "email";
          rule = "required";
          json =
              json(
                  "null",
                  quote(phone),
                  quote(crmId),
                  quote(first),
                  quote(last),
                  quote(dob),
                  quote(gender),
                  tier,
                  points);
        }
      }
      rows.add(new Row(email, json, false, field, rule, null));
    }
    return rows;
  }

  private static String quote(String s) {
    return "\"" + s + "\"";
  }

  private static String json(
      String email,
      String phone,
      String crmId,
      String first,
      String last,
      String dob,
      String gender,
      String tier,
      int points) {
    return "{\"email\":"
        + email
        + ",\"phone\":"
        + phone
        + ",\"crmId\":"
        + crmId
        + ",\"firstName\":"
        + first
        + ",\"lastName\":"
        + last
        + ",\"dateOfBirth\":"
        + dob
        + ",\"gender\":"
        + gender
        + ",\"customAttributes\":{\"tier\":\""
        + tier
        + "\",\"points\":"
        + points
        + "}}";
  }
}
