package io.ecdp.customers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The progress line's rate and ETA follow the recent pace, not an early burst. */
class ProgressTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void afterAnEarlyBurst_theRateAndEtaFollowTheLastSeconds() {
    AtomicLong now = new AtomicLong(SECOND);
    AtomicLong bytes = new AtomicLong();
    Progress.Counters counters = new Progress.Counters();
    try (Progress p =
        new Progress(
            Progress.Mode.NONE,
            new PrintWriter(new StringWriter()),
            1_000_000, // 10,000 records of 100 bytes
            bytes::get,
            counters,
            now::get)) {
      // A burst: 2,000 records in the first second.
      now.addAndGet(SECOND);
      counters.read.set(2_000);
      counters.accepted.set(2_000);
      bytes.set(200_000);
      p.line();
      // Then the service slows the import to 10 records a second, for 30 seconds.
      for (int s = 0; s < 30; s++) {
        now.addAndGet(SECOND);
        counters.read.addAndGet(10);
        counters.accepted.addAndGet(10);
        bytes.addAndGet(1_000);
        p.line();
      }
      String line = p.line();
      // 2,300 done, 7,700 left at 10 a second: 770 s, 12:50; the burst's average would say 2:47.
      assertThat(line).contains(" 10 records/s").endsWith("ETA 12:50");
    }
  }
}
