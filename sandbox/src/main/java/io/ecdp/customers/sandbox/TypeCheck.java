package io.ecdp.customers.sandbox;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Finds every value of the wrong type in a request's object, each named by its path in the spec's
 * terms ({@code dateOfBirth}, {@code consentsData.consents[0].id}), never quoting the value.
 *
 * <p>The generated readers stop at the first value of the wrong type, and name it by the model
 * ({@code CustomerRecord.dateOfBirth}); this check is only run on an object they refused. The
 * fields and their types are those of the generated models' builders (a builder method per field,
 * named as the spec names the field), so the check follows the spec as the models do. The rules are
 * worded as the generated readers word them ({@code must be a string, found a number}).
 */
final class TypeCheck {

  private static final Map<Class<?>, Map<String, Type>> FIELDS = new ConcurrentHashMap<>();

  private TypeCheck() {}

  /**
   * Reports each member of {@code object} whose value has the wrong type for {@code model}'s field
   * of that name; members the model does not have are ignored (as the readers skip them).
   *
   * @param model a generated model class (with a static {@code builder()})
   * @param object the object read for it
   * @param path the prefix of the reported paths, such as {@code ""} or {@code "consentsData."}
   * @param violations receives (field path, rule) for each value of the wrong type
   */
  static void check(
      Class<?> model, JsonObject object, String path, BiConsumer<String, String> violations) {
    Map<String, Type> fields = fields(model);
    for (Map.Entry<String, JsonValue> member : object.entrySet()) {
      Type type = fields.get(member.getKey());
      if (type != null) {
        value(type, member.getValue(), path + member.getKey(), false, violations);
      }
    }
  }

  /** The fields of a generated model and their types, from its builder. */
  static Map<String, Type> fields(Class<?> model) {
    return FIELDS.computeIfAbsent(model, TypeCheck::builderFields);
  }

  private static Map<String, Type> builderFields(Class<?> model) {
    Class<?> builder;
    try {
      builder = model.getMethod("builder").getReturnType();
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException(model + " is not a generated model", e);
    }
    Map<String, Type> out = new LinkedHashMap<>();
    for (Method m : builder.getDeclaredMethods()) {
      if (Modifier.isPublic(m.getModifiers())
          && !Modifier.isStatic(m.getModifiers())
          && m.getParameterCount() == 1
          && m.getReturnType() == builder) {
        out.put(m.getName(), m.getGenericParameterTypes()[0]);
      }
    }
    return Map.copyOf(out);
  }

  private static void value(
      Type type, JsonValue value, String path, boolean item, BiConsumer<String, String> out) {
    if (value.getValueType() == JsonValue.ValueType.NULL) {
      if (item) {
        out.accept(path, "must not be null"); // JSON null is an absent field, never an item
      }
      return;
    }
    if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
      if (!(value instanceof JsonArray array)) {
        out.accept(path, wrong("an array", value));
        return;
      }
      Type itemType = p.getActualTypeArguments()[0];
      for (int i = 0; i < array.size(); i++) {
        value(itemType, array.get(i), path + "[" + i + "]", true, out);
      }
      return;
    }
    if (!(type instanceof Class<?> c)) {
      return;
    }
    if (c == String.class || isExpandableEnum(c)) {
      if (!(value instanceof JsonString)) {
        out.accept(path, wrong("a string", value));
      }
    } else if (c == OffsetDateTime.class) {
      if (!(value instanceof JsonString text)) {
        out.accept(path, wrong("a string", value));
      } else if (!isDateTime(text.getString())) {
        out.accept(path, "must be an ISO-8601 date-time with an offset");
      }
    } else if (c == Integer.class) {
      if (!(value instanceof JsonNumber number)) {
        out.accept(path, wrong("an integer", value));
      } else if (!isInt(number)) {
        out.accept(path, "must be a 32-bit integer");
      }
    } else if (c == BigDecimal.class) {
      if (!(value instanceof JsonNumber)) {
        out.accept(path, wrong("a number", value));
      }
    } else if (c == Boolean.class) {
      if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
        out.accept(path, wrong("true or false", value));
      }
    } else if (isModel(c)) {
      if (!(value instanceof JsonObject object)) {
        out.accept(path, wrong("an object", value));
      } else {
        check(c, object, path + ".", out);
      }
    }
  }

  private static boolean isDateTime(String text) {
    try {
      OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
      return true;
    } catch (DateTimeException e) {
      return false;
    }
  }

  private static boolean isInt(JsonNumber number) {
    try {
      number.bigDecimalValue().intValueExact();
      return true;
    } catch (ArithmeticException e) {
      return false;
    }
  }

  /** A generated enum that keeps unknown values: a class with a static {@code of(String)}. */
  private static boolean isExpandableEnum(Class<?> c) {
    try {
      return Modifier.isStatic(c.getMethod("of", String.class).getModifiers());
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  private static boolean isModel(Class<?> c) {
    try {
      return Modifier.isStatic(c.getMethod("builder").getModifiers());
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  private static String wrong(String expected, JsonValue found) {
    return "must be " + expected + ", found " + describe(found);
  }

  private static String describe(JsonValue value) {
    return switch (value.getValueType()) {
      case STRING -> "a string";
      case NUMBER -> "a number";
      case TRUE, FALSE -> "a boolean";
      case OBJECT -> "an object";
      case ARRAY -> "an array";
      case NULL -> "null";
    };
  }
}
