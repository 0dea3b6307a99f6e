package io.ecdp.bench;

import io.ecdp.customers.CustomersClient;
import io.ecdp.customers.RetryPolicy;
import io.ecdp.customers.imports.BatchListener;
import io.ecdp.customers.imports.BatchOutcome;
import io.ecdp.customers.imports.BatchSender;
import io.ecdp.customers.imports.OrderedLanes;
import io.ecdp.customers.imports.Refusal;
import io.ecdp.customers.imports.Throttle;
import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import io.ecdp.customers.sandbox.CustomersSandbox;
import io.ecdp.customers.sandbox.Faults;
import io.ecdp.customers.sandbox.RecordErrors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs the import's load harness (not JMH: each figure is one import): what refused batches cost
 * when the server names no record, how close the adaptive concurrency gets to a fixed allowance,
 * and the pace it keeps when a share of calls is refused whatever the rate. The last two compare
 * the import's throttle with the rule before it ({@link Throttle.Rule#LEGACY}), measured in the
 * same run.
 *
 * <p>Each import drives the import engine's public API as {@code ecdp customers import} does: a
 * {@link BatchSender} on a client that hands 429s back, a {@link Throttle} of the rule compared,
 * and batches handed in order to the free workers of an {@link OrderedLanes} pool; the records are
 * {@link SampleRecords}, the customers of the command's sample file, built in memory (no file is
 * read, and no checkpoint or rejects file written). Run with {@code benchmarks/run import}; it
 * writes a Markdown section.
 */
public final class ImportBenchmarks {

  private static final int ROWS = 2_000;
  private static final int BATCH = 100;
  private static final Duration LATENCY = Duration.ofMillis(5);
  private static final int ROUNDS = Integer.getInteger("rounds", 3);

  // The random 429s: the defaults of `customers import`, `--rate-limited 0.2 --retry-after 1`.
  private static final int RANDOM_BATCH = 500;
  private static final int RANDOM_CONCURRENCY = 4;
  private static final double RANDOM_SHARE = 0.2;
  private static final Duration RANDOM_RETRY_AFTER = Duration.ofSeconds(1);

  /** The rules compared: the one before (the baseline), and the import's own. */
  private static final Throttle.Rule[] RULES = {Throttle.Rule.LEGACY, Throttle.Rule.DEFAULT};

  /** The client's retries, as the command line's: every 429 is handed back to the throttle. */
  private static final RetryPolicy PACED_BY_CALLER =
      RetryPolicy.builder().retryRateLimited(false).build();

  private ImportBenchmarks() {}

  /** Runs the scenarios and writes their Markdown section to {@code args[0]} (else the default). */
  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "benchmarks/target/IMPORT-RESULTS.md");
    Files.createDirectories(out.toAbsolutePath().getParent());
    StringBuilder md = new StringBuilder();
    md.append("## Import: refused batches and rate limits\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "Measured by `benchmarks/run import` (%s, Java %s, %d cores); each figure is the"
                + " median of %d imports. *Old* is the throttle's rule before the change (a 429"
                + " set the pace from the successful calls of the last second; each success"
                + " raised it by a thousandth), kept for this comparison only"
                + " (`Throttle.Rule.LEGACY`); *new* is the import's; both run in this JVM, in"
                + " turn.%n%n",
            java.time.LocalDate.now(java.time.ZoneId.systemDefault()),
            System.getProperty("java.version"),
            Runtime.getRuntime().availableProcessors(),
            ROUNDS));
    List<String> scenarios =
        Arrays.asList(System.getProperty("scenarios", "bisection,allowance,random").split(","));
    if (scenarios.contains("bisection")) {
      bisection(md);
    }
    if (scenarios.contains("allowance")) {
      allowance(md);
    }
    if (scenarios.contains("random")) {
      randomRefusals(md);
    }
    Files.writeString(out, md.toString());
    System.out.print(md);
    System.out.println("results: " + out);
  }

  /** One import's figures. */
  private record Run(double seconds, long calls, long accepted, long rejected, long throttled) {}

  /**
   * What became of the records of one import, told by the {@link BatchSender}: stored, refused,
   * parts sent again after a 429, and records left unfinished by a failed batch. Shared by the
   * threads that send; the counts are exact once the import is idle.
   */
  private static final class Counts implements BatchListener<CustomerRecord> {
    final LongAdder accepted = new LongAdder();
    final LongAdder refused = new LongAdder();
    final LongAdder resent = new LongAdder();
    final LongAdder failed = new LongAdder();

    @Override
    public void resending() {
      resent.increment();
    }

    @Override
    public void accepted(List<CustomerRecord> items) {
      accepted.add(items.size());
    }

    @Override
    public void refused(CustomerRecord item, Refusal why) {
      refused.increment();
    }

    /** Sends {@code batch} through {@code sender}, counting what becomes of it. */
    void send(BatchSender sender, List<CustomerRecord> batch) {
      try {
        BatchOutcome<CustomerRecord> outcome = sender.send(batch, r -> r, this);
        failed.add(outcome.unfinished().size());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failed.add(batch.size());
      }
    }
  }

  /**
   * Imports {@code records} as {@code ecdp customers import} does: in batches of {@code batch}, in
   * the order given, each handed to a free worker of a pool of {@code concurrency} (the reading
   * waits for one) that sends it through {@code sender}; no batch starts once {@code cutoff}
   * nanoseconds have passed. Returns the seconds from the start until every batch finished.
   */
  private static double importRecords(
      BatchSender sender,
      List<CustomerRecord> records,
      int batch,
      int concurrency,
      long cutoff,
      Counts counts)
      throws InterruptedException {
    long start = System.nanoTime();
    try (OrderedLanes pool = new OrderedLanes(concurrency, "bench-import")) {
      for (int from = 0; from < records.size(); from += batch) {
        pool.awaitPendingAtMost(concurrency - 1); // a worker is free
        if (System.nanoTime() - start >= cutoff) {
          break;
        }
        List<CustomerRecord> part = records.subList(from, Math.min(records.size(), from + batch));
        pool.submit(() -> counts.send(sender, part));
      }
      pool.awaitIdle();
      Throwable broken = pool.failure().orElse(null);
      if (broken != null) {
        throw new IllegalStateException("a batch failed unexpectedly", broken);
      }
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /** A sender of {@code client}'s calls, as the command line builds it. */
  private static BatchSender.Builder sender(CustomersClient client, UpsertMode mode) {
    return BatchSender.builder(client.customers())
        .mode(mode)
        .matchBy(MatchBy.EMAIL)
        .retryPolicy(PACED_BY_CALLER);
  }

  /**
   * A sender whose throttle follows {@code rule}, at most {@code concurrency} calls in flight, and
   * whose waits after a 429 are plain sleeps.
   */
  private static BatchSender sender(CustomersClient client, int concurrency, Throttle.Rule rule) {
    return sender(client, UpsertMode.ADD_OR_UPDATE)
        .throttle(new Throttle(concurrency, rule))
        .waiter(nanos -> TimeUnit.NANOSECONDS.sleep(nanos))
        .build();
  }

  private static Run importOnce(
      List<CustomerRecord> records,
      UpsertMode mode,
      RecordErrors errors,
      Faults faults,
      int seeded,
      int batch,
      int concurrency)
      throws Exception {
    try (CustomersSandbox sandbox =
            CustomersSandbox.builder().recordErrors(errors).faults(faults).start();
        CustomersClient client = unretried(sandbox)) {
      // The bad rows: customers already stored, refused by an Add. Spread evenly over the file.
      List<CustomerRecord> seed = new ArrayList<>();
      for (int k = 0; k < seeded; k++) {
        int step = ROWS / seeded;
        int i = k * step + Math.min(7, step - 1);
        seed.add(CustomerRecord.builder().email("customer" + i + "@example.com").build());
      }
      for (int from = 0; from < seed.size(); from += 500) {
        sandbox
            .store()
            .upsert(
                UpsertMode.ADD,
                MatchBy.EMAIL,
                seed.subList(from, Math.min(seed.size(), from + 500)));
      }
      BatchSender sender = sender(client, mode).maxInFlight(concurrency).build();
      Counts c = new Counts();
      double seconds = importRecords(sender, records, batch, concurrency, Long.MAX_VALUE, c);
      long accepted = c.accepted.sum();
      long rejected = c.refused.sum();
      if (c.failed.sum() > 0 || accepted + rejected != records.size()) {
        throw new IllegalStateException(
            "the import did not finish: " + accepted + " stored, " + rejected + " refused");
      }
      if (rejected != seeded) {
        throw new IllegalStateException("expected " + seeded + " rejected: " + rejected);
      }
      Throttle t = sender.throttle();
      return new Run(seconds, t.calls(), accepted, rejected, t.refusedCalls());
    }
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private static void bisection(StringBuilder md) throws Exception {
    List<CustomerRecord> records = SampleRecords.records(ROWS);
    md.append("### Refused batches: extra calls and time per bad record\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "%,d rows in batches of %d, concurrency 4, the sandbox adding %d ms to every call; the"
                + " bad rows are customers already stored, refused by `--mode Add`. The baseline"
                + " is the same import with no bad row (%d calls). *Named*: the sandbox names each"
                + " refused record in the spec's form (D13); *opaque*: it names none"
                + " (`--opaque-errors`), so the import halves refused batches.%n%n",
            ROWS,
            BATCH,
            LATENCY.toMillis(),
            ROWS / BATCH));
    md.append(
        "| bad rows | errors | calls | extra calls per bad record | seconds | extra ms per bad"
            + " record |\n");
    md.append("|---|---|---|---|---|---|\n");
    Faults faults = Faults.NONE.withLatency(LATENCY);
    double[] base = new double[ROUNDS];
    long baseCalls = 0;
    for (int r = 0; r < ROUNDS; r++) {
      Run run = importOnce(records, UpsertMode.ADD, RecordErrors.INDEXED, faults, 0, BATCH, 4);
      base[r] = run.seconds();
      baseCalls = run.calls();
    }
    double baseSeconds = median(base);
    md.append(
        String.format(
            Locale.ROOT, "| 0 (baseline) | – | %d | – | %.2f | – |%n", baseCalls, baseSeconds));
    for (double share : new double[] {0.01, 0.10}) {
      int bad = (int) Math.round(ROWS * share);
      for (RecordErrors errors : RecordErrors.values()) {
        double[] seconds = new double[ROUNDS];
        double[] calls = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
          Run run = importOnce(records, UpsertMode.ADD, errors, faults, bad, BATCH, 4);
          seconds[r] = run.seconds();
          calls[r] = run.calls();
        }
        double c = median(calls);
        double s = median(seconds);
        md.append(
            String.format(
                Locale.ROOT,
                "| %d (%.0f%%) | %s | %.0f | %.2f | %.2f | %.1f |%n",
                bad,
                share * 100,
                errors == RecordErrors.INDEXED ? "named" : "opaque",
                c,
                (c - baseCalls) / bad,
                s,
                (s - baseSeconds) * 1000 / bad));
      }
    }
    md.append('\n');
  }

  private static void allowance(StringBuilder md) throws Exception {
    md.append("### Adaptive concurrency against a fixed allowance\n\n");
    int seconds = Integer.getInteger("allowance.seconds", 20);
    int settle = Integer.getInteger("allowance.settle", 8);
    md.append(
        String.format(
            Locale.ROOT,
            "`--concurrency 8`, batches of 10, the sandbox allowing a fixed number of calls a"
                + " second (`--allowance N`: a token bucket holding one second's calls) and"
                + " adding 10 ms to every call; every other call is answered 429 with"
                + " `Retry-After`. The import runs about %d s; the steady state is measured from"
                + " %d s on (the first seconds are the search for the allowance). Target: at"
                + " least 90%% of the allowance, at most 5%% of calls answered 429.%n%n",
            seconds,
            settle));
    md.append(
        "| allowance (calls/s) | rule | stored calls/s, steady | share of the allowance | calls"
            + " answered 429, steady | whole run: calls/s, 429 share | most in flight |\n");
    md.append("|---|---|---|---|---|---|---|\n");
    for (int allowance : new int[] {20, 100}) {
      List<CustomerRecord> records = SampleRecords.records(allowance * seconds * 10);
      double[][] f = new double[RULES.length * ROUNDS][];
      for (int r = 0; r < ROUNDS; r++) {
        for (int k = 0; k < RULES.length; k++) {
          int i = r % 2 == 0 ? k : RULES.length - 1 - k; // the order alternates by round
          f[i * ROUNDS + r] = allowanceOnce(records, allowance, settle, RULES[i]);
        }
      }
      for (int i = 0; i < RULES.length; i++) {
        double[] rates = new double[ROUNDS];
        double[] refusedShares = new double[ROUNDS];
        double[] wholeRates = new double[ROUNDS];
        double[] wholeRefused = new double[ROUNDS];
        int most = 0;
        for (int r = 0; r < ROUNDS; r++) {
          double[] g = f[i * ROUNDS + r];
          rates[r] = g[0];
          refusedShares[r] = g[1];
          wholeRates[r] = g[2];
          wholeRefused[r] = g[3];
          most = Math.max(most, (int) g[4]);
        }
        md.append(
            String.format(
                Locale.ROOT,
                "| %d | %s | %.1f | %.1f%% | %.2f%% | %.1f, %.2f%% | %d |%n",
                allowance,
                name(RULES[i]),
                median(rates),
                median(rates) / allowance * 100,
                median(refusedShares) * 100,
                median(wholeRates),
                median(wholeRefused) * 100,
                most));
      }
    }
    md.append('\n');
  }

  private static String name(Throttle.Rule rule) {
    return rule == Throttle.Rule.LEGACY ? "old" : "new";
  }

  /** A client of {@code sandbox} that hands every 429 back to the import, as the CLI's does. */
  private static CustomersClient unretried(CustomersSandbox sandbox) {
    return CustomersClient.builder()
        .apiKey(sandbox.apiKey())
        .baseUri(sandbox.uri())
        .retryPolicy(PACED_BY_CALLER)
        .build();
  }

  /** Returns steady calls/s stored, steady 429 share, whole-run calls/s, 429 share, most. */
  private static double[] allowanceOnce(
      List<CustomerRecord> records, int allowance, int settle, Throttle.Rule rule)
      throws Exception {
    Faults faults = Faults.NONE.withLatency(Duration.ofMillis(10)).withAllowance(allowance);
    try (CustomersSandbox sandbox = CustomersSandbox.builder().faults(faults).start();
        CustomersClient client = unretried(sandbox)) {
      BatchSender sender = sender(client, 8, rule);
      Throttle t = sender.throttle();
      long[] atSettle = new long[3]; // calls, refused, nanoTime
      ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
      ScheduledFuture<?> sample =
          timer.schedule(
              () -> {
                synchronized (atSettle) {
                  atSettle[0] = t.calls();
                  atSettle[1] = t.refusedCalls();
                  atSettle[2] = System.nanoTime();
                }
              },
              settle,
              TimeUnit.SECONDS);
      Counts c = new Counts();
      double whole;
      try {
        whole = importRecords(sender, records, 10, 8, Long.MAX_VALUE, c);
      } finally {
        timer.shutdownNow();
      }
      if (sample.isDone()) {
        sample.get(); // a sample that failed fails the run
      }
      long end = System.nanoTime();
      if (c.failed.sum() > 0) {
        throw new IllegalStateException("the import did not finish: " + c.failed.sum() + " failed");
      }
      synchronized (atSettle) {
        double window = (end - atSettle[2]) / 1e9;
        long calls = t.calls() - atSettle[0];
        long refused = t.refusedCalls() - atSettle[1];
        return new double[] {
          (calls - refused) / window,
          calls == 0 ? 0 : (double) refused / calls,
          (t.calls() - t.refusedCalls()) / whole,
          (double) t.refusedCalls() / t.calls(),
          t.mostInFlight()
        };
      }
    }
  }

  /** One import under random 429s, up to the cut-off. */
  private record RandomRun(
      double seconds, long stored, boolean finished, long calls, long refused, int concurrency) {
    double perSecond() {
      return stored / seconds;
    }
  }

  private static void randomRefusals(StringBuilder md) throws Exception {
    int rows = Integer.getInteger("random.rows", 50_000);
    int cutoff = Integer.getInteger("random.seconds", 30);
    List<CustomerRecord> records = SampleRecords.records(rows);
    md.append("### Random 429s: the pace after refusals that say nothing about a rate\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "An import of %,d rows with the defaults (batches of %d, `--concurrency %d`), the"
                + " sandbox answering a share of calls 429 whatever the rate (`--rate-limited"
                + " %.1f --retry-after %d`, seeds 1 to %d: the same seed for both rules). Figure:"
                + " records stored per second from the start to the end of the import, or to %d s"
                + " when it runs longer (the rows read by then, and the batches then in flight,"
                + " are finished after it, outside the figure). Target: the new rule at least 5×"
                + " the old one's records/s.%n%n",
            rows,
            RANDOM_BATCH,
            RANDOM_CONCURRENCY,
            RANDOM_SHARE,
            RANDOM_RETRY_AFTER.toSeconds(),
            ROUNDS,
            cutoff));
    md.append(
        "| seed | old: records/s (calls, 429s, concurrency at the end) | new: records/s (calls,"
            + " 429s, concurrency at the end) | new / old |\n");
    md.append("|---|---|---|---|\n");
    double[][] perSecond = new double[RULES.length][ROUNDS];
    double[] ratios = new double[ROUNDS];
    for (int r = 0; r < ROUNDS; r++) {
      long seed = r + 1L;
      RandomRun[] runs = new RandomRun[RULES.length];
      for (int k = 0; k < RULES.length; k++) {
        int i = r % 2 == 0 ? k : RULES.length - 1 - k; // the order alternates by round
        runs[i] = randomOnce(records, seed, RULES[i], cutoff);
        perSecond[i][r] = runs[i].perSecond();
      }
      ratios[r] = runs[1].perSecond() / runs[0].perSecond();
      md.append(
          String.format(
              Locale.ROOT,
              "| %d | %s | %s | %.1f× |%n",
              seed,
              describe(runs[0], cutoff),
              describe(runs[1], cutoff),
              ratios[r]));
    }
    double ratio = median(ratios);
    md.append(
        String.format(
            Locale.ROOT,
            "| median | %,.0f | %,.0f | %.1f× (median of the paired ratios; the ratio of the"
                + " medians is %.2f×): %s |%n%n",
            median(perSecond[0]),
            median(perSecond[1]),
            ratio,
            median(perSecond[1]) / median(perSecond[0]),
            ratio >= 5 ? "**met**" : "**not met**"));
  }

  private static String describe(RandomRun run, int cutoff) {
    return String.format(
        Locale.ROOT,
        "%,.0f (%d, %d, %d)%s",
        run.perSecond(),
        run.calls(),
        run.refused(),
        run.concurrency(),
        run.finished() ? "" : ", cut off at " + cutoff + " s");
  }

  private static RandomRun randomOnce(
      List<CustomerRecord> records, long seed, Throttle.Rule rule, int cutoff) throws Exception {
    Faults faults = Faults.NONE.withRateLimited(RANDOM_SHARE, RANDOM_RETRY_AFTER).withSeed(seed);
    try (CustomersSandbox sandbox = CustomersSandbox.builder().faults(faults).start();
        CustomersClient client = unretried(sandbox)) {
      BatchSender sender = sender(client, RANDOM_CONCURRENCY, rule);
      Throttle t = sender.throttle();
      Counts c = new Counts();
      long[] atCutoff = {-1, 0, 0, 0}; // stored, calls, refused, concurrency
      ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
      ScheduledFuture<?> sample =
          timer.schedule(
              () -> {
                synchronized (atCutoff) {
                  atCutoff[0] = c.accepted.sum();
                  atCutoff[1] = t.calls();
                  atCutoff[2] = t.refusedCalls();
                  atCutoff[3] = t.concurrency();
                }
              },
              cutoff,
              TimeUnit.SECONDS);
      double seconds;
      try {
        seconds =
            importRecords(
                sender,
                records,
                RANDOM_BATCH,
                RANDOM_CONCURRENCY,
                TimeUnit.SECONDS.toNanos(cutoff),
                c);
      } finally {
        timer.shutdownNow();
      }
      if (sample.isDone()) {
        sample.get(); // a sample that failed fails the run
      }
      if (c.failed.sum() > 0) {
        throw new IllegalStateException("the import did not finish: " + c.failed.sum() + " failed");
      }
      synchronized (atCutoff) {
        if (atCutoff[0] >= 0) {
          return new RandomRun(
              cutoff, atCutoff[0], false, atCutoff[1], atCutoff[2], (int) atCutoff[3]);
        }
      }
      return new RandomRun(
          seconds, c.accepted.sum(), true, t.calls(), t.refusedCalls(), t.concurrency());
    }
  }
}
