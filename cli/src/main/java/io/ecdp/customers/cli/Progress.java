package io.ecdp.customers.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Shows an import's progress on standard error: a bar with records/s and ETA on a terminal, a plain
 * line every few seconds otherwise (logs, CI), or nothing.
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
    /** Nothing. */
    NONE
  }

  /** The counts an import updates. */
  static final class Counters {
    final AtomicLong read = new AtomicLong();
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong skipped = new AtomicLong();
    volatile Throttle throttle;
  }

  private final PrintWriter err;
  private final boolean bar;
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
    this.err = err;
    this.totalBytes = totalBytes;
    this.bytesRead = bytesRead;
    this.counters = counters;
    this.clock = clock;
    samples.add(new long[] {clock.getAsLong(), 0}); // the import starts with the progress
    Mode effective = mode == Mode.AUTO ? (inTerminal() ? Mode.BAR : Mode.LINES) : mode;
    this.bar = effective == Mode.BAR;
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
    long every = bar ? 200 : 5000;
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
    String line = line();
    synchronized (err) {
      if (bar) {
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

  @Override
  public void close() {
    if (timer == null) {
      return;
    }
    timer.shutdownNow();
    if (bar) {
      synchronized (err) {
        err.print("\r" + line() + "   \n");
        err.flush();
      }
    }
  }
}
