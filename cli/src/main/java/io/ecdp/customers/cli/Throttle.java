package io.ecdp.customers.cli;

import java.util.function.LongSupplier;

/**
 * Adapts an import's pace to what the service allows, additive increase and multiplicative decrease
 * (AIMD) on two limits: the calls in flight at once, and the calls started per second.
 *
 * <p>A call answered {@code 429} or {@code 503} halves the concurrency (never below 1); a {@code
 * 429} also sets the pace to 90% of the lower of the pace so far and the successful calls of the
 * last second. Until the first {@code 429} there is no pace. Each successful call raises the
 * concurrency by {@code 1/concurrency} (about one more call in flight per round of calls), never
 * above the cap ({@code --concurrency}), and the pace by a thousandth. Only the first refusal among
 * calls started under the same limits lowers them: calls that were already in flight when the
 * limits fell do not lower them again.
 *
 * <p>Thread-safe.
 */
final class Throttle {

  /** The share of the pace kept after a refusal. */
  static final double DECREASE = 0.9;

  /** The share by which each successful call raises the pace. */
  static final double INCREASE = 0.001;

  /** A call's permission to start, under the limits of its epoch. */
  record Permit(long epoch) {}

  /** Waits, e.g. {@link Thread#sleep(long, int)}; replaced in tests. */
  interface Sleeper {
    void sleepNanos(long nanos) throws InterruptedException;
  }

  private final int max;
  private final LongSupplier clock;
  private final Sleeper sleeper;
  private double concurrency;
  private double pace = Double.POSITIVE_INFINITY; // calls per second
  private long nextStart;
  private int inFlight;
  private long epoch;
  private final long[] successes = new long[4096]; // times of the latest successful calls
  private long successCount;
  private long firstSuccess;

  // Counts, for the summary and for tests.
  private int mostInFlight;
  private long calls;
  private long refused;
  private long decreases;

  Throttle(int max) {
    this(
        max, System::nanoTime, nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)));
  }

  Throttle(int max, LongSupplier clock, Sleeper sleeper) {
    if (max < 1) {
      throw new IllegalArgumentException("max: " + max);
    }
    this.max = max;
    this.concurrency = max;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /** Waits until a call may start: below the concurrency limit, and at its turn under the pace. */
  Permit acquire() throws InterruptedException {
    long startAt;
    long myEpoch;
    synchronized (this) {
      while (inFlight >= (int) Math.floor(concurrency)) {
        wait();
      }
      inFlight++;
      calls++;
      mostInFlight = Math.max(mostInFlight, inFlight);
      myEpoch = epoch;
      long now = clock.getAsLong();
      startAt = now;
      if (pace != Double.POSITIVE_INFINITY) {
        startAt = Math.max(now, nextStart);
        nextStart = startAt + (long) (1e9 / pace);
      }
      startAt -= now;
    }
    if (startAt > 0) {
      try {
        sleeper.sleepNanos(startAt);
      } catch (InterruptedException e) {
        release();
        throw e;
      }
    }
    return new Permit(myEpoch);
  }

  /** The call succeeded: raise the limits a little. */
  synchronized void succeeded(Permit permit) {
    inFlight--;
    concurrency = Math.min(max, concurrency + 1 / concurrency);
    if (pace != Double.POSITIVE_INFINITY) {
      pace *= 1 + INCREASE;
    }
    long now = clock.getAsLong();
    if (successCount == 0) {
      firstSuccess = now;
    }
    successes[(int) (successCount++ % successes.length)] = now;
    notifyAll();
  }

  /**
   * The service answered 429: lower the concurrency and the pace, once for the calls of one epoch.
   */
  synchronized void refused(Permit permit) {
    lower(permit, true);
  }

  /**
   * The service answered 503: lower the concurrency, once for the calls of one epoch. The pace
   * stays: an outage says the service is struggling, not how many calls a second it allows.
   */
  synchronized void unavailable(Permit permit) {
    lower(permit, false);
  }

  private void lower(Permit permit, boolean pacing) {
    inFlight--;
    refused++;
    if (permit.epoch() == epoch) {
      epoch++;
      decreases++;
      concurrency = Math.max(1, concurrency / 2);
      if (pacing) {
        double recent = recentSuccessesPerSecond();
        double base = Math.min(pace, recent);
        pace = Math.max(0.5, (base == Double.POSITIVE_INFINITY ? 1 : base) * DECREASE);
        nextStart = Math.max(nextStart, clock.getAsLong() + (long) (1e9 / pace));
      }
    }
    notifyAll();
  }

  /** The call was not sent after all (the client refused it before sending): it is not counted. */
  synchronized void notSent() {
    inFlight--;
    calls--;
    notifyAll();
  }

  /** The call ended otherwise (refused records, a failure): the limits stay. */
  synchronized void release() {
    inFlight--;
    notifyAll();
  }

  /** The successful calls per second over the last second (or since the first, if sooner). */
  private double recentSuccessesPerSecond() {
    if (successCount == 0) {
      return 0;
    }
    long now = clock.getAsLong();
    long window = Math.min(1_000_000_000L, Math.max(1_000_000L, now - firstSuccess));
    long n = Math.min(successCount, successes.length);
    int count = 0;
    long oldest = now;
    for (long i = 0; i < n; i++) {
      long t = successes[(int) ((successCount - 1 - i) % successes.length)];
      if (now - t > window) {
        break;
      }
      count++;
      oldest = t;
    }
    if (count == successes.length) {
      window = Math.max(1_000_000L, now - oldest); // more than the buffer holds in the window
    }
    return count * 1e9 / window;
  }

  /** Returns the current concurrency limit (1 to the cap). */
  synchronized int concurrency() {
    return (int) Math.floor(concurrency);
  }

  /** Returns the current pace in calls per second, or infinity when there is none yet. */
  synchronized double pace() {
    return pace;
  }

  /** Returns the most calls that were ever in flight at once. */
  synchronized int mostInFlight() {
    return mostInFlight;
  }

  /** Returns how many calls started. */
  synchronized long calls() {
    return calls;
  }

  /** Returns how many calls were answered 429 or 503. */
  synchronized long refusedCalls() {
    return refused;
  }

  /** Returns how many times the limits were lowered. */
  synchronized long decreases() {
    return decreases;
  }

  /** Returns the cap. */
  int max() {
    return max;
  }
}
