package io.ecdp.customers.internal;

import io.ecdp.customers.errors.EcdpException;
import io.ecdp.customers.errors.EcdpServiceException;
import io.ecdp.customers.errors.RateLimitedException;
import io.ecdp.customers.errors.ServerException;
import io.ecdp.customers.events.AttemptEnded;
import io.ecdp.customers.events.AttemptStarted;
import io.ecdp.customers.events.CallEnded;
import io.ecdp.customers.events.CallListener;
import io.ecdp.customers.events.CallObserver;
import io.ecdp.customers.events.CallStarted;
import io.ecdp.customers.events.RequestHeaders;
import io.ecdp.customers.events.RetryReason;
import io.ecdp.customers.internal.http.HttpRequest;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Tells the registered {@link CallListener}s of each call: makes the events, keeps what they sum
 * over attempts, and shields the call from a listener that throws (logged once per listener, then
 * silently skipped).
 *
 * <p>With no listener, {@link #start} returns null and the client makes no event at all: every
 * other method is reached only through a {@link Trace}.
 */
public final class CallEvents {

  /** The headers the client owns, which an observer cannot set (lower case). */
  static final Set<String> OWNED_HEADERS =
      Set.of(
          "x-api-key",
          "authorization",
          "accept",
          "content-type",
          "content-length",
          "host",
          "user-agent",
          "transfer-encoding",
          "connection");

  private final List<Guarded> listeners;
  private final String serverAddress;
  private final int serverPort;
  private final Redactor redactor;
  private final TimeSource time;

  /**
   * Creates the events of a client.
   *
   * @param listeners the listeners, in the order they are told; may be empty
   * @param baseUri the client's base URI, for the server's address and port
   * @param redactor masks the key and personal data in request ids
   * @param time the clock of durations
   */
  public CallEvents(List<CallListener> listeners, URI baseUri, Redactor redactor, TimeSource time) {
    List<Guarded> guarded = new ArrayList<>();
    for (CallListener listener : listeners) {
      guarded.add(new Guarded(listener));
    }
    this.listeners = List.copyOf(guarded);
    String host = baseUri.getHost();
    this.serverAddress =
        host != null && host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    this.serverPort =
        baseUri.getPort() != -1
            ? baseUri.getPort()
            : "https".equals(baseUri.getScheme()) ? 443 : 80;
    this.redactor = redactor;
    this.time = time;
  }

  /**
   * Starts a call's events, on the caller's thread.
   *
   * @param call the call
   * @param recordCount the records an upsert sends, or -1
   * @return the call's trace; null when no listener is registered
   */
  public @Nullable Trace start(ApiCall<?> call, int recordCount) {
    if (listeners.isEmpty()) {
      return null;
    }
    OptionalInt records = recordCount < 0 ? OptionalInt.empty() : OptionalInt.of(recordCount);
    Started started =
        new Started(call.method(), call.pathTemplate(), serverAddress, serverPort, records);
    List<Observing> observers = new ArrayList<>(listeners.size());
    for (Guarded listener : listeners) {
      CallObserver observer = listener.start(started);
      if (observer != null && observer != CallObserver.NONE) {
        observers.add(new Observing(listener, observer));
      }
    }
    return new Trace(observers, records, time.nanoTime());
  }

  /** A listener, and whether its failure was logged. */
  private static final class Guarded {
    final CallListener listener;
    final AtomicBoolean reported = new AtomicBoolean();

    Guarded(CallListener listener) {
      this.listener = listener;
    }

    @Nullable CallObserver start(CallStarted started) {
      try {
        return listener.callStarted(started);
      } catch (RuntimeException e) {
        report("callStarted", e);
        return null;
      }
    }

    void report(String where, RuntimeException e) {
      if (reported.compareAndSet(false, true)) {
        CallLog.LOG.log(
            Level.WARNING,
            "CallListener "
                + listener.getClass().getName()
                + " threw in "
                + where
                + "; the call goes on without it, and its later failures are not logged",
            e);
      }
    }
  }

  /** An observer of one call, dropped after it throws. */
  private static final class Observing {
    final Guarded listener;
    final CallObserver observer;
    boolean failed;

    Observing(Guarded listener, CallObserver observer) {
      this.listener = listener;
      this.observer = observer;
    }

    void fail(String where, RuntimeException e) {
      failed = true;
      listener.report(where, e);
    }
  }

  /**
   * The events of one call: used by one thread at a time, in order (the caller's, then the one that
   * runs the call).
   */
  public final class Trace {
    private final List<Observing> observers;
    private final OptionalInt recordCount;
    private final long startNanos;
    private int attempts;
    private int status;
    private @Nullable String requestId;
    private long bytesSent;
    private long bytesReceived;
    private long attemptStart;
    private long lastBodyLength;
    private long attemptBytesReceived;

    Trace(List<Observing> observers, OptionalInt recordCount, long startNanos) {
      this.observers = observers;
      this.recordCount = recordCount;
      this.startNanos = startNanos;
    }

    /**
     * Tells of an attempt about to be sent, and returns the request with the headers the observers
     * set.
     *
     * @param attempt the attempt's number, from 1
     * @param previous how the attempt before it failed, or null for the first
     * @param delay the wait after that attempt
     * @param request the call's request
     * @return the request to send
     */
    HttpRequest attemptStarted(
        int attempt, @Nullable EcdpException previous, Duration delay, HttpRequest request) {
      attempts = attempt;
      attemptBytesReceived = 0;
      AttemptStarted event =
          new AttemptStart(attempt, Optional.ofNullable(reason(previous)), delay);
      Headers headers = new Headers();
      for (Observing o : observers) {
        if (!o.failed) {
          try {
            o.observer.attemptStarted(event, headers);
          } catch (RuntimeException e) {
            o.fail("attemptStarted", e);
          }
        }
      }
      var body = request.body();
      lastBodyLength = body == null ? 0 : body.length();
      bytesSent += lastBodyLength;
      attemptStart = time.nanoTime();
      return headers.set.isEmpty() ? request : request.withHeaders(headers.set);
    }

    /**
     * Records the size of a response body read.
     *
     * @param bytes its length
     */
    void received(long bytes) {
      attemptBytesReceived = bytes;
      bytesReceived += bytes;
    }

    /**
     * Tells of an attempt that ended.
     *
     * @param answered the status, or 0 when no answer came
     * @param id the request id, or null
     * @param failure how it failed, or null when the caller gets its answer
     * @param willRetry whether another attempt follows
     */
    void attemptEnded(
        int answered, @Nullable String id, @Nullable EcdpException failure, boolean willRetry) {
      status = answered;
      requestId = id == null ? null : redactor.redact(id);
      AttemptEnded event =
          new AttemptEnd(
              attempts,
              answered == 0 ? OptionalInt.empty() : OptionalInt.of(answered),
              Optional.ofNullable(requestId),
              Duration.ofNanos(time.nanoTime() - attemptStart),
              lastBodyLength,
              attemptBytesReceived,
              Optional.ofNullable(failure == null ? null : failure.getClass()),
              willRetry);
      for (Observing o : observers) {
        if (!o.failed) {
          try {
            o.observer.attemptEnded(event);
          } catch (RuntimeException e) {
            o.fail("attemptEnded", e);
          }
        }
      }
    }

    /**
     * Tells that the call ended.
     *
     * @param failure the exception the caller gets, or null when it succeeded
     */
    public void callEnded(@Nullable RuntimeException failure) {
      if (failure instanceof EcdpServiceException service && status == 0) {
        status = service.status();
      }
      CallEnded event =
          new End(
              status == 0 ? OptionalInt.empty() : OptionalInt.of(status),
              Optional.ofNullable(requestId),
              attempts,
              Duration.ofNanos(time.nanoTime() - startNanos),
              bytesSent,
              bytesReceived,
              recordCount,
              Optional.ofNullable(failure == null ? null : failure.getClass()));
      for (Observing o : observers) {
        if (!o.failed) {
          try {
            o.observer.callEnded(event);
          } catch (RuntimeException e) {
            o.fail("callEnded", e);
          }
        }
      }
    }
  }

  private static @Nullable RetryReason reason(@Nullable EcdpException previous) {
    if (previous == null) {
      return null;
    }
    if (previous instanceof RateLimitedException) {
      return RetryReason.RATE_LIMITED;
    }
    if (previous instanceof ServerException) {
      return RetryReason.SERVER_ERROR;
    }
    return RetryReason.TRANSPORT;
  }

  /** An HTTP token (RFC 9110), the form of a header's name. */
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  /** Printable US-ASCII and tab: a header value without line breaks. */
  private static final Pattern PRINTABLE = Pattern.compile("[\\x20-\\x7e\\t]*");

  /** The headers observers set on one attempt, checked as they are set. */
  private static final class Headers implements RequestHeaders {
    final Map<String, String> set = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    @Override
    public void set(String name, String value) {
      if (!TOKEN.matcher(name).matches()) {
        throw new IllegalArgumentException("not a header name: " + name);
      }
      if (OWNED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("the client owns the header " + name);
      }
      if (!PRINTABLE.matcher(value).matches()) {
        throw new IllegalArgumentException(
            "the value of " + name + " must be printable US-ASCII without line breaks");
      }
      set.put(name, value);
    }
  }

  private record Started(
      String method,
      String urlTemplate,
      String serverAddress,
      int serverPort,
      OptionalInt recordCount)
      implements CallStarted {}

  private record AttemptStart(int attempt, Optional<RetryReason> retryReason, Duration delayBefore)
      implements AttemptStarted {}

  private record AttemptEnd(
      int attempt,
      OptionalInt status,
      Optional<String> requestId,
      Duration duration,
      long bytesSent,
      long bytesReceived,
      Optional<Class<? extends EcdpException>> failure,
      boolean willRetry)
      implements AttemptEnded {}

  private record End(
      OptionalInt status,
      Optional<String> requestId,
      int attempts,
      Duration duration,
      long bytesSent,
      long bytesReceived,
      OptionalInt recordCount,
      Optional<Class<? extends RuntimeException>> failure)
      implements CallEnded {}
}
