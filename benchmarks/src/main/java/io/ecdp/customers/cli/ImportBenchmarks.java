package io.ecdp.customers.cli;

import io.ecdp.customers.CustomersClient;
import io.ecdp.customers.RetryPolicy;
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
import java.util.concurrent.TimeUnit;

/**
 * The import's load harness (not JMH: each figure is one whole import): what refused batches cost
 * when the server names no record, and how close the adaptive concurrency gets to a fixed
 * allowance. It lives in the CLI's package to read the import's own counts. Run with {@code
 * benchmarks/run import}; it writes a Markdown section.
 */
public final class ImportBenchmarks {

  private static final int ROWS = 2_000;
  private static final int BATCH = 100;
  private static final Duration LATENCY = Duration.ofMillis(5);
  private static final int ROUNDS = Integer.getInteger("rounds", 3);

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
                + " median of %d whole imports.%n%n",
            java.time.LocalDate.now(),
            System.getProperty("java.version"),
            Runtime.getRuntime().availableProcessors(),
            ROUNDS));
    bisection(md);
    allowance(md);
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
        CustomersClient client =
            CustomersClient.builder()
                .apiKey(sandbox.apiKey())
                .baseUri(sandbox.uri())
                .retryPolicy(RetryPolicy.none())
                .build()) {
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
    int seconds = Integer.getInteger("allowance.seconds", 40);
    int settle = 10;
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
        "| allowance (calls/s) | stored calls/s, steady | share of the allowance | calls answered"
            + " 429, steady | whole run: calls/s, 429 share | most in flight |\n");
    md.append("|---|---|---|---|---|---|\n");
    for (int allowance : new int[] {20, 100}) {
      Path csv = work.resolve("rows-" + allowance + ".csv");
      SampleCsv.write(csv, allowance * seconds * 10);
      double[] shares = new double[ROUNDS];
      double[] rates = new double[ROUNDS];
      double[] refusedShares = new double[ROUNDS];
      double[] wholeRates = new double[ROUNDS];
      double[] wholeRefused = new double[ROUNDS];
      int most = 0;
      for (int r = 0; r < ROUNDS; r++) {
        double[] f = allowanceOnce(csv, allowance, settle, work);
        rates[r] = f[0];
        shares[r] = f[0] / allowance;
        refusedShares[r] = f[1];
        wholeRates[r] = f[2];
        wholeRefused[r] = f[3];
        most = Math.max(most, (int) f[4]);
      }
      md.append(
          String.format(
              Locale.ROOT,
              "| %d | %.1f | %.1f%% | %.2f%% | %.1f, %.2f%% | %d |%n",
              allowance,
              median(rates),
              median(shares) * 100,
              median(refusedShares) * 100,
              median(wholeRates),
              median(wholeRefused) * 100,
              most));
    }
    md.append('\n');
  }

  /** Returns steady calls/s stored, steady 429 share, whole-run calls/s, 429 share, most. */
  private static double[] allowanceOnce(Path csv, int allowance, int settle, Path work)
      throws Exception {
    Faults faults = Faults.NONE.withLatency(Duration.ofMillis(10)).withAllowance(allowance);
    try (CustomersSandbox sandbox = CustomersSandbox.builder().faults(faults).start();
        CustomersClient client =
            CustomersClient.builder()
                .apiKey(sandbox.apiKey())
                .baseUri(sandbox.uri())
                .retryPolicy(RetryPolicy.none())
                .build()) {
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
      Importer importer = new Importer(client.customers(), settings);
      Throttle t = importer.throttle();
      long[] atSettle = new long[3]; // calls, refused, nanoTime
      ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
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
}
