package io.ecdp.customers.errors;

import io.ecdp.customers.internal.JsonFactories;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Reads an RFC 7807 problem document with JSON-P, keeping its extension members. */
final class ProblemParser {

  private static final Set<String> DOCUMENTED =
      Set.of("type", "title", "status", "detail", "instance", "errors", "substatus");

  private ProblemParser() {}

  /** Returns the problem in {@code body}, or empty when the body is not a JSON object. */
  static Optional<ProblemDetails> parse(String body) {
    if (body == null || body.isBlank()) {
      return Optional.empty();
    }
    JsonObject json;
    try (JsonReader reader = JsonFactories.READERS.createReader(new StringReader(body))) {
      JsonValue value = reader.readValue();
      if (value.getValueType() != JsonValue.ValueType.OBJECT) {
        return Optional.empty();
      }
      json = value.asJsonObject();
    } catch (RuntimeException e) { // JsonException, JsonParsingException: not a problem document
      return Optional.empty();
    }
    List<String> errors = new ArrayList<>();
    if (json.get("errors") instanceof JsonArray array) {
      array.forEach(e -> errors.add(e instanceof JsonString s ? s.getString() : e.toString()));
    }
    Map<String, Object> extensions = new LinkedHashMap<>();
    json.forEach(
        (name, value) -> {
          if (!DOCUMENTED.contains(name)) {
            extensions.put(name, toJava(value));
          }
        });
    int status = json.get("status") instanceof JsonNumber n ? n.intValue() : 0;
    return Optional.of(
        new ProblemDetails(
            text(json, "type"),
            text(json, "title"),
            status,
            text(json, "detail"),
            text(json, "instance"),
            errors,
            text(json, "substatus"),
            extensions));
  }

  private static String text(JsonObject json, String name) {
    JsonValue value = json.get(name);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    return value instanceof JsonString s ? s.getString() : value.toString();
  }

  private static @Nullable Object toJava(JsonValue value) {
    return switch (value.getValueType()) {
      case STRING -> ((JsonString) value).getString();
      case NUMBER -> ((JsonNumber) value).bigDecimalValue();
      case TRUE -> true;
      case FALSE -> false;
      case NULL -> null;
      case ARRAY -> {
        List<Object> list = new ArrayList<>();
        value.asJsonArray().forEach(v -> list.add(toJava(v)));
        yield java.util.Collections.unmodifiableList(list);
      }
      case OBJECT -> {
        Map<String, Object> map = new LinkedHashMap<>();
        value.asJsonObject().forEach((k, v) -> map.put(k, toJava(v)));
        yield java.util.Collections.unmodifiableMap(map);
      }
    };
  }
}
