package io.ecdp.customers.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.glassfish.grizzly.ReadHandler;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.glassfish.grizzly.http.server.TimeoutHandler;

/**
 * Stands in front of Jersey's container in Grizzly: reads each body before Jersey sees it, without
 * holding a worker thread while it arrives; cuts a body that stops arriving, or grows beyond the
 * largest the sandbox takes; answers requests that arrive while the sandbox stops with 503; and
 * answers whatever fails below Jersey with a problem document.
 *
 * <p>Why read bodies first: Jersey reads a body on a worker thread, blocking until it has arrived,
 * and Grizzly has few workers (two per core): four clients that send headers and then a byte now
 * and then would hold all four workers of a 2-core machine, and nothing else would be answered.
 * Here a body is gathered by Grizzly's non-blocking reads (a worker runs only while bytes are there
 * to take), and Jersey is called once the body is whole, so a worker serves a request only while
 * the sandbox works on it.
 */
final class SandboxHandler extends HttpHandler {

  private static final System.Logger LOG = System.getLogger("io.ecdp.customers.sandbox");

  /** How long a request that arrives while the sandbox stops is told to wait. */
  static final int RETRY_AFTER_SECONDS = 1;

  private final HttpHandler jersey;
  private final long maxBodyBytes;
  private final long bodyTimeoutMillis;
  private final AtomicBoolean closing = new AtomicBoolean();
  private final AtomicInteger inJersey = new AtomicInteger();
  private final Set<BodyRead> reading = ConcurrentHashMap.newKeySet();

  SandboxHandler(HttpHandler jersey, long maxBodyBytes, long bodyTimeoutMillis) {
    this.jersey = jersey;
    this.maxBodyBytes = maxBodyBytes;
    this.bodyTimeoutMillis = bodyTimeoutMillis;
  }

  @Override
  public void start() {
    jersey.start();
  }

  @Override
  public void destroy() {
    jersey.destroy();
  }

  @Override
  public void service(Request request, Response response) throws Exception {
    if (closing.get()) {
      stopping(request, response);
      return;
    }
    boolean hasBody = request.getContentLengthLong() > 0 || request.getRequest().isChunked();
    if (!hasBody || request.getInputBuffer().isFinished()) {
      if (request.getInputBuffer().readyData() > maxBodyBytes) {
        refuse(request, response, HttpRefusals.tooLarge(maxBodyBytes));
        return;
      }
      dispatch(request, response);
      return;
    }
    BodyRead read = new BodyRead(request, response);
    // Suspended: when this returns, the worker is free; Grizzly gathers the body and calls back.
    response.suspend(bodyTimeoutMillis, TimeUnit.MILLISECONDS, null, read);
    reading.add(read);
    if (closing.get()) {
      read.cut();
      return;
    }
    read.await();
  }

  /** Runs Jersey on a request whose body (if any) is whole. */
  private void dispatch(Request request, Response response) {
    inJersey.incrementAndGet();
    try {
      if (closing.get()) {
        stopping(request, response);
        return;
      }
      jersey.service(request, response);
    } catch (Throwable t) {
      // Jersey answers what it can with ProblemMappers; this is what escapes it (an error while
      // writing, Jersey stopped under the request).
      LOG.log(Level.WARNING, "sandbox failure", t);
      if (!response.isCommitted()) {
        response.reset();
        send(
            request,
            response,
            new HttpRefusals.Refusal(500, "Internal Server Error", "The sandbox failed."),
            false);
      } else if (response.isSuspended()) {
        response.resume();
      }
    } finally {
      inJersey.decrementAndGet();
    }
  }

  /**
   * Stops taking requests: requests that arrive from now on, and bodies still arriving, are
   * answered 503 with {@code Retry-After}; waits for the requests Jersey is working on (at most
   * {@code waitMillis}), so that none is cut by Jersey stopping under it.
   */
  void close(long waitMillis) {
    closing.set(true);
    for (BodyRead read : reading) {
      read.cut();
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
    while (inJersey.get() > 0 && System.nanoTime() - deadline < 0) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Whether {@link #close} was called. */
  boolean closing() {
    return closing.get();
  }

  @Override
  protected boolean sendAcknowledgment(Request request, Response response) throws IOException {
    if ("100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
      return super.sendAcknowledgment(request, response);
    }
    send(
        request,
        response,
        new HttpRefusals.Refusal(
            417,
            "Expectation Failed",
            "The only expectation the sandbox meets is 100-continue; the connection is closed."),
        false);
    return false;
  }

  private void stopping(Request request, Response response) {
    response.setHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
    send(request, response, stoppingRefusal(), false);
  }

  private static HttpRefusals.Refusal stoppingRefusal() {
    return new HttpRefusals.Refusal(
        503, "Service Unavailable", "The sandbox is stopping; the request was not processed.");
  }

  private void refuse(Request request, Response response, HttpRefusals.Refusal refusal) {
    send(request, response, refusal, true);
  }

  /**
   * Answers with a problem document and {@code Connection: close}; with {@code closeNow}, closes
   * the connection once the answer is written (its body may still be arriving).
   */
  private static void send(
      Request request, Response response, HttpRefusals.Refusal refusal, boolean closeNow) {
    // Taken first: once resumed, the request and its context are recycled.
    org.glassfish.grizzly.Connection<?> connection = request.getContext().getConnection();
    byte[] body =
        Problems.json(refusal.status(), refusal.title(), refusal.detail(), request.getRequestURI());
    try {
      response.setStatus(refusal.status());
      response.setContentType(Problems.PROBLEM_JSON_TYPE);
      response.setHeader("Connection", "close");
      response.setContentLength(body.length);
      OutputStream out = response.getOutputStream();
      out.write(body);
      out.flush();
    } catch (IOException | RuntimeException e) {
      // the client is gone: nothing to answer
    }
    if (response.isSuspended()) {
      response.resume();
    }
    if (closeNow) {
      connection.closeSilently(); // after the answer: a graceful close writes what is queued first
    }
  }

  /**
   * Gathers one body without blocking. Grizzly keeps what arrives in the request's input buffer and
   * tells it once the body is whole ({@link #onAllDataRead}, which runs Jersey) or once it has
   * grown past the largest body ({@link #onDataAvailable}: 413). The suspension's timer looks at
   * the body every body timeout: if nothing arrived since the last look, the body is cut (408);
   * else the timer is set again. (Asking to be told of every arrival instead would leave a read
   * pending after the last one.) Exactly one of Jersey, a refusal (413, 408, 503) or the client's
   * going away ends it.
   */
  private final class BodyRead implements ReadHandler, TimeoutHandler {
    private final Request request;
    private final Response response;
    private final AtomicBoolean ended = new AtomicBoolean();

    /** How much of the body had arrived at the timer's last look. */
    private int seen = -1;

    BodyRead(Request request, Response response) {
      this.request = request;
      this.response = response;
    }

    /** Asks to be told when the body is whole, or larger than the sandbox takes. */
    void await() {
      seen = request.getInputBuffer().readyData();
      try {
        request.getNIOInputStream().notifyAvailable(this, (int) maxBodyBytes + 1);
      } catch (RuntimeException e) {
        onError(e);
      }
    }

    @Override
    public void onDataAvailable() {
      end(HttpRefusals.tooLarge(maxBodyBytes)); // only called past the largest body
    }

    @Override
    public void onAllDataRead() {
      if (request.getInputBuffer().readyData() > maxBodyBytes) {
        end(HttpRefusals.tooLarge(maxBodyBytes));
      } else if (ended.compareAndSet(false, true)) {
        reading.remove(this);
        dispatch(request, response);
      }
    }

    @Override
    public void onError(Throwable t) {
      // The connection closed, or the body was broken (Grizzly's codec has answered it then).
      if (ended.compareAndSet(false, true)) {
        reading.remove(this);
        if (response.isSuspended() && request.getContext().getConnection().isOpen()) {
          send(
              request,
              response,
              new HttpRefusals.Refusal(400, "Bad Request", "The body could not be read."),
              true);
        }
      }
    }

    @Override
    public synchronized boolean onTimeout(Response timedOut) {
      if (ended.get()) {
        return false;
      }
      int ready = request.getInputBuffer().readyData();
      if (ready > seen) {
        seen = ready; // bytes arrived since the last look: look again after another timeout
        response.getSuspendContext().setTimeout(bodyTimeoutMillis, TimeUnit.MILLISECONDS);
        return false;
      }
      end(
          new HttpRefusals.Refusal(
              408,
              "Request Timeout",
              "No byte of the body arrived for "
                  + bodyTimeoutMillis
                  + " ms; nothing was applied, and the connection is closed."));
      return false; // answered here
    }

    /** Ends it with a 503, while the sandbox stops. */
    void cut() {
      if (ended.compareAndSet(false, true)) {
        reading.remove(this);
        response.setHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
        send(request, response, stoppingRefusal(), true);
      }
    }

    private void end(HttpRefusals.Refusal refusal) {
      if (ended.compareAndSet(false, true)) {
        reading.remove(this);
        send(request, response, refusal, true);
      }
    }
  }
}
