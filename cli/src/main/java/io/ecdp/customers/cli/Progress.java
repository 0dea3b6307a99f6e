package io.ecdp.customers.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Shows an import's progress on standard error: a bar with records/s and ETA on a terminal, a plain
 * line every few seconds otherwise (logs, CI), or nothing.
 */
final class Progress implements AutoCloseable {

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
  private final long start = System.nanoTime();
  private final ScheduledExecutorService timer;

  Progress(Mode mode, PrintWriter err, long totalBytes, LongSupplier bytesRead, Counters counters) {
    this.err = err;
    this.totalBytes = totalBytes;
    this.bytesRead = bytesRead;
    this.counters = counters;
    Mode effective = mode == Mode.AUTO ? (System.console() != null ? Mode.BAR : Mode.LINES) : mode;
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
    timer.scheduleAtFixedRate(this::show, every, every, TimeUnit.MILLISECONDS);
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

  String line() {
    double seconds = Math.max(0.001, (System.nanoTime() - start) / 1e9);
    long done = counters.accepted.get() + counters.rejected.get();
    double rate = done / seconds;
    long bytes = bytesRead.getAsLong();
    double fraction = totalBytes > 0 ? Math.min(1.0, (double) bytes / totalBytes) : 0;
    String eta = "?";
    if (fraction > 0.001) {
      long remaining = (long) (seconds / fraction * (1 - fraction));
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
