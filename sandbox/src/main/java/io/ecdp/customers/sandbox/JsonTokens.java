package io.ecdp.customers.sandbox;

import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;

/**
 * Reads members of a JSON document from a streaming parser: the few steps the sandbox's own readers
 * (a batch's body, the state file) take. The client's generated models have the same steps in its
 * internal package, which its module does not export: a sandbox on the module path cannot use them.
 */
final class JsonTokens {

  private JsonTokens() {}

  /** Returns the next member's name, or null at the end of the object. */
  static String nextMember(JsonParser in, String type) {
    Event event = in.next();
    if (event == Event.KEY_NAME) {
      return in.getString();
    }
    if (event == Event.END_OBJECT) {
      return null;
    }
    throw new JsonbException(type + ": expected a member name, found " + event);
  }

  /** Skips the value that {@code event} starts, however deeply nested. */
  static void skip(JsonParser in, Event event) {
    if (event != Event.START_OBJECT && event != Event.START_ARRAY) {
      return;
    }
    int depth = 1;
    while (depth > 0) {
      Event next = in.next();
      if (next == Event.START_OBJECT || next == Event.START_ARRAY) {
        depth++;
      } else if (next == Event.END_OBJECT || next == Event.END_ARRAY) {
        depth--;
      }
    }
  }

  /** Returns the string, or null for JSON null; another type is refused, naming the field. */
  static String string(JsonParser in, Event event, String field) {
    if (event == Event.VALUE_STRING) {
      return in.getString();
    }
    return nullOr(event, field, "a string");
  }

  /** Returns the boolean, or null for JSON null; another type is refused, naming the field. */
  static Boolean bool(JsonParser in, Event event, String field) {
    if (event == Event.VALUE_TRUE) {
      return Boolean.TRUE;
    }
    if (event == Event.VALUE_FALSE) {
      return Boolean.FALSE;
    }
    nullOr(event, field, "true or false");
    return null;
  }

  private static String nullOr(Event event, String field, String expected) {
    if (event == Event.VALUE_NULL) {
      return null;
    }
    throw new JsonbException(field + ": must be " + expected + ", found " + describe(event));
  }

  private static String describe(Event event) {
    return switch (event) {
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      default -> String.valueOf(event);
    };
  }
}
