package io.ecdp.customers.cli;

import io.ecdp.customers.model.CustomerRecord;
import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import java.util.Set;
import java.util.TreeSet;

/** Reads one customer record from JSON, refusing fields the API does not document. */
final class RecordJson {

  /** The fields of a customer record, as the spec names them. */
  static final Set<String> FIELDS =
      Set.of(
          "email",
          "phone",
          "crmId",
          "visitorId",
          "firstName",
          "lastName",
          "dateOfBirth",
          "gender",
          "customAttributes",
          "consentsData");

  private RecordJson() {}

  /**
   * Returns the record of {@code object}.
   *
   * @throws Fields.BadValue naming the first unknown field, or a field of the wrong type
   */
  static CustomerRecord read(JsonObject object, Jsonb jsonb) throws Fields.BadValue {
    for (String key : object.keySet()) {
      if (!FIELDS.contains(key)) {
        throw new Fields.BadValue(
            key, "unknown field (known: " + String.join(", ", new TreeSet<>(FIELDS)) + ")");
      }
    }
    try {
      return jsonb.fromJson(object.toString(), CustomerRecord.class);
    } catch (RuntimeException e) {
      throw new Fields.BadValue(null, "a field has the wrong type");
    }
  }
}
