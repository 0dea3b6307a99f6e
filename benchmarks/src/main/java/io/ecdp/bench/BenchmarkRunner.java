package io.ecdp.bench;

import io.ecdp.bench.Contender.Kind;
import io.ecdp.customers.sandbox.CustomersSandbox;
import io.ecdp.customers.sandbox.SampleCsv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
 * rotated), and writes RESULTS.md: each figure as a ratio to its baselines measured in the same run
 * (the raw socket, bare Jersey, the floor and the stock client), with the absolute figures and
 * their error beside it; a table of the targets, each met or not; a profile of every miss; the
 * command line's start-up and the import's own cost.
 */
public final class BenchmarkRunner {

  private static final int ROUNDS = Integer.getInteger("rounds", 2);
  private static final List<Kind> KINDS = Kind.CALLS;

  /** The pseudo-contender of the floor: the faster of the two hand-written JDK ones, per figure. */
  private static final String FLOOR = "FLOOR";

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

  /**
   * A ratio of two contenders' figures: the mean of the rounds' ratios, and its error, the larger
   * of their spread and of JMH's errors of the two figures (relative errors added in quadrature).
   */
  record Ratio(double value, double error) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%.2f× ± %.2f", value, error);
    }
  }

  /** How a call figure is measured: benchmark method, batch size, threads, mode. */
  record Spec(String method, String batch, int threads, Mode mode) {}

  /** A target: {@code figure} of ours against {@code base}, at least or at most {@code limit}. */
  record Target(String name, String figure, String base, double limit) {}

  private final Map<String, List<double[]>> samples = new LinkedHashMap<>();
  final Map<String, String> units = new LinkedHashMap<>();
  private final Map<String, Spec> specs = new LinkedHashMap<>();

  BenchmarkRunner() {}

  /** Arguments: the RESULTS.md to write. */
  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "benchmarks/target/RESULTS.md");
    new BenchmarkRunner().run(out);
  }

  private void run(Path out) throws Exception {
    Map<String, Map<String, Double>> committed = Committed.read(Path.of("benchmarks/RESULTS.md"));
    for (int round = 0; round < ROUNDS; round++) {
      List<Kind> order = new ArrayList<>(KINDS);
      java.util.Collections.rotate(order, round);
      // Figure by figure, the contenders one after another: each comparison is measured minutes,
      // not a quarter of an hour, apart.
      for (int threads : new int[] {1, 32}) {
        for (Kind kind : threads == 1 ? withOpenTelemetry(order) : order) {
          measure(
              "GET c" + threads + " throughput", kind, "getByEmail", "1", Mode.Throughput, threads);
        }
        for (Kind kind : order) {
          measure(
              "GET c" + threads + " latency", kind, "getByEmail", "1", Mode.SampleTime, threads);
        }
      }
      for (String size : new String[] {"1", "100", "1000"}) {
        for (Kind kind : size.equals("100") ? withOpenTelemetry(order) : order) {
          measure("POST batch " + size, kind, "upsertBatch", size, Mode.Throughput, 1);
        }
      }
      measureSerialization();
    }
    Map<String, double[]> cold = coldStarts();
    List<Target> targets = targets();
    String profiles = profileMisses(targets);
    String importFigures = importMillion();
    String startup = StartupBenchmark.markdown();
    String importCost = ImportCost.markdown();
    write(out, committed, targets, cold, profiles, importFigures, startup, importCost);
    System.out.println("results: " + out);
  }

  /**
   * The order with ours with the OpenTelemetry listener right after ours: the cost of a listener,
   * measured for GET c1 and POST batch 100 only (see {@link ObservabilityRunner}).
   */
  private static List<Kind> withOpenTelemetry(List<Kind> order) {
    List<Kind> out = new ArrayList<>(order);
    out.add(out.indexOf(Kind.OURS) + 1, Kind.OURS_OTEL);
    return out;
  }

  /**
   * Warm-up iterations of 1 s: 5, or 15 at concurrency 32, where 64 busy threads on a few cores
   * starve the JIT compiler (after 2, and still after 8, our client's throughput was climbing).
   */
  static int warmups(int threads) {
    Integer set = Integer.getInteger("warmups");
    return set != null ? set : threads > 1 ? 15 : 5;
  }

  /**
   * Measurement iterations of 1 s (with 5, a GC-free first second could swing a mean by 8%); {@code
   * -Dmeasurements=N} and {@code -Dwarmups=N} set them for a quick trial of the runner.
   */
  static final int MEASUREMENTS = Integer.getInteger("measurements", 10);

  private static ChainedOptionsBuilder options(Kind kind, Spec spec, int measurements) {
    return new OptionsBuilder()
        .include(CallBenchmarks.class.getName() + "." + spec.method() + "$")
        .param("contender", kind.name())
        .param("batchSize", spec.batch())
        .mode(spec.mode())
        .threads(spec.threads())
        .forks(1)
        .warmupIterations(warmups(spec.threads()))
        .warmupTime(TimeValue.seconds(1))
        .measurementIterations(measurements)
        .measurementTime(TimeValue.seconds(1))
        .timeUnit(spec.mode() == Mode.Throughput ? TimeUnit.SECONDS : TimeUnit.MICROSECONDS)
        .shouldFailOnError(true);
  }

  void measure(String figure, Kind kind, String method, String batch, Mode mode, int threads)
      throws Exception {
    Spec spec = new Spec(method, batch, threads, mode);
    ChainedOptionsBuilder o = options(kind, spec, MEASUREMENTS);
    if (mode == Mode.Throughput) {
      o.addProfiler(GCProfiler.class).addProfiler(CpuProfiler.class);
    }
    for (RunResult r : new Runner(o.build()).run()) {
      Result<?> primary = r.getPrimaryResult();
      if (mode == Mode.SampleTime) {
        specs.put(figure + " p50", spec);
        specs.put(figure + " p99", spec);
        add(figure + " p50", kind, primary.getStatistics().getPercentile(50), 0, "µs");
        add(figure + " p99", kind, primary.getStatistics().getPercentile(99), 0, "µs");
      } else {
        specs.put(figure, spec);
        add(figure, kind, primary.getScore(), primary.getScoreError(), "calls/s");
        if (method.equals("upsertBatch")) {
          int size = Integer.parseInt(batch);
          scaled(figure + " records", kind, primary, size, "records/s");
          scaled(figure + " request bytes", kind, primary, kind.requestBytes(size), "B/s");
        }
        secondary(r, "gc.alloc.rate.norm", figure + " allocation", kind, "B/call", spec);
        secondary(r, "cpu.per.op", figure + " CPU", kind, "µs/call", spec);
      }
    }
  }

  private void secondary(
      RunResult r, String name, String figure, Kind kind, String unit, Spec spec) {
    Result<?> result = r.getSecondaryResults().get(name);
    if (result != null) {
      specs.put(figure, spec);
      add(figure, kind, result.getScore(), result.getScoreError(), unit);
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
      Kind kind = method.contains("Jsonb") ? Kind.OURS : Kind.STOCK_JACKSON;
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

  private void scaled(String figure, Kind kind, Result<?> perCall, double factor, String unit) {
    add(figure, kind, perCall.getScore() * factor, perCall.getScoreError() * factor, unit);
  }

  private void add(String figure, Kind kind, double score, double error, String unit) {
    samples
        .computeIfAbsent(figure + "|" + kind, k -> new ArrayList<>())
        .add(new double[] {score, Double.isNaN(error) ? 0 : error});
    units.put(figure, unit);
  }

  boolean higherIsBetter(String figure) {
    return units.get(figure).endsWith("/s");
  }

  // ---------------------------------------------------------------------------------------------
  // Figures and ratios

  Figure figure(String figure, Kind kind) {
    List<double[]> s = samples.get(figure + "|" + kind);
    return s == null ? null : Figure.of(s, units.get(figure));
  }

  /** The faster of the two hand-written JDK contenders for this figure, or null. */
  Kind floorKind(String figure) {
    Figure url = figure(figure, Kind.FLOOR_URLCONNECTION);
    Figure http = figure(figure, Kind.FLOOR_HTTPCLIENT);
    if (url == null || http == null) {
      return url != null ? Kind.FLOOR_URLCONNECTION : http != null ? Kind.FLOOR_HTTPCLIENT : null;
    }
    return higherIsBetter(figure) == (url.mean() >= http.mean())
        ? Kind.FLOOR_URLCONNECTION
        : Kind.FLOOR_HTTPCLIENT;
  }

  private Kind kind(String figure, String base) {
    return base.equals(FLOOR) ? floorKind(figure) : Kind.valueOf(base);
  }

  /** Ours against {@code base} (a contender's name, or {@link #FLOOR}), or null. */
  Ratio ratio(String figure, String base) {
    return ratio(figure, Kind.OURS, kind(figure, base));
  }

  /** {@code kind}'s figure against {@code baseKind}'s, round by round, or null. */
  Ratio ratio(String figure, Kind kind, Kind baseKind) {
    List<double[]> ours = samples.get(figure + "|" + kind);
    List<double[]> theirs = baseKind == null ? null : samples.get(figure + "|" + baseKind);
    if (ours == null || theirs == null || ours.size() != theirs.size()) {
      return null;
    }
    double[] ratios = new double[ours.size()];
    double sum = 0;
    double jmh = 0;
    for (int i = 0; i < ratios.length; i++) {
      double[] a = ours.get(i);
      double[] b = theirs.get(i);
      if (b[0] == 0 || a[0] == 0) {
        return null;
      }
      ratios[i] = a[0] / b[0];
      sum += ratios[i];
      jmh = Math.max(jmh, ratios[i] * Math.hypot(a[1] / a[0], b[1] / b[0]));
    }
    double mean = sum / ratios.length;
    double spread = 0;
    for (double r : ratios) {
      spread = Math.max(spread, Math.abs(r - mean));
    }
    return new Ratio(mean, Math.max(spread, jmh));
  }

  // ---------------------------------------------------------------------------------------------
  // Targets

  private List<Target> targets() {
    List<Target> t = new ArrayList<>();
    String bare = Kind.BARE_JERSEY.name();
    for (String figure :
        List.of(
            "GET c1 throughput",
            "GET c32 throughput",
            "POST batch 1",
            "POST batch 100",
            "POST batch 1000")) {
      t.add(new Target("our layer: at least 0.95× bare Jersey's " + figure, figure, bare, 0.95));
    }
    for (String figure :
        List.of(
            "GET c1 throughput allocation",
            "GET c32 throughput allocation",
            "POST batch 1 allocation",
            "POST batch 100 allocation",
            "POST batch 1000 allocation")) {
      t.add(new Target("our layer: at most 1.10× bare Jersey's " + figure, figure, bare, 1.10));
    }
    t.add(
        new Target(
            "GET c1 latency p50 within 1.10× of the floor", "GET c1 latency p50", FLOOR, 1.10));
    t.add(
        new Target(
            "GET c1 latency p99 within 1.10× of the floor", "GET c1 latency p99", FLOOR, 1.10));
    t.add(
        new Target(
            "GET c32 throughput at least 0.9× the floor's", "GET c32 throughput", FLOOR, 0.9));
    String stock = Kind.STOCK_JACKSON.name();
    for (String size : List.of("100", "1000")) {
      String figure = "POST batch " + size + " allocation";
      t.add(new Target("at most the stock client's " + figure, figure, stock, 1.0));
    }
    for (String figure : units.keySet()) {
      // records/s and request B/s are calls/s scaled: one measurement, one target.
      if (!figure.endsWith("allocation")
          && !figure.endsWith(" CPU")
          && !figure.endsWith(" records")
          && !figure.endsWith(" request bytes")) {
        t.add(new Target("at least as fast as stock Jackson: " + figure, figure, stock, 1.0));
      }
    }
    t.removeIf(target -> !units.containsKey(target.figure()));
    return t;
  }

  /** Whether the target is met; null when it could not be measured. */
  private Boolean met(Target target) {
    Ratio r = ratio(target.figure(), target.base());
    if (r == null) {
      return null;
    }
    return higherIsBetter(target.figure())
        ? r.value() >= target.limit()
        : r.value() <= target.limit();
  }

  private String targetsTable(List<Target> targets, Map<String, double[]> cold) {
    StringBuilder t =
        new StringBuilder(
            "\n## Targets\n\nEach ratio is the mean of the rounds' ratios; its ± is the larger of"
                + " their spread and of JMH's errors of the two figures (relative errors added in"
                + " quadrature). \"Within the error\" marks a verdict the ± could overturn.\n\n"
                + "| target | ratio | met |\n|---|---|---|\n");
    for (Target target : targets) {
      Ratio r = ratio(target.figure(), target.base());
      if (r == null) {
        continue;
      }
      boolean met = met(target);
      boolean close = Math.abs(r.value() - target.limit()) <= r.error();
      t.append("| ")
          .append(target.name())
          .append(" | ")
          .append(r)
          .append(" | ")
          .append(met ? "yes" : "**no**")
          .append(close ? " (within the error)" : "")
          .append(" |\n");
    }
    double[] ours = cold.get(Kind.OURS.name());
    double[] stock = cold.get(Kind.STOCK_JACKSON.name());
    if (ours != null && stock != null) {
      t.append(
          String.format(
              Locale.ROOT,
              "| at least as fast as stock Jackson: cold start | %.2f× | %s |\n",
              ours[0] / stock[0],
              ours[0] <= stock[0] ? "yes" : "**no**"));
    }
    return t.toString();
  }

  // ---------------------------------------------------------------------------------------------
  // Profiles of the misses

  /**
   * Profiles each missed call figure again, ours and the contender it missed against, with
   * async-profiler (CPU for speed, allocation for bytes), and tells which layer of the stack pays.
   */
  private String profileMisses(List<Target> targets) throws Exception {
    Set<ProfileRun> runs = new LinkedHashSet<>();
    for (Target target : targets) {
      Boolean met = met(target);
      Spec spec = specs.get(target.figure());
      Kind base = kind(target.figure(), target.base());
      if (met == null || met || spec == null || base == null) {
        continue;
      }
      String event = target.figure().endsWith("allocation") ? "alloc" : "cpu";
      runs.add(new ProfileRun(target.figure(), spec, event, Kind.OURS));
      runs.add(new ProfileRun(target.figure(), spec, event, base));
    }
    StringBuilder md = new StringBuilder("\n## Profiles of the misses\n\n");
    if (runs.isEmpty()) {
      return md.append("Every target was met: nothing to profile.\n").toString();
    }
    Path dir = Path.of("benchmarks/target/profiles").toAbsolutePath();
    Path lib = Profiles.library(dir);
    if (lib == null) {
      return md.append("Not profiled: async-profiler has no library for this platform.\n")
          .toString();
    }
    md.append("Each missed call figure measured again (ours and the contender it missed against;")
        .append(" JMH with `-prof async`, async-profiler 4.1, ")
        .append(Math.max(2, MEASUREMENTS / 2))
        .append(" × 1 s after the usual warm-up). Each CPU sample or allocated byte counts for the")
        .append(" leaf-most frame of a layer in its stack, so JDK code counts for the layer that")
        .append(" called it; *outside the calls* is the loopback server, GC and the JIT compiler.")
        .append(" Per call: the share times the CPU µs or bytes per call measured in that run.")
        .append(" The collapsed stacks and flame graphs are in `benchmarks/target/profiles/`.\n\n")
        .append("| figure | contender | event | per call |");
    for (Profiles.Layer layer : Profiles.LAYERS) {
      md.append(' ').append(layer.name()).append(" |");
    }
    md.append(' ').append(Profiles.JDK).append(" | ").append(Profiles.OUTSIDE).append(" |\n|");
    md.append("---|".repeat(6 + Profiles.LAYERS.size())).append('\n');
    for (ProfileRun run : runs) {
      String figure = run.figure();
      String event = run.event();
      Kind kind = run.kind();
      Spec spec = run.spec();
      Path out =
          Files.createDirectories(
              dir.resolve(
                  spec.method() + "-" + figure.replace(' ', '-') + "-" + event + "-" + kind));
      ChainedOptionsBuilder o =
          options(
                  kind,
                  new Spec(spec.method(), spec.batch(), spec.threads(), Mode.Throughput),
                  MEASUREMENTS / 2)
              .addProfiler(GCProfiler.class)
              .addProfiler(CpuProfiler.class)
              .addProfiler(
                  "async",
                  "libPath=" + lib + ";event=" + event + ";output=collapsed,flamegraph;dir=" + out);
      double perCall = Double.NaN;
      for (RunResult r : new Runner(o.build()).run()) {
        Result<?> per =
            r.getSecondaryResults().get(event.equals("cpu") ? "cpu.per.op" : "gc.alloc.rate.norm");
        perCall = per == null ? Double.NaN : per.getScore();
      }
      Path collapsed;
      try (var files = Files.walk(out)) {
        collapsed = files.filter(f -> f.toString().endsWith(".csv")).findFirst().orElse(null);
      }
      if (collapsed == null) {
        md.append("| ")
            .append(figure)
            .append(" | ")
            .append(kind)
            .append(" | ")
            .append(event)
            .append(" | no profile written |\n");
        continue;
      }
      Map<String, Double> shares = Profiles.shares(collapsed, "CallBenchmarks");
      String unit = event.equals("cpu") ? "µs" : "B";
      md.append(
          String.format(
              Locale.ROOT, "| %s | %s | %s | %,.0f %s |", figure, kind, event, perCall, unit));
      for (double share : shares.values()) {
        md.append(
            String.format(Locale.ROOT, " %.0f%% (%,.0f %s) |", 100 * share, share * perCall, unit));
      }
      md.append('\n');
    }
    return md.toString();
  }

  /** One profiled trial: a missed figure's benchmark, run in throughput mode for one contender. */
  record ProfileRun(String figure, Spec spec, String event, Kind kind) {}

  // ---------------------------------------------------------------------------------------------
  // Cold start and the import

  /** JVM start to first completed call, median of 5 runs per contender. */
  private Map<String, double[]> coldStarts() throws Exception {
    Map<String, double[]> out = new LinkedHashMap<>();
    String classpath = System.getProperty("java.class.path");
    try (FixedResponseServer server = new FixedResponseServer()) {
      for (Kind kind : KINDS) {
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
    SampleCsv.write(csv, SampleCsv.LARGE_IMPORT_ROWS);
    Path gcLog = dir.resolve("gc.log");
    try (CustomersSandbox sandbox = CustomersSandbox.builder().start()) {
      List<String> command =
          new ArrayList<>(
              List.of(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx256m",
                  "-XX:+ExitOnOutOfMemoryError",
                  "-Xlog:gc:file=" + gcLog));
      command.addAll(
          ImportCost.importArguments(
              jar,
              sandbox.uri().toString(),
              csv,
              dir.resolve("cp.ndjson"),
              dir.resolve("rejects.ndjson")));
      ProcessBuilder pb =
          new ProcessBuilder(command)
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

  // ---------------------------------------------------------------------------------------------
  // RESULTS.md

  private static final List<Kind> COLUMNS = List.of(Kind.OURS, Kind.RAW_SOCKET, Kind.BARE_JERSEY);

  private void write(
      Path out,
      Map<String, Map<String, Double>> committed,
      List<Target> targets,
      Map<String, double[]> cold,
      String profiles,
      String importFigures,
      String startup,
      String importCost)
      throws Exception {
    StringBuilder md = new StringBuilder("# Benchmark results\n\n");
    md.append("Run on ")
        .append(LocalDate.now(ZoneId.systemDefault()))
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
            " × 1 s measurement. Error of a figure: JMH's 99.9% interval, or the spread between rounds if larger. ")
        .append(
            "Every contender sets our client's connect and read timeouts (10 s, 30 s). The batches are built once per trial and sent again and again by every contender.\n\n");
    md.append("The contenders:\n\n")
        .append("- **ours**: this client, `CustomersClient`, as a user calls it.\n")
        .append(
            "- **raw socket**: one keep-alive socket per thread, each request's bytes built once, a minimal response parser that reads the body without parsing it: the physical limit of this loopback setup.\n")
        .append(
            "- **bare Jersey**: the Jersey client and HttpClient 5 connector ours runs on, configured as ours, with nothing of ours: each body written by hand-written JSON-P code and handed to Jersey as bytes, each answer read by hand-written JSON-P code. `ours / bare Jersey` is the cost of our own layer (binding, validation, error handling, retries, metadata).\n")
        .append(
            "- **floor**: the faster, per figure, of keep-alive `HttpURLConnection` and `java.net.http.HttpClient`, both with the same hand-written JSON-P code.\n")
        .append(
            "- **stock Jackson**: the stock OpenAPI Generator `java`/`jersey3` client generated from the same spec, with Jackson.\n\n");
    md.append(
            "Ratios: contender / baseline; higher is better for throughput, lower for latency, allocation and CPU. ")
        .append(
            "CPU is the CPU time of the whole benchmark JVM (the in-process loopback server's threads included) per call: unlike calls/s it does not depend on what else the machine runs. ")
        .append(
            "POST records/s is calls/s times the batch size; request B/s is calls/s times the JSON body that contender sends for that batch.\n\n");
    md.append("| figure | ours | raw socket | bare Jersey | floor | stock Jackson |")
        .append(" ours / raw socket | ours / bare Jersey | ours / floor | ours / stock |\n")
        .append("|---|---|---|---|---|---|---|---|---|---|\n");
    for (String figure : units.keySet()) {
      md.append("| ").append(figure).append(" | ");
      for (Kind kind : COLUMNS) {
        md.append(cell(figure(figure, kind))).append(" | ");
      }
      Kind floor = floorKind(figure);
      md.append(
              floor == null
                  ? "-"
                  : figure(figure, floor)
                      + (floor == Kind.FLOOR_URLCONNECTION ? " (URLConnection)" : " (HttpClient)"))
          .append(" | ")
          .append(cell(figure(figure, Kind.STOCK_JACKSON)));
      for (String base :
          List.of(
              Kind.RAW_SOCKET.name(), Kind.BARE_JERSEY.name(), FLOOR, Kind.STOCK_JACKSON.name())) {
        md.append(" | ").append(cell(ratio(figure, base)));
      }
      md.append(" |\n");
    }
    md.append(targetsTable(targets, cold));
    md.append(Committed.compare(committed, this::ratio, units));
    md.append("\n## Observability: the cost of a listener, this run\n\n")
        .append(ObservabilityRunner.markdown(this, committed));
    md.append(profiles);
    md.append(
        "\n| cold start: JVM start to first completed call (median of 5, spread) | |\n|---|---|\n");
    cold.forEach(
        (k, v) ->
            md.append(
                String.format(
                    Locale.ROOT, "| %s | %,.0f ms (spread %,.0f ms) |\n", k, v[0], v[1])));
    md.append("\n| import | result |\n|---|---|\n").append(importFigures);
    md.append("\n## Command-line start-up: this run\n\n").append(startup);
    md.append("\n## The import's own cost: this run\n\n").append(importCost);
    Path tuning = Path.of("benchmarks/TUNING.md");
    if (Files.exists(tuning)) {
      md.append("\n").append(Files.readString(tuning).replaceFirst("^# ", "## "));
    }
    Files.createDirectories(out.getParent());
    Files.writeString(out, md.toString());
  }

  private static String cell(Object value) {
    return value == null ? "-" : value.toString();
  }
}
