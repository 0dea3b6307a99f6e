package io.ecdp.customers.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OrderedLanesTest {

  @Test
  void submit_sameLane_runsOneAtATimeInSubmissionOrder() throws Exception {
    List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger inLane = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();
    try (OrderedLanes lanes = new OrderedLanes(4, "test")) {
      for (int i = 0; i < 500; i++) {
        int n = i;
        lanes.submit(
            7,
            () -> {
              if (inLane.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
              }
              seen.add(-1); // a window in which an overlapping task would be seen
              seen.remove(seen.size() - 1);
              seen.add(n);
              inLane.decrementAndGet();
            });
      }
      lanes.awaitIdle();
    }
    assertThat(overlaps.get()).isZero();
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      expected.add(i);
    }
    assertThat(seen).isEqualTo(expected);
  }

  @Test
  void submit_otherLanes_runInParallel() throws Exception {
    CountDownLatch bothRunning = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger met = new AtomicInteger();
    try (OrderedLanes lanes = new OrderedLanes(2, "test")) {
      for (int lane = 0; lane < 2; lane++) {
        lanes.submit(
            lane,
            () -> {
              bothRunning.countDown();
              try {
                if (bothRunning.await(30, TimeUnit.SECONDS)) {
                  met.incrementAndGet();
                }
                release.await(30, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
      }
      assertThat(bothRunning.await(30, TimeUnit.SECONDS)).as("both lanes ran at once").isTrue();
      assertThat(lanes.pending()).isEqualTo(2);
      release.countDown();
      lanes.awaitIdle();
    }
    assertThat(met.get()).isEqualTo(2);
  }

  @Test
  void awaitPendingAtMost_holdsTheProducerBackUntilATaskEnds() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (OrderedLanes lanes = new OrderedLanes(1, "test")) {
      lanes.submit(
          () -> {
            try {
              release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
      Thread producer =
          new Thread(
              () -> {
                try {
                  lanes.awaitPendingAtMost(0);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      producer.start();
      producer.join(200);
      assertThat(producer.isAlive()).as("held back while the task runs").isTrue();
      release.countDown();
      producer.join(30_000);
      assertThat(producer.isAlive()).isFalse();
    }
  }

  @Test
  void failure_isTheFirstExceptionATaskThrew_andTheLaneGoesOn() throws Exception {
    AtomicInteger ran = new AtomicInteger();
    try (OrderedLanes lanes = new OrderedLanes(2, "test")) {
      lanes.submit(
          1,
          () -> {
            throw new IllegalStateException("first");
          });
      lanes.submit(1, ran::incrementAndGet);
      lanes.awaitIdle();
      assertThat(lanes.failure()).get().extracting(Throwable::getMessage).isEqualTo("first");
    }
    assertThat(ran.get()).isEqualTo(1);
  }
}
