package io.ecdp.customers.kafka.connect.it;

import java.util.ArrayList;
import java.util.LinkedHashMap;
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
      Map<String, String> values = new LinkedHashMap<>();
      values.put("email", quote(email));
      values.put("phone", quote(phone));
      values.put("crmId", quote(crmId));
      values.put("firstName", quote(first));
      values.put("lastName", quote(last));
      values.put("dateOfBirth", quote(dob));
      values.put("gender", quote(gender));
      if (!isBad) {
        rows.add(
            new Row(
                email,
                json(values, tier, points),
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
      Fault fault =
          switch (bad++ % 6) {
            case 0 ->
                new Fault(
                    "email", "control characters", "\"" + email.replace("@", "\\u0007@") + "\"");
            case 1 -> new Fault("phone", "20", quote(phone + "123456789012"));
            case 2 -> new Fault("firstName", "expected a string", Integer.toString(points));
            case 3 -> new Fault("gender", "expected one of", quote("Robot"));
            case 4 -> new Fault("dateOfBirth", "ISO-8601", quote("last Tuesday"));
            default -> new Fault("email", "required", "null");
          };
      values.put(fault.field(), fault.json());
      rows.add(
          new Row(email, json(values, tier, points), false, fault.field(), fault.rule(), null));
    }
    return rows;
  }

  /** One field made bad: the field, the words of the rule it breaks, and its JSON. */
  private record Fault(String field, String rule, String json) {}

  private static String quote(String s) {
    return "\"" + s + "\"";
  }

  /** A customer's JSON value: the fields as given (already JSON), and two custom attributes. */
  private static String json(Map<String, String> values, String tier, int points) {
    StringBuilder b = new StringBuilder("{");
    values.forEach((k, v) -> b.append('"').append(k).append("\":").append(v).append(','));
    return b.append("\"customAttributes\":{\"tier\":\"")
        .append(tier)
        .append("\",\"points\":")
        .append(points)
        .append("}}")
        .toString();
  }
}
