package io.ecdp.bench;

import io.ecdp.customers.sandbox.SampleCsv;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The import's own cost: {@code ecdp customers import} of 1,000,000 rows against a server that
 * accepts every batch ({@code 201}, no body, the spec's documented answer) and discards it, so that
 * no server work is counted. The packaged command runs as its own process with {@code -Xmx256m}:
 * records/s (its JSON summary), the process's CPU seconds (user + sys, from the shell's {@code
 * time}) per 100,000 records, and the peak heap (the largest heap before a collection in its {@code
 * -Xlog:gc} log); median of {@link #RUNS} runs. One more run with async-profiler attached (CPU
 * samples every 1 ms) splits the CPU by stage: read and parse, validate, serialize, send, and
 * other; {@link #RULES} says which frames mark which stage.
 *
 * <p>{@code main} writes {@code benchmarks/target/IMPORT-COST.md}; {@code main --compare label=JAR
 * label=JAR [--rounds N]} runs two builds of the command alternately (ABBA) and writes {@code
 * benchmarks/target/IMPORT-COST-COMPARE.md}, to measure a change within one run.
 */
public final class ImportCost {

  /** Rows imported per run. */
  static final int ROWS = SampleCsv.LARGE_IMPORT_ROWS;

  /** Measured runs per figure (the median is reported). */
  static final int RUNS = Integer.getInteger("importcost.runs", 3);

  private static final Path DIR = Path.of("benchmarks/target/import-cost");

  private ImportCost() {}

  /** One measured run of the command. */
  record Run(
      double recordsPerSecond,
      double importSeconds,
      double wallSeconds,
      double userSeconds,
      double sysSeconds,
      long peakHeapMb,
      long accepted,
      long rejected) {

    double cpuSeconds() {
      return userSeconds + sysSeconds;
    }

    double cpuPer100k() {
      return cpuSeconds() / (ROWS / 100_000.0);
    }
  }

  /**
   * A stage and the frames that mark it.
   *
   * @param stage the stage a matching frame assigns
   * @param kind the finer kind, shown for "other"
   * @param prefixes a frame matches when it starts with one of these
   * @param contains ...or contains one of these
   */
  record Rule(String stage, String kind, List<String> prefixes, List<String> contains) {
    boolean matches(String frame) {
      for (String p : prefixes) {
        if (frame.startsWith(p)) {
          return true;
        }
      }
      for (String c : contains) {
        if (frame.contains(c)) {
          return true;
        }
      }
      return false;
    }
  }

  static final String BOOKKEEPING_KIND =
      "import bookkeeping (Importer, the import engine: batches, throttle, checkpoint, rejects)";

  static final String READ = "read and parse";
  static final String VALIDATE = "validate";
  static final String SERIALIZE = "serialize";
  static final String SEND = "send";
  static final String OTHER = "other";
  static final List<String> STAGES = List.of(READ, VALIDATE, SERIALIZE, SEND, OTHER);

  /**
   * The rules, tried on each frame of a stack from its top (the frame on CPU) down: the first frame
   * that matches a rule decides the sample's stage, the rules being tried in this order on each
   * frame. Frames of the JDK or the VM that match no rule (collections, strings, allocation, system
   * calls) are passed over, so they count for the code that called them. A stack with no matching
   * frame counts as other, by its thread.
   */
  static final List<Rule> RULES =
      List.of(
          new Rule(
              OTHER,
              "class loading and linking",
              List.of(
                  "java/lang/ClassLoader.",
                  "jdk/internal/loader/",
                  "SystemDictionary::",
                  "ClassFileParser::",
                  "LinkResolver::",
                  "Verifier::",
                  "Rewriter::"),
              List.of()),
          new Rule(
              VALIDATE,
              VALIDATE,
              List.of("io/ecdp/customers/internal/RecordValidator", "io/ecdp/customers/cli/Fields"),
              List.of("Json.validate")),
          new Rule(
              SERIALIZE,
              SERIALIZE,
              List.of(
                  "org/eclipse/yasson/",
                  "org/eclipse/parsson/",
                  "jakarta/json/",
                  "io/ecdp/customers/internal/http/RequestBody$Chunks",
                  "io/ecdp/customers/internal/http/RequestBody.of",
                  "io/ecdp/customers/internal/JsonFields",
                  "io/ecdp/customers/internal/model/"),
              List.of()),
          new Rule(
              READ,
              READ,
              List.of(
                  "io/ecdp/customers/cli/CsvSource",
                  "io/ecdp/customers/cli/LineReader",
                  "io/ecdp/customers/cli/Row.",
                  "io/ecdp/customers/cli/RecordFields",
                  "io/ecdp/customers/cli/NdjsonSource"),
              List.of()),
          new Rule(
              SEND,
              SEND,
              List.of(
                  "org/glassfish/jersey/",
                  "org/glassfish/hk2/",
                  "org/jvnet/hk2/",
                  "jakarta/ws/rs/",
                  "org/apache/hc/",
                  "io/ecdp/customers/internal/",
                  "io/ecdp/customers/Customers",
                  "java/net/Socket",
                  "sun/nio/ch/NioSocketImpl",
                  "sun/nio/ch/Socket"),
              List.of()),
          new Rule(
              OTHER,
              BOOKKEEPING_KIND,
              List.of("io/ecdp/customers/cli/Importer", "io/ecdp/customers/imports/"),
              List.of()),
          new Rule(
              OTHER,
              "command start and summary (picocli, Ecdp, Session, Output)",
              List.of("picocli/", "io/ecdp/customers/cli/"),
              List.of()));

  /**
   * Stacks through these frames are the import's bookkeeping whatever is on top of them: the
   * checkpoint and rejects lines are JSON too, but not the request body.
   */
  static final List<String> BOOKKEEPING =
      List.of(
          "io/ecdp/customers/cli/Importer$BatchRun.record",
          "io/ecdp/customers/cli/Importer.rejectLine",
          "io/ecdp/customers/cli/Importer.readCheckpoint");

  /** A profile split by stage. */
  record Split(
      long total,
      Map<String, Long> byStage,
      Map<String, Long> otherByKind,
      Map<String, Map<String, Long>> decidingFrames,
      Map<String, Map<String, Long>> leafFrames,
      String event) {}

  /** Writes {@code benchmarks/target/IMPORT-COST.md}, or a comparison with {@code --compare}. */
  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("--compare")) {
      List<String[]> jars = new ArrayList<>();
      int rounds = 3;
      boolean profile = false;
      for (int i = 1; i < args.length; i++) {
        if (args[i].equals("--rounds")) {
          rounds = Integer.parseInt(args[++i]);
        } else if (args[i].equals("--profile")) {
          profile = true;
        } else {
          jars.add(args[i].split("=", 2));
        }
      }
      Path out = Path.of("benchmarks/target/IMPORT-COST-COMPARE.md");
      Files.writeString(out, compare(jars, rounds, profile));
      System.out.println("results: " + out);
      return;
    }
    Path out = Path.of(args.length > 0 ? args[0] : "benchmarks/target/IMPORT-COST.md");
    Files.writeString(out, "# The import's own cost\n\n" + markdown());
    System.out.println("results: " + out);
  }

  /** The section for the packaged command {@code cli/target/ecdp.jar}, {@link #RUNS} runs. */
  public static String markdown() throws Exception {
    return markdown(Path.of("cli/target/ecdp.jar"), RUNS);
  }

  /**
   * Measures {@code jar} ({@code runs} runs and one profiled run) and returns the figures and the
   * stage split as Markdown.
   */
  public static String markdown(Path jar, int runs) throws Exception {
    if (!Files.exists(jar)) {
      return "Not measured: " + jar + " is missing (`./mvnw -pl cli -am package`).\n";
    }
    Files.createDirectories(DIR);
    Path csv = csv();
    List<Run> measured = new ArrayList<>();
    Split split;
    try (FixedResponseServer server = new FixedResponseServer()) {
      for (int i = 0; i < runs; i++) {
        measured.add(run(jar, csv, server, "run" + i, null));
      }
      split = profile(jar, csv, server, "profile");
    }
    Run median = median(measured);
    StringBuilder md = new StringBuilder();
    md.append(header(runs));
    md.append(
        """
        | run | records/s | import s | process wall s | CPU s (user + sys) | CPU s per 100,000 records | peak heap |
        |---|---|---|---|---|---|---|
        """);
    for (int i = 0; i < measured.size(); i++) {
      md.append(row(String.valueOf(i + 1), measured.get(i)));
    }
    md.append(row("**median**", median));
    md.append('\n');
    md.append(splitTable(split, median.cpuPer100k()));
    md.append(rules());
    return md.toString();
  }

  /** Runs the builds alternately (ABBA...) and returns their medians, spread and splits. */
  static String compare(List<String[]> jars, int rounds, boolean profile) throws Exception {
    Files.createDirectories(DIR);
    Path csv = csv();
    Map<String, List<Run>> runs = new LinkedHashMap<>();
    Map<String, Split> splits = new LinkedHashMap<>();
    for (String[] j : jars) {
      runs.put(j[0], new ArrayList<>());
    }
    try (FixedResponseServer server = new FixedResponseServer()) {
      for (int r = 0; r < rounds; r++) {
        List<String[]> order = new ArrayList<>(jars);
        if (r % 2 == 1) {
          java.util.Collections.reverse(order);
        }
        for (String[] j : order) {
          Run run = run(Path.of(j[1]), csv, server, j[0] + "-" + r, null);
          System.out.printf(
              Locale.ROOT,
              "%s round %d: %.0f records/s, %.3f CPU s per 100k, peak %d MB%n",
              j[0],
              r,
              run.recordsPerSecond(),
              run.cpuPer100k(),
              run.peakHeapMb());
          runs.get(j[0]).add(run);
        }
      }
      if (profile) {
        for (String[] j : jars) {
          splits.put(j[0], profile(Path.of(j[1]), csv, server, j[0] + "-profile"));
        }
      }
    }
    StringBuilder md = new StringBuilder("# The import's own cost: comparison\n\n");
    md.append(header(rounds)).append("Runs alternate between the builds (ABBA).\n\n");
    md.append(
        """
        | build | median records/s (min to max) | median CPU s per 100,000 (min to max) | peak heap (max) |
        |---|---|---|---|
        """);
    for (Map.Entry<String, List<Run>> e : runs.entrySet()) {
      List<Run> l = e.getValue();
      double[] rate = l.stream().mapToDouble(Run::recordsPerSecond).sorted().toArray();
      double[] cpu = l.stream().mapToDouble(Run::cpuPer100k).sorted().toArray();
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %,.0f (%,.0f to %,.0f) | %.3f (%.3f to %.3f) | %d MB |\n",
              e.getKey(),
              median(rate),
              rate[0],
              rate[rate.length - 1],
              median(cpu),
              cpu[0],
              cpu[cpu.length - 1],
              l.stream().mapToLong(Run::peakHeapMb).max().orElse(0)));
    }
    // Each build against the first within the same round: the machine's load is shared by both.
    List<String> labels = new ArrayList<>(runs.keySet());
    if (labels.size() > 1) {
      md.append(
          "\nPaired, round by round, against "
              + labels.get(0)
              + " (runs of the same round are back to back, so they share the machine's load):\n\n"
              + "| build | records/s ratio, median (min to max) | CPU per 100,000 ratio, median (min to max) | rounds with less CPU |\n"
              + "|---|---|---|---|\n");
      List<Run> base = runs.get(labels.get(0));
      for (String label : labels.subList(1, labels.size())) {
        List<Run> l = runs.get(label);
        double[] rate = new double[l.size()];
        double[] cpu = new double[l.size()];
        int less = 0;
        for (int i = 0; i < l.size(); i++) {
          rate[i] = l.get(i).recordsPerSecond() / base.get(i).recordsPerSecond();
          cpu[i] = l.get(i).cpuPer100k() / base.get(i).cpuPer100k();
          less += cpu[i] < 1 ? 1 : 0;
        }
        Arrays.sort(rate);
        Arrays.sort(cpu);
        md.append(
            String.format(
                Locale.ROOT,
                "| %s | %.3f (%.3f to %.3f) | %.3f (%.3f to %.3f) | %d of %d |\n",
                label,
                median(rate),
                rate[0],
                rate[rate.length - 1],
                median(cpu),
                cpu[0],
                cpu[cpu.length - 1],
                less,
                l.size()));
      }
    }
    for (Map.Entry<String, Split> e : splits.entrySet()) {
      md.append("\n### ").append(e.getKey()).append("\n\n");
      md.append(splitTable(e.getValue(), median(runs.get(e.getKey())).cpuPer100k()));
    }
    return md.toString();
  }

  private static String header(int runs) {
    return String.format(
        Locale.ROOT,
        "Run on %s, %s, %d cores, Java %s. `ecdp customers import` of %,d rows (`SampleCsv`: nine"
            + " columns, a custom attribute and a consent) with `-Xmx256m`, `--batch-size 1000"
            + " --concurrency 4 --mode AddOrUpdate --match-by Email`, against a loopback server"
            + " that answers every batch `201` with no body (the spec's answer) and discards it."
            + " Median of %d runs. CPU is the whole process's (user + sys, JVM start, JIT and GC"
            + " included); the peak heap is the largest heap before a collection in its"
            + " `-Xlog:gc` log (on the median row: the largest of the runs).\n\n",
        LocalDate.now(ZoneId.systemDefault()),
        System.getProperty("os.name"),
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"),
        ROWS,
        runs);
  }

  private static String row(String label, Run r) {
    return String.format(
        Locale.ROOT,
        "| %s | %,.0f | %.3f | %.3f | %.3f | %.3f | %d MB of 256 MB |\n",
        label,
        r.recordsPerSecond(),
        r.importSeconds(),
        r.wallSeconds(),
        r.cpuSeconds(),
        r.cpuPer100k(),
        r.peakHeapMb());
  }

  private static String splitTable(Split s, double cpuPer100k) {
    StringBuilder md = new StringBuilder();
    md.append(
        String.format(
            Locale.ROOT,
            "Where the CPU goes: one more run with async-profiler 4.1 (`event=%s`, a sample per"
                + " 1 ms of CPU, %,d samples); CPU s per 100,000 records per stage is the stage's"
                + " share times the median above (%.3f s).\n\n",
            s.event(),
            s.total(),
            cpuPer100k));
    md.append(
        "| stage | share of CPU | CPU s per 100,000 records | its hottest frames (the deciding frame, share of all samples) |\n|---|---|---|---|\n");
    for (String stage : STAGES) {
      long n = s.byStage().getOrDefault(stage, 0L);
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %.1f%% | %.3f | %s |\n",
              stage,
              100.0 * n / s.total(),
              cpuPer100k * n / s.total(),
              top(s.decidingFrames().getOrDefault(stage, Map.of()), s.total(), 4)));
    }
    md.append("\nOther, by kind:\n\n| kind | share of CPU |\n|---|---|\n");
    s.otherByKind().entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(
            e ->
                md.append(
                    String.format(
                        Locale.ROOT,
                        "| %s | %.1f%% |\n",
                        e.getKey(),
                        100.0 * e.getValue() / s.total())));
    md.append('\n');
    return md.toString();
  }

  private static String top(Map<String, Long> frames, long total, int n) {
    List<String> out = new ArrayList<>();
    frames.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(n)
        .forEach(
            e ->
                out.add(
                    String.format(
                        Locale.ROOT,
                        "`%s` %.1f%%",
                        shortFrame(e.getKey()),
                        100.0 * e.getValue() / total)));
    return String.join(", ", out);
  }

  private static String shortFrame(String frame) {
    String f = frame.replaceAll("_\\[[a-z0-9]\\]$", "");
    int dot = f.lastIndexOf('.');
    int slash = f.lastIndexOf('/', dot < 0 ? f.length() - 1 : dot);
    return slash >= 0 ? f.substring(slash + 1) : f;
  }

  private static String rules() {
    StringBuilder md =
        new StringBuilder(
            "How a sample is assigned a stage: its stack is read from the top (the frame on CPU)"
                + " down, and the first frame that matches a rule decides; on each frame the rules"
                + " are tried in this order. JDK and VM frames that match no rule (collections,"
                + " strings, allocation, system calls) are passed over, so they count for the code"
                + " that called them; a stack with no matching frame is other, by its thread (GC,"
                + " JIT compiler, other VM threads). One exception comes first: a stack through "
                + String.join(", ", BOOKKEEPING.stream().map(f -> "`" + f + "`").toList())
                + " is bookkeeping (the checkpoint and rejects files are JSON too, but not the"
                + " request body).\n\n| stage | frames that mark it |\n|---|---|\n");
    for (Rule r : RULES) {
      List<String> all = new ArrayList<>();
      r.prefixes().forEach(p -> all.add("`" + p + "…`"));
      r.contains().forEach(c -> all.add("`…" + c + "…`"));
      md.append("| ")
          .append(r.stage().equals(OTHER) ? "other: " + r.kind() : r.stage())
          .append(" | ")
          .append(String.join(", ", all))
          .append(" |\n");
    }
    md.append('\n');
    return md.toString();
  }

  private static Path csv() throws IOException {
    Path csv = DIR.resolve("million.csv");
    SampleCsv.write(csv, ROWS);
    return csv;
  }

  /** Runs the command once; {@code agent} is an {@code -agentpath} option, or null. */
  static Run run(Path jar, Path csv, FixedResponseServer server, String name, String agent)
      throws Exception {
    Path gcLog = DIR.resolve(name + ".gc.log");
    Path stdout = DIR.resolve(name + ".out");
    Path stderr = DIR.resolve(name + ".err");
    Files.deleteIfExists(gcLog);
    List<String> command = new ArrayList<>();
    // The shell's `time` gives the process's user and sys CPU seconds (its rusage) on stderr.
    command.addAll(List.of("/bin/bash", "-c", "TIMEFORMAT='%R %U %S'; time \"$@\"", "bash"));
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError", "-Xlog:gc:file=" + gcLog));
    if (agent != null) {
      command.add(agent);
    }
    command.addAll(
        importArguments(
            jar,
            server.uri().toString(),
            csv,
            DIR.resolve(name + ".checkpoint.ndjson"),
            DIR.resolve(name + ".rejects.ndjson")));
    ProcessBuilder pb =
        new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
    pb.environment().put("ECDP_API_KEY", "import-cost-benchmark");
    Process p = pb.start();
    if (!p.waitFor(15, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException(name + ": the import did not finish in 15 minutes");
    }
    String out = Files.readString(stdout);
    String err = Files.readString(stderr);
    if (p.exitValue() != 0) {
      throw new IllegalStateException(
          name + ": the import exited " + p.exitValue() + ": " + out + err);
    }
    long accepted = number(out, "accepted");
    long rejected = number(out, "rejected");
    if (accepted + rejected != ROWS) {
      throw new IllegalStateException(name + ": not every row was accepted or rejected: " + out);
    }
    Matcher time = Pattern.compile("(?m)^([0-9.]+) ([0-9.]+) ([0-9.]+)\\s*$").matcher(err);
    String[] t = null;
    while (time.find()) {
      t = new String[] {time.group(1), time.group(2), time.group(3)};
    }
    if (t == null) {
      throw new IllegalStateException(name + ": no CPU times on stderr: " + err);
    }
    Matcher secs = Pattern.compile("\"seconds\":([0-9.]+)").matcher(out);
    return new Run(
        number(out, "recordsPerSecond"),
        secs.find() ? Double.parseDouble(secs.group(1)) : Double.NaN,
        Double.parseDouble(t[0]),
        Double.parseDouble(t[1]),
        Double.parseDouble(t[2]),
        peakHeap(gcLog),
        accepted,
        rejected);
  }

  private static long number(String json, String key) {
    Matcher m = Pattern.compile("\"" + key + "\":(\\d+)").matcher(json);
    if (!m.find()) {
      throw new IllegalStateException("no " + key + " in the summary: " + json);
    }
    return Long.parseLong(m.group(1));
  }

  static long peakHeap(Path gcLog) throws IOException {
    long peak = 0;
    Matcher heap = Pattern.compile("(\\d+)M->\\d+M\\(\\d+M\\)").matcher(Files.readString(gcLog));
    while (heap.find()) {
      peak = Math.max(peak, Long.parseLong(heap.group(1)));
    }
    return peak;
  }

  /** One run with async-profiler attached, split by stage. */
  static Split profile(Path jar, Path csv, FixedResponseServer server, String name)
      throws Exception {
    Path so = DIR.resolve("libasyncProfiler.so");
    try (InputStream in =
        ImportCost.class.getClassLoader().getResourceAsStream("linux-x64/libasyncProfiler.so")) {
      if (in == null) {
        throw new IllegalStateException(
            "async-profiler's linux-x64 library is not on the class path");
      }
      Files.copy(in, so, StandardCopyOption.REPLACE_EXISTING);
    }
    Path collapsed = DIR.resolve(name + ".collapsed");
    String event = "cpu";
    Files.deleteIfExists(collapsed);
    run(jar, csv, server, name, agent(so, event, collapsed));
    if (!Files.exists(collapsed) || Files.size(collapsed) == 0) {
      event = "itimer"; // perf events are not allowed here: the interval timer instead
      run(jar, csv, server, name, agent(so, event, collapsed));
    }
    Split split = split(Files.readAllLines(collapsed, StandardCharsets.UTF_8), event);
    writeLeaves(split, DIR.resolve(name + ".top.txt"));
    return split;
  }

  private static String agent(Path so, String event, Path out) {
    return "-agentpath:"
        + so.toAbsolutePath()
        + "=start,event="
        + event
        + ",interval=1ms,threads,collapsed,file="
        + out.toAbsolutePath();
  }

  /** Splits collapsed stacks ({@code [thread];root;...;top count}) by stage. */
  static Split split(List<String> lines, String event) {
    Map<String, Long> byStage = new LinkedHashMap<>();
    Map<String, Long> otherByKind = new HashMap<>();
    Map<String, Map<String, Long>> deciding = new HashMap<>();
    Map<String, Map<String, Long>> leaves = new HashMap<>();
    long total = 0;
    for (String line : lines) {
      int space = line.lastIndexOf(' ');
      if (space < 0) {
        continue;
      }
      long n = Long.parseLong(line.substring(space + 1).trim());
      String[] frames = line.substring(0, space).split(";", -1);
      total += n;
      String stage = null;
      String kind = null;
      String decidingFrame = null;
      for (String f : frames) {
        if (BOOKKEEPING.stream().anyMatch(f::startsWith)) {
          stage = OTHER;
          kind = BOOKKEEPING_KIND;
          decidingFrame = f;
          break;
        }
      }
      for (int i = frames.length - 1; i >= 0 && stage == null; i--) {
        for (Rule r : RULES) {
          if (r.matches(frames[i])) {
            stage = r.stage();
            kind = r.kind();
            decidingFrame = frames[i];
            break;
          }
        }
      }
      if (stage == null) {
        stage = OTHER;
        kind = threadKind(frames[0]);
        decidingFrame = frames[0].replaceAll(" tid=\\d+", "");
      }
      byStage.merge(stage, n, Long::sum);
      if (stage.equals(OTHER)) {
        otherByKind.merge(kind, n, Long::sum);
      }
      deciding.computeIfAbsent(stage, k -> new HashMap<>()).merge(decidingFrame, n, Long::sum);
      leaves
          .computeIfAbsent(stage, k -> new HashMap<>())
          .merge(frames[frames.length - 1], n, Long::sum);
    }
    return new Split(total, byStage, otherByKind, deciding, leaves, event);
  }

  private static String threadKind(String thread) {
    String t = thread.startsWith("[") ? thread : "";
    if (t.contains("GC Thread") || t.contains("G1 ") || t.contains("GC ")) {
      return "GC threads";
    }
    if (t.contains("CompilerThre")) {
      return "JIT compiler threads";
    }
    if (t.contains("VM Thread") || t.contains("VM Periodic") || t.contains("Service Thread")) {
      return "other VM threads";
    }
    return "unattributed (JDK or VM frames only)";
  }

  /** Writes the hottest top-of-stack frames per stage, for reading a profile. */
  static void writeLeaves(Split s, Path file) throws IOException {
    StringBuilder b = new StringBuilder();
    for (String stage : STAGES) {
      b.append(stage).append('\n');
      s.leafFrames().getOrDefault(stage, Map.of()).entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
          .limit(25)
          .forEach(
              e ->
                  b.append(
                      String.format(
                          Locale.ROOT,
                          "  %5.1f%% %s%n",
                          100.0 * e.getValue() / s.total(),
                          e.getKey())));
    }
    Files.writeString(file, b);
  }

  private static Run median(List<Run> runs) {
    List<Run> sorted = new ArrayList<>(runs);
    sorted.sort(Comparator.comparingDouble(Run::recordsPerSecond));
    Run byRate = sorted.get(sorted.size() / 2);
    double[] cpu = runs.stream().mapToDouble(Run::cpuSeconds).sorted().toArray();
    double[] user = runs.stream().mapToDouble(Run::userSeconds).sorted().toArray();
    double[] sys = runs.stream().mapToDouble(Run::sysSeconds).sorted().toArray();
    double[] wall = runs.stream().mapToDouble(Run::wallSeconds).sorted().toArray();
    double[] secs = runs.stream().mapToDouble(Run::importSeconds).sorted().toArray();
    // Each column's own median; user and sys scaled so that they add up to the median CPU.
    double scale = median(cpu) / (median(user) + median(sys));
    return new Run(
        byRate.recordsPerSecond(),
        median(secs),
        median(wall),
        median(user) * scale,
        median(sys) * scale,
        runs.stream().mapToLong(Run::peakHeapMb).max().orElse(0),
        byRate.accepted(),
        byRate.rejected());
  }

  private static double median(double[] sorted) {
    double[] s = sorted.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  /**
   * The arguments of the benchmarks' import of 1,000,000 rows after {@code java [options]}: the
   * packaged command and the large import's own arguments ({@link SampleCsv#largeImportArguments}),
   * without progress lines.
   */
  static List<String> importArguments(
      Path jar, String baseUrl, Path csv, Path checkpoint, Path rejects) {
    List<String> arguments = new ArrayList<>(List.of("-jar", jar.toString()));
    arguments.addAll(SampleCsv.largeImportArguments(baseUrl, csv, "none", checkpoint, rejects));
    return arguments;
  }
}
