package io.ecdp.customers.cli;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Durations counted in fixed log-linear buckets, for percentiles in constant memory however many
 * are recorded: each power of two from {@link #LOWEST} nanoseconds up to past {@link #HIGHEST} is
 * cut into {@value #SUB_BUCKETS} buckets of equal width, so a bucket is at most 1/{@value
 * #SUB_BUCKETS} (0.8%) of the values in it wide. A value below {@link #LOWEST} counts as {@link
 * #LOWEST}, one above {@link #HIGHEST} as {@link #HIGHEST}.
 *
 * <p>A percentile is the value at the nearest rank (the smallest value with at least that share of
 * the values at or below it), given as its bucket's middle, within the lowest and highest value
 * recorded: within 0.4% of the value (for values within the range). The first and the last rank are
 * exact: the lowest and the highest value recorded. Thread-safe; {@link #percentile} may run while
 * values are recorded.
 */
final class LatencyHistogram {

  /** The lowest value told apart: 1 µs, in nanoseconds. */
  static final long LOWEST = 1_000L;

  /** The highest value told apart: 10 minutes, in nanoseconds. */
  static final long HIGHEST = 600_000_000_000L;

  /** Buckets per power of two. */
  static final int SUB_BUCKETS = 128;

  private static final int SUB_BITS = Integer.numberOfTrailingZeros(SUB_BUCKETS);
  private static final int LOWEST_EXPONENT = exponent(LOWEST);
  private static final int HIGHEST_EXPONENT = exponent(HIGHEST);

  /** How many buckets there are: 31 powers of two of 128, 3,968 longs. */
  static final int BUCKETS = (HIGHEST_EXPONENT - LOWEST_EXPONENT + 1) * SUB_BUCKETS;

  private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
  private final AtomicLong count = new AtomicLong();
  private final AtomicLong min = new AtomicLong(Long.MAX_VALUE);
  private final AtomicLong max = new AtomicLong(Long.MIN_VALUE);

  /** Counts one duration, in nanoseconds. */
  void record(long nanos) {
    long v = Math.max(LOWEST, Math.min(HIGHEST, nanos));
    counts.incrementAndGet(index(v));
    min.accumulateAndGet(v, Math::min);
    max.accumulateAndGet(v, Math::max);
    count.incrementAndGet();
  }

  /** How many durations were recorded. */
  long count() {
    return count.get();
  }

  /**
   * The {@code percent} percentile, in nanoseconds: the value at the nearest rank ({@code
   * ceil(percent / 100 * count)}, at least 1) to within its bucket; -1 when nothing was recorded.
   */
  long percentile(double percent) {
    if (!(percent >= 0 && percent <= 100)) {
      throw new IllegalArgumentException("percent: " + percent);
    }
    long total = 0;
    for (int i = 0; i < BUCKETS; i++) {
      total += counts.get(i);
    }
    if (total == 0) {
      return -1;
    }
    long rank = Math.max(1, (long) Math.ceil(percent / 100 * total));
    if (rank == 1 && min.get() != Long.MAX_VALUE) {
      return min.get(); // the lowest value recorded is the first rank's, exactly
    }
    if (rank >= total && max.get() != Long.MIN_VALUE) {
      return max.get(); // and the highest the last one's
    }
    long seen = 0;
    int at = BUCKETS - 1;
    for (int i = 0; i < BUCKETS; i++) {
      seen += counts.get(i);
      if (seen >= rank) {
        at = i;
        break;
      }
    }
    long middle = lowestIn(at) + width(at) / 2;
    return Math.max(min.get(), Math.min(max.get(), middle));
  }

  /** The bucket of {@code v}, which is within {@link #LOWEST} and {@link #HIGHEST}. */
  static int index(long v) {
    int e = exponent(v);
    int sub = (int) ((v - (1L << e)) >> (e - SUB_BITS));
    return (e - LOWEST_EXPONENT) * SUB_BUCKETS + sub;
  }

  /** The lowest value of bucket {@code i}. */
  static long lowestIn(int i) {
    int e = LOWEST_EXPONENT + i / SUB_BUCKETS;
    return (1L << e) + (long) (i % SUB_BUCKETS) * width(i);
  }

  /** The width of bucket {@code i}: how many values it holds. */
  static long width(int i) {
    return 1L << (LOWEST_EXPONENT + i / SUB_BUCKETS - SUB_BITS);
  }

  private static int exponent(long v) {
    return 63 - Long.numberOfLeadingZeros(v);
  }
}
