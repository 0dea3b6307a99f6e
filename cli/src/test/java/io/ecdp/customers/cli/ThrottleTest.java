package io.ecdp.customers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The import's adaptive concurrency and pace, counted on a clock of the test's own. */
class ThrottleTest {

  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final AtomicLong slept = new AtomicLong();

  private Throttle throttle(int max) {
    return new Throttle(
        max,
        now::get,
        nanos -> {
          slept.addAndGet(nanos);
          now.addAndGet(nanos); // waiting lets the test's clock run
        });
  }

  @Test
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
                if (ThreadLocalRandom.current().nextInt(10) == 0) {
                  t.refused(p);
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
    t.refused(t.acquire());
    assertThat(t.concurrency()).isEqualTo(2);
    t.refused(t.acquire());
    t.refused(t.acquire());
    assertThat(t.concurrency()).as("never below one").isEqualTo(1);
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
  }

  @Test
  void successes_raiseTheConcurrencyAgain_neverAboveTheCap() throws Exception {
    Throttle t = throttle(8);
    for (int i = 0; i < 4; i++) {
      t.refused(t.acquire());
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
  void pace_startsAtTheFirstRefusal_belowTheSuccessesOfTheLastSecond() throws Exception {
    Throttle t = throttle(4);
    assertThat(t.pace()).isInfinite();
    for (int i = 0; i < 50; i++) { // 50 calls in one second
      now.addAndGet(20_000_000L);
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
}
