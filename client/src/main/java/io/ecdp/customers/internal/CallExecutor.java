package io.ecdp.customers.internal;

import io.ecdp.customers.CallOptions;
import io.ecdp.customers.RetryPolicy;
import io.ecdp.customers.errors.BrokenResponseException;
import io.ecdp.customers.errors.EcdpException;
import io.ecdp.customers.errors.EcdpServiceException;
import io.ecdp.customers.errors.ProblemDetails;
import io.ecdp.customers.errors.RateLimitedException;
import io.ecdp.customers.errors.RequestTimeoutException;
import io.ecdp.customers.errors.ServerException;
import io.ecdp.customers.errors.TransportException;
import jakarta.json.bind.Jsonb;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.HttpRetryException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import javax.net.ssl.SSLHandshakeException;
import org.glassfish.jersey.client.ClientProperties;
import org.jspecify.annotations.Nullable;

/**
 * Executes an {@link ApiCall}: adds the headers, applies the timeouts, retries as the policy and
 * the method allow, maps every failure to the client's exceptions, and logs one line per attempt.
 *
 * <p>Thread-safe; holds no per-call state.
 */
public final class CallExecutor {

  /** The logger of the client; one DEBUG line per attempt, never with customer data or the key. */
  public static final System.Logger LOG = System.getLogger("io.ecdp.customers");

  private static final int MAX_ERROR_BODY = 64 * 1024;
  private static final int MAX_SUCCESS_BODY = 16 * 1024 * 1024;
  private static final String TOO_LARGE =
      "(an error body larger than " + MAX_ERROR_BODY + " bytes)";
  private static final int EXCERPT = 200;

  /** The one response header the spec documents for a request id (decision D12). */
  public static final String REQUEST_ID = "x-request-id";

  private static final Failures.Factory FAIL = Failures.create();

  private final String apiKey;
  private final String userAgent;
  private final Map<String, String> headers;
  private final RetryPolicy retryPolicy;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final Duration callTimeout;
  private final Redactor redactor;

  /** The server's host and port, as connection failures name them. */
  private final String origin;

  private final Clock clock;
  private final Jsonb jsonb;
  private final Map<Class<?>, BiConsumer<Object, JsonGenerator>> bodyWriters;
  private final JsonGeneratorFactory generators =
      JsonProvider.provider().createGeneratorFactory(Map.of());

  /**
   * Creates an executor.
   *
   * @param apiKey the API key
   * @param userAgent the whole {@code User-Agent} value
   * @param headers the headers sent with every call
   * @param retryPolicy the retry policy of calls without their own
   * @param connectTimeout how long connecting may take; positive
   * @param readTimeout how long each read may take; positive
   * @param callTimeout how long a call may take, retries included; positive
   * @param clock the clock that dates in {@code Retry-After} are read against
   * @param jsonb the JSON-B instance that reads the bodies, and writes those without a writer
   * @param bodyWriters the generated writers of request bodies, by the body's class
   */
  public CallExecutor(
      String apiKey,
      String userAgent,
      Map<String, String> headers,
      RetryPolicy retryPolicy,
      Duration connectTimeout,
      Duration readTimeout,
      Duration callTimeout,
      Clock clock,
      Jsonb jsonb,
      Map<Class<?>, BiConsumer<Object, JsonGenerator>> bodyWriters,
      String origin) {
    this.origin = Objects.requireNonNull(origin, "origin");
    this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
    this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
    this.headers = Map.copyOf(headers);
    this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
    this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
    this.readTimeout = Objects.requireNonNull(readTimeout, "readTimeout");
    this.callTimeout = Objects.requireNonNull(callTimeout, "callTimeout");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.jsonb = Objects.requireNonNull(jsonb, "jsonb");
    this.bodyWriters = Map.copyOf(bodyWriters);
    this.redactor = new Redactor(apiKey);
  }

  /**
   * Returns the redactor that masks this client's key and personal data.
   *
   * @return the redactor
   */
  public Redactor redactor() {
    return redactor;
  }

  /**
   * Executes the call with the client's options; see {@link #execute(ApiCall, CallOptions)}.
   *
   * @param call the call
   * @param <T> the type of the success body
   * @return the answer
   */
  public <T> Answer<T> execute(ApiCall<T> call) {
    return execute(call, CallOptions.defaults());
  }

  /**
   * Executes the call, retrying as allowed, and returns its success body (null for {@link Void})
   * with the answer's status and headers.
   *
   * @param call the call
   * @param options this call's timeout, headers and retry policy, where set
   * @param <T> the type of the success body
   * @return the answer
   * @throws EcdpException for every failure, after the retries the policy allows
   */
  public <T> Answer<T> execute(ApiCall<T> call, CallOptions options) {
    RetryPolicy policy = options.retryPolicy().orElse(retryPolicy);
    Duration timeout = options.timeout().orElse(callTimeout);
    Map<String, String> sent = headers;
    if (!options.headers().isEmpty()) {
      sent = new LinkedHashMap<>(headers);
      sent.putAll(options.headers());
    }
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    Entity<?> body = serialized(call.entity());
    for (int attempt = 1; ; attempt++) {
      long attemptStart = System.nanoTime();
      try {
        Answer<T> answer = attempt(call, body, sent, timeout, deadline);
        log(call, policy, answer.status(), attempt, attemptStart, answer.requestId(), null);
        return answer;
      } catch (EcdpException failure) {
        Duration delay = retryDelay(call, policy, failure, attempt);
        boolean retry = delay != null && System.nanoTime() + delay.toNanos() < deadline;
        log(
            call,
            policy,
            failure instanceof EcdpServiceException service ? service.status() : 0,
            attempt,
            attemptStart,
            failure instanceof EcdpServiceException service
                ? service.requestId().orElse(null)
                : null,
            failure.getClass().getSimpleName()
                + (retry ? ", retrying in " + delay.toMillis() + " ms" : ""));
        if (!retry) {
          throw failure;
        }
        try {
          Thread.sleep(delay.toMillis(), (int) (delay.toNanos() % 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw failure;
        }
      }
    }
  }

  /**
   * Serializes a body once for every attempt: into chunks sent with their {@code Content-Length}
   * and never copied again (see {@link SerializedBody}).
   */
  private @Nullable Entity<?> serialized(@Nullable Entity<?> entity) {
    if (entity == null) {
      return null;
    }
    String type = entity.getMediaType().toString();
    Object value = entity.getEntity();
    BiConsumer<Object, JsonGenerator> writer = bodyWriters.get(value.getClass());
    return Entity.entity(
        writer != null
            ? SerializedBody.of(generators, writer, value, type)
            : SerializedBody.of(jsonb, value, type),
        type);
  }

  private <T> Answer<T> attempt(
      ApiCall<T> call,
      @Nullable Entity<?> body,
      Map<String, String> sent,
      Duration timeout,
      long deadline) {
    long remainingMs = (deadline - System.nanoTime()) / 1_000_000;
    if (remainingMs <= 0) {
      throw FAIL.timeout(
          ErrorContext.transport(
              call + ": the call timeout of " + timeout.toMillis() + " ms ran out",
              call.method(),
              call.pathTemplate(),
              null),
          true);
    }
    AtomicBoolean abort = new AtomicBoolean();
    Invocation.Builder request = call.target().request();
    sent.forEach(request::header);
    request
        .header(HttpHeaders.ACCEPT, call.accept())
        .header("x-api-key", apiKey)
        .header(HttpHeaders.USER_AGENT, userAgent)
        .property(ClientProperties.CONNECT_TIMEOUT, millis(connectTimeout, remainingMs))
        .property(ClientProperties.READ_TIMEOUT, millis(readTimeout, remainingMs))
        .property(AbortableClosing.ABORT, abort);
    Response response;
    try {
      response = body == null ? request.method(call.method()) : request.method(call.method(), body);
    } catch (ProcessingException e) {
      throw transportFailure(call, e);
    }
    try {
      return handle(call, response, deadline, abort);
    } finally {
      response.close();
    }
  }

  private static int millis(Duration limit, long remainingMs) {
    return (int) Math.max(1, Math.min(Math.min(limit.toMillis(), remainingMs), Integer.MAX_VALUE));
  }

  private <T> Answer<T> handle(
      ApiCall<T> call, Response response, long deadline, AtomicBoolean abort) {
    int status = response.getStatus();
    Map<String, String> headers = headers(response);
    String requestId = requestId(headers);
    if (status >= 200 && status < 300) {
      if (call.responseType() == Void.class) {
        drain(response, deadline, abort); // D7: any body, or none, is accepted
        return new Answer<>(null, status, headers, requestId);
      }
      String type = String.valueOf(response.getMediaType());
      byte[] body;
      try {
        if (!response.hasEntity()) {
          throw FAIL.unexpected(
              answered(call, status, " without the documented body", requestId, headers, null));
        }
        abort.set(true); // until the whole body has been read
        try (InputStream in = response.readEntity(InputStream.class)) {
          body = BodyReader.read(in, deadline, MAX_SUCCESS_BODY, response.getLength());
          abort.set(false);
        }
      } catch (BodyReader.DeadlinePassed e) {
        throw deadlinePassed(call, status, e);
      } catch (IOException | ProcessingException e) {
        throw FAIL.broken(
            answered(
                call,
                status,
                " with a body that could not be read: " + e.getMessage(),
                requestId,
                headers,
                e));
      }
      if (!type.toLowerCase(Locale.ROOT).contains("json")) {
        throw notDocumentedJson(call, status, type, requestId, headers, null);
      }
      if (!JsonEnd.onlyWhitespaceAfterValue(body)) {
        throw FAIL.unexpected(
            answered(
                call,
                status,
                " with text after the documented JSON (" + type + ")",
                requestId,
                headers,
                null));
      }
      try {
        return new Answer<>(parse(body, call.responseType()), status, headers, requestId);
      } catch (RuntimeException e) { // JsonbException, or a value a model cannot take
        throw notDocumentedJson(call, status, type, requestId, headers, e);
      }
    }
    throw errorFor(call, response, status, requestId, headers, deadline, abort);
  }

  /**
   * Parses a success body as UTF-8, the encoding of JSON exchanged between systems (RFC 8259; a
   * byte-order mark is ignored, as it allows): decoded at once, without the JSON reader's encoding
   * detection and its 8 KB decoding buffer. A body in another encoding is not the documented JSON.
   */
  private <T> T parse(byte[] body, Class<T> type) {
    boolean bom =
        body.length >= 3
            && body[0] == (byte) 0xEF
            && body[1] == (byte) 0xBB
            && body[2] == (byte) 0xBF;
    return jsonb.fromJson(
        bom
            ? new String(body, 3, body.length - 3, StandardCharsets.UTF_8)
            : new String(body, StandardCharsets.UTF_8),
        type);
  }

  /** One rule for a body, success or error, that passes the deadline while it trickles in. */
  private static RequestTimeoutException deadlinePassed(
      ApiCall<?> call, int status, BodyReader.DeadlinePassed e) {
    return FAIL.timeout(
        ErrorContext.transport(
            call + ": " + status + ": " + e.getMessage(), call.method(), call.pathTemplate(), e),
        true);
  }

  private static EcdpServiceException notDocumentedJson(
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

  /** Reads and drops a body nobody needs, within the deadline and a size limit. */
  private static void drain(Response response, long deadline, AtomicBoolean abort) {
    abort.set(true); // until the whole body has been read
    try {
      if (!response.hasEntity()) {
        abort.set(false);
        return;
      }
      try (InputStream in = response.readEntity(InputStream.class)) {
        BodyReader.read(in, deadline, MAX_ERROR_BODY, response.getLength());
        abort.set(false);
      }
    } catch (IOException | ProcessingException e) {
      // The status line arrived, so the server answered; a broken or endless body changes nothing.
    }
  }

  private EcdpException errorFor(
      ApiCall<?> call,
      Response response,
      int status,
      @Nullable String requestId,
      Map<String, String> headers,
      long deadline,
      AtomicBoolean abort) {
    String body;
    try {
      body = readBounded(response, deadline, abort);
    } catch (BodyReader.DeadlinePassed e) {
      return deadlinePassed(call, status, e);
    } catch (ProcessingException | IOException e) {
      return FAIL.broken(
          answered(call, status, " with a body that could not be read", requestId, headers, e));
    }
    String type = response.getMediaType() == null ? "" : response.getMediaType().toString();
    ProblemDetails problem =
        type.toLowerCase(Locale.ROOT).contains("json")
            ? ProblemParser.parse(body).orElse(null)
            : null;
    Duration retryAfter =
        RetryAfter.parse(response.getHeaderString("Retry-After"), clock).orElse(null);
    return FAIL.answered(
        new ErrorContext(
            message(call, status, response.getStatusInfo().getReasonPhrase(), problem, type, body),
            status,
            problem,
            requestId,
            headers,
            call.method(),
            call.pathTemplate(),
            retryAfter,
            null));
  }

  private String message(
      ApiCall<?> call,
      int status,
      @Nullable String reason,
      @Nullable ProblemDetails problem,
      String type,
      String body) {
    StringBuilder text = new StringBuilder(call.toString()).append(": ").append(status);
    if (reason != null && !reason.isBlank()) {
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

  /**
   * Reads an error body up to its limit. The connection is kept for reuse only when the body was
   * read to its end: {@code abort} is cleared before the stream closes, since closing is when the
   * connection is released or dropped.
   */
  private static String readBounded(Response response, long deadline, AtomicBoolean abort)
      throws IOException {
    if (!response.hasEntity()) {
      return "";
    }
    abort.set(true); // until the whole body has been read
    try (InputStream in = response.readEntity(InputStream.class)) {
      byte[] bytes;
      try {
        bytes = BodyReader.read(in, deadline, MAX_ERROR_BODY, response.getLength());
      } catch (BodyReader.TooLarge e) {
        return TOO_LARGE;
      }
      abort.set(false);
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  /** The response headers, names in lower case: immutable, so that no answer copies them again. */
  private static Map<String, String> headers(Response response) {
    Map<String, String> out = new LinkedHashMap<>();
    response
        .getStringHeaders()
        .forEach(
            (name, values) ->
                out.merge(
                    name.toLowerCase(Locale.ROOT),
                    values.size() == 1 ? values.get(0) : String.join(",", values),
                    (a, b) -> a + "," + b));
    return Map.copyOf(out);
  }

  private static @Nullable String requestId(Map<String, String> headers) {
    String value = headers.get(REQUEST_ID);
    if (value == null || value.isBlank()) {
      return null;
    }
    return value.length() > 128 ? value.substring(0, 128) : value;
  }

  private EcdpException transportFailure(ApiCall<?> call, ProcessingException e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof ConnectException
          || c instanceof UnknownHostException
          || c instanceof NoRouteToHostException
          || c instanceof PortUnreachableException
          || c instanceof SSLHandshakeException) {
        return FAIL.connection(
            transport(call, "could not connect to " + origin + " (" + why(c) + ")", e), false);
      }
      if (c instanceof org.apache.hc.client5.http.ConnectTimeoutException) {
        return FAIL.timeout(transport(call, "connect timed out", e), false);
      }
      if (c instanceof SocketTimeoutException) {
        boolean connecting =
            String.valueOf(c.getMessage()).toLowerCase(Locale.ROOT).contains("connect");
        return FAIL.timeout(
            transport(
                call, connecting ? "connect timed out" : "timed out waiting for the response", e),
            !connecting);
      }
      if (c instanceof HttpRetryException retry && retry.responseCode() > 0) {
        // HttpURLConnection in streaming mode answers a 401 challenge this way; keep the status.
        int status = retry.responseCode();
        return FAIL.answered(
            answered(
                call,
                status,
                " (no body: the connection was in streaming mode)",
                null,
                Map.of(),
                e));
      }
    }
    Throwable root = e.getCause() != null ? e.getCause() : e;
    return FAIL.connection(
        transport(call, "the connection failed (" + root.getClass().getSimpleName() + ")", e),
        true);
  }

  private static ErrorContext answered(
      ApiCall<?> call,
      int status,
      String what,
      @Nullable String requestId,
      Map<String, String> headers,
      @Nullable Throwable cause) {
    return new ErrorContext(
        call + ": " + status + what,
        status,
        null,
        requestId,
        headers,
        call.method(),
        call.pathTemplate(),
        null,
        cause);
  }

  /** Why a connection could not be made, in words, without the exception's own text. */
  private static String why(Throwable c) {
    if (c instanceof UnknownHostException) {
      return "unknown host";
    }
    if (c instanceof NoRouteToHostException) {
      return "no route to the host";
    }
    if (c instanceof SSLHandshakeException) {
      return "the TLS handshake failed";
    }
    if (c instanceof ConnectException) {
      return "connection refused";
    }
    return c.getClass().getSimpleName();
  }

  private static ErrorContext transport(ApiCall<?> call, String what, Throwable cause) {
    return ErrorContext.transport(call + ": " + what, call.method(), call.pathTemplate(), cause);
  }

  /** Returns how long to wait before the next attempt, or null when the call must not retry. */
  static @Nullable Duration retryDelay(
      ApiCall<?> call, RetryPolicy retryPolicy, EcdpException failure, int attempt) {
    if (attempt >= retryPolicy.maxAttempts()) {
      return null;
    }
    boolean idempotent = !"POST".equals(call.method()) && !"PATCH".equals(call.method());
    Duration announced = null;
    boolean retryable;
    if (failure instanceof TransportException transport) {
      boolean brokenBody = failure instanceof BrokenResponseException;
      retryable = !brokenBody && (idempotent || !transport.requestSent());
    } else if (failure instanceof RateLimitedException limited) {
      announced = limited.retryAfter().orElse(null);
      retryable = retryPolicy.retryRateLimited();
    } else if (failure instanceof ServerException server) {
      int status = server.status();
      announced = server.retryAfter().orElse(null);
      retryable =
          idempotent
              ? status == 502 || status == 503 || status == 504
              : status == 503 && announced != null;
    } else {
      retryable = false;
    }
    if (!retryable) {
      return null;
    }
    if (announced != null && retryPolicy.honourRetryAfter()) {
      return announced.compareTo(retryPolicy.maxRetryAfter()) > 0 ? null : announced;
    }
    return Backoff.of(retryPolicy, attempt, ThreadLocalRandom.current().nextDouble());
  }

  private void log(
      ApiCall<?> call,
      RetryPolicy retryPolicy,
      int status,
      int attempt,
      long startNanos,
      @Nullable String requestId,
      @Nullable String outcome) {
    if (!LOG.isLoggable(Level.DEBUG)) {
      return;
    }
    long ms = (System.nanoTime() - startNanos) / 1_000_000;
    LOG.log(
        Level.DEBUG,
        () ->
            call
                + " -> "
                + (status == 0 ? "no response" : String.valueOf(status))
                + " attempt "
                + attempt
                + "/"
                + retryPolicy.maxAttempts()
                + " in "
                + ms
                + " ms"
                + (requestId != null ? " request-id " + redactor.redact(requestId) : "")
                + (outcome != null ? " (" + outcome + ")" : ""));
  }

  /** Never shows the key. */
  @Override
  public String toString() {
    return "CallExecutor{retryPolicy=" + retryPolicy + "}";
  }

  /**
   * A successful answer.
   *
   * @param body the success body, or null for {@link Void}
   * @param status the HTTP status
   * @param headers the response headers, lower-case names
   * @param requestId the request id, or null
   * @param <T> the type of the body
   */
  public record Answer<T>(
      @Nullable T body, int status, Map<String, String> headers, @Nullable String requestId) {}
}
