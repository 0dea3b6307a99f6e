package io.ecdp.bench;

import io.ecdp.customers.sandbox.CustomersSandbox;
import io.ecdp.customers.sandbox.SampleCsv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark, the contenders alternating within the run (round after round, the order
 * rotated), and writes RESULTS.md: each figure as a ratio to its baseline measured in the same run,
 * with the absolute figures and their error beside it.
 */
public final class BenchmarkRunner {

  private static final int ROUNDS = Integer.getInteger("rounds", 2);
  private static final List<Contender.Kind> KINDS = List.of(Contender.Kind.values());

  /** One measured figure: the mean over rounds, the error (JMH's, or the spread of rounds). */
  record Figure(double mean, double error, String unit) {
    static Figure of(List<double[]> samples, String unit) {
      double sum = 0;
      double err = 0;
      for (double[] s : samples) {
        sum += s[0];
        err = Math.max(err, s[1]);
      }
      double mean = sum / samples.size();
      double spread = 0;
      for (double[] s : samples) {
        spread = Math.max(spread, Math.abs(s[0] - mean));
      }
      return new Figure(mean, Math.max(err, spread), unit);
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%,.1f ± %,.1f %s", mean, error, unit);
    }
  }

  private final Map<String, List<double[]>> samples = new LinkedHashMap<>();
  private final Map<String, String> units = new LinkedHashMap<>();

  private BenchmarkRunner() {}

  /** Arguments: the RESULTS.md to write. */
  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "benchmarks/target/RESULTS.md");
    new BenchmarkRunner().run(out);
  }

  private void run(Path out) throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      List<Contender.Kind> order = new ArrayList<>(KINDS);
      java.util.Collections.rotate(order, round);
      // Figure by figure, the contenders one after another: each comparison is measured minutes,
      // not a quarter of an hour, apart.
      for (int threads : new int[] {1, 32}) {
        for (Contender.Kind kind : order) {
          measure(
              "GET c" + threads + " throughput",
              kind,
              "getByEmail",
              "1",
              Mode.Throughput,
              threads,
              true);
        }
        for (Contender.Kind kind : order) {
          measure(
              "GET c" + threads + " latency",
              kind,
              "getByEmail",
              "1",
              Mode.SampleTime,
              threads,
              false);
        }
      }
      for (String size : new String[] {"1", "100", "1000"}) {
        for (Contender.Kind kind : order) {
          measure("POST batch " + size, kind, "upsertBatch", size, Mode.Throughput, 1, true);
        }
      }
      measureSerialization();
    }
    Map<String, double[]> cold = coldStarts();
    String importFigures = importMillion();
    write(out, cold, importFigures);
    System.out.println("results: " + out);
  }

  /**
   * Warm-up iterations of 1 s: 5, or 15 at concurrency 32, where 64 busy threads on a few cores
   * starve the JIT compiler (after 2, and still after 8, our client's throughput was climbing).
   */
  static int warmups(int threads) {
    return threads > 1 ? 15 : 5;
  }

  /** Measurement iterations of 1 s (with 5, a GC-free first second could swing a mean by 8%). */
  static final int MEASUREMENTS = 10;

  private void measure(
      String figure,
      Contender.Kind kind,
      String method,
      String batch,
      Mode mode,
      int threads,
      boolean gc)
      throws Exception {
    ChainedOptionsBuilder o =
        new OptionsBuilder()
            .include(CallBenchmarks.class.getName() + "." + method + "$")
            .param("contender", kind.name())
            .param("batchSize", batch)
            .mode(mode)
            .threads(threads)
            .forks(1)
            .warmupIterations(warmups(threads))
            .warmupTime(TimeValue.seconds(1))
            .measurementIterations(MEASUREMENTS)
            .measurementTime(TimeValue.seconds(1))
            .timeUnit(mode == Mode.Throughput ? TimeUnit.SECONDS : TimeUnit.MICROSECONDS)
            .shouldFailOnError(true);
    if (gc) {
      o.addProfiler(GCProfiler.class);
    }
    for (RunResult r : new Runner(o.build()).run()) {
      Result<?> primary = r.getPrimaryResult();
      if (mode == Mode.SampleTime) {
        add(figure + " p50", kind, r.getPrimaryResult().getStatistics().getPercentile(50), 0, "µs");
        add(figure + " p99", kind, r.getPrimaryResult().getStatistics().getPercentile(99), 0, "µs");
      } else {
        add(figure, kind, primary.getScore(), primary.getScoreError(), "calls/s");
        if (method.equals("upsertBatch")) {
          int size = Integer.parseInt(batch);
          scaled(figure + " records", kind, primary, size, "records/s");
          scaled(figure + " request bytes", kind, primary, kind.requestBytes(size), "B/s");
        }
        Result<?> alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
        if (alloc != null) {
          add(figure + " allocation", kind, alloc.getScore(), alloc.getScoreError(), "B/call");
        }
      }
    }
  }

  private void measureSerialization() throws Exception {
    Collection<RunResult> results =
        new Runner(
                new OptionsBuilder()
                    .include(SerializationBenchmarks.class.getName())
                    .forks(1)
                    .warmupIterations(warmups(1))
                    .warmupTime(TimeValue.seconds(1))
                    .measurementIterations(MEASUREMENTS)
                    .measurementTime(TimeValue.seconds(1))
                    .build())
            .run();
    for (RunResult r : results) {
      String name = r.getParams().getBenchmark();
      String method = name.substring(name.lastIndexOf('.') + 1);
      Contender.Kind kind =
          method.contains("Jsonb") ? Contender.Kind.OURS : Contender.Kind.STOCK_JACKSON;
      String figure =
          method.startsWith("write") ? "serialize 1,000 customers" : "deserialize 1,000 customers";
      add(
          figure,
          kind,
          r.getPrimaryResult().getScore(),
          r.getPrimaryResult().getScoreError(),
          "batches/s");
    }
  }

  private void scaled(
      String figure, Contender.Kind kind, Result<?> perCall, double factor, String unit) {
    add(figure, kind, perCall.getScore() * factor, perCall.getScoreError() * factor, unit);
  }

  private void add(String figure, Contender.Kind kind, double score, double error, String unit) {
    samples
        .computeIfAbsent(figure + "|" + kind, k -> new ArrayList<>())
        .add(new double[] {score, Double.isNaN(error) ? 0 : error});
    units.put(figure, unit);
  }

  /** JVM start to first completed call, median of 5 runs per contender. */
  private Map<String, double[]> coldStarts() throws Exception {
    Map<String, double[]> out = new LinkedHashMap<>();
    String classpath = System.getProperty("java.class.path");
    try (FixedResponseServer server = new FixedResponseServer()) {
      for (Contender.Kind kind : KINDS) {
        double[] runs = new double[5];
        for (int i = 0; i < runs.length; i++) {
          long start = System.nanoTime();
          Process p =
              new ProcessBuilder(
                      Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                      "-cp",
                      classpath,
                      ColdStart.class.getName(),
                      kind.name(),
                      server.uri().toString())
                  .redirectErrorStream(true)
                  .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                  .start();
          if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("cold start of " + kind + " failed");
          }
          runs[i] = (System.nanoTime() - start) / 1e6;
        }
        java.util.Arrays.sort(runs);
        out.put(kind.name(), new double[] {runs[2], runs[4] - runs[0]});
      }
    }
    return out;
  }

  /** The packaged ecdp command imports 1,000,000 rows into a sandbox in a 256 MB heap. */
  private static String importMillion() throws Exception {
    Path jar = Path.of("cli/target/ecdp.jar");
    if (!Files.exists(jar)) {
      return "| import of 1,000,000 rows | not measured: cli/target/ecdp.jar is missing |\n";
    }
    Path dir = Files.createDirectories(Path.of("benchmarks/target/import"));
    Path csv = dir.resolve("million.csv");
    SampleCsv.write(csv, 1_000_000);
    Path gcLog = dir.resolve("gc.log");
    try (CustomersSandbox sandbox = CustomersSandbox.builder().start()) {
      ProcessBuilder pb =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx256m",
                  "-XX:+ExitOnOutOfMemoryError",
                  "-Xlog:gc:file=" + gcLog,
                  "-jar",
                  jar.toString(),
                  "--base-url",
                  sandbox.uri().toString(),
                  "--output",
                  "json",
                  "customers",
                  "import",
                  csv.toString(),
                  "--mode",
                  "AddOrUpdate",
                  "--match-by",
                  "Email",
                  "--batch-size",
                  "1000",
                  "--concurrency",
                  "4",
                  "--progress",
                  "none",
                  "--restart",
                  "--checkpoint",
                  dir.resolve("cp.ndjson").toString(),
                  "--rejects",
                  dir.resolve("rejects.ndjson").toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("import.log").toFile());
      pb.environment().put("ECDP_API_KEY", sandbox.apiKey());
      Process p = pb.start();
      if (!p.waitFor(15, TimeUnit.MINUTES) || p.exitValue() != 0) {
        return "| import of 1,000,000 rows | FAILED, see benchmarks/target/import/import.log |\n";
      }
    }
    String log = Files.readString(dir.resolve("import.log"));
    Matcher rate = Pattern.compile("\"recordsPerSecond\":(\\d+)").matcher(log);
    Matcher secs = Pattern.compile("\"seconds\":([0-9.]+)").matcher(log);
    long peak = 0;
    Matcher heap = Pattern.compile("(\\d+)M->\\d+M\\(\\d+M\\)").matcher(Files.readString(gcLog));
    while (heap.find()) {
      peak = Math.max(peak, Long.parseLong(heap.group(1)));
    }
    return String.format(
        Locale.ROOT,
        "| import of 1,000,000 rows (`ecdp customers import`, -Xmx256m, sandbox over HTTP) | %s records/s in %s s; peak heap %d MB of 256 MB |\n",
        rate.find() ? rate.group(1) : "?",
        secs.find() ? secs.group(1) : "?",
        peak);
  }

  private void write(Path out, Map<String, double[]> cold, String importFigures) throws Exception {
    StringBuilder md = new StringBuilder("# Benchmark results\n\n");
    md.append("Run on ")
        .append(LocalDate.now())
        .append(", ")
        .append(System.getProperty("os.name"))
        .append(", ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores, Java ")
        .append(System.getProperty("java.version"))
        .append(". ")
        .append(ROUNDS)
        .append(
            " rounds; in each, figure by figure, the contenders one after another (order rotated each round); JMH 1.37, 1 fork per trial, ")
        .append(warmups(1))
        .append(" × 1 s warm-up (")
        .append(warmups(32))
        .append(" at concurrency 32), ")
        .append(MEASUREMENTS)
        .append(
            " × 1 s measurement. Error: JMH's 99.9% interval, or the spread between rounds if larger. ")
        .append(
            "Every contender sets our client's connect and read timeouts (10 s, 30 s). The batches are built once per trial and sent again and again by every contender.\n\n");
    md.append(
            "Ratios: for throughput, contender / baseline (higher is better); for latency and allocation, contender / baseline (lower is better). ")
        .append(
            "The baseline of the call figures is the floor: the faster of the two hand-written JDK contenders, per figure. POST records/s is calls/s times the batch size; request B/s is calls/s times the JSON body that contender sends for that batch.\n\n");
    md.append(
        "| figure | ours | floor (best of URLConnection, HttpClient) | stock Jackson | ours / floor | ours / stock |\n|---|---|---|---|---|---|\n");
    for (String figure : units.keySet()) {
      Figure ours = figure(figure, Contender.Kind.OURS);
      Figure url = figure(figure, Contender.Kind.FLOOR_URLCONNECTION);
      Figure stock = figure(figure, Contender.Kind.STOCK_JACKSON);
      Figure floor = floor(figure);
      md.append("| ")
          .append(figure)
          .append(" | ")
          .append(ours == null ? "-" : ours)
          .append(" | ")
          .append(
              floor == null
                  ? "-"
                  : floor + (floor.equals(url) ? " (URLConnection)" : " (HttpClient)"))
          .append(" | ")
          .append(stock == null ? "-" : stock)
          .append(" | ")
          .append(ratio(ours, floor))
          .append(" | ")
          .append(ratio(ours, stock))
          .append(" |\n");
    }
    md.append(targets(cold));
    md.append(
        "\n| cold start: JVM start to first completed call (median of 5, spread) | |\n|---|---|\n");
    cold.forEach(
        (k, v) ->
            md.append(
                String.format(
                    Locale.ROOT, "| %s | %,.0f ms (spread %,.0f ms) |\n", k, v[0], v[1])));
    md.append("\n| import | result |\n|---|---|\n").append(importFigures);
    Path tuning = Path.of("benchmarks/TUNING.md");
    if (Files.exists(tuning)) {
      md.append("\n").append(Files.readString(tuning).replaceFirst("^# ", "## "));
    }
    Files.createDirectories(out.getParent());
    Files.writeString(out, md.toString());
  }

  /** The faster of the two hand-written JDK contenders for this figure. */
  private Figure floor(String figure) {
    Figure url = figure(figure, Contender.Kind.FLOOR_URLCONNECTION);
    Figure http = figure(figure, Contender.Kind.FLOOR_HTTPCLIENT);
    if (url == null || http == null) {
      return url == null ? http : url;
    }
    boolean higherIsBetter = units.get(figure).endsWith("/s");
    return higherIsBetter == (url.mean() >= http.mean()) ? url : http;
  }

  /** The performance targets, each with the ratio that decides it and whether it is met. */
  private String targets(Map<String, double[]> cold) {
    StringBuilder t =
        new StringBuilder(
            "\n## Targets\n\nThe ± of a ratio comes from the errors of its two figures (relative"
                + " errors added in quadrature).\n\n| target | ratio | met |\n|---|---|---|\n");
    target(t, "GET c1 latency p50 within 1.10× of the floor", "GET c1 latency p50", true, 1.10);
    target(t, "GET c1 latency p99 within 1.10× of the floor", "GET c1 latency p99", true, 1.10);
    target(t, "GET c32 throughput at least 0.9× the floor's", "GET c32 throughput", true, 0.9);
    for (String figure : units.keySet()) {
      // records/s and request B/s are calls/s scaled: one measurement, one target.
      if (!figure.endsWith("allocation")
          && !figure.endsWith(" records")
          && !figure.endsWith(" request bytes")) {
        target(t, "at least as fast as stock Jackson: " + figure, figure, false, 1.0);
      }
    }
    double[] ours = cold.get(Contender.Kind.OURS.name());
    double[] stock = cold.get(Contender.Kind.STOCK_JACKSON.name());
    if (ours != null && stock != null) {
      t.append(
          String.format(
              Locale.ROOT,
              "| at least as fast as stock Jackson: cold start | %.2f× | %s |\n",
              ours[0] / stock[0],
              ours[0] <= stock[0] ? "yes" : "**no**"));
    }
    t.append(
        "\nAllocation per call is reported beside each figure, not a target: the targets"
            + " are speed and the import's heap, shown below.\n");
    return t.toString();
  }

  private void target(
      StringBuilder t, String name, String figure, boolean againstFloor, double limit) {
    Figure ours = figure(figure, Contender.Kind.OURS);
    Figure base = againstFloor ? floor(figure) : figure(figure, Contender.Kind.STOCK_JACKSON);
    if (ours == null || base == null || base.mean() == 0) {
      return;
    }
    double ratio = ours.mean() / base.mean();
    double error = ratio * Math.hypot(ours.error() / ours.mean(), base.error() / base.mean());
    boolean higherIsBetter = units.get(figure).endsWith("/s");
    boolean met = higherIsBetter ? ratio >= limit : ratio <= limit;
    boolean withinError = Math.abs(ratio - limit) <= error;
    t.append(
        String.format(
            Locale.ROOT,
            "| %s | %.2f× ± %.2f | %s |\n",
            name,
            ratio,
            error,
            (met ? "yes" : "**no**") + (withinError ? " (within the error)" : "")));
  }

  private Figure figure(String figure, Contender.Kind kind) {
    List<double[]> s = samples.get(figure + "|" + kind);
    return s == null ? null : Figure.of(s, units.get(figure));
  }

  private static String ratio(Figure a, Figure b) {
    return a == null || b == null || b.mean() == 0
        ? "-"
        : String.format(Locale.ROOT, "%.2f×", a.mean() / b.mean());
  }
}
