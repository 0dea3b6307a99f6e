package io.ecdp.customers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive's launcher ({@code bin/ecdp}) and its class-data-sharing archive, as real
 * processes: made once after the first run, used by the next ones, made again when a jar changes,
 * none with {@code ECDP_CDS=off}, and a run with an unusable cache still works. In every case
 * standard output holds only the command's output and standard error nothing.
 */
class LauncherCdsIT {

  @TempDir static Path dir;
  static Path unpacked;

  @BeforeAll
  static void unpack() throws Exception {
    unpacked = Files.createDirectories(dir.resolve("unpacked"));
    Path archive = Path.of(System.getProperty("ecdp.cli.distribution"));
    Process tar =
        new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", unpacked.toString())
            .inheritIO()
            .start();
    assertThat(tar.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(tar.exitValue()).isZero();
  }

  private static Path home() {
    return unpacked.resolve("ecdp-" + System.getProperty("ecdp.version"));
  }

  private static String versionLine() {
    return "ecdp " + System.getProperty("ecdp.version") + " (Java ";
  }

  /** What {@link #probe()} prints. */
  private static final String PROBED = "No customer with e-mail n***@example.com.";

  private static final java.util.concurrent.atomic.AtomicInteger PROBES =
      new java.util.concurrent.atomic.AtomicInteger();

  /**
   * A short command that maps the archive: a lookup in an embedded sandbox of its own (exit 3, no
   * such customer), with a state file of its own so that runs at once do not share one.
   */
  private static String[] probe() {
    return new String[] {
      "--sandbox",
      "--sandbox-state",
      dir.resolve("probe-" + PROBES.incrementAndGet() + ".json").toString(),
      "customers",
      "get",
      "--email",
      "nobody@example.com"
    };
  }

  @Test
  void versionAndHelp_doNotMapTheArchive_norMakeOne() throws Exception {
    Path cache = Files.createDirectories(dir.resolve("trivial"));
    Path log = dir.resolve("trivial-classes.log");
    Run version =
        run(home(), cache, Map.of("JDK_JAVA_OPTIONS", "-Xlog:class+load:file=" + log), "--version");
    assertThat(version.stdout).startsWith(versionLine());
    assertThat(version.stderr).isEmpty();
    assertThat(Files.readString(log))
        .contains("io.ecdp.customers.cli.Ecdp")
        .doesNotContain("shared objects file (top)");
    Run help = run(home(), cache, Map.of(), "customers", "get", "--help");
    assertThat(help.exit).isZero();
    Thread.sleep(2_000); // a training would have taken its lock by now
    assertThat(cache.resolve("ecdp")).as("no archive made for help or --version").doesNotExist();
  }

  @Test
  void firstRun_makesTheArchive_laterRunsUseIt() throws Exception {
    Path cache = Files.createDirectories(dir.resolve("first"));
    Run first = run(home(), cache, Map.of(), probe());
    assertClean(first);
    assertThat(first.stdout).startsWith(PROBED);

    Path jsa = awaitArchive(cache);
    assertThat(Files.getPosixFilePermissions(cache.resolve("ecdp")))
        .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    assertThat(leftovers(cache)).as("no temporary archive or lock left").isEmpty();

    Path log = dir.resolve("first-classes.log");
    Run second =
        run(home(), cache, Map.of("JDK_JAVA_OPTIONS", "-Xlog:class+load:file=" + log), probe());
    assertThat(second.exit).isEqualTo(ExitCode.NOT_FOUND);
    assertThat(second.stdout).startsWith(PROBED);
    assertThat(Files.readString(log))
        .as("the command's own classes come from the archive")
        .contains("io.ecdp.customers.cli.Ecdp source: shared objects file (top)")
        // picocli's classes are Java 5 class files, which CDS does not archive (nor ours that
        // implement its interfaces): the rest is.
        .contains("io.ecdp.customers.cli.GetCommand source: shared objects file (top)");

    // A sandbox get (C1, serial GC) and an import (default JIT and GC) both map it, and print
    // only what the command prints.
    Path work = Files.createDirectories(dir.resolve("first-work"));
    Files.writeString(
        work.resolve("one.csv"),
        "email,firstName\ncds.one@example.com,Ada\n",
        StandardCharsets.UTF_8);
    Path importLog = dir.resolve("import-classes.log");
    Run imported =
        run(
            work,
            cache,
            Map.of("JDK_JAVA_OPTIONS", "-Xlog:class+load:file=" + importLog),
            "--sandbox",
            "--output",
            "json",
            "customers",
            "import",
            "one.csv",
            "--mode",
            "AddOrUpdate",
            "--match-by",
            "Email");
    assertThat(imported.exit).as(imported.stderr).isZero();
    assertThat(Files.readString(importLog))
        .contains("io.ecdp.customers.cli.Importer source: shared objects file (top)")
        .contains("io.ecdp.customers.CustomersClient source: shared objects file (top)");
    Run got =
        run(
            work,
            cache,
            Map.of(),
            "--sandbox",
            "--output",
            "json",
            "customers",
            "get",
            "--email",
            "cds.one@example.com");
    assertClean(got);
    assertThat(got.stdout.strip()).startsWith("{").endsWith("}").contains("\"Ada\"");
    try (Stream<Path> files = Files.list(cache.resolve("ecdp"))) {
      assertThat(files.toList()).as("still the one archive").containsExactly(jsa);
    }
  }

  @Test
  void changedJar_getsANewArchive() throws Exception {
    Path own = dir.resolve("own");
    copyTree(home(), own);
    Path cache = Files.createDirectories(dir.resolve("changed"));
    assertClean(run(own, cache, Map.of(), probe()));
    Path before = awaitArchive(cache);

    Path jar;
    try (Stream<Path> lib = Files.list(own.resolve("lib"))) {
      jar = lib.filter(p -> p.getFileName().toString().startsWith("picocli-")).findFirst().get();
    }
    Files.setLastModifiedTime(
        jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 3_600_000));
    Run after = run(own, cache, Map.of(), probe());
    assertClean(after);
    assertThat(after.stdout).startsWith(PROBED);
    Path renewed = awaitArchive(cache, before);
    assertThat(renewed).isNotEqualTo(before);

    Path log = dir.resolve("changed-classes.log");
    run(own, cache, Map.of("JDK_JAVA_OPTIONS", "-Xlog:class+load:file=" + log), probe());
    assertThat(Files.readString(log))
        .contains("io.ecdp.customers.cli.Ecdp source: shared objects file (top)");
  }

  @Test
  void unusableCache_stillRunsTheCommand() throws Exception {
    // A cache "directory" that is a file: nothing can be made under it (even by root).
    Path notADirectory = Files.writeString(dir.resolve("not-a-directory"), "");
    Run r = run(home(), notADirectory, Map.of(), probe());
    assertClean(r);
    assertThat(r.stdout).startsWith(PROBED);
    assertThat(Files.readString(notADirectory)).isEmpty();
  }

  @Test
  void cdsOff_makesNoArchive() throws Exception {
    Path cache = Files.createDirectories(dir.resolve("off"));
    Run r = run(home(), cache, Map.of("ECDP_CDS", "off"), probe());
    assertClean(r);
    assertThat(r.stdout).startsWith(PROBED);
    // The lock of a training is taken before the command starts: none, so no training either.
    assertThat(cache.resolve("ecdp")).doesNotExist();
  }

  @Test
  void twoFirstRunsAtOnce_leaveOneArchive() throws Exception {
    Path cache = Files.createDirectories(dir.resolve("together"));
    Process a = start(home(), cache, Map.of(), probe());
    Process b = start(home(), cache, Map.of(), probe());
    for (Process p : List.of(a, b)) {
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isEqualTo(ExitCode.NOT_FOUND);
      assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
          .startsWith(PROBED);
      assertThat(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).isEmpty();
    }
    awaitArchive(cache);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!leftovers(cache).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertThat(leftovers(cache)).isEmpty();
    try (Stream<Path> files = Files.list(cache.resolve("ecdp"))) {
      assertThat(files.filter(f -> f.toString().endsWith(".jsa")).count()).isEqualTo(1);
    }
    Path log = dir.resolve("together-classes.log");
    run(home(), cache, Map.of("JDK_JAVA_OPTIONS", "-Xlog:class+load:file=" + log), probe());
    assertThat(Files.readString(log))
        .contains("io.ecdp.customers.cli.Ecdp source: shared objects file (top)");
  }

  // ------------------------------------------------------------------------------------------

  record Run(int exit, String stdout, String stderr) {}

  private static void assertClean(Run r) {
    assertThat(r.exit).as(r.stderr).isIn(0, 3);
    assertThat(r.stderr).as("standard error").isEmpty();
  }

  /** Files of a training in progress (or left behind): a lock, a temporary archive, a failure. */
  private static List<Path> leftovers(Path cache) throws IOException {
    Path ecdp = cache.resolve("ecdp");
    if (!Files.isDirectory(ecdp)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(ecdp)) {
      return files
          .filter(
              f ->
                  !f.getFileName().toString().endsWith(".jsa")
                      || f.getFileName().toString().startsWith("."))
          .toList();
    }
  }

  private static Path awaitArchive(Path cache, Path... not) throws Exception {
    Path ecdp = cache.resolve("ecdp");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (System.nanoTime() < deadline) {
      if (Files.isDirectory(ecdp)) {
        try (Stream<Path> files = Files.list(ecdp)) {
          List<Path> archives =
              files
                  .filter(f -> f.getFileName().toString().matches("ecdp-[0-9]+\\.jsa"))
                  .filter(f -> !List.of(not).contains(f))
                  .toList();
          if (!archives.isEmpty() && leftovers(cache).isEmpty()) {
            return archives.get(0);
          }
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no archive appeared in " + ecdp);
  }

  private static Process start(Path where, Path cache, Map<String, String> env, String... args)
      throws IOException {
    Path home = where.resolve("bin/ecdp").toFile().exists() ? where : home();
    List<String> command = new ArrayList<>();
    command.add(home.resolve("bin/ecdp").toString());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(where.toFile());
    pb.environment().remove("JAVA_HOME");
    pb.environment().remove("ECDP_API_KEY");
    pb.environment().remove("ECDP_JAVA_OPTS");
    pb.environment().remove("ECDP_CDS");
    pb.environment().remove("JDK_JAVA_OPTIONS");
    pb.environment().put("XDG_CACHE_HOME", cache.toString());
    pb.environment()
        .put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":/usr/bin:/bin");
    pb.environment().putAll(env);
    return pb.start();
  }

  private static Run run(Path where, Path cache, Map<String, String> env, String... args)
      throws Exception {
    Path out = Files.createTempFile(dir, "out", ".log");
    Path err = Files.createTempFile(dir, "err", ".log");
    Path home = where.resolve("bin/ecdp").toFile().exists() ? where : home();
    List<String> command = new ArrayList<>();
    command.add(home.resolve("bin/ecdp").toString());
    command.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(where.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    pb.environment().remove("JAVA_HOME");
    pb.environment().remove("ECDP_API_KEY");
    pb.environment().remove("ECDP_JAVA_OPTS");
    pb.environment().remove("ECDP_CDS");
    pb.environment().remove("JDK_JAVA_OPTIONS");
    pb.environment().put("XDG_CACHE_HOME", cache.toString());
    pb.environment()
        .put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":/usr/bin:/bin");
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("bin/ecdp did not finish: " + String.join(" ", args));
    }
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    if (env.containsKey("JDK_JAVA_OPTIONS")) {
      // the java launcher's own note about that variable, the one thing on stderr then
      stderr = stderr.replaceAll("(?m)^NOTE: Picked up JDK_JAVA_OPTIONS: .*\\R?", "");
    }
    return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), stderr);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : paths.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }
}
