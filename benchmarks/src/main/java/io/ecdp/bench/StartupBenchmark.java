package io.ecdp.bench;

import io.ecdp.customers.sandbox.SampleCsv;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The command line's start-up, as whole processes: {@code ecdp --version}, {@code ecdp customers
 * get} against {@link FixedResponseServer}, and {@code ecdp --sandbox customers get} with 3,000
 * stored customers. Each runs two ways, alternating within one run: the baseline {@code java -jar
 * cli/target/ecdp.jar} (default JVM flags, no class-data-sharing archive) and the launcher users
 * run, {@code bin/ecdp} of the release archive {@code cli/target/ecdp-bin.tar.gz} unpacked, with
 * its archive already made. One warm-up, then 5 runs each: the median and the spread (max - min) of
 * wall seconds and of CPU seconds (user + sys of the process and its children, from bash's {@code
 * time}). Run from the repository root after {@code ./mvnw -pl cli -am package}.
 */
public final class StartupBenchmark {

  /** Measured runs per contender and command. */
  static final int RUNS = 5;

  private StartupBenchmark() {}

  /** Writes the results to {@code args[0]} (default benchmarks/target/STARTUP-RESULTS.md). */
  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "benchmarks/target/STARTUP-RESULTS.md");
    Files.createDirectories(out.toAbsolutePath().getParent());
    String md = "# Command-line start-up\n\n" + markdown();
    Files.writeString(out, md, StandardCharsets.UTF_8);
    System.out.println(md);
    System.out.println("results: " + out);
    System.exit(0);
  }

  /** The measurement as a markdown section body (tables and notes), for the benchmark runner. */
  public static String markdown() throws Exception {
    Path jar = Path.of("cli/target/ecdp.jar").toAbsolutePath();
    Path tarball = Path.of("cli/target/ecdp-bin.tar.gz").toAbsolutePath();
    if (!Files.exists(jar) || !Files.exists(tarball)) {
      return "Not measured: cli/target/ecdp.jar or cli/target/ecdp-bin.tar.gz is missing"
          + " (`./mvnw -pl cli -am package -DskipTests`).\n";
    }
    Path dir = Path.of("benchmarks/target/startup").toAbsolutePath();
    deleteTree(dir);
    Path dist = Files.createDirectories(dir.resolve("dist"));
    exec(dir, Map.of(), "tar", "-xzf", tarball.toString(), "-C", dist.toString());
    Path home;
    try (Stream<Path> s = Files.list(dist)) {
      home = s.filter(Files::isDirectory).findFirst().orElseThrow();
    }
    String launcher = home.resolve("bin/ecdp").toString();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path cache = Files.createDirectories(dir.resolve("cache"));
    Map<String, String> env =
        Map.of(
            "XDG_CACHE_HOME", cache.toString(),
            "JAVA_HOME", System.getProperty("java.home"),
            "ECDP_API_KEY", "bench-key");

    // 3,000 stored customers, imported the way a user would.
    Path work = Files.createDirectories(dir.resolve("sandbox"));
    Path csv = work.resolve("customers.csv");
    SampleCsv.write(csv, 3_000);
    exec(
        work,
        env,
        java,
        "-jar",
        jar.toString(),
        "--sandbox",
        "customers",
        "import",
        csv.toString(),
        "--mode",
        "AddOrUpdate",
        "--match-by",
        "Email",
        "--progress",
        "none");

    StringBuilder md = new StringBuilder();
    md.append(
        String.format(
            Locale.ROOT,
            "Whole processes, %d runs each after 1 warm-up, the two contenders alternating in one run;"
                + " median and spread (max - min) in seconds. CPU is user + sys of the process and"
                + " its children. Baseline: `java -jar cli/target/ecdp.jar` (default JVM flags, no"
                + " archive). Launcher: `bin/ecdp` of the release archive (`ecdp-bin.tar.gz`"
                + " unpacked; the repository's `./ecdp` runs the same script), its class-data-sharing"
                + " archive made before the runs. Java %s, %d cores.%n%n",
            RUNS,
            System.getProperty("java.version"),
            Runtime.getRuntime().availableProcessors()));

    // The first run of the launcher: no archive yet; the command is not slowed, the archive is
    // made after it in the background (not after help or --version, which never use one).
    Sample first =
        time(
            dir,
            env,
            launcher,
            "--sandbox",
            "--sandbox-state",
            dir.resolve("first.json").toString(),
            "customers",
            "get",
            "--email",
            "nobody@example.com");
    long trainStart = System.nanoTime();
    Path archive = awaitArchive(cache.resolve("ecdp"));
    double trainWait = (System.nanoTime() - trainStart) / 1e9;
    Sample training =
        time(
            dir,
            env,
            java,
            "-XX:ArchiveClassesAtExit=" + dir.resolve("training.jsa"),
            "-Xshare:auto",
            "-Xlog:cds*=off",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            home.resolve("lib") + "/*",
            "io.ecdp.customers.cli.CdsTraining");

    String server;
    List<Row> rows = new ArrayList<>();
    StringBuilder archiveOrNone = new StringBuilder();
    try (FixedResponseServer fixed = new FixedResponseServer()) {
      server = fixed.uri().toString();
      rows.add(compare("`ecdp --version`", dir, env, jar, java, launcher, null, "--version"));
      rows.add(
          compare(
              "`ecdp customers get` (loopback server)",
              dir,
              env,
              jar,
              java,
              launcher,
              new double[] {1.7, 3.0},
              "--base-url",
              server,
              "customers",
              "get",
              "--email",
              "adam@poczta.pl"));
      rows.add(
          compare(
              "`ecdp --sandbox customers get` (3,000 stored)",
              work,
              env,
              jar,
              java,
              launcher,
              new double[] {3.3, 6.0},
              "--sandbox",
              "customers",
              "get",
              "--email",
              "customer1500@example.com"));
      archiveOrNone.append(archiveAgainstNone(dir, env, launcher, "--version"));
      archiveOrNone.append(
          archiveAgainstNone(
              dir,
              env,
              launcher,
              "--base-url",
              server,
              "customers",
              "get",
              "--email",
              "adam@poczta.pl"));
    }
    md.append(
        "| command | baseline wall | launcher wall | wall ratio | baseline CPU | launcher CPU"
            + " | CPU ratio | target (half of 1st measurement) |\n"
            + "|---|---|---|---|---|---|---|---|\n");
    for (Row r : rows) {
      md.append("| ").append(String.join(" | ", r.cells())).append(" |\n");
    }
    md.append(
        String.format(
            Locale.ROOT,
            "%nFirst run of the launcher (no archive yet): `--sandbox customers get` (empty) %.2f s"
                + " wall, %.2f s CPU;"
                + " the archive (%.1f MB) appeared %.1f s after it, made in the background once"
                + " the command had ended. The training run on its own: %.2f s wall, %.2f s CPU."
                + "%n",
            first.wall,
            first.cpu,
            Files.size(archive) / 1e6,
            trainWait,
            training.wall,
            training.cpu));
    md.append(launcherOverhead(dir, launcher, rows.get(0)));
    md.append(archiveOrNone);

    return md.toString();
  }

  /**
   * The launcher's own cost, without the JVM: {@code bin/ecdp --version} run with a {@code java}
   * that exits at once (a shell script in a stand-in {@code JAVA_HOME}), against that {@code java}
   * run directly, alternating; what is left is the script: the archive's key (a stat of every jar
   * and a checksum) and its checks. Its training attempt fails once with the stand-in and is not
   * tried again, so the runs measure the steady state.
   */
  static String launcherOverhead(Path dir, String launcher, Row version) throws Exception {
    Path fake = Files.createDirectories(dir.resolve("fake-jdk/bin"));
    Files.createDirectories(dir.resolve("fake-jdk/lib"));
    Files.writeString(dir.resolve("fake-jdk/lib/modules"), "");
    Path java = fake.resolve("java");
    Files.writeString(java, "#!/bin/sh\nexit 0\n");
    java.toFile().setExecutable(true);
    Path cache = Files.createDirectories(dir.resolve("fake-cache"));
    Map<String, String> env =
        Map.of("XDG_CACHE_HOME", cache.toString(), "JAVA_HOME", dir.resolve("fake-jdk").toString());
    time(dir, env, launcher, "--version"); // the training attempt, which fails with this java
    Thread.sleep(1500);
    int runs = 4 * RUNS;
    Paired p =
        alternate(
            runs,
            () -> time(dir, env, launcher, "--version"),
            () -> time(dir, env, java.toString(), "--version"));
    double[] lw = p.aWall();
    double[] lc = p.aCpu();
    double[] jw = p.bWall();
    double[] jc = p.bCpu();
    return String.format(
        Locale.ROOT,
        "%nThe launcher's own cost (no JVM: a `java` that exits at once, %d runs alternating with"
            + " that `java` run directly): %.1f ms wall and %.1f ms CPU for `bin/ecdp`, against"
            + " %.1f ms and %.1f ms for the `java` alone, so the script adds %.1f ms wall and %.1f"
            + " ms CPU (medians) to every command: %.0f%% and %.0f%% of what the launcher with its"
            + " archive saves on `--version` against the plain JVM (%.1f ms wall, %.1f ms CPU).%n",
        runs,
        median(lw) * 1000,
        median(lc) * 1000,
        median(jw) * 1000,
        median(jc) * 1000,
        (median(lw) - median(jw)) * 1000,
        (median(lc) - median(jc)) * 1000,
        100 * (median(lw) - median(jw)) / (version.baseWall() - version.oursWall()),
        100 * (median(lc) - median(jc)) / (version.baseCpu() - version.oursCpu()),
        (version.baseWall() - version.oursWall()) * 1000,
        (version.baseCpu() - version.oursCpu()) * 1000);
  }

  /**
   * {@code bin/ecdp --version} with its archive against {@code ECDP_CDS=off} (the same script and
   * flags, no archive), alternating: the archive must never lose, the key's cost included.
   */
  static String archiveAgainstNone(
      Path dir, Map<String, String> env, String launcher, String... args) throws Exception {
    String[] command = new String[args.length + 1];
    command[0] = launcher;
    System.arraycopy(args, 0, command, 1, args.length);
    Map<String, String> off = new java.util.HashMap<>(env);
    off.put("ECDP_CDS", "off");
    time(dir, env, command);
    time(dir, off, command);
    Paired p = alternate(RUNS, () -> time(dir, env, command), () -> time(dir, off, command));
    double[] aw = p.aWall();
    double[] ac = p.aCpu();
    double[] nw = p.bWall();
    double[] nc = p.bCpu();
    return String.format(
        Locale.ROOT,
        "%n`bin/ecdp %s` with its archive against `ECDP_CDS=off` (%d runs each,"
            + " alternating): %s against %s wall (%.2f×), %s against %s CPU (%.2f×).%n",
        String.join(" ", args).replace(dir.toString(), "DIR"),
        RUNS,
        figure(aw),
        figure(nw),
        median(aw) / median(nw),
        figure(ac),
        figure(nc),
        median(ac) / median(nc));
  }

  /** One command's row of the table, and the medians it was made of. */
  @SuppressWarnings("ArrayRecordComponent") // a table row, printed and never compared
  record Row(String[] cells, double baseWall, double oursWall, double baseCpu, double oursCpu) {}

  private static Row compare(
      String name,
      Path where,
      Map<String, String> env,
      Path jar,
      String java,
      String launcher,
      double[] firstMeasured,
      String... args)
      throws Exception {
    List<String> baseline = new ArrayList<>(List.of(java, "-jar", jar.toString()));
    baseline.addAll(List.of(args));
    List<String> ours = new ArrayList<>(List.of(launcher));
    ours.addAll(List.of(args));
    String[] b = baseline.toArray(String[]::new);
    String[] o = ours.toArray(String[]::new);
    time(where, env, b);
    time(where, env, o);
    Paired p = alternate(RUNS, () -> time(where, env, b), () -> time(where, env, o));
    double[] bw = p.aWall();
    double[] bc = p.aCpu();
    double[] ow = p.bWall();
    double[] oc = p.bCpu();
    String target = "-";
    if (firstMeasured != null) {
      double w = firstMeasured[0] / 2;
      double c = firstMeasured[1] / 2;
      boolean met = median(ow) <= w && median(oc) <= c;
      target =
          String.format(
              Locale.ROOT,
              "≤ %.2f s wall, ≤ %.2f s CPU: %s; against this run's baseline: %s",
              w,
              c,
              met ? "**met**" : "**not met**",
              median(ow) <= median(bw) / 2 && median(oc) <= median(bc) / 2
                  ? "halved"
                  : "not halved");
    }
    return new Row(
        new String[] {
          name,
          figure(bw),
          figure(ow),
          String.format(Locale.ROOT, "%.2f×", median(ow) / median(bw)),
          figure(bc),
          figure(oc),
          String.format(Locale.ROOT, "%.2f×", median(oc) / median(bc)),
          target
        },
        median(bw),
        median(ow),
        median(bc),
        median(oc));
  }

  /** Wall and CPU seconds of two commands run in turn, {@code runs} times each. */
  @SuppressWarnings("ArrayRecordComponent") // measurements, summarised and never compared
  record Paired(double[] aWall, double[] aCpu, double[] bWall, double[] bCpu) {}

  /** Runs {@code a} and {@code b} alternately, {@code runs} times each. */
  static Paired alternate(int runs, Callable<Sample> a, Callable<Sample> b) throws Exception {
    Paired p = new Paired(new double[runs], new double[runs], new double[runs], new double[runs]);
    for (int i = 0; i < runs; i++) {
      Sample x = a.call();
      Sample y = b.call();
      p.aWall()[i] = x.wall;
      p.aCpu()[i] = x.cpu;
      p.bWall()[i] = y.wall;
      p.bCpu()[i] = y.cpu;
    }
    return p;
  }

  private static String figure(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return String.format(Locale.ROOT, "%.2f ± %.2f s", median(v), s[s.length - 1] - s[0]);
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  record Sample(double wall, double cpu) {}

  /**
   * Runs the command under bash's {@code time}: real, user and sys seconds of the process and of
   * the children it waited for; its own output goes to files.
   */
  static Sample time(Path where, Map<String, String> env, String... command) throws Exception {
    Path out = where.resolve("run.out");
    Path err = where.resolve("run.err");
    List<String> bash =
        new ArrayList<>(
            List.of(
                "/bin/bash",
                "-c",
                "TIMEFORMAT='%R %U %S'; time \"$@\" >'" + out + "' 2>'" + err + "'",
                "time"));
    bash.addAll(List.of(command));
    ProcessBuilder pb = new ProcessBuilder(bash).directory(where.toFile());
    pb.environment().putAll(env);
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    String timing = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException("did not finish: " + String.join(" ", command));
    }
    String last = timing.substring(timing.lastIndexOf('\n') + 1);
    String[] f = last.trim().split("\\s+", -1);
    if (f.length != 3) {
      throw new IllegalStateException(
          "no timing from " + String.join(" ", command) + ": " + timing + Files.readString(err));
    }
    return new Sample(
        Double.parseDouble(f[0]), Double.parseDouble(f[1]) + Double.parseDouble(f[2]));
  }

  private static void exec(Path where, Map<String, String> env, String... command)
      throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(where.toFile())
            .redirectErrorStream(true)
            .redirectOutput(where.resolve("setup.log").toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException(
          String.join(" ", command) + " failed: " + Files.readString(where.resolve("setup.log")));
    }
  }

  private static Path awaitArchive(Path ecdp) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (System.nanoTime() < deadline) {
      if (Files.isDirectory(ecdp)) {
        try (Stream<Path> s = Files.list(ecdp)) {
          List<Path> files = s.toList();
          if (files.stream().anyMatch(f -> f.getFileName().toString().endsWith(".failed"))) {
            throw new IllegalStateException("the launcher's training failed: " + files);
          }
          boolean busy =
              files.stream()
                  .anyMatch(
                      f ->
                          f.getFileName().toString().endsWith(".lock")
                              || f.getFileName().toString().startsWith("."));
          List<Path> archives =
              files.stream().filter(f -> f.getFileName().toString().endsWith(".jsa")).toList();
          if (!busy && !archives.isEmpty()) {
            return archives.get(0);
          }
        }
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("no archive in " + ecdp);
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
