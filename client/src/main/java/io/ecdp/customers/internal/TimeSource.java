package io.ecdp.customers.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * The time the executor and the response mapper read, and the waits between attempts: the system's
 * in the client, a virtual one in tests, so that every timeout and retry is tested by counting
 * attempts in virtual time.
 */
public interface TimeSource {

  /**
   * Returns a monotonic time in nanoseconds, for deadlines.
   *
   * @return the time
   */
  long nanoTime();

  /**
   * Returns the wall-clock time, against which dates in {@code Retry-After} are read.
   *
   * @return the instant
   */
  Instant now();

  /**
   * Waits.
   *
   * @param delay how long
   * @throws InterruptedException if the thread is interrupted
   */
  void sleep(Duration delay) throws InterruptedException;

  /** The system's clock. */
  TimeSource SYSTEM =
      new TimeSource() {
        @Override
        public long nanoTime() {
          return System.nanoTime();
        }

        @Override
        public Instant now() {
          return Instant.now();
        }

        @Override
        public void sleep(Duration delay) throws InterruptedException {
          Thread.sleep(delay.toMillis(), (int) (delay.toNanos() % 1_000_000));
        }
      };
}
