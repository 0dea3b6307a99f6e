package io.ecdp.customers.internal;

import io.ecdp.customers.errors.EcdpException;
import io.ecdp.customers.errors.ProblemDetails;
import io.ecdp.customers.internal.http.HttpResponse;
import io.ecdp.customers.internal.http.HttpResponse.BodyFailure;
import io.ecdp.customers.internal.http.TransportFailure;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Turns what the transport returned into an answer or the client's typed exception: one place for
 * every rule about statuses, bodies, problem documents, request ids and messages.
 *
 * <p>Thread-safe. Messages are redacted here: no key, no personal data.
 */
public final class ResponseMapper {

  /** The one response header the spec documents for a request id (decision D12). */
  public static final String REQUEST_ID = "x-request-id";

  private static final Failures.Factory FAIL = Failures.create();
  private static final int EXCERPT = 200;

  /** The most bytes of an error body (or of a success body nobody reads) that are read. */
  public static final int MAX_ERROR_BODY = 64 * 1024;

  private final Redactor redactor;
  private final String origin;
  private final TimeSource time;
  private final Map<Class<?>, Function<JsonParser, ?>> readers;

  /**
   * Creates the mapper.
   *
   * @param redactor masks the key and personal data in messages
   * @param origin the server's host and port, as connection failures name them
   * @param time the clock that dates in {@code Retry-After} are read against
   * @param readers the generated readers of success bodies, by type; each reads an object whose
   *     start the parser has just returned
   */
  public ResponseMapper(
      Redactor redactor,
      String origin,
      TimeSource time,
      Map<Class<?>, Function<JsonParser, ?>> readers) {
    this.redactor = redactor;
    this.origin = origin;
    this.time = time;
    this.readers = Map.copyOf(readers);
  }

  /**
   * Returns the answer to a call, or throws what it means.
   *
   * @param call the call
   * @param response what the server answered
   * @param notFoundIsAnswer whether a 404 with a problem document means "none found"
   * @param <T> the type of the success body
   * @return the answer
   * @throws EcdpException for every failure
   */
  public <T> Answer<T> answer(ApiCall<T> call, HttpResponse response, boolean notFoundIsAnswer) {
    int status = response.status();
    Map<String, String> headers = response.headers();
    String requestId = requestId(headers);
    if (status < 200 || status >= 300) {
      ProblemDetails problem = problem(response);
      if (status == 404 && notFoundIsAnswer && problem != null) {
        return new Answer<>(null, false, status, headers, requestId);
      }
      throw error(call, response, problem, requestId);
    }
    if (call.responseType() == Void.class) {
      return new Answer<>(null, true, status, headers, requestId); // D7: any body, or none
    }
    BodyFailure failure = response.bodyFailure();
    if (failure != null) {
      throw bodyFailed(call, response, failure, requestId);
    }
    String type = response.contentType();
    if (response.body().length == 0) {
      throw FAIL.unexpected(
          answered(call, status, " without the documented body", requestId, headers, null));
    }
    if (!type.toLowerCase(Locale.ROOT).contains("json")) {
      throw notDocumentedJson(call, status, type, requestId, headers, null);
    }
    if (!JsonEnd.onlyWhitespaceAfterValue(response.body())) {
      throw FAIL.unexpected(
          answered(
              call,
              status,
              " with text after the documented JSON (" + type + ")",
              requestId,
              headers,
              null));
    }
    Function<JsonParser, ?> reader = readers.get(call.responseType());
    if (reader == null) {
      throw new IllegalStateException("no reader of " + call.responseType().getName());
    }
    T body;
    try {
      body = call.responseType().cast(parse(response.body(), reader));
    } catch (RuntimeException e) { // JsonException, JsonbException: not the documented JSON
      throw notDocumentedJson(call, status, type, requestId, headers, e);
    }
    return new Answer<>(body, true, status, headers, requestId);
  }

  /**
   * Returns what a call that got no response means.
   *
   * @param call the call
   * @param failure why no response arrived
   * @return the exception
   */
  public EcdpException failure(ApiCall<?> call, TransportFailure failure) {
    String words = failure.getMessage();
    return switch (failure.kind()) {
      case CONNECT ->
          FAIL.connection(
              transport(call, "could not connect to " + origin + " (" + words + ")", failure),
              false);
      case CONNECT_TIMEOUT, RESPONSE_TIMEOUT ->
          FAIL.timeout(transport(call, words, failure), failure.requestSent());
      case BROKEN -> FAIL.connection(transport(call, words, failure), failure.requestSent());
    };
  }

  /**
   * Returns the failure of a call whose time ran out before an attempt could start.
   *
   * @param call the call
   * @param timeout the call's timeout
   * @param requestSent whether an earlier attempt may have reached the server
   * @return the exception
   */
  public EcdpException timeRanOut(ApiCall<?> call, Duration timeout, boolean requestSent) {
    return FAIL.timeout(
        ErrorContext.transport(
            call + ": the call timeout of " + timeout.toMillis() + " ms ran out",
            call.method(),
            call.pathTemplate(),
            null),
        requestSent);
  }

  /**
   * Parses a success body as UTF-8, the encoding of JSON exchanged between systems (RFC 8259; a
   * byte-order mark is ignored, as it allows), with the body's generated reader.
   */
  private static Object parse(byte[] body, Function<JsonParser, ?> reader) {
    boolean bom =
        body.length >= 3
            && body[0] == (byte) 0xEF
            && body[1] == (byte) 0xBB
            && body[2] == (byte) 0xBF;
    String text =
        bom
            ? new String(body, 3, body.length - 3, StandardCharsets.UTF_8)
            : new String(body, StandardCharsets.UTF_8);
    try (JsonParser parser = JsonFactories.PARSERS.createParser(new StringReader(text))) {
      if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
        throw new IllegalArgumentException("not a JSON object");
      }
      return reader.apply(parser);
    }
  }

  private @Nullable ProblemDetails problem(HttpResponse response) {
    if (response.bodyFailure() != null
        || !response.contentType().toLowerCase(Locale.ROOT).contains("json")) {
      return null;
    }
    return FAIL.problem(new String(response.body(), StandardCharsets.UTF_8)).orElse(null);
  }

  private EcdpException error(
      ApiCall<?> call,
      HttpResponse response,
      @Nullable ProblemDetails problem,
      @Nullable String requestId) {
    int status = response.status();
    BodyFailure failure = response.bodyFailure();
    String body;
    if (failure == null) {
      body = new String(response.body(), StandardCharsets.UTF_8);
    } else if (failure.kind() == BodyFailure.Kind.TOO_LARGE) {
      body = "(an error body larger than " + MAX_ERROR_BODY + " bytes)";
    } else if (failure.kind() == BodyFailure.Kind.BROKEN) {
      // The status line and headers arrived: the answer keeps its type (a 503 is still retried,
      // a 429 keeps its Retry-After); only the problem document is lost.
      body = "(the error body broke off)";
    } else {
      return bodyFailed(call, response, failure, requestId);
    }
    Duration retryAfter =
        RetryAfter.parse(
                response.headers().get("retry-after"),
                java.time.Clock.fixed(time.now(), ZoneOffset.UTC))
            .orElse(null);
    return FAIL.answered(
        new ErrorContext(
            message(call, status, response.reason(), problem, response.contentType(), body)
                + redactor.redact(requestIdSuffix(requestId)),
            status,
            problem,
            requestId,
            response.headers(),
            call.method(),
            call.pathTemplate(),
            retryAfter,
            null));
  }

  /** One rule for a body, success or error, that could not be read whole. */
  private EcdpException bodyFailed(
      ApiCall<?> call, HttpResponse response, BodyFailure failure, @Nullable String requestId) {
    int status = response.status();
    return switch (failure.kind()) {
      case TIME_RAN_OUT ->
          FAIL.timeout(
              ErrorContext.transport(
                  call + ": " + status + ": " + failure.message(),
                  call.method(),
                  call.pathTemplate(),
                  failure.cause()),
              true);
      case TOO_LARGE, BROKEN ->
          FAIL.broken(
              answered(
                  call,
                  status,
                  " with a body that could not be read: " + failure.message(),
                  requestId,
                  response.headers(),
                  failure.cause()));
    };
  }

  private EcdpException notDocumentedJson(
      ApiCall<?> call,
      int status,
      String type,
      @Nullable String requestId,
      Map<String, String> headers,
      @Nullable Throwable cause) {
    return FAIL.unexpected(
        answered(
            call,
            status,
            " with a body that is not the documented JSON (" + type + ")",
            requestId,
            headers,
            cause));
  }

  /**
   * Returns the error of a call whose answer, read as documented, still lacks what the caller
   * needs.
   *
   * @param call the call
   * @param answer its answer
   * @param what what is wrong, after the status, such as {@code " without the customer in data"}
   * @return the exception to throw
   */
  public EcdpException unexpected(ApiCall<?> call, Answer<?> answer, String what) {
    return FAIL.unexpected(
        answered(call, answer.status(), what, answer.requestId(), answer.headers(), null));
  }

  /**
   * The end of the message of an answer that had a request id, which vendor support asks for first:
   * empty without one.
   */
  private static String requestIdSuffix(@Nullable String requestId) {
    return requestId == null ? "" : " (request id " + requestId + ")";
  }

  private String message(
      ApiCall<?> call,
      int status,
      String reason,
      @Nullable ProblemDetails problem,
      String type,
      String body) {
    StringBuilder text = new StringBuilder(call.toString()).append(": ").append(status);
    if (!reason.isBlank()) {
      text.append(' ').append(reason);
    }
    if (problem != null) {
      // A title that only repeats the status's reason phrase is not said twice.
      boolean title = problem.title() != null && !problem.title().equalsIgnoreCase(reason);
      if (title) {
        text.append(": ").append(problem.title());
      }
      if (problem.detail() != null) {
        text.append(title ? " - " : ": ").append(problem.detail());
      }
      if (problem.substatus() != null) {
        text.append(" [").append(problem.substatus()).append(']');
      }
      if (!problem.errors().isEmpty()) {
        text.append(" errors: ").append(String.join("; ", problem.errors()));
      }
    } else if (!body.isBlank()) {
      text.append(" (")
          .append(type.isEmpty() ? "no content type" : type)
          .append(" body: ")
          .append(redactor.excerpt(body, EXCERPT))
          .append(')');
    }
    return redactor.redact(text.toString());
  }

  private static @Nullable String requestId(Map<String, String> headers) {
    String value = headers.get(REQUEST_ID);
    if (value == null || value.isBlank()) {
      return null;
    }
    return value.length() > 128 ? value.substring(0, 128) : value;
  }

  private ErrorContext answered(
      ApiCall<?> call,
      int status,
      String what,
      @Nullable String requestId,
      Map<String, String> headers,
      @Nullable Throwable cause) {
    return new ErrorContext(
        redactor.redact(call + ": " + status + what + requestIdSuffix(requestId)),
        status,
        null,
        requestId,
        headers,
        call.method(),
        call.pathTemplate(),
        null,
        cause);
  }

  private static ErrorContext transport(ApiCall<?> call, String what, Throwable cause) {
    return ErrorContext.transport(call + ": " + what, call.method(), call.pathTemplate(), cause);
  }
}
