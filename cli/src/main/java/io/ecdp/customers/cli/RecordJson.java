package io.ecdp.customers.cli;

import io.ecdp.customers.model.CustomerRecord;
import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbException;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.yasson.YassonJsonb;

/** Reads one customer record from JSON, refusing fields the API does not document. */
final class RecordJson {

  /** The fields of a customer record, as the spec names them (from the generated model). */
  static final Set<String> FIELDS = Set.copyOf(RecordFields.ALL);

  /** A deserializer's message: {@code Model.field: rule}. */
  private static final Pattern FIELD_RULE =
      Pattern.compile("([A-Z][A-Za-z0-9]*\\.[A-Za-z0-9\\[\\]]+): (must .*)");

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
      // From the object already parsed: the line's text is not parsed a second time.
      return ((YassonJsonb) jsonb).fromJsonStructure(object, CustomerRecord.class);
    } catch (RuntimeException e) {
      // The models' deserializers name the field and the rule, never the value.
      for (Throwable t = e; t != null; t = t.getCause()) {
        Matcher m = FIELD_RULE.matcher(String.valueOf(t.getMessage()));
        if (t instanceof JsonbException && m.matches()) {
          throw new Fields.BadValue(m.group(1), "has the wrong type: " + m.group(2));
        }
      }
      throw new Fields.BadValue(null, "a field has the wrong type");
    }
  }
}
