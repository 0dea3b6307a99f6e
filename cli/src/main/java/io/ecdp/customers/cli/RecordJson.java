package io.ecdp.customers.cli;

import io.ecdp.customers.model.CustomerRecord;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbException;
import java.util.ArrayList;
import java.util.List;
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
   * @throws Fields.BadValue naming the first problem's field by its path in the spec ({@code
   *     customAttributes[1].value}), with every problem of the object in its message
   */
  static CustomerRecord read(JsonObject object, Jsonb jsonb) throws Fields.BadValue {
    List<Fields.BadValue> problems = problems(object);
    if (!problems.isEmpty()) {
      throw combined(problems);
    }
    try {
      // From the object already parsed: the line's text is not parsed a second time.
      return ((YassonJsonb) jsonb).fromJsonStructure(object, CustomerRecord.class);
    } catch (RuntimeException e) {
      // The models' deserializers name the field and the rule, never the value.
      for (Throwable t = e; t != null; t = t.getCause()) {
        Matcher m = FIELD_RULE.matcher(String.valueOf(t.getMessage()));
        if (t instanceof JsonbException && m.matches()) {
          throw new Fields.BadValue(specPath(m.group(1)), m.group(2));
        }
      }
      throw new Fields.BadValue(null, "a field has the wrong type");
    }
  }

  /** One problem, or several: the first one's field, and all of them in the message. */
  private static Fields.BadValue combined(List<Fields.BadValue> problems) {
    if (problems.size() == 1) {
      return problems.get(0);
    }
    StringBuilder all = new StringBuilder(problems.get(0).getMessage());
    for (int i = 1; i < problems.size(); i++) {
      all.append("; ").append(problems.get(i).field).append(": ");
      all.append(problems.get(i).getMessage());
    }
    return new Fields.BadValue(problems.get(0).field, all.toString());
  }

  /**
   * The deserializer's name of a field ({@code CustomerRecord.dateOfBirth}) as the spec's path
   * ({@code dateOfBirth}).
   */
  private static String specPath(String modelField) {
    return modelField.startsWith("CustomerRecord.")
        ? modelField.substring("CustomerRecord.".length())
        : modelField;
  }

  /**
   * Every problem of shape in {@code object}, by the field's path in the spec: unknown fields, a
   * value of the wrong JSON type (one rule for all: a string field takes a string only), and lone
   * surrogates.
   */
  static List<Fields.BadValue> problems(JsonObject object) {
    List<Fields.BadValue> out = new ArrayList<>();
    for (Map.Entry<String, JsonValue> member : object.entrySet()) {
      String key = member.getKey();
      JsonValue value = member.getValue();
      if (!FIELDS.contains(key)) {
        out.add(
            new Fields.BadValue(
                key, "unknown field (known: " + String.join(", ", new TreeSet<>(FIELDS)) + ")"));
      } else if (RecordFields.SCALARS.containsKey(key)) {
        expect(out, key, value, JsonValue.ValueType.STRING);
      } else if (key.equals("customAttributes")) {
        if (expect(out, key, value, JsonValue.ValueType.ARRAY)) {
          List<JsonValue> items = value.asJsonArray();
          for (int i = 0; i < items.size(); i++) {
            String at = key + "[" + i + "]";
            if (expect(out, at, items.get(i), JsonValue.ValueType.OBJECT)) {
              JsonObject a = items.get(i).asJsonObject();
              expect(out, at + ".name", a.get("name"), JsonValue.ValueType.STRING);
              expect(out, at + ".value", a.get("value"), JsonValue.ValueType.STRING);
            }
          }
        }
      } else if (key.equals("consentsData")) {
        if (expect(out, key, value, JsonValue.ValueType.OBJECT)) {
          JsonValue consents = value.asJsonObject().get("consents");
          if (expect(out, key + ".consents", consents, JsonValue.ValueType.ARRAY)) {
            List<JsonValue> items = consents.asJsonArray();
            for (int i = 0; i < items.size(); i++) {
              String at = key + ".consents[" + i + "]";
              if (expect(out, at, items.get(i), JsonValue.ValueType.OBJECT)) {
                JsonObject c = items.get(i).asJsonObject();
                if (expect(out, at + ".id", c.get("id"), JsonValue.ValueType.NUMBER)
                    && !((jakarta.json.JsonNumber) c.get("id")).isIntegral()) {
                  out.add(new Fields.BadValue(at + ".id", "must be an integer"));
                }
                expect(out, at + ".value", c.get("value"), JsonValue.ValueType.STRING);
              }
            }
          }
        }
      }
      String where = loneSurrogate(value);
      if (where != null) {
        out.add(
            new Fields.BadValue(
                key,
                "holds a lone UTF-16 surrogate "
                    + where
                    + ", which is no character (it would be stored as '?')"));
      }
    }
    return out;
  }

  /** Whether {@code value} is of {@code type} (or absent, or null); else adds the problem. */
  private static boolean expect(
      List<Fields.BadValue> out, String path, JsonValue value, JsonValue.ValueType type) {
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return false;
    }
    JsonValue.ValueType found = value.getValueType();
    boolean same =
        found == type || (type == JsonValue.ValueType.TRUE && found == JsonValue.ValueType.FALSE);
    if (!same) {
      out.add(
          new Fields.BadValue(
              path, "must be " + typeName(type) + " (found " + typeName(found) + ")"));
    }
    return same;
  }

  private static String typeName(JsonValue.ValueType type) {
    return switch (type) {
      case TRUE, FALSE -> "a boolean";
      case NUMBER -> "a number";
      case STRING -> "a JSON string";
      case OBJECT -> "an object";
      case ARRAY -> "an array";
      default -> "a " + type.name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  /** The first lone surrogate in any string of {@code value}, as {@code \\uXXXX}, or null. */
  static String loneSurrogate(JsonValue value) {
    switch (value.getValueType()) {
      case STRING -> {
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
      }
      case OBJECT -> {
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
      }
      case ARRAY -> {
        for (JsonValue v : value.asJsonArray()) {
          String in = loneSurrogate(v);
          if (in != null) {
            return in;
          }
        }
        return null;
      }
      default -> {
        return null;
      }
    }
  }
}
