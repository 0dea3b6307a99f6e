package io.ecdp.customers.sandbox;

import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * A limit of the sandbox's JSON parser ({@link SandboxJsonP}) that a request body reached. Such a
 * body may well be valid JSON: it is answered with a 400 (the status the spec documents for a
 * refused {@code POST}) whose {@code detail} and {@code errors} name the limit and its value, never
 * with "not valid JSON".
 *
 * <p>Parsson reports each limit with an exception of its own kind and words ({@code JsonException},
 * {@code RuntimeException}, {@code UnsupportedOperationException}), not a {@link
 * JsonParsingException} as it does for text that is not JSON; {@link #of} knows them by those words
 * (a test pins them, {@code SandboxJsonPTest}).
 */
enum JsonLimit {
  /** Arrays and objects nested deeper than {@link SandboxJsonP#MAX_DEPTH}. */
  NESTING("Input is too deeply nested"),

  /**
   * A number of a record written with more than {@link SandboxJsonP#MAX_NUMBER_CHARS} characters.
   */
  NUMBER_LENGTH("Number of BigDecimal source characters"),

  /**
   * More characters than Parsson's count allows ({@link SandboxJsonP#bodyLimit}): no body within
   * the body limit reaches it, so it is named only in case a JSON-P implementation counts
   * otherwise.
   */
  DOCUMENT_LENGTH("Document parsing count exceeded");

  /** The start of Parsson's message for the limit. */
  private final String message;

  JsonLimit(String message) {
    this.message = message;
  }

  /** The limit that {@code failure} or one of its causes reports, or null when none does. */
  static JsonLimit of(Throwable failure) {
    int depth = 0;
    for (Throwable t = failure; t != null && depth < 16; t = t.getCause(), depth++) {
      if (t instanceof JsonParsingException) {
        return null; // text that is not JSON
      }
      String text = t.getMessage();
      if (text != null) {
        for (JsonLimit limit : values()) {
          if (text.startsWith(limit.message)) {
            return limit;
          }
        }
      }
    }
    return null;
  }

  /** The limit's value in a sandbox whose body limit is {@code maxBodyBytes}. */
  long value(long maxBodyBytes) {
    return switch (this) {
      case NESTING -> SandboxJsonP.MAX_DEPTH;
      case NUMBER_LENGTH -> SandboxJsonP.MAX_NUMBER_CHARS;
      case DOCUMENT_LENGTH -> SandboxJsonP.bodyLimit(maxBodyBytes);
    };
  }

  /**
   * What the body did, e.g. "nests arrays and objects more than 1000 deep (the body's own object
   * counting as one), the sandbox's limit".
   */
  String rule(long maxBodyBytes) {
    long value = value(maxBodyBytes);
    return switch (this) {
      case NESTING ->
          "nests arrays and objects more than "
              + value
              + " deep (the body's own object counting as one), the sandbox's limit";
      case NUMBER_LENGTH ->
          "holds a number written with more than " + value + " characters, the sandbox's limit";
      case DOCUMENT_LENGTH ->
          "is longer than the "
              + value
              + " characters the sandbox's JSON parser counts (twice the body limit of "
              + maxBodyBytes
              + " bytes)";
    };
  }

  /**
   * The answer: a 400 problem whose {@code detail} and {@code errors} name the limit and its value.
   *
   * @param maxBodyBytes the sandbox's body limit
   * @param where the record being read when the limit was reached ({@code data[3]}), or null
   * @param path the request's path, for {@code instance}
   */
  Response answer(long maxBodyBytes, String where, String path) {
    String rule = rule(maxBodyBytes);
    return Problems.of(
        400,
        "One or more validation errors occurred.",
        "The body "
            + rule
            + (where == null ? "" : " (in " + where + ")")
            + ". It was not read further, and nothing was applied.",
        path,
        List.of("body: " + rule),
        null);
  }

  /** A body that reached a limit while it was read (by {@link BatchBody}). */
  static final class Reached extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final JsonLimit limit;
    private final String where;

    Reached(JsonLimit limit, String where, Throwable cause) {
      super(limit.name() + (where == null ? "" : " at " + where), cause);
      this.limit = limit;
      this.where = where;
    }

    JsonLimit limit() {
      return limit;
    }

    /** The record being read ({@code data[3]}), or null. */
    String where() {
      return where;
    }
  }
}
