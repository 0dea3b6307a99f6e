package io.ecdp.customers.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The import's adaptive concurrency and pace, counted on a clock of the test's own. */
class ThrottleTest {

  private static final long MS = 1_000_000L;
  private static final long SECOND = 1_000_000_000L;

  private final AtomicLong now = new AtomicLong(SECOND);
  private final AtomicLong slept = new AtomicLong();

  private Throttle throttle(int max) {
    return throttle(max, Throttle.Rule.DEFAULT);
  }

  private Throttle throttle(int max, Throttle.Rule rule) {
    return new Throttle(
        max,
        now::get,
        nanos -> {
          slept.addAndGet(nanos);
          now.addAndGet(nanos); // waiting lets the test's clock run
        },
        rule);
  }

  @Test
  @SuppressWarnings("ThreadPriorityCheck") // yield() only widens the window the test looks into
  void concurrency_neverExceedsTheCap_underManyThreads() throws Exception {
    Throttle t = throttle(4); // on the test's clock: a pace never makes a thread really wait
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    List<Future<?>> calls = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      calls.add(
          pool.submit(
              () -> {
                Throttle.Permit p = t.acquire();
                most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                Thread.yield();
                inFlight.decrementAndGet();
                int draw = ThreadLocalRandom.current().nextInt(10);
                if (draw == 0) {
                  t.refused(p);
                } else if (draw == 1) {
                  t.unavailable(p);
                } else {
                  t.succeeded(p);
                }
                return null;
              }));
    }
    for (Future<?> f : calls) {
      f.get();
    }
    pool.shutdown();
    assertThat(most.get()).isBetween(1, 4);
    assertThat(t.mostInFlight()).isBetween(1, 4);
    assertThat(t.calls()).isEqualTo(2000);
  }

  @Test
  void refusals_halveTheConcurrency_oncePerRoundOfCalls() throws Exception {
    Throttle t = throttle(8);
    List<Throttle.Permit> round = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      round.add(t.acquire());
    }
    round.forEach(t::refused); // eight 429s of calls that were all in flight together
    assertThat(t.concurrency()).isEqualTo(4);
    assertThat(t.decreases()).isEqualTo(1);
    assertThat(t.refusedCalls()).isEqualTo(8);
    for (int halvings = 0; halvings < 3; halvings++) {
      // Enough calls that the dense 429s above are out of the window, and any check they
      // started is over: the next 429 is isolated, and takes the full step.
      for (int i = 0; i < 2 * Throttle.WINDOW + Throttle.CHECK_CALLS; i++) {
        t.succeeded(t.acquire());
      }
      int before = t.concurrency();
      long decreases = t.decreases();
      t.refused(t.acquire());
      assertThat(t.concurrency()).isBetween(before / 2 - 1, (before + 1) / 2);
      assertThat(t.decreases()).isEqualTo(decreases + 1);
    }
    for (int i = 0; i < 100; i++) {
      t.refused(t.acquire());
      assertThat(t.concurrency()).as("never below one").isGreaterThanOrEqualTo(1);
    }
    for (int i = 0; i < 3; i++) {
      t.unavailable(t.acquire());
    }
    assertThat(t.concurrency()).isEqualTo(1);
  }

  @Test
  void anIsolated429_lowersTheLimitsByTheFullStep_andTheyReturnWithinBoundedSuccessfulCalls()
      throws Exception {
    // Batches of 500 take a client and the service about 200 ms: 5 calls a second, 4 at a time.
    Throttle t = throttle(4);
    for (int i = 0; i < 50; i++) {
      now.addAndGet(200 * MS);
      t.succeeded(t.acquire());
    }
    for (int round = 0; round < 3; round++) {
      now.addAndGet(200 * MS);
      t.refused(t.acquire());
      assertThat(t.concurrency()).isEqualTo(2);
      assertThat(t.pace()).as("90% of 5 calls a second").isCloseTo(4.5, within(0.3));
      int calls = 0;
      while (t.concurrency() < 4 || t.pace() < 5) {
        now.addAndGet(200 * MS); // the service answers in 200 ms; the pace may space calls more
        t.succeeded(t.acquire());
        calls++;
        // (1 - DECREASE) / INCREASE_PER_SECOND: a full step made good in 2 seconds of calls
        assertThat(calls).as("back to the cap and the rate before").isLessThanOrEqualTo(15);
      }
      for (int i = 0; i < 50; i++) { // calls go on succeeding: the pace keeps rising
        now.addAndGet(200 * MS);
        t.succeeded(t.acquire());
      }
      assertThat(t.concurrency()).isEqualTo(4);
      assertThat(t.pace()).isGreaterThan(5);
    }
  }

  @Test
  void theRuleBefore_cameBackFarMoreSlowly() throws Exception {
    Throttle t = throttle(4, Throttle.Rule.LEGACY);
    for (int i = 0; i < 50; i++) {
      now.addAndGet(200 * MS);
      t.succeeded(t.acquire());
    }
    now.addAndGet(200 * MS);
    t.refused(t.acquire());
    for (int i = 0; i < 60; i++) {
      now.addAndGet(200 * MS);
      t.succeeded(t.acquire());
    }
    assertThat(t.pace()).as("a thousandth per call: 10% takes 106 calls").isLessThan(5);
  }

  @Test
  void frequent429s_eachLowerTheLimitsByLittle() throws Exception {
    Throttle t = throttle(4);
    for (int i = 0; i < 50; i++) {
      now.addAndGet(200 * MS);
      t.succeeded(t.acquire());
    }
    now.addAndGet(200 * MS);
    t.refused(t.acquire());
    for (int i = 0; i < 3; i++) {
      now.addAndGet(200 * MS);
      t.succeeded(t.acquire());
    }
    double pace = t.pace();
    int concurrency = t.concurrency();
    t.refused(t.acquire()); // four calls after the previous 429: a fifth of the full step
    double step = 4.0 / Throttle.SPACING;
    assertThat(t.pace()).isCloseTo(pace * (1 - (1 - Throttle.DECREASE) * step), within(0.1));
    assertThat(t.concurrency()).isGreaterThanOrEqualTo((int) (concurrency * (1 - step / 2)));
    for (int i = 0; i < 200; i++) { // a 429 every fifth call
      now.addAndGet(200 * MS);
      if (i % 5 == 4) {
        t.refused(t.acquire());
      } else {
        t.succeeded(t.acquire());
      }
    }
    assertThat(t.pace()).as("at least the rate before").isGreaterThanOrEqualTo(4.5);
  }

  @Test
  void unavailable_halvesTheConcurrency_butSetsNoPace() throws Exception {
    Throttle t = throttle(8);
    for (int i = 0; i < 20; i++) {
      t.succeeded(t.acquire());
    }
    t.unavailable(t.acquire());
    assertThat(t.concurrency()).isEqualTo(4);
    assertThat(t.pace()).isInfinite();
    assertThat(t.refusedCalls()).isEqualTo(1);
    for (int i = 0; i < 100; i++) {
      now.addAndGet(20 * MS);
      if (i % 5 == 0) {
        t.unavailable(t.acquire());
      } else {
        t.succeeded(t.acquire());
      }
      assertThat(t.pace()).as("503s never set a pace").isInfinite();
    }
    assertThat(slept.get()).as("no pace, no waiting").isZero();
    for (int i = 0; i < 40; i++) {
      t.succeeded(t.acquire());
    }
    assertThat(t.concurrency()).as("back to the cap").isEqualTo(8);
  }

  @Test
  void successes_raiseTheConcurrencyAgain_neverAboveTheCap() throws Exception {
    Throttle t = throttle(8);
    for (int i = 0; i < 3; i++) {
      t.unavailable(t.acquire());
    }
    assertThat(t.concurrency()).isEqualTo(1);
    int calls = 0;
    while (t.concurrency() < 8) {
      t.succeeded(t.acquire());
      calls++;
      assertThat(calls).as("rises within a bounded number of calls").isLessThan(100);
    }
    for (int i = 0; i < 1000; i++) {
      t.succeeded(t.acquire());
    }
    assertThat(t.concurrency()).isEqualTo(8);
  }

  @Test
  void pace_startsAtTheFirstRefusal_belowTheCallsOfTheLastSecond() throws Exception {
    Throttle t = throttle(4);
    assertThat(t.pace()).isInfinite();
    for (int i = 0; i < 50; i++) { // 50 calls in one second
      now.addAndGet(20 * MS);
      t.succeeded(t.acquire());
    }
    assertThat(slept.get()).as("no pace, no waiting").isZero();
    t.refused(t.acquire());
    assertThat(t.pace()).isBetween(40.0, 50.0);
    double pace = t.pace();
    // The next calls are spaced by the pace: 10 calls wait about 10 / pace seconds in all.
    for (int i = 0; i < 10; i++) {
      t.succeeded(t.acquire());
    }
    assertThat(slept.get() / 1e9).isBetween(9 / pace, 12 / pace);
    assertThat(t.pace()).as("successes raise the pace").isGreaterThan(pace);
  }

  @Test
  void aFirstRefusalBeforeAnySuccess_setsThePaceFromTheCallsSent() throws Exception {
    Throttle t = throttle(4);
    List<Throttle.Permit> first = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      first.add(t.acquire());
    }
    now.addAndGet(200 * MS); // slow first calls: four in 0.2 s, 20 a second
    t.refused(first.get(0));
    assertThat(t.pace()).as("not the 0 calls a second that succeeded").isCloseTo(18, within(1));
  }

  @Test
  void againstAFixedAllowance_itConvergesNearIt_withFewRefusals() throws Exception {
    for (int allowance : new int[] {2, 5, 10, 20, 50, 100}) {
      Simulation s = new Simulation(throttle(8), 8, 10 * MS, allowance, 0, 60 * SECOND);
      s.run();
      double stored = s.storedPerSecond(10 * SECOND);
      System.out.printf(
          "allowance %d: %.3f %.4f%n", allowance, stored / allowance, s.refusedShare(10 * SECOND));
      assertThat(stored / allowance)
          .as("share of %d calls a second used from 10 s on", allowance)
          .isGreaterThanOrEqualTo(0.9);
      assertThat(s.refusedShare(10 * SECOND))
          .as("share of calls answered 429 from 10 s on, at %d a second", allowance)
          .isLessThanOrEqualTo(0.05);
      assertThat(s.mostInFlight).isLessThanOrEqualTo(8);
    }
  }

  @Test
  void randomRefusals_doNotTakeThePaceDown() throws Exception {
    // A fifth of the calls answered 429 whatever the rate; calls take 400 ms, 4 at a time, as
    // batches of 500 do. Each refused call also keeps its worker a second (its Retry-After): at
    // best a worker stores a call every 0.4 + (0.4 + 1) / 4 seconds, 5.3 calls a second for 4.
    double best = 4 / (0.4 + (0.4 + 1) / 4);
    Simulation probe =
        new Simulation(throttle(4, Throttle.Rule.DEFAULT), 4, 400 * MS, 0, 0.2, 120 * SECOND);
    probe.run();
    now.set(SECOND);
    Simulation before =
        new Simulation(throttle(4, Throttle.Rule.LEGACY), 4, 400 * MS, 0, 0.2, 120 * SECOND);
    before.run();
    System.out.printf(
        "random 429s: %.2f and %.2f calls stored a second, the most %.2f%n",
        probe.storedPerSecond(10 * SECOND), before.storedPerSecond(10 * SECOND), best);
    assertThat(probe.storedPerSecond(10 * SECOND) / before.storedPerSecond(10 * SECOND))
        .as("calls stored a second from 10 s on, against the rule before in the same run")
        .isGreaterThanOrEqualTo(5);
    assertThat(probe.storedPerSecond(10 * SECOND) / best)
        .as("calls stored a second from 10 s on, against the most a client can")
        .isGreaterThanOrEqualTo(0.5);
    assertThat(probe.mostInFlight).isLessThanOrEqualTo(4);
  }

  private static org.assertj.core.data.Offset<Double> within(double offset) {
    return org.assertj.core.data.Offset.offset(offset);
  }

  /**
   * An import on the test's clock, one thread, event by event: workers that each send a call, wait
   * the {@code Retry-After} of a 429 (1 s) and send it again; a service that answers after a fixed
   * latency, refusing calls beyond an allowance (a token bucket holding a second's calls, as the
   * sandbox's) and a share of calls at random. The throttle's waits do not run the clock: a call
   * starts when its turn comes, as the event queue says.
   */
  private final class Simulation {
    private final Throttle throttle;
    private final int workers;
    private final long latency;
    private final int allowance;
    private final double randomShare;
    private final long duration;
    private final Random random = new Random(42);
    private final PriorityQueue<long[]> events = // {time, sequence, kind, worker, epoch, ok}
        new PriorityQueue<>(
            (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
    private final ArrayDeque<Integer> waiting = new ArrayDeque<>();
    private final List<long[]> answers = new ArrayList<>(); // {time, ok}
    private long sequence;
    private int inFlight;
    private int mostInFlight;
    private double tokens;
    private long refilled;

    Simulation(
        Throttle throttle,
        int workers,
        long latency,
        int allowance,
        double randomShare,
        long duration) {
      this.throttle = throttle;
      this.workers = workers;
      this.latency = latency;
      this.allowance = allowance;
      this.randomShare = randomShare;
      this.duration = duration;
      this.tokens = allowance;
    }

    private static final int READY = 0;
    private static final int ARRIVE = 1;
    private static final int DONE = 2;

    void run() throws InterruptedException {
      long start = now.get();
      refilled = start;
      for (int w = 0; w < workers; w++) {
        push(start, READY, w, 0, 0);
      }
      while (!events.isEmpty()) {
        long[] e = events.poll();
        now.set(e[0]);
        int worker = (int) e[3];
        if (e[2] == READY) {
          if (e[0] - start < duration) {
            waiting.add(worker);
          }
        } else if (e[2] == ARRIVE) {
          push(e[0] + latency, DONE, worker, e[4], admit(e[0]) ? 1 : 0);
        } else {
          inFlight--;
          answers.add(new long[] {e[0] - start, e[5]});
          Throttle.Permit permit = new Throttle.Permit(e[4]);
          if (e[5] == 1) {
            throttle.succeeded(permit);
            push(e[0], READY, worker, 0, 0);
          } else {
            throttle.refused(permit);
            push(e[0] + SECOND, READY, worker, 0, 0);
          }
        }
        startWaiting();
      }
    }

    private void startWaiting() throws InterruptedException {
      while (!waiting.isEmpty() && inFlight < throttle.concurrency()) {
        int worker = waiting.poll();
        inFlight++;
        mostInFlight = Math.max(mostInFlight, inFlight);
        long before = slept.get();
        long at = now.get();
        Throttle.Permit permit = throttle.acquire();
        long wait = slept.get() - before;
        now.set(at); // the wait is the call's own: other events come first
        push(at + wait, ARRIVE, worker, permit.epoch, 0);
      }
    }

    private boolean admit(long time) {
      if (allowance > 0) {
        tokens = Math.min(allowance, tokens + (time - refilled) * allowance / 1e9);
        refilled = time;
        if (tokens < 1) {
          return false;
        }
        tokens -= 1;
      }
      return random.nextDouble() >= randomShare;
    }

    private void push(long time, int kind, int worker, long epoch, long ok) {
      events.add(new long[] {time, sequence++, kind, worker, epoch, ok});
    }

    double storedPerSecond(long from) {
      long stored = answers.stream().filter(a -> a[0] >= from && a[1] == 1).count();
      long end = answers.get(answers.size() - 1)[0];
      return stored * 1e9 / (end - from);
    }

    double refusedShare(long from) {
      long all = answers.stream().filter(a -> a[0] >= from).count();
      long refused = answers.stream().filter(a -> a[0] >= from && a[1] == 0).count();
      return (double) refused / all;
    }
  }
}
