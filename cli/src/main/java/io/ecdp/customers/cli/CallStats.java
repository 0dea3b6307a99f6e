package io.ecdp.customers.cli;

import io.ecdp.customers.events.AttemptEnded;
import io.ecdp.customers.events.AttemptStarted;
import io.ecdp.customers.events.CallEnded;
import io.ecdp.customers.events.CallListener;
import io.ecdp.customers.events.CallObserver;
import io.ecdp.customers.events.CallStarted;
import io.ecdp.customers.events.RequestHeaders;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts a client's calls as the client tells of them ({@link CallListener}): calls ended, requests
 * sent (attempts), those the client sent again (attempts after the first of a call), those
 * answered, those answered {@code 429}, and each call's duration (its own retries and their waits
 * included) for percentiles. Thread-safe: calls run at once on many threads, and the counts are
 * read while they do.
 */
final class CallStats implements CallListener {

  /**
   * The figures at one moment.
   *
   * @param calls calls ended
   * @param requests requests sent: attempts, answered or not
   * @param retries attempts after the first of their call, i.e. sent again by the client
   * @param answered requests the server answered with a status
   * @param rateLimited requests answered {@code 429}
   * @param p50Nanos the median call duration in nanoseconds; -1 when no call ended
   * @param p99Nanos the 99th percentile call duration in nanoseconds; -1 when no call ended
   */
  record Snapshot(
      long calls,
      long requests,
      long retries,
      long answered,
      long rateLimited,
      long p50Nanos,
      long p99Nanos) {

    /** The share of the answered requests that were {@code 429}s: 0 when none was answered. */
    double rateLimitedShare() {
      return answered == 0 ? 0 : (double) rateLimited / answered;
    }
  }

  private final LongAdder calls = new LongAdder();
  private final LongAdder requests = new LongAdder();
  private final LongAdder retries = new LongAdder();
  private final LongAdder answered = new LongAdder();
  private final LongAdder rateLimited = new LongAdder();
  private final LatencyHistogram latency = new LatencyHistogram();

  /** One observer for every call: it keeps nothing of a call's own, only the shared counts. */
  private final CallObserver observer =
      new CallObserver() {
        @Override
        public void attemptStarted(AttemptStarted attempt, RequestHeaders headers) {
          if (attempt.attempt() > 1) {
            retries.increment();
          }
        }

        @Override
        public void attemptEnded(AttemptEnded attempt) {
          requests.increment();
          if (attempt.status().isPresent()) {
            answered.increment();
            if (attempt.status().getAsInt() == 429) {
              rateLimited.increment();
            }
          }
        }

        @Override
        public void callEnded(CallEnded call) {
          latency.record(call.duration().toNanos());
          calls.increment();
        }
      };

  @Override
  public CallObserver callStarted(CallStarted call) {
    return observer;
  }

  /** Calls ended so far. */
  long calls() {
    return calls.sum();
  }

  /** Requests sent again by the client so far. */
  long retries() {
    return retries.sum();
  }

  /** Requests answered {@code 429} so far. */
  long rateLimited() {
    return rateLimited.sum();
  }

  /** Requests sent so far. */
  long requests() {
    return requests.sum();
  }

  /** The figures now, the percentiles included. */
  Snapshot snapshot() {
    return new Snapshot(
        calls.sum(),
        requests.sum(),
        retries.sum(),
        answered.sum(),
        rateLimited.sum(),
        latency.percentile(50),
        latency.percentile(99));
  }
}
