package io.ecdp.customers.imports;

import java.util.function.LongSupplier;

/**
 * Adapts an import's pace to what the service allows, additive increase and multiplicative decrease
 * (AIMD) on two limits: the calls in flight at once, and the calls started per second.
 *
 * <p>Decrease. A call answered {@code 429} lowers both limits, once for the calls started under the
 * same limits (calls already in flight when the limits fell do not lower them again), by a step:
 * the full step halves the concurrency (never below 1) and sets the pace to 90% of the rate the
 * service refused. That rate is the calls started per second lately, refused ones included (over
 * the last second, or since the first call if that is sooner, or over the {@value #RATE_CALLS}
 * latest calls when the last second holds fewer), or the pace itself when that rate was at least
 * 90% of it (the pace held the calls back). Not the successful calls: they are lower by the refused
 * share, and falling from them pulled the pace down at every refusal, down to nothing. When the
 * rate refused is more than {@value #OVERSHOOT} times the successful calls per second of the last 2
 * seconds, the pace falls from twice those instead, by the full step: the service answers far fewer
 * calls than are sent. Until the first {@code 429} there is no pace. A {@code 503} halves the
 * concurrency and leaves the pace.
 *
 * <p>Dense 429s. A {@code 429} after a run of successful calls is what a fixed allowance gives when
 * the pace has grown past it, and the full step takes the pace back below it. {@code 429}s every
 * few calls are either an allowance overrun by far, or a service that refuses a share of calls
 * whatever the rate: those say nothing about a rate. So, until a check has found a limit, a {@code
 * 429} that comes fewer than {@value #SPACING} calls after the previous one takes only {@code calls
 * / SPACING} of the full step: however many calls are refused, the pace then loses at most {@code
 * 10% / SPACING} per call answered. The check: when {@value #DENSE_PERCENT}% or more of the latest
 * {@value #WINDOW} calls answered were {@code 429}, the pace is halved for the next {@value
 * #CHECK_CALLS} calls. If at most one of them is refused, the {@code 429}s depend on the rate: a
 * limit. The pace is set to 90% of the successful calls per second before the check (at most 90% of
 * the pace before it, at least half of it), every later {@code 429} takes the full step, and the
 * pace rises by at most {@value #INCREASE_PER_CALL} of the rate it fell from per successful call (a
 * full step made good in 20 calls at least, polite to small allowances). Otherwise they are
 * background: the pace goes back to what it was before the check. Either way the next check waits
 * for twice as many calls as the last one did (starting at {@value #WINDOW}); once a limit is
 * found, it takes {@value #LIMITED_DENSE_PERCENT}% of {@code 429}s to check again.
 *
 * <p>Increase. Each successful call raises the concurrency by {@code 1/concurrency} (about one more
 * call in flight per round of calls), never above the cap ({@code --concurrency}), and the pace by
 * {@value #INCREASE_PER_SECOND} times the rate it last fell from per second since the previous
 * raise: back to that rate in 2 seconds of successful calls after a full step, and on above it at
 * the same slope. The slope is in time, not per call, as allowances are: a service allowing 100
 * calls a second is probed no faster than one allowing 10.
 *
 * <p>Thread-safe.
 */
public final class Throttle {

  /** The share of the pace kept after a full decrease. */
  static final double DECREASE = 0.9;

  /**
   * The pace gained per second of successful calls, as a share of the rate the pace last fell from.
   */
  static final double INCREASE_PER_SECOND = 0.05;

  /**
   * Once a check found a limit: the most pace gained per successful call, as a share of the rate
   * the pace last fell from.
   */
  static final double INCREASE_PER_CALL = 0.004;

  /**
   * The calls answered between two {@code 429}s from which the second lowers the limits by the full
   * step.
   */
  static final int SPACING = 20;

  /**
   * How far above the successful calls per second (over {@link #OVERSHOOT_SPAN}) the rate refused
   * may be before the pace falls from them instead.
   */
  static final double OVERSHOOT = 2;

  /** The time over which the successful calls are counted against the rate refused. */
  static final long OVERSHOOT_SPAN = 2_000_000_000L;

  /** The lowest pace, in calls per second. */
  static final double MIN_PACE = 0.1;

  /** The latest calls the rate of calls started looks at when the last second holds fewer. */
  static final int RATE_CALLS = 8;

  /** The latest calls answered whose share of {@code 429}s starts a check. */
  static final int WINDOW = 40;

  /** The share of {@code 429}s, in percent, among the latest answers that starts a check. */
  static final int DENSE_PERCENT = 10;

  /** The same, once a check has found a limit. */
  static final int LIMITED_DENSE_PERCENT = 25;

  /** The calls a check sends at half the pace. */
  static final int CHECK_CALLS = 20;

  /** The rule that moves the limits. */
  public enum Rule {
    /** The rule above. */
    DEFAULT,
    /**
     * The rule before it, kept for the benchmarks' baseline only: any {@code 429} of an epoch
     * halved the concurrency and set the pace to 90% of the lower of the pace and the successful
     * calls of the last second (or since the first, at least 0.5 calls a second), and each
     * successful call raised the pace by a thousandth.
     */
    LEGACY
  }

  /** A call's permission to start, under the limits of its epoch; given back to the throttle. */
  public static final class Permit {
    final long epoch;

    Permit(long epoch) {
      this.epoch = epoch;
    }
  }

  /** Waits, e.g. {@link Thread#sleep(long, int)}; replaced in tests. */
  public interface Sleeper {
    /**
     * Waits {@code nanos} nanoseconds, or less when the wait is cut short.
     *
     * @param nanos how long to wait
     * @throws InterruptedException when the thread is interrupted
     */
    void sleepNanos(long nanos) throws InterruptedException;
  }

  private static final long SECOND = 1_000_000_000L;

  private final int max;
  private final LongSupplier clock;
  private final Sleeper sleeper;
  private final Rule rule;
  private double concurrency;
  private double pace = Double.POSITIVE_INFINITY; // calls per second
  private double fellFrom; // the rate the pace last fell from
  private long raised; // when the pace last rose or fell
  private long nextStart;
  private int inFlight;
  private long epoch;
  private final Times starts = new Times(); // of the latest calls
  private final Times successes = new Times(); // of the latest successful calls
  private final Times refusals = new Times(); // of the latest 429s
  private long sinceRefusal; // calls answered since the latest 429
  private final boolean[] answers = new boolean[WINDOW]; // the latest answers, true for a 429
  private long answered;
  private int answersRefused; // among the latest answers

  // The check of dense 429s.
  private boolean limited; // a check found that half the pace stopped the 429s
  private boolean checking;
  private long checkEpoch; // of the calls sent at half the pace
  private int checkCalls;
  private int checkRefused;
  private double checkPace; // the pace before the check
  private double checkAnswered; // the successful calls per second before the check
  private long sinceCheck; // calls answered since the last check ended
  private long checkGap = WINDOW; // the calls answered the next check waits for
  private long checkEnded = Long.MIN_VALUE / 2;

  // Counts, for the summary and for tests.
  private int mostInFlight;
  private long calls;
  private long refused;
  private long decreases;
  private long checks;

  /**
   * Creates a throttle on the system clock, under the default rule.
   *
   * @param max the most calls in flight at once (the cap), at least 1
   */
  public Throttle(int max) {
    this(max, Rule.DEFAULT);
  }

  /**
   * Creates a throttle on the system clock, under {@code rule}.
   *
   * @param max the most calls in flight at once (the cap), at least 1
   * @param rule the rule that moves the limits
   */
  public Throttle(int max, Rule rule) {
    this(
        max,
        System::nanoTime,
        nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)),
        rule);
  }

  /**
   * Creates a throttle on a given clock, under the default rule (tests give a fake clock).
   *
   * @param max the most calls in flight at once (the cap), at least 1
   * @param clock the time in nanoseconds, as {@link System#nanoTime()}
   * @param sleeper how a call waits for its turn under the pace
   */
  public Throttle(int max, LongSupplier clock, Sleeper sleeper) {
    this(max, clock, sleeper, Rule.DEFAULT);
  }

  /**
   * Creates a throttle on a given clock, under {@code rule}.
   *
   * @param max the most calls in flight at once (the cap), at least 1
   * @param clock the time in nanoseconds, as {@link System#nanoTime()}
   * @param sleeper how a call waits for its turn under the pace
   * @param rule the rule that moves the limits
   */
  public Throttle(int max, LongSupplier clock, Sleeper sleeper, Rule rule) {
    if (max < 1) {
      throw new IllegalArgumentException("max: " + max);
    }
    this.max = max;
    this.concurrency = max;
    this.clock = clock;
    this.sleeper = sleeper;
    this.rule = rule;
  }

  /**
   * Waits until a call may start: below the concurrency limit, and at its turn under the pace.
   *
   * @return the call's permit, given back through one of the other methods when it ends
   * @throws InterruptedException when the thread is interrupted while it waits
   */
  public Permit acquire() throws InterruptedException {
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
      starts.add(startAt);
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

  /**
   * The call succeeded: raise the limits.
   *
   * @param permit the permit of the call succeeded
   */
  public synchronized void succeeded(Permit permit) {
    inFlight--;
    sinceRefusal++;
    answer(false);
    concurrency = Math.min(max, concurrency + 1 / concurrency);
    long now = clock.getAsLong();
    successes.add(now);
    if (pace != Double.POSITIVE_INFINITY) {
      if (rule == Rule.LEGACY) {
        pace *= 1.001;
      } else if (checking) {
        if (permit.epoch == checkEpoch) {
          checked(false, now);
        }
      } else {
        double gain = INCREASE_PER_SECOND * fellFrom * Math.max(0, now - raised) / SECOND;
        if (limited) {
          gain = Math.min(gain, INCREASE_PER_CALL * fellFrom);
        }
        pace += gain;
        raised = now;
        maybeCheck(now);
      }
    }
    notifyAll();
  }

  /**
   * The service answered 429: lower the concurrency and the pace, once for the calls of one epoch,
   * by a step that grows with the calls answered since the previous 429 until a check finds a
   * limit.
   *
   * @param permit the permit of the call answered 429
   */
  public synchronized void refused(Permit permit) {
    inFlight--;
    refused++;
    long spacing = ++sinceRefusal;
    sinceRefusal = 0;
    answer(true);
    long now = clock.getAsLong();
    refusals.add(now);
    if (rule == Rule.LEGACY) {
      if (permit.epoch == epoch) {
        lower(1);
        double base = Math.min(pace, successes.legacyPerSecond(now));
        pace = Math.max(0.5, (base == Double.POSITIVE_INFINITY ? 1 : base) * DECREASE);
        nextStart = Math.max(nextStart, now + (long) (1e9 / pace));
      }
    } else if (checking) {
      if (permit.epoch == checkEpoch) {
        checked(true, now);
      }
    } else if (permit.epoch == epoch) {
      double step =
          pace == Double.POSITIVE_INFINITY || limited ? 1 : Math.min(1, (double) spacing / SPACING);
      double sent = starts.perSecond(now, SECOND);
      double from = sent >= DECREASE * pace ? pace : sent; // the pace, when it held calls back
      double answeredTwice = OVERSHOOT * successes.perSecond(now, OVERSHOOT_SPAN);
      if (refusals.count(now, OVERSHOOT_SPAN) > successes.count(now, OVERSHOOT_SPAN)
          && answeredTwice > 0
          && answeredTwice < from
          && now - checkEnded >= OVERSHOOT_SPAN) {
        from = answeredTwice;
        step = 1;
      }
      lower(step);
      fellFrom = Math.max(MIN_PACE, from);
      pace = Math.max(MIN_PACE, fellFrom * (1 - (1 - DECREASE) * step));
      raised = now;
      nextStart = Math.max(nextStart, now + (long) (1e9 / pace));
      maybeCheck(now);
    }
    notifyAll();
  }

  /**
   * The service answered 503: lower the concurrency, once for the calls of one epoch. The pace
   * stays: an outage says the service is struggling, not how many calls a second it allows.
   *
   * @param permit the permit of the call answered 503
   */
  public synchronized void unavailable(Permit permit) {
    inFlight--;
    refused++;
    if (permit.epoch == epoch) {
      lower(1);
    }
    notifyAll();
  }

  /** Starts a new epoch and lowers the concurrency by {@code step} times a half. */
  private void lower(double step) {
    epoch++;
    decreases++;
    concurrency = Math.max(1, concurrency * (1 - step / 2));
  }

  private void answer(boolean refusal) {
    int i = (int) (answered++ % WINDOW);
    if (answered > WINDOW && answers[i]) {
      answersRefused--;
    }
    answers[i] = refusal;
    if (refusal) {
      answersRefused++;
    }
    sinceCheck++;
  }

  /** Starts a check when 429s are dense: the pace halved for the next calls. */
  private void maybeCheck(long now) {
    int dense = limited ? LIMITED_DENSE_PERCENT : DENSE_PERCENT;
    if (checking
        || pace == Double.POSITIVE_INFINITY
        || answered < WINDOW
        || answersRefused * 100 < dense * WINDOW
        || sinceCheck < checkGap) {
      return;
    }
    checking = true;
    checks++;
    checkPace = pace;
    checkAnswered = successes.perSecond(now, OVERSHOOT_SPAN);
    checkCalls = 0;
    checkRefused = 0;
    pace = Math.max(MIN_PACE, pace / 2);
    epoch++;
    checkEpoch = epoch;
  }

  /** A call of the check was answered. */
  private void checked(boolean refusal, long now) {
    checkCalls++;
    if (refusal) {
      checkRefused++;
    }
    if (checkCalls < CHECK_CALLS) {
      return;
    }
    checking = false;
    checkEnded = now;
    sinceCheck = 0;
    checkGap *= 2;
    epoch++;
    raised = now;
    if (checkRefused <= 1) { // half the pace stopped them: a limit
      limited = true;
      fellFrom = checkPace;
      pace = Math.min(checkPace * DECREASE, Math.max(pace, checkAnswered * DECREASE));
    } else { // they go on at half the pace: background, which says nothing about a rate
      limited = false;
      pace = Double.POSITIVE_INFINITY;
    }
  }

  /** The call was not sent after all (the client refused it before sending): it is not counted. */
  public synchronized void notSent() {
    inFlight--;
    calls--;
    notifyAll();
  }

  /** The call ended otherwise (refused records, a failure): the limits stay. */
  public synchronized void release() {
    inFlight--;
    notifyAll();
  }

  /**
   * Returns the current concurrency limit (1 to the cap).
   *
   * @return the current concurrency limit (1 to the cap)
   */
  public synchronized int concurrency() {
    return (int) Math.floor(concurrency);
  }

  /**
   * Returns the current pace in calls per second, or infinity when there is none yet.
   *
   * @return the current pace in calls per second, or infinity when there is none yet
   */
  public synchronized double pace() {
    return pace;
  }

  /**
   * Returns the most calls that were ever in flight at once.
   *
   * @return the most calls that were ever in flight at once
   */
  public synchronized int mostInFlight() {
    return mostInFlight;
  }

  /**
   * Returns how many calls started.
   *
   * @return how many calls started
   */
  public synchronized long calls() {
    return calls;
  }

  /**
   * Returns how many calls were answered 429 or 503.
   *
   * @return how many calls were answered 429 or 503
   */
  public synchronized long refusedCalls() {
    return refused;
  }

  /**
   * Returns how many times the limits were lowered.
   *
   * @return how many times the limits were lowered
   */
  public synchronized long decreases() {
    return decreases;
  }

  /**
   * Returns how many checks of dense 429s were started.
   *
   * @return how many checks of dense 429s were started
   */
  public synchronized long checks() {
    return checks;
  }

  /**
   * Returns whether a check found that the 429s depend on the rate.
   *
   * @return whether a check found that the 429s depend on the rate
   */
  public synchronized boolean limited() {
    return limited;
  }

  /**
   * Returns the cap.
   *
   * @return the cap
   */
  public int max() {
    return max;
  }

  /** The times of the latest events, oldest overwritten first; guarded by the throttle's lock. */
  private static final class Times {
    private final long[] times = new long[4096];
    private long count;
    private long first;

    void add(long time) {
      if (count == 0) {
        first = time;
      }
      times[(int) (count++ % times.length)] = time;
    }

    /** The {@code i}-th latest time, 0 the latest; {@code i} below the count and the capacity. */
    private long latest(long i) {
      return times[(int) ((count - 1 - i) % times.length)];
    }

    /**
     * Events per second over the last {@code span} (or since the first event, if that is sooner);
     * when that holds fewer than {@link #RATE_CALLS} events, the rate of the {@code RATE_CALLS}
     * latest, over the time since the one before them.
     */
    double perSecond(long now, long span) {
      int n = (int) Math.min(count, times.length);
      int inSpan = 0;
      while (inSpan < n && now - latest(inSpan) < span) {
        inSpan++;
      }
      if (inSpan == n) { // every event is in the span: since the first, or the buffer is full
        long since = n < times.length ? now - first : now - latest(n - 1);
        return n * 1e9 / Math.max(1_000_000L, since);
      }
      if (inSpan >= RATE_CALLS) {
        return inSpan * 1e9 / span;
      }
      if (n <= RATE_CALLS) {
        return n * 1e9 / Math.max(1_000_000L, now - first);
      }
      return RATE_CALLS * 1e9 / Math.max(1_000_000L, now - latest(RATE_CALLS));
    }

    /** Events in the last {@code span}. */
    int count(long now, long span) {
      int n = (int) Math.min(count, times.length);
      int inSpan = 0;
      while (inSpan < n && now - latest(inSpan) < span) {
        inSpan++;
      }
      return inSpan;
    }

    /** The rule before: over the last second, or since the first event if that is sooner. */
    double legacyPerSecond(long now) {
      if (count == 0) {
        return 0;
      }
      long window = Math.min(SECOND, Math.max(1_000_000L, now - first));
      int n = (int) Math.min(count, times.length);
      int events = 0;
      long oldest = now;
      for (int i = 0; i < n; i++) {
        long t = latest(i);
        if (now - t > window) {
          break;
        }
        events++;
        oldest = t;
      }
      if (events == times.length) {
        window = Math.max(1_000_000L, now - oldest);
      }
      return events * 1e9 / window;
    }
  }
}
