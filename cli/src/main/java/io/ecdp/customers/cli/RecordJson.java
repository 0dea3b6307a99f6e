package io.ecdp.customers.cli;

import io.ecdp.customers.model.CustomerRecord;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbException;
import java.util.Map;
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
    for (Map.Entry<String, JsonValue> member : object.entrySet()) {
      JsonValue.ValueType type = member.getValue().getValueType();
      if (RecordFields.SCALARS.containsKey(member.getKey())
          && type != JsonValue.ValueType.STRING
          && type != JsonValue.ValueType.NULL) {
        // One rule for every non-string value (true, 12, {}): the API's field is a string.
        throw new Fields.BadValue(
            member.getKey(), "must be a JSON string (found " + typeName(type) + ")");
      }
      String where = loneSurrogate(member.getValue());
      if (where != null) {
        throw new Fields.BadValue(
            member.getKey(),
            "holds a lone UTF-16 surrogate "
                + where
                + ", which is no character (it would be stored as '?')");
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

  private static String typeName(JsonValue.ValueType type) {
    switch (type) {
      case TRUE:
      case FALSE:
        return "a boolean";
      case NUMBER:
        return "a number";
      case OBJECT:
        return "an object";
      case ARRAY:
        return "an array";
      default:
        return "a " + type.name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** The first lone surrogate in any string of {@code value}, as {@code \\uXXXX}, or null. */
  static String loneSurrogate(JsonValue value) {
    switch (value.getValueType()) {
      case STRING:
        String s = ((JsonString) value).getString();
        for (int i = 0; i < s.length(); i++) {
          char c = s.charAt(i);
          if (Character.isHighSurrogate(c)
              && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1))) {
            i++;
          } else if (Character.isSurrogate(c)) {
            return String.format(java.util.Locale.ROOT, "\\u%04x", (int) c);
          }
        }
        return null;
      case OBJECT:
        for (Map.Entry<String, JsonValue> m : value.asJsonObject().entrySet()) {
          String in = loneSurrogate(m.getValue());
          if (in == null) {
            in = loneSurrogate(JsonP.PROVIDER.createValue(m.getKey()));
          }
          if (in != null) {
            return in;
          }
        }
        return null;
      case ARRAY:
        for (JsonValue v : value.asJsonArray()) {
          String in = loneSurrogate(v);
          if (in != null) {
            return in;
          }
        }
        return null;
      default:
        return null;
    }
  }
}
