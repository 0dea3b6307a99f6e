package io.ecdp.customers.cli;

import io.ecdp.customers.imports.Throttle;
import jakarta.json.JsonObjectBuilder;
import java.io.Console;
import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Shows an import's progress on standard error: a bar with records/s and ETA on a terminal, a plain
 * line every few seconds otherwise (logs, CI), a JSON object a line every few seconds and one at
 * the end ({@link #jsonLine()}, for a program), or nothing.
 *
 * <p>The rate is that of the last {@link #WINDOW_SECONDS} seconds (since the start, until then):
 * records finished (accepted, rejected, failed or skipped) per second. The ETA is the records left
 * at that rate: those read and not finished, and those in the rest of the file, estimated from the
 * bytes per record read so far. An early burst (the first batches read and sent at once, or a fast
 * start before the service slowed the import down) thus leaves the figures after a few seconds.
 */
final class Progress implements AutoCloseable {

  /** How far back the rate and the ETA look. */
  static final int WINDOW_SECONDS = 10;

  private static final long WINDOW = WINDOW_SECONDS * 1_000_000_000L;

  /** How progress is shown. */
  enum Mode {
    /** A bar on a terminal, plain lines otherwise. */
    AUTO,
    /** Always the bar. */
    BAR,
    /** Always plain lines. */
    LINES,
    /** A JSON object a line, every few seconds and once at the end. */
    JSON,
    /** Nothing. */
    NONE
  }

  /** How often plain and JSON lines are written, in milliseconds. */
  static final long LINE_EVERY_MS = 5000;

  /** The counts an import updates. */
  static final class Counters {
    final AtomicLong read = new AtomicLong();
    final AtomicLong sent = new AtomicLong();
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong skipped = new AtomicLong();

    /** Parts answered 429 that the import sent again. */
    final LongAdder resent = new LongAdder();

    volatile Throttle throttle;

    /** The counts of the client's calls; null when none are kept. */
    volatile CallStats calls;
  }

  private final PrintWriter err;
  private final boolean bar;
  private final boolean json;
  private final long startNanos;
  private final long totalBytes;
  private final LongSupplier bytesRead;
  private final Counters counters;
  private final LongSupplier clock;
  private final ArrayDeque<long[]> samples = new ArrayDeque<>(); // {time, finished}; guarded
  private final ScheduledExecutorService timer;

  Progress(Mode mode, PrintWriter err, long totalBytes, LongSupplier bytesRead, Counters counters) {
    this(mode, err, totalBytes, bytesRead, counters, System::nanoTime);
  }

  Progress(
      Mode mode,
      PrintWriter err,
      long totalBytes,
      LongSupplier bytesRead,
      Counters counters,
      LongSupplier clock) {
    this(mode, err, totalBytes, bytesRead, counters, clock, LINE_EVERY_MS);
  }

  /** As above, with plain and JSON lines every {@code lineEveryMs} milliseconds (for tests). */
  Progress(
      Mode mode,
      PrintWriter err,
      long totalBytes,
      LongSupplier bytesRead,
      Counters counters,
      LongSupplier clock,
      long lineEveryMs) {
    this.err = err;
    this.totalBytes = totalBytes;
    this.bytesRead = bytesRead;
    this.counters = counters;
    this.clock = clock;
    this.startNanos = clock.getAsLong();
    samples.add(new long[] {startNanos, 0}); // the import starts with the progress
    Mode effective = mode == Mode.AUTO ? (inTerminal() ? Mode.BAR : Mode.LINES) : mode;
    this.bar = effective == Mode.BAR;
    this.json = effective == Mode.JSON;
    if (effective == Mode.NONE) {
      timer = null;
      return;
    }
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "ecdp-progress");
              t.setDaemon(true);
              return t;
            });
    long every = bar ? 200 : lineEveryMs;
    // Ended by close() (the timer's shutdown); show() prints, so it has no failure to lose.
    var unused = timer.scheduleAtFixedRate(this::show, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Whether the command's output is a terminal. From JDK 22 on, System.console() is never null, so
   * Console.isTerminal() (JDK 22) tells; before it, a console exists only for a terminal.
   */
  @SuppressWarnings("SystemConsoleNull") // null before JDK 22; isTerminal() decides after it
  private static boolean inTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (NoSuchMethodException e) {
      return true; // JDK 21 or older
    } catch (ReflectiveOperationException e) {
      return false;
    }
  }

  private void show() {
    String line = json ? jsonLine() : line();
    synchronized (err) {
      if (json) {
        err.println(line);
      } else if (bar) {
        err.print("\r" + line + "   ");
      } else {
        err.println("progress: " + line);
      }
      err.flush();
    }
  }

  private long finished() {
    return counters.accepted.get()
        + counters.rejected.get()
        + counters.failed.get()
        + counters.skipped.get();
  }

  /** Records finished per second over the last {@link #WINDOW_SECONDS} seconds; takes a sample. */
  private double recentRate(long now, long finished) {
    synchronized (samples) {
      samples.addLast(new long[] {now, finished});
      // Keep the latest sample at least a window old: the rate then spans the whole window.
      while (samples.size() > 2) {
        long[] oldest = samples.pollFirst();
        if (now - samples.peekFirst()[0] < WINDOW) {
          samples.addFirst(oldest);
          break;
        }
      }
      long[] from = samples.peekFirst();
      return (finished - from[1]) * 1e9 / Math.max(1_000_000L, now - from[0]);
    }
  }

  String line() {
    long now = clock.getAsLong();
    long finished = finished();
    double rate = recentRate(now, finished);
    long read = counters.read.get();
    long bytes = bytesRead.getAsLong();
    double fraction = totalBytes > 0 ? Math.min(1.0, (double) bytes / totalBytes) : 0;
    String eta = "?";
    if (fraction > 0.001 && rate > 0) {
      double unread = bytes > 0 ? (double) Math.max(0, totalBytes - bytes) * read / bytes : 0;
      long remaining = Math.round((Math.max(0, read - finished) + unread) / rate);
      eta = String.format(Locale.ROOT, "%d:%02d", remaining / 60, remaining % 60);
    }
    StringBuilder s = new StringBuilder();
    if (bar) {
      int filled = (int) (fraction * 30);
      s.append('[').append("#".repeat(filled)).append(".".repeat(30 - filled)).append("] ");
    }
    s.append(
        String.format(
            Locale.ROOT,
            "%3.0f%% %,d read, %,d accepted, %,d rejected, %,.0f records/s",
            fraction * 100,
            counters.read.get(),
            counters.accepted.get(),
            counters.rejected.get(),
            rate));
    Throttle t = counters.throttle;
    if (t != null) {
      s.append(String.format(Locale.ROOT, ", concurrency %d of %d", t.concurrency(), t.max()));
      double pace = t.pace();
      if (pace != Double.POSITIVE_INFINITY) {
        s.append(String.format(Locale.ROOT, " at %,.1f calls/s", pace));
      }
    }
    return s.append(", ETA ").append(eta).toString();
  }

  /**
   * The counts now as one JSON object, its members always the same, in this order: {@code
   * elapsedMs}; the rows {@code rowsRead}, {@code sent}, {@code accepted}, {@code rejected}, {@code
   * failed}, {@code skipped}; the import's {@code calls}, the {@code requests} sent, the {@code
   * rateLimited} answers (429) and the {@code retries}; the throttle's {@code concurrency} and
   * {@code pace} (calls a second; null while there is none). Every count only grows.
   */
  String jsonLine() {
    Throttle t = counters.throttle;
    CallStats calls = counters.calls;
    long resent = counters.resent.sum();
    long retries = calls == null ? resent : calls.retries() + resent;
    long rateLimited = calls == null ? 0 : calls.rateLimited();
    long requests = calls == null ? 0 : calls.requests();
    JsonObjectBuilder o =
        JsonP.PROVIDER
            .createObjectBuilder()
            .add("elapsedMs", (clock.getAsLong() - startNanos) / 1_000_000)
            .add("rowsRead", counters.read.get())
            .add("sent", counters.sent.get())
            .add("accepted", counters.accepted.get())
            .add("rejected", counters.rejected.get())
            .add("failed", counters.failed.get())
            .add("skipped", counters.skipped.get())
            .add("calls", t == null ? 0 : t.calls())
            .add("requests", requests)
            .add("rateLimited", rateLimited)
            .add("retries", retries)
            .add("concurrency", t == null ? 0 : t.concurrency());
    double pace = t == null ? Double.POSITIVE_INFINITY : t.pace();
    if (pace == Double.POSITIVE_INFINITY) {
      o.addNull("pace");
    } else {
      o.add("pace", Math.round(pace * 10) / 10.0);
    }
    return o.build().toString();
  }

  @Override
  public void close() {
    if (timer == null) {
      return;
    }
    timer.shutdownNow();
    if (json) {
      try {
        // A line being written ends before the last one, which then holds every count.
        timer.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      synchronized (err) {
        err.println(jsonLine());
        err.flush();
      }
      return;
    }
    if (bar) {
      synchronized (err) {
        err.print("\r" + line() + "   \n");
        err.flush();
      }
    }
  }
}
