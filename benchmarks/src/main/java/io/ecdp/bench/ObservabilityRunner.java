package io.ecdp.bench;

import io.ecdp.bench.BenchmarkRunner.Figure;
import io.ecdp.bench.BenchmarkRunner.Ratio;
import io.ecdp.bench.Contender.Kind;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.annotations.Mode;

/**
 * The cost of a listener ({@code benchmarks/run observability}): GET c1 and POST batch 100,
 * throughput and allocation, for ours without a listener, ours with the OpenTelemetry module
 * recording, ours with the Micrometer module, and the floor, the contenders one after another
 * within each round (order rotated each round). Writes OBSERVABILITY-RESULTS.md: each figure, the
 * ratios with a listener / without, the target (with OpenTelemetry recording, at least 0.95× the
 * throughput without a listener), and ours without a listener against the committed {@code
 * benchmarks/RESULTS.md}: its ratio to the floor and its allocation.
 */
public final class ObservabilityRunner {

  /** Rounds: 2 unless {@code -Drounds=N}. */
  private static final int ROUNDS = Integer.getInteger("rounds", 2);

  /** The contenders of this mode, in the order of the first round. */
  private static final List<Kind> KINDS =
      List.of(
          Kind.OURS,
          Kind.OURS_OTEL,
          Kind.OURS_MICROMETER,
          Kind.FLOOR_URLCONNECTION,
          Kind.FLOOR_HTTPCLIENT);

  /** The figures of this mode, and the figures read from each. */
  private static final List<String> CALLS = List.of("GET c1 throughput", "POST batch 100");

  private static final List<String> FIGURES =
      List.of(
          "GET c1 throughput",
          "GET c1 throughput allocation",
          "GET c1 throughput CPU",
          "POST batch 100",
          "POST batch 100 allocation",
          "POST batch 100 CPU");

  /** The target: ours with OpenTelemetry recording keeps at least this share of the throughput. */
  private static final double TARGET = 0.95;

  private ObservabilityRunner() {}

  /** Arguments: the OBSERVABILITY-RESULTS.md to write. */
  public static void main(String[] args) throws Exception {
    // 12 × 1 s of warm-up unless -Dwarmups=N: on a shared 2-core machine, the main run's 5 left the
    // JIT compiler unfinished (GET c1 climbed from 120 to 7,600 calls/s through the measurement).
    // 8 × 1 s of measurement unless -Dmeasurements=N. Set before BenchmarkRunner reads them.
    if (System.getProperty("warmups") == null) {
      System.setProperty("warmups", "12");
    }
    if (System.getProperty("measurements") == null) {
      System.setProperty("measurements", "8");
    }
    Path out = Path.of(args.length > 0 ? args[0] : "benchmarks/target/OBSERVABILITY-RESULTS.md");
    Map<String, Map<String, Double>> committed = Committed.read(Path.of("benchmarks/RESULTS.md"));
    BenchmarkRunner runner = new BenchmarkRunner();
    double loadBefore = load();
    long start = System.nanoTime();
    for (int round = 0; round < ROUNDS; round++) {
      List<Kind> order = new ArrayList<>(KINDS);
      Collections.rotate(order, round);
      for (Kind kind : order) {
        runner.measure("GET c1 throughput", kind, "getByEmail", "1", Mode.Throughput, 1);
      }
      for (Kind kind : order) {
        runner.measure("POST batch 100", kind, "upsertBatch", "100", Mode.Throughput, 1);
      }
    }
    double minutes = (System.nanoTime() - start) / 60e9;
    StringBuilder md = new StringBuilder("# Observability: the cost of a listener\n\n");
    md.append("Run on ")
        .append(LocalDate.now(ZoneId.systemDefault()))
        .append(", ")
        .append(System.getProperty("os.name"))
        .append(", ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores, Java ")
        .append(System.getProperty("java.version"))
        .append(String.format(Locale.ROOT, ", in %.1f minutes. ", minutes))
        .append(ROUNDS)
        .append(" rounds; in each, figure by figure, the contenders one after another (order")
        .append(" rotated each round); JMH 1.37, 1 fork per trial, ")
        .append(BenchmarkRunner.warmups(1))
        .append(" × 1 s warm-up, ")
        .append(BenchmarkRunner.MEASUREMENTS)
        .append(" × 1 s measurement, with the GC profiler (allocation) and the process's CPU time.")
        .append(
            String.format(
                Locale.ROOT,
                " The machine's load average (1 minute) was %.1f before the run and %.1f after it,"
                    + " on %d cores%s.\n\n",
                loadBefore,
                load(),
                Runtime.getRuntime().availableProcessors(),
                Math.max(loadBefore, load()) > Runtime.getRuntime().availableProcessors() / 2.0
                    ? ": the machine was shared, so calls/s moved with what else ran; CPU per call"
                        + " does not depend on it"
                    : ""));
    md.append(markdown(runner, committed));
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, md.toString());
    System.out.println("results: " + out);
  }

  private static double load() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  /**
   * The figures of the listeners and the target, from whatever the runner measured: this mode's
   * run, or the full run's (ours with OpenTelemetry for GET c1 and POST batch 100 only).
   */
  static String markdown(BenchmarkRunner r, Map<String, Map<String, Double>> committed) {
    StringBuilder md = new StringBuilder();
    md.append("The contenders: **ours, no listener** (`CustomersClient` as in the main table);")
        .append(" **with OpenTelemetry**: the same client with")
        .append(" `EcdpOpenTelemetry.create(sdk)` registered, on an OpenTelemetry SDK 1.58 that")
        .append(" records every call (always-on sampling; a span per call and per attempt through")
        .append(" the SDK's `BatchSpanProcessor` with its defaults to an exporter that takes each")
        .append(" batch and counts it; the duration histogram and the records counter collected")
        .append(" every second by a `PeriodicMetricReader` to an exporter that counts the points;")
        .append(
            " the W3C propagator, so every attempt sends a `traceparent`); **with Micrometer**:")
        .append(" `EcdpObservations.listener(registry)` on an `ObservationRegistry` whose")
        .append(" `DefaultMeterObservationHandler` times every call and attempt in a")
        .append(
            " `SimpleMeterRegistry`; the **floor** as in the main table (the faster of keep-alive")
        .append(
            " `HttpURLConnection` and `java.net.http.HttpClient`, per figure). Each trial fails")
        .append(
            " if its listener recorded nothing. A ratio is the mean of the rounds' ratios; its ±")
        .append(" is the larger of their spread and of JMH's errors of the two figures (relative")
        .append(" errors added in quadrature).\n\n");
    md.append("| figure | ours, no listener | with OpenTelemetry | with Micrometer | floor |")
        .append(" with OpenTelemetry / without | with Micrometer / without |")
        .append(" no listener / floor |\n")
        .append("|---|---|---|---|---|---|---|---|\n");
    for (String figure : FIGURES) {
      if (!r.units.containsKey(figure)) {
        continue;
      }
      Kind floor = r.floorKind(figure);
      md.append("| ")
          .append(figure)
          .append(" | ")
          .append(cell(r.figure(figure, Kind.OURS)))
          .append(" | ")
          .append(cell(r.figure(figure, Kind.OURS_OTEL)))
          .append(" | ")
          .append(cell(r.figure(figure, Kind.OURS_MICROMETER)))
          .append(" | ")
          .append(
              floor == null
                  ? "-"
                  : r.figure(figure, floor)
                      + (floor == Kind.FLOOR_URLCONNECTION ? " (URLConnection)" : " (HttpClient)"))
          .append(" | ")
          .append(cell(r.ratio(figure, Kind.OURS_OTEL, Kind.OURS)))
          .append(" | ")
          .append(cell(r.ratio(figure, Kind.OURS_MICROMETER, Kind.OURS)))
          .append(" | ")
          .append(cell(r.ratio(figure, Kind.OURS, floor)))
          .append(" |\n");
    }
    md.append("\n| target | ratio | met |\n|---|---|---|\n");
    for (String figure : CALLS) {
      Ratio otel = r.ratio(figure, Kind.OURS_OTEL, Kind.OURS);
      if (otel != null) {
        md.append("| with OpenTelemetry recording: at least ")
            .append(TARGET)
            .append("× the throughput without a listener, ")
            .append(figure)
            .append(" | ")
            .append(otel)
            .append(" | ")
            .append(otel.value() >= TARGET ? "yes" : "**no**")
            .append(Math.abs(otel.value() - TARGET) <= otel.error() ? " (within the error)" : "")
            .append(" |\n");
      }
    }
    md.append(
            "\nNo listener against the committed `benchmarks/RESULTS.md` (its main table): the"
                + " ratio to the floor (only ratios compare across runs), and allocation per call"
                + " absolute (bytes do not depend on the machine's speed). *Equal within the error*:"
                + " the two differ by no more than this run's ± for a ratio, or the two runs' ±"
                + " added in quadrature for bytes; otherwise *better* or **worse**.\n\n")
        .append("| figure | committed | this run | |\n|---|---|---|---|\n");
    for (String figure : FIGURES) {
      Map<String, Double> before = committed.get(figure);
      if (before == null || !r.units.containsKey(figure) || figure.endsWith(" CPU")) {
        continue;
      }
      boolean higher = r.higherIsBetter(figure);
      Double ratio = before.get("ours / floor");
      Ratio now = r.ratio(figure, Kind.OURS, r.floorKind(figure));
      if (ratio != null && now != null) {
        md.append(
            String.format(
                Locale.ROOT,
                "| %s, ours / floor | %.2f× | %s | %s |\n",
                figure,
                ratio,
                now,
                Committed.verdict(ratio, now.value(), now.error(), higher)));
      }
      Double bytes = before.get(Committed.OURS);
      Figure ours = r.figure(figure, Kind.OURS);
      if (figure.endsWith(" allocation") && bytes != null && ours != null) {
        double error = Math.hypot(ours.error(), before.getOrDefault(Committed.OURS_ERROR, 0.0));
        md.append(
            String.format(
                Locale.ROOT,
                "| %s, ours | %,.1f ± %,.1f %s | %s | %s |\n",
                figure,
                bytes,
                before.getOrDefault(Committed.OURS_ERROR, 0.0),
                ours.unit(),
                ours,
                Committed.verdict(bytes, ours.mean(), error, higher)));
      }
    }
    return md.toString();
  }

  private static String cell(Object value) {
    return value == null ? "-" : value.toString();
  }
}
