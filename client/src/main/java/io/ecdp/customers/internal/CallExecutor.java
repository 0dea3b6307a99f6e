package io.ecdp.customers.internal;

import io.ecdp.customers.RetryPolicy;
import io.ecdp.customers.errors.BadRequestException;
import io.ecdp.customers.errors.BrokenResponseException;
import io.ecdp.customers.errors.ConflictException;
import io.ecdp.customers.errors.ConnectionException;
import io.ecdp.customers.errors.EcdpException;
import io.ecdp.customers.errors.ErrorContext;
import io.ecdp.customers.errors.ForbiddenException;
import io.ecdp.customers.errors.NotFoundException;
import io.ecdp.customers.errors.ProblemDetails;
import io.ecdp.customers.errors.RateLimitedException;
import io.ecdp.customers.errors.RequestTimeoutException;
import io.ecdp.customers.errors.ServerException;
import io.ecdp.customers.errors.TransportException;
import io.ecdp.customers.errors.UnauthorizedException;
import io.ecdp.customers.errors.UnexpectedResponseException;
import jakarta.json.bind.Jsonb;
import jakarta.ws.rs.ProcessingException;
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
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLHandshakeException;
import org.glassfish.jersey.client.ClientProperties;

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
  private static final List<String> REQUEST_ID_HEADERS =
      List.of("x-request-id", "request-id", "x-correlation-id", "traceparent");

  private final String apiKey;
  private final String userAgent;
  private final RetryPolicy retryPolicy;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final Duration callTimeout;
  private final Redactor redactor;
  private final Clock clock;
  private final Jsonb jsonb;

  /** Creates an executor; the durations are positive. */
  public CallExecutor(
      String apiKey,
      String userAgent,
      RetryPolicy retryPolicy,
      Duration connectTimeout,
      Duration readTimeout,
      Duration callTimeout,
      Clock clock,
      Jsonb jsonb) {
    this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
    this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
    this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
    this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
    this.readTimeout = Objects.requireNonNull(readTimeout, "readTimeout");
    this.callTimeout = Objects.requireNonNull(callTimeout, "callTimeout");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.jsonb = Objects.requireNonNull(jsonb, "jsonb");
    this.redactor = new Redactor(apiKey);
  }

  /** Returns the redactor that masks this client's key and personal data. */
  public Redactor redactor() {
    return redactor;
  }

  /**
   * Executes the call, retrying as allowed, and returns its success body (null for {@link Void}).
   *
   * @throws EcdpException for every failure, after the retries the policy allows
   */
  public <T> T execute(ApiCall<T> call) {
    long start = System.nanoTime();
    long deadline = start + callTimeout.toNanos();
    for (int attempt = 1; ; attempt++) {
      long attemptStart = System.nanoTime();
      try {
        Result<T> result = attempt(call, deadline);
        log(call, result.status, attempt, attemptStart, result.requestId, null);
        return result.body;
      } catch (EcdpException failure) {
        Duration delay = retryDelay(call, failure, attempt);
        boolean retry = delay != null && System.nanoTime() + delay.toNanos() < deadline;
        log(
            call,
            failure.status().orElse(0),
            attempt,
            attemptStart,
            failure.requestId().orElse(null),
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

  private <T> Result<T> attempt(ApiCall<T> call, long deadline) {
    long remainingMs = (deadline - System.nanoTime()) / 1_000_000;
    if (remainingMs <= 0) {
      throw new RequestTimeoutException(
          ErrorContext.transport(
              call + ": the call timeout of " + callTimeout.toMillis() + " ms ran out",
              call.method(),
              call.pathTemplate(),
              null),
          true);
    }
    AtomicBoolean abort = new AtomicBoolean();
    Invocation.Builder request =
        call.target()
            .request()
            .header(HttpHeaders.ACCEPT, call.accept())
            .header("x-api-key", apiKey)
            .header(HttpHeaders.USER_AGENT, userAgent)
            .property(ClientProperties.CONNECT_TIMEOUT, millis(connectTimeout, remainingMs))
            .property(ClientProperties.READ_TIMEOUT, millis(readTimeout, remainingMs))
            .property(AbortableClosing.ABORT, abort);
    Response response;
    try {
      response =
          call.entity() == null
              ? request.method(call.method())
              : request.method(call.method(), call.entity());
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

  private <T> Result<T> handle(
      ApiCall<T> call, Response response, long deadline, AtomicBoolean abort) {
    int status = response.getStatus();
    String requestId = requestId(response);
    if (status >= 200 && status < 300) {
      if (call.responseType() == Void.class) {
        drain(response, deadline, abort); // D7: any body, or none, is accepted
        return new Result<>(null, status, requestId);
      }
      String type = String.valueOf(response.getMediaType());
      byte[] body;
      try {
        if (!response.hasEntity()) {
          throw new UnexpectedResponseException(
              answered(call, status, " without the documented body", requestId, null));
        }
        abort.set(true); // until the whole body has been read
        try (InputStream in = response.readEntity(InputStream.class)) {
          body = BodyReader.read(in, deadline, MAX_SUCCESS_BODY);
          abort.set(false);
        }
      } catch (BodyReader.DeadlinePassed e) {
        throw new RequestTimeoutException(
            ErrorContext.transport(
                call + ": " + status + ": " + e.getMessage(),
                call.method(),
                call.pathTemplate(),
                e),
            true);
      } catch (IOException | ProcessingException e) {
        throw new BrokenResponseException(
            answered(
                call,
                status,
                " with a body that could not be read: " + e.getMessage(),
                requestId,
                e));
      }
      if (!type.toLowerCase(Locale.ROOT).contains("json")) {
        throw notDocumentedJson(call, status, type, requestId, null);
      }
      try {
        return new Result<>(
            jsonb.fromJson(new java.io.ByteArrayInputStream(body), call.responseType()),
            status,
            requestId);
      } catch (RuntimeException e) { // JsonbException, or a value a model cannot take
        throw notDocumentedJson(call, status, type, requestId, e);
      }
    }
    throw errorFor(call, response, status, requestId, deadline, abort);
  }

  private static BrokenResponseException notDocumentedJson(
      ApiCall<?> call, int status, String type, String requestId, Throwable cause) {
    return new BrokenResponseException(
        answered(
            call,
            status,
            " with a body that is not the documented JSON (" + type + ")",
            requestId,
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
        BodyReader.read(in, deadline, MAX_ERROR_BODY);
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
      String requestId,
      long deadline,
      AtomicBoolean abort) {
    String body;
    try {
      body = readBounded(response, deadline, abort);
    } catch (ProcessingException | IOException e) {
      return new BrokenResponseException(
          answered(call, status, " with a body that could not be read", requestId, e));
    }
    String type = response.getMediaType() == null ? "" : response.getMediaType().toString();
    ProblemDetails problem =
        type.toLowerCase(Locale.ROOT).contains("json")
            ? ProblemParser.parse(body).orElse(null)
            : null;
    Duration retryAfter =
        RetryAfter.parse(response.getHeaderString("Retry-After"), clock).orElse(null);
    ErrorContext context =
        new ErrorContext(
            message(call, status, response.getStatusInfo().getReasonPhrase(), problem, type, body),
            status,
            problem,
            requestId,
            call.method(),
            call.pathTemplate(),
            retryAfter,
            null);
    switch (status) {
      case 400:
        return new BadRequestException(context);
      case 401:
        return new UnauthorizedException(context);
      case 403:
        return new ForbiddenException(context);
      case 404:
        return new NotFoundException(context);
      case 409:
        return new ConflictException(context);
      case 429:
        return new RateLimitedException(context);
      default:
        return status >= 500 && status < 600
            ? new ServerException(context)
            : new UnexpectedResponseException(context);
    }
  }

  private String message(
      ApiCall<?> call,
      int status,
      String reason,
      ProblemDetails problem,
      String type,
      String body) {
    StringBuilder text = new StringBuilder(call.toString()).append(": ").append(status);
    if (reason != null && !reason.isBlank()) {
      text.append(' ').append(reason);
    }
    if (problem != null) {
      if (problem.title() != null) {
        text.append(": ").append(problem.title());
      }
      if (problem.detail() != null) {
        text.append(" - ").append(problem.detail());
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
        bytes = BodyReader.read(in, deadline, MAX_ERROR_BODY);
      } catch (BodyReader.TooLarge e) {
        return TOO_LARGE;
      }
      abort.set(false);
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  private static String requestId(Response response) {
    for (String header : REQUEST_ID_HEADERS) {
      String value = response.getHeaderString(header);
      if (value != null && !value.isBlank()) {
        return value.length() > 128 ? value.substring(0, 128) : value;
      }
    }
    return null;
  }

  private EcdpException transportFailure(ApiCall<?> call, ProcessingException e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof ConnectException
          || c instanceof UnknownHostException
          || c instanceof NoRouteToHostException
          || c instanceof PortUnreachableException
          || c instanceof SSLHandshakeException) {
        return new ConnectionException(
            transport(call, "could not connect (" + c.getClass().getSimpleName() + ")", e), false);
      }
      if (c instanceof org.apache.hc.client5.http.ConnectTimeoutException) {
        return new RequestTimeoutException(transport(call, "connect timed out", e), false);
      }
      if (c instanceof SocketTimeoutException) {
        boolean connecting =
            String.valueOf(c.getMessage()).toLowerCase(Locale.ROOT).contains("connect");
        return new RequestTimeoutException(
            transport(
                call, connecting ? "connect timed out" : "timed out waiting for the response", e),
            !connecting);
      }
      if (c instanceof HttpRetryException retry && retry.responseCode() > 0) {
        // HttpURLConnection in streaming mode answers a 401 challenge this way; keep the status.
        int status = retry.responseCode();
        ErrorContext context =
            answered(call, status, " (no body: the connection was in streaming mode)", null, e);
        return status == 401
            ? new UnauthorizedException(context)
            : new UnexpectedResponseException(context);
      }
    }
    Throwable root = e.getCause() != null ? e.getCause() : e;
    return new ConnectionException(
        transport(call, "the connection failed (" + root.getClass().getSimpleName() + ")", e),
        true);
  }

  private static ErrorContext answered(
      ApiCall<?> call, int status, String what, String requestId, Throwable cause) {
    return new ErrorContext(
        call + ": " + status + what,
        status,
        null,
        requestId,
        call.method(),
        call.pathTemplate(),
        null,
        cause);
  }

  private static ErrorContext transport(ApiCall<?> call, String what, Throwable cause) {
    return ErrorContext.transport(call + ": " + what, call.method(), call.pathTemplate(), cause);
  }

  /** Returns how long to wait before the next attempt, or null when the call must not retry. */
  Duration retryDelay(ApiCall<?> call, EcdpException failure, int attempt) {
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
      retryable = true;
    } else if (failure instanceof ServerException server) {
      int status = server.status().orElse(0);
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
    return retryPolicy.backoff(attempt, ThreadLocalRandom.current().nextDouble());
  }

  private void log(
      ApiCall<?> call, int status, int attempt, long startNanos, String requestId, String outcome) {
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

  private record Result<T>(T body, int status, String requestId) {}
}
