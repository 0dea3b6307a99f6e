package io.ecdp.customers.cli;

import io.ecdp.customers.CustomersClient;
import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import io.ecdp.customers.sandbox.CustomersSandbox;
import io.ecdp.customers.sandbox.Faults;
import io.ecdp.customers.sandbox.RecordErrors;
import io.ecdp.customers.sandbox.SampleCsv;
import java.io.BufferedInputStream;
import java.io.InputStream;
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

/**
 * The import's load harness (not JMH: each figure is one import): what refused batches cost when
 * the server names no record, how close the adaptive concurrency gets to a fixed allowance, and the
 * pace it keeps when a share of calls is refused whatever the rate. The last two compare the
 * import's throttle with the rule before it ({@link Throttle.Rule#LEGACY}), measured in the same
 * run. It lives in the CLI's package to read the import's own counts and choose the rule. Run with
 * {@code benchmarks/run import}; it writes a Markdown section.
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

  private ImportBenchmarks() {}

  /** Arguments: the Markdown file to write. */
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

  private static Run importOnce(
      Path csv,
      UpsertMode mode,
      RecordErrors errors,
      Faults faults,
      int seeded,
      int batch,
      int concurrency,
      Path work)
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
      Importer.Settings settings =
          new Importer.Settings(
              csv.toString(),
              mode,
              MatchBy.EMAIL,
              batch,
              concurrency,
              work.resolve("rejects.ndjson"),
              work.resolve("checkpoint.ndjson"),
              false);
      Importer importer = new Importer(client.customers(), settings);
      try (InputStream in = new BufferedInputStream(Files.newInputStream(csv), 1 << 16);
          CsvSource source = new CsvSource(csv.toString(), in)) {
        Importer.Summary s = importer.run(source);
        if (s.failed() > 0 || s.accepted() + s.rejected() != s.read()) {
          throw new IllegalStateException("the import did not finish: " + s);
        }
        if (s.rejected() != seeded) {
          throw new IllegalStateException("expected " + seeded + " rejected: " + s);
        }
        return new Run(
            s.elapsed().toNanos() / 1e9, s.calls(), s.accepted(), s.rejected(), s.throttledCalls());
      }
    }
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private static void bisection(StringBuilder md) throws Exception {
    Path work = Files.createTempDirectory("ecdp-bench-import");
    Path csv = work.resolve("rows.csv");
    SampleCsv.write(csv, ROWS);
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
      Run run = importOnce(csv, UpsertMode.ADD, RecordErrors.INDEXED, faults, 0, BATCH, 4, work);
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
          Run run = importOnce(csv, UpsertMode.ADD, errors, faults, bad, BATCH, 4, work);
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
    Path work = Files.createTempDirectory("ecdp-bench-allowance");
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
      Path csv = work.resolve("rows-" + allowance + ".csv");
      SampleCsv.write(csv, allowance * seconds * 10);
      double[][] f = new double[RULES.length * ROUNDS][];
      for (int r = 0; r < ROUNDS; r++) {
        for (int k = 0; k < RULES.length; k++) {
          int i = r % 2 == 0 ? k : RULES.length - 1 - k; // the order alternates by round
          f[i * ROUNDS + r] = allowanceOnce(csv, allowance, settle, RULES[i], work);
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

  private static Importer importer(
      CustomersClient client, Importer.Settings settings, Throttle.Rule rule) {
    return new Importer(
        client.customers(),
        settings,
        new Throttle(settings.concurrency(), rule),
        nanos -> TimeUnit.NANOSECONDS.sleep(nanos));
  }

  /** A client of {@code sandbox} that hands every 429 back to the import, as the CLI's does. */
  private static CustomersClient unretried(CustomersSandbox sandbox) {
    return CustomersClient.builder()
        .apiKey(sandbox.apiKey())
        .baseUri(sandbox.uri())
        .retryPolicy(Session.retryPolicy(true))
        .build();
  }

  /** Returns steady calls/s stored, steady 429 share, whole-run calls/s, 429 share, most. */
  private static double[] allowanceOnce(
      Path csv, int allowance, int settle, Throttle.Rule rule, Path work) throws Exception {
    Faults faults = Faults.NONE.withLatency(Duration.ofMillis(10)).withAllowance(allowance);
    try (CustomersSandbox sandbox = CustomersSandbox.builder().faults(faults).start();
        CustomersClient client = unretried(sandbox)) {
      Importer.Settings settings =
          new Importer.Settings(
              csv.toString(),
              UpsertMode.ADD_OR_UPDATE,
              MatchBy.EMAIL,
              10,
              8,
              work.resolve("a-rejects.ndjson"),
              work.resolve("a-checkpoint.ndjson"),
              false);
      Importer importer = importer(client, settings, rule);
      Throttle t = importer.throttle();
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
      Importer.Summary s;
      try (InputStream in = new BufferedInputStream(Files.newInputStream(csv), 1 << 16);
          CsvSource source = new CsvSource(csv.toString(), in)) {
        s = importer.run(source);
      } finally {
        timer.shutdownNow();
      }
      if (sample.isDone()) {
        sample.get(); // a sample that failed fails the run
      }
      long end = System.nanoTime();
      if (s.failed() > 0) {
        throw new IllegalStateException("the import did not finish: " + s);
      }
      synchronized (atSettle) {
        double window = (end - atSettle[2]) / 1e9;
        long calls = t.calls() - atSettle[0];
        long refused = t.refusedCalls() - atSettle[1];
        double whole = s.elapsed().toNanos() / 1e9;
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
    Path work = Files.createTempDirectory("ecdp-bench-random");
    int rows = Integer.getInteger("random.rows", 50_000);
    int cutoff = Integer.getInteger("random.seconds", 30);
    Path csv = work.resolve("rows.csv");
    SampleCsv.write(csv, rows);
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
        runs[i] = randomOnce(csv, seed, RULES[i], cutoff, work);
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
            "| median | %,.0f | %,.0f | %.1f×: %s |%n%n",
            median(perSecond[0]),
            median(perSecond[1]),
            ratio,
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
      Path csv, long seed, Throttle.Rule rule, int cutoff, Path work) throws Exception {
    Faults faults = Faults.NONE.withRateLimited(RANDOM_SHARE, RANDOM_RETRY_AFTER).withSeed(seed);
    try (CustomersSandbox sandbox = CustomersSandbox.builder().faults(faults).start();
        CustomersClient client = unretried(sandbox)) {
      Importer.Settings settings =
          new Importer.Settings(
              csv.toString(),
              UpsertMode.ADD_OR_UPDATE,
              MatchBy.EMAIL,
              RANDOM_BATCH,
              RANDOM_CONCURRENCY,
              work.resolve("r-rejects.ndjson"),
              work.resolve("r-checkpoint.ndjson"),
              false);
      Importer importer = importer(client, settings, rule);
      Throttle t = importer.throttle();
      long start = System.nanoTime();
      long deadline = start + TimeUnit.SECONDS.toNanos(cutoff);
      long[] atCutoff = {-1, 0, 0, 0}; // stored, calls, refused, concurrency
      ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
      ScheduledFuture<?> sample =
          timer.schedule(
              () -> {
                synchronized (atCutoff) {
                  atCutoff[0] = importer.counters().accepted.get();
                  atCutoff[1] = t.calls();
                  atCutoff[2] = t.refusedCalls();
                  atCutoff[3] = t.concurrency();
                }
              },
              cutoff,
              TimeUnit.SECONDS);
      Importer.Summary s;
      try (InputStream in = new BufferedInputStream(Files.newInputStream(csv), 1 << 16);
          CsvSource csvSource = new CsvSource(csv.toString(), in)) {
        RowSource source =
            new RowSource() {
              @Override
              public Row next() throws java.io.IOException {
                return System.nanoTime() < deadline ? csvSource.next() : null;
              }

              @Override
              public long bytesRead() {
                return csvSource.bytesRead();
              }

              @Override
              public void close() {}
            };
        s = importer.run(source);
      } finally {
        timer.shutdownNow();
      }
      if (sample.isDone()) {
        sample.get(); // a sample that failed fails the run
      }
      if (s.failed() > 0) {
        throw new IllegalStateException("the import did not finish: " + s);
      }
      synchronized (atCutoff) {
        if (atCutoff[0] >= 0) {
          return new RandomRun(
              cutoff, atCutoff[0], false, atCutoff[1], atCutoff[2], (int) atCutoff[3]);
        }
      }
      return new RandomRun(
          s.elapsed().toNanos() / 1e9,
          s.accepted(),
          true,
          t.calls(),
          t.refusedCalls(),
          t.concurrency());
    }
  }
}
