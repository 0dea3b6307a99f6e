package io.ecdp.customers.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The percentiles of the import's call latencies: known inputs, bucket bounds, many threads. */
class LatencyHistogramTest {

  private static final long MS = 1_000_000L;

  @Test
  void nothingRecorded_hasNoPercentile() {
    LatencyHistogram h = new LatencyHistogram();
    assertThat(h.count()).isZero();
    assertThat(h.percentile(50)).isEqualTo(-1);
    assertThat(h.percentile(99)).isEqualTo(-1);
  }

  @Test
  void oneValue_isEveryPercentile_exactly() {
    LatencyHistogram h = new LatencyHistogram();
    h.record(12_345_678);
    for (double p : new double[] {0, 1, 50, 99, 100}) {
      assertThat(h.percentile(p)).as("p%s", p).isEqualTo(12_345_678);
    }
  }

  @Test
  void oneToAHundredMilliseconds_p50Is50_p99Is99_withinTheBucketPrecision() {
    LatencyHistogram h = new LatencyHistogram();
    for (int i = 100; i >= 1; i--) { // the order does not matter
      h.record(i * MS);
    }
    assertThat(h.count()).isEqualTo(100);
    // Nearest rank: the 50th and the 99th of 100 values; within 0.4% (half a 1/128 bucket).
    assertThat((double) h.percentile(50)).isCloseTo(50 * MS, within(0.004 * 50 * MS));
    assertThat((double) h.percentile(99)).isCloseTo(99 * MS, within(0.004 * 99 * MS));
    assertThat(h.percentile(100)).as("the highest, exactly").isEqualTo(100 * MS);
    assertThat(h.percentile(0)).as("the lowest, exactly").isEqualTo(1 * MS);
  }

  @Test
  void p99_isTheNearestRank_aTailOfOnePercentIsAboveIt() {
    LatencyHistogram h = new LatencyHistogram();
    for (int i = 0; i < 990; i++) {
      h.record(2 * MS);
    }
    for (int i = 0; i < 10; i++) {
      h.record(1_000 * MS);
    }
    assertThat(h.percentile(50)).isCloseTo(2 * MS, within(8 * MS / 1000));
    assertThat(h.percentile(99)).as("the 990th of 1,000").isCloseTo(2 * MS, within(8 * MS / 1000));
    assertThat(h.percentile(99.1)).as("the 991st").isEqualTo(1_000 * MS);
  }

  @Test
  void valuesOutsideTheRange_countAsItsEnds() {
    LatencyHistogram h = new LatencyHistogram();
    h.record(0);
    h.record(-5);
    assertThat(h.percentile(100)).isEqualTo(LatencyHistogram.LOWEST);
    h.record(Long.MAX_VALUE);
    assertThat(h.percentile(100)).isEqualTo(LatencyHistogram.HIGHEST);
    assertThat(h.count()).isEqualTo(3);
    assertThatThrownBy(() -> h.percentile(101)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> h.percentile(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void buckets_coverTheRangeInOrder_eachAtMostOneIn128OfItsValuesWide() {
    assertThat(LatencyHistogram.BUCKETS).as("a few thousand longs").isEqualTo(31 * 128);
    assertThat(LatencyHistogram.index(LatencyHistogram.LOWEST))
        .as("in the first power of two")
        .isLessThan(128);
    assertThat(LatencyHistogram.index(LatencyHistogram.HIGHEST))
        .isLessThan(LatencyHistogram.BUCKETS);
    for (int i = 0; i < LatencyHistogram.BUCKETS; i++) {
      long low = LatencyHistogram.lowestIn(i);
      long width = LatencyHistogram.width(i);
      assertThat(width * 128).as("bucket %d", i).isLessThanOrEqualTo(low);
      assertThat(LatencyHistogram.index(low)).as("bucket %d's lowest", i).isEqualTo(i);
      assertThat(LatencyHistogram.index(low + width - 1)).as("bucket %d's highest", i).isEqualTo(i);
      if (i + 1 < LatencyHistogram.BUCKETS) {
        assertThat(LatencyHistogram.lowestIn(i + 1)).isEqualTo(low + width);
      }
    }
  }

  @Test
  void randomValues_percentilesAreTheSortedValuesAtTheNearestRank_within0point4Percent() {
    Random random = new Random(7);
    for (int round = 0; round < 20; round++) {
      int n = 1 + random.nextInt(5_000);
      long[] values = new long[n];
      LatencyHistogram h = new LatencyHistogram();
      for (int i = 0; i < n; i++) {
        // Log-uniform from 10 µs to 100 s: every power of two of the range gets some.
        values[i] = (long) Math.pow(10, 4 + random.nextDouble() * 7);
        h.record(values[i]);
      }
      Arrays.sort(values);
      for (double p : new double[] {1, 25, 50, 90, 99, 99.9, 100}) {
        long exact = values[(int) Math.max(1, Math.ceil(p / 100 * n)) - 1];
        assertThat((double) h.percentile(p))
            .as("round %d, %d values, p%s", round, n, p)
            .isCloseTo((double) exact, within(exact * 0.004));
      }
    }
  }

  @Test
  void recordedFromManyThreads_nothingIsLost() throws Exception {
    LatencyHistogram h = new LatencyHistogram();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        done.add(
            pool.submit(
                () -> {
                  for (int i = 1; i <= 10_000; i++) {
                    h.record(i * 1_000L);
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(h.count()).isEqualTo(40_000);
    assertThat(h.percentile(100)).isEqualTo(10_000_000L);
    assertThat((double) h.percentile(50)).isCloseTo(5_000_000, within(5_000_000 * 0.004));
  }
}
