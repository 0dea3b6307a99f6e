package io.ecdp.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** The floor's JSON: hand-written JSON-P code, no binding. */
final class FloorJson {

  /** The fields of a customer, as the floor reads them. */
  record Customer(
      String email,
      String phone,
      String crmId,
      String firstName,
      String lastName,
      OffsetDateTime dateOfBirth,
      String gender,
      BigDecimal totalSpent,
      int totalOrders,
      BigDecimal avgOrder,
      String firstAttribute) {}

  private FloorJson() {}

  static Customer read(InputStream in) {
    try (JsonReader reader = Json.createReader(in)) {
      return read(reader);
    }
  }

  /** Reads with a provider looked up once ({@link Json#createReader} looks one up every time). */
  static Customer read(JsonProvider provider, InputStream in) {
    try (JsonReader reader = provider.createReader(in)) {
      return read(reader);
    }
  }

  private static Customer read(JsonReader reader) {
    JsonObject d = reader.readObject().getJsonObject("data");
    return new Customer(
        d.getString("email", null),
        d.getString("phone", null),
        d.getString("crmId", null),
        d.getString("firstName", null),
        d.getString("lastName", null),
        d.containsKey("dateOfBirth") ? OffsetDateTime.parse(d.getString("dateOfBirth")) : null,
        d.getString("gender", null),
        d.getJsonNumber("totalSpent").bigDecimalValue(),
        d.getInt("totalOrders"),
        d.getJsonNumber("avgOrder").bigDecimalValue(),
        d.getJsonArray("customAttributes").getJsonObject(0).getString("value"));
  }

  static byte[] batch(int size) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(size * 300);
    try (JsonGenerator g = Json.createGenerator(out)) {
      g.writeStartObject()
          .write("mode", "AddOrUpdate")
          .write("matchBy", "Email")
          .writeStartArray("data");
      for (int i = 0; i < size; i++) {
        g.writeStartObject()
            .write("email", Batches.email(i))
            .write("phone", Batches.phone(i))
            .write("crmId", Batches.crmId(i))
            .write("firstName", Batches.FIRST)
            .write("lastName", Batches.LAST)
            .write("dateOfBirth", Batches.BORN)
            .write("gender", "NotSpecified")
            .writeStartArray("customAttributes")
            .writeStartObject()
            .write("name", Batches.ATTRIBUTE)
            .write("value", Batches.ATTRIBUTE_VALUE)
            .writeEnd()
            .writeEnd()
            .writeStartObject("consentsData")
            .writeStartArray("consents")
            .writeStartObject()
            .write("id", 1)
            .write("value", "True")
            .writeEnd()
            .writeEnd()
            .writeEnd()
            .writeEnd();
      }
      g.writeEnd().writeEnd();
    }
    return out.toByteArray();
  }
}
