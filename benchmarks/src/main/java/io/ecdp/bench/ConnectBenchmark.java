package io.ecdp.bench;

import io.ecdp.customers.sandbox.SampleCsv;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares the Kafka Connect sink's throughput and CPU with {@code ecdp customers import}: the same
 * {@value #DEFAULT_ROWS} customers ({@link SampleCsv}'s rows), the same batch size and calls in
 * flight, against the loopback {@link FixedResponseServer} (every batch answered {@code 201} at
 * once and discarded, so no server work is counted). Each side is a process of its own, timed by
 * the shell's {@code time}: the packaged command ({@code cli/target/ecdp.jar}) importing the CSV,
 * and {@link SinkTaskDriver} running the connector's task over the same customers as JSON record
 * values. The two alternate, round by round (ABBA), after one warm-up run of each; the figures are
 * the medians, and the ratio connector / command is taken round by round. Run with {@code
 * benchmarks/run connect}; it writes {@code benchmarks/target/CONNECT-RESULTS.md}.
 */
public final class ConnectBenchmark {

  /** The records of one run, by default. */
  static final int DEFAULT_ROWS = 100_000;

  private static final int ROWS = Integer.getInteger("connect.rows", DEFAULT_ROWS);
  private static final int BATCH = Integer.getInteger("connect.batch", 500);
  private static final int IN_FLIGHT = Integer.getInteger("connect.inflight", 4);
  private static final int POLL = Integer.getInteger("connect.poll", 500);
  private static final int ROUNDS = Integer.getInteger("rounds", 5);
  private static final String HEAP = "-Xmx256m";
  private static final String OOM = "-XX:+ExitOnOutOfMemoryError";
  private static final Path DIR = Path.of("benchmarks/target/connect");

  private ConnectBenchmark() {}

  /**
   * One run: records/s over the side's own import window, that window, the process's wall and CPU
   * seconds (user + sys), and (the connector only) the CPU seconds within the window.
   */
  private record Run(
      double recordsPerSecond,
      double windowSeconds,
      double wallSeconds,
      double cpuSeconds,
      double windowCpuSeconds) {
    double cpuPer100k() {
      return cpuSeconds * 100_000 / ROWS;
    }
  }

  /** Runs the rounds and writes their Markdown section to {@code args[0]} (else the default). */
  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "benchmarks/target/CONNECT-RESULTS.md");
    Path jar = Path.of("cli/target/ecdp.jar");
    if (!Files.exists(jar)) {
      throw new IllegalStateException(jar + " is missing: ./mvnw -pl cli -am package");
    }
    Files.createDirectories(DIR);
    Path csv = DIR.resolve("rows.csv");
    Path ndjson = DIR.resolve("values.ndjson");
    SampleCsv.write(csv, ROWS);
    writeValues(ndjson, ROWS);
    String loadBefore = loadAverage();
    List<Run> cli = new ArrayList<>();
    List<Run> sink = new ArrayList<>();
    List<Run> cliJson = new ArrayList<>();
    try (FixedResponseServer server = new FixedResponseServer()) {
      String uri = server.uri().toString();
      report("warm-up cli", cli(jar, csv, uri, "warmup-cli"));
      report("warm-up connector", connector(ndjson, uri, 0, "warmup-connector"));
      for (int r = 0; r < ROUNDS; r++) {
        String round = "round " + (r + 1);
        for (int k = 0; k < 3; k++) {
          int side = r % 2 == 0 ? k : 2 - k; // the order reverses every other round
          if (side == 0) {
            cli.add(report(round + " cli", cli(jar, csv, uri, "cli-" + r)));
          } else if (side == 1) {
            sink.add(report(round + " connector", connector(ndjson, uri, 0, "connector-" + r)));
          } else {
            cliJson.add(report(round + " cli ndjson", cli(jar, ndjson, uri, "cli-ndjson-" + r)));
          }
        }
      }
    }
    String md = markdown(cli, sink, cliJson, loadBefore, loadAverage());
    Files.writeString(out, md);
    System.out.print(md);
    System.out.println("results: " + out);
  }

  private static Run report(String label, Run run) {
    System.out.printf(
        Locale.ROOT,
        "%s: %,.0f records/s (%.3f s), process %.3f s wall, %.3f s CPU%n",
        label,
        run.recordsPerSecond(),
        run.windowSeconds(),
        run.wallSeconds(),
        run.cpuSeconds());
    return run;
  }

  /**
   * Writes {@link SampleCsv}'s first {@code rows} customers as JSON values, one a line, in the form
   * both sides read: the connector as schemaless values, {@code ecdp import} as NDJSON.
   */
  static void writeValues(Path file, int rows) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int i = 0; i < rows; i++) {
        w.write(
            "{\"email\":\"customer"
                + i
                + "@example.com\",\"phone\":\"+48600"
                + String.format(Locale.ROOT, "%07d", i)
                + "\",\"crmId\":\"CRM-"
                + i
                + "\",\"firstName\":\"Test\",\"lastName\":\"Customer "
                + i
                + "\",\"dateOfBirth\":\"1990-01-01T00:00:00Z\",\"gender\":\"NotSpecified\","
                + "\"customAttributes\":[{\"name\":\"tier\",\"value\":\"gold\"}],"
                + "\"consentsData\":{\"consents\":[{\"id\":1,\"value\":\"True\"}]}}\n");
      }
    }
  }

  private static Run cli(Path jar, Path csv, String uri, String name) throws Exception {
    List<String> command = new ArrayList<>();
    command.addAll(List.of(java(), HEAP, OOM, "-jar", jar.toString()));
    command.addAll(
        List.of(
            "--base-url",
            uri,
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
            String.valueOf(BATCH),
            "--concurrency",
            String.valueOf(IN_FLIGHT),
            "--progress",
            "none",
            "--restart",
            "--checkpoint",
            DIR.resolve(name + ".checkpoint.ndjson").toString(),
            "--rejects",
            DIR.resolve(name + ".rejects.ndjson").toString()));
    Timed t = timed(command, name);
    long accepted = (long) number(t.out, "accepted");
    if (accepted != ROWS) {
      throw new IllegalStateException(name + ": " + accepted + " of " + ROWS + " accepted");
    }
    double seconds = number(t.out, "seconds");
    return new Run(ROWS / seconds, seconds, t.wall, t.cpu, Double.NaN);
  }

  private static Run connector(Path ndjson, String uri, int commitEvery, String name)
      throws Exception {
    List<String> command =
        List.of(
            java(),
            HEAP,
            OOM,
            "-cp",
            System.getProperty("java.class.path"),
            SinkTaskDriver.class.getName(),
            ndjson.toString(),
            uri,
            String.valueOf(BATCH),
            String.valueOf(IN_FLIGHT),
            String.valueOf(POLL),
            String.valueOf(commitEvery));
    Timed t = timed(command, name);
    long records = (long) number(t.out, "records");
    if (records != ROWS) {
      throw new IllegalStateException(name + ": " + records + " of " + ROWS + " finished");
    }
    double seconds = number(t.out, "seconds");
    return new Run(ROWS / seconds, seconds, t.wall, t.cpu, number(t.out, "cpuSeconds"));
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** A finished process: its standard output, wall seconds and CPU seconds (user + sys). */
  private record Timed(String out, double wall, double cpu) {}

  private static Timed timed(List<String> command, String name) throws Exception {
    Path stdout = DIR.resolve(name + ".out");
    Path stderr = DIR.resolve(name + ".err");
    List<String> all = new ArrayList<>();
    // The shell's `time` gives the process's user and sys CPU seconds (its rusage) on stderr.
    all.addAll(List.of("/bin/bash", "-c", "TIMEFORMAT='%R %U %S'; time \"$@\"", "bash"));
    all.addAll(command);
    ProcessBuilder pb =
        new ProcessBuilder(all).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
    pb.environment().put("ECDP_API_KEY", "connect-benchmark");
    Process p = pb.start();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException(name + ": did not finish in 10 minutes");
    }
    String out = Files.readString(stdout);
    String err = Files.readString(stderr);
    if (p.exitValue() != 0) {
      throw new IllegalStateException(name + ": exited " + p.exitValue() + ": " + out + err);
    }
    Matcher time = Pattern.compile("(?m)^([0-9.]+) ([0-9.]+) ([0-9.]+)\\s*$").matcher(err);
    double[] t = null;
    while (time.find()) {
      t =
          new double[] {
            Double.parseDouble(time.group(1)),
            Double.parseDouble(time.group(2)),
            Double.parseDouble(time.group(3))
          };
    }
    if (t == null) {
      throw new IllegalStateException(name + ": no CPU times on stderr: " + err);
    }
    return new Timed(out, t[0], t[1] + t[2]);
  }

  private static double number(String json, String key) {
    Matcher m = Pattern.compile("\"" + key + "\":([0-9.]+)").matcher(json);
    if (!m.find()) {
      throw new IllegalStateException("no " + key + " in: " + json);
    }
    return Double.parseDouble(m.group(1));
  }

  private static String loadAverage() {
    try {
      Matcher m =
          Pattern.compile("^(\\S+) (\\S+) (\\S+)")
              .matcher(Files.readString(Path.of("/proc/loadavg")));
      return m.find() ? m.group(1) + " " + m.group(2) + " " + m.group(3) : "unknown";
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private static double median(List<Run> runs, java.util.function.ToDoubleFunction<Run> f) {
    return median(runs.stream().mapToDouble(f).toArray());
  }

  static String markdown(
      List<Run> cli, List<Run> sink, List<Run> cliJson, String loadBefore, String loadAfter) {
    StringBuilder md = new StringBuilder("## Kafka Connect sink vs `ecdp import`\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "Measured by `benchmarks/run connect` on %s (%s, %d cores, Java %s; load average %s"
                + " before, %s after). %,d customers (`SampleCsv`'s rows: nine fields, a custom"
                + " attribute and a consent), `AddOrUpdate` matched by e-mail, batches of %d, at"
                + " most %d in flight, against the benchmarks' loopback `FixedResponseServer`"
                + " (every batch answered `201` at once and discarded). Each run is a process of"
                + " its own with `%s %s`, timed by the shell's `time` (CPU: user + sys of the whole"
                + " process, JVM start, JIT and GC included):%n%n",
            LocalDate.now(ZoneId.systemDefault()),
            System.getProperty("os.name"),
            Runtime.getRuntime().availableProcessors(),
            System.getProperty("java.version"),
            loadBefore,
            loadAfter,
            ROWS,
            BATCH,
            IN_FLIGHT,
            HEAP,
            OOM));
    md.append(
        String.format(
            Locale.ROOT,
            "- **CLI**: `java %s -jar cli/target/ecdp.jar customers import FILE --mode"
                + " AddOrUpdate --match-by Email --batch-size %d --concurrency %d --progress none`;"
                + " records/s over the import's own `seconds` (its JSON summary: reading the file"
                + " to the last batch answered). Twice a round: FILE the customers as CSV"
                + " (`rows.csv`), and as the very JSON values the connector reads"
                + " (`values.ndjson`), so that both sides parse the same input.%n",
            HEAP,
            BATCH,
            IN_FLIGHT));
    md.append(
        String.format(
            Locale.ROOT,
            "- **Connector**: `SinkTaskDriver` calls the connector's `EcdpCustomersSinkTask`"
                + " directly, as a worker's task thread does (not an in-process Connect cluster:"
                + " brokers and a worker in the measured process would take the CPU being measured,"
                + " on 2 shared cores): `initialize` with a minimal `SinkTaskContext` (a dead letter"
                + " queue that counts), `start` with `ecdp.batch.size=%d`, `ecdp.max.in.flight=%d`,"
                + " `open` of one partition; the same customers as schemaless JSON values, one a"
                + " line, read %d at a time as a consumer's poll, each turned into a `SinkRecord`"
                + " by Connect's `JsonConverter` and the poll handed to `put`; at the end of the"
                + " input `flush` sends the partial batches and waits for every record (a worker"
                + " would send them after `ecdp.flush.interval.ms`); then `preCommit` must commit"
                + " the last offset, with nothing in the dead letter queue. Records/s from the first"
                + " read to the last record finished; no `preCommit` before the end, as in a worker"
                + " (`offset.flush.interval.ms`, 60 s by default, is longer than the run). The"
                + " plugin's class-loader isolation is not exercised (one class path).%n",
            BATCH,
            IN_FLIGHT,
            POLL));
    md.append("\n");
    md.append(
        String.format(
            Locale.ROOT,
            "One warm-up run of the CLI and of the connector (not counted), then %d rounds, the"
                + " order reversed every other round; median of the rounds; the ratios are taken"
                + " within each round (the runs of a round share the machine's load), then their"
                + " median.%n%n",
            cli.size()));
    md.append(
        "| round | CLI (NDJSON) records/s | connector records/s | connector / CLI (NDJSON) |"
            + " CPU s per 100,000: CLI (NDJSON), connector (connector in its window) | CLI (CSV)"
            + " records/s | connector / CLI (CSV) | process wall s: CLI (NDJSON), connector |\n");
    md.append("|---|---|---|---|---|---|---|---|\n");
    int n = cli.size();
    double[] ratios = new double[n];
    double[] cpuRatios = new double[n];
    double[] csvRatios = new double[n];
    for (int i = 0; i < n; i++) {
      Run c = cliJson.get(i);
      Run s = sink.get(i);
      Run k = cli.get(i);
      ratios[i] = s.recordsPerSecond() / c.recordsPerSecond();
      cpuRatios[i] = s.cpuPer100k() / c.cpuPer100k();
      csvRatios[i] = s.recordsPerSecond() / k.recordsPerSecond();
      md.append(
          String.format(
              Locale.ROOT,
              "| %d | %,.0f | %,.0f | %.2f× | %.2f, %.2f (%.2f) | %,.0f | %.2f× | %.2f, %.2f |%n",
              i + 1,
              c.recordsPerSecond(),
              s.recordsPerSecond(),
              ratios[i],
              c.cpuPer100k(),
              s.cpuPer100k(),
              s.windowCpuSeconds() * 100_000 / ROWS,
              k.recordsPerSecond(),
              csvRatios[i],
              c.wallSeconds(),
              s.wallSeconds()));
    }
    double ratio = median(ratios);
    md.append(
        String.format(
            Locale.ROOT,
            "| **median** | %,.0f | %,.0f | **%.2f×** | %.2f, %.2f (%.2f) | %,.0f | %.2f× | %.2f,"
                + " %.2f |%n%n",
            median(cliJson, Run::recordsPerSecond),
            median(sink, Run::recordsPerSecond),
            ratio,
            median(cliJson, Run::cpuPer100k),
            median(sink, Run::cpuPer100k),
            median(sink, r -> r.windowCpuSeconds() * 100_000 / ROWS),
            median(cli, Run::recordsPerSecond),
            median(csvRatios),
            median(cliJson, Run::wallSeconds),
            median(sink, Run::wallSeconds)));
    md.append(
        String.format(
            Locale.ROOT,
            "Target: the connector at least 0.8× the CLI's records/s, on the same input: %s"
                + " (median of the paired ratios %.2f×, from %.2f× to %.2f×; against the CLI"
                + " reading CSV, %.2f×). CPU per 100,000 records, connector / CLI (NDJSON): %.2f×"
                + " (median of the paired ratios).%n%n",
            ratio >= 0.8 ? "**met**" : "**not met**",
            ratio,
            Arrays.stream(ratios).min().orElse(Double.NaN),
            Arrays.stream(ratios).max().orElse(Double.NaN),
            median(csvRatios),
            median(cpuRatios)));
    return md.toString();
  }
}
