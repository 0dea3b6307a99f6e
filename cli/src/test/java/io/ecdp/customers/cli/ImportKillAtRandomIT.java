package io.ecdp.customers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecdp.customers.sandbox.CustomersSandbox;
import io.ecdp.customers.sandbox.SandboxStore;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An import killed with SIGKILL ten times or more at random moments, and resumed each time, in
 * {@code Add} and {@code AddOrUpdate}, into the embedded sandbox ({@code --sandbox}) and into
 * {@code ecdp sandbox serve} (itself stopped between kills, by SIGTERM or SIGKILL in turn, and
 * started again on its state): at the end the service holds exactly the good rows, as written, and
 * the rejects file lists exactly the bad rows, each once; no row is both.
 *
 * <p>The moments are random in progress, not in time: each run is killed once the checkpoint has
 * grown by a random number of lines, after a random pause of up to 20 ms, so that kills land in
 * every phase (sending, recording, rejecting, reading) whatever the machine's speed.
 */
class ImportKillAtRandomIT {

  private static final int ROWS = 12_000;
  private static final int SEEDED = 100;
  private static final int KILLS = 6;
  private static final Pattern LINE = Pattern.compile("\"line\":(\\d+)");

  @ParameterizedTest(name = "{0} into {1}")
  @CsvSource({"Add, EMBEDDED", "AddOrUpdate, EMBEDDED", "Add, SERVE", "AddOrUpdate, SERVE"})
  void killedAtRandomMoments_andResumed_storesExactlyTheGoodRows_andRejectsExactlyTheBadOnes(
      String mode, String target) throws Exception {
    long seed = Long.getLong("ecdp.kill.seed", System.nanoTime()); // -Decdp.kill.seed=N repeats
    Random random = new Random(seed);
    Path dir =
        Files.createDirectories(
            Path.of(
                System.getProperty("ecdp.target"), "it-kill-" + mode + "-" + target + "-" + seed));
    boolean embedded = target.equals("EMBEDDED");
    Path seedCsv = dir.resolve("seed.csv");
    try (BufferedWriter w = Files.newBufferedWriter(seedCsv, StandardCharsets.UTF_8)) {
      w.write("email,firstName\n");
      for (int i = 0; i < SEEDED; i++) {
        w.write("pre" + i + "@example.com,Existing\n");
      }
    }
    Path csv = dir.resolve("customers.csv");
    Map<String, String> expectedNames = new HashMap<>(); // e-mail -> first name stored at the end
    TreeSet<Long> badLines = new TreeSet<>();
    for (int i = 0; i < SEEDED; i++) {
      expectedNames.put("pre" + i + "@example.com", "Existing");
    }
    try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
      w.write("email,firstName,lastName\n");
      for (int i = 0; i < ROWS; i++) {
        long line = i + 2L;
        if (i % 50 == 7) { // refused by the command's checks: never sent
          w.write("bad" + i + ".example.com,F" + i + ",L" + i + "\n");
          badLines.add(line);
        } else if (i % 50 == 21 && i / 50 < SEEDED) { // a customer that exists already
          String email = "pre" + (i / 50) + "@example.com";
          w.write(email + ",New" + i + ",L" + i + "\n");
          if (mode.equals("Add")) {
            badLines.add(line); // refused as existing, also when its batch was in doubt
          } else {
            expectedNames.put(email, "New" + i);
          }
        } else {
          w.write("u" + i + "@example.com,F" + i + ",L" + i + "\n");
          expectedNames.put("u" + i + "@example.com", "F" + i);
        }
      }
    }
    Path state = dir.resolve(embedded ? "sandbox.json" : "served.json");
    Path checkpoint = dir.resolve("checkpoint.ndjson");
    Path rejects = dir.resolve("rejects.ndjson");
    CliProcess.Served served =
        embedded
            ? null
            : CliProcess.serve(
                dir, dir.resolve("serve-0.out"), "--state", state.toString(), "--latency", "2");
    int serveRuns = 0;
    try {
      int seeded =
          run(dir, "seed", target(embedded, served, state), seedArgs(seedCsv, dir)).waitFor();
      assertThat(seeded).as("seed %d: the seed import", seed).isZero();

      String[] importArgs = {
        "customers",
        "import",
        csv.toString(),
        "--mode",
        mode,
        "--match-by",
        "Email",
        "--batch-size",
        "50",
        "--concurrency",
        "3",
        "--progress",
        "none",
        "--checkpoint",
        checkpoint.toString(),
        "--rejects",
        rejects.toString()
      };
      int kills = 0;
      int runs = 0;
      while (kills < KILLS) {
        String[] args = runs == 0 ? importArgs : CliProcess.append(importArgs, "--resume");
        long before = Files.exists(checkpoint) ? Files.size(checkpoint) : 0;
        Process p = run(dir, "run-" + runs, target(embedded, served, state), args);
        runs++;
        long grow = 200L * (1 + random.nextInt(8)); // about one to eight batches recorded
        while (p.isAlive()
            && (!Files.exists(checkpoint) || Files.size(checkpoint) < before + grow)) {
          Thread.sleep(1);
        }
        Thread.sleep(random.nextInt(21));
        if (!p.isAlive()) {
          assertThat(p.exitValue())
              .as("seed %d: run %d ended by itself: %s", seed, runs, log(dir, runs - 1))
              .isIn(0, 4);
          break; // the file was imported before ten kills: the checks below still hold
        }
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        kills++;
        assertInvariants(seed, state, embedded, rejects, badLines);
        if (!embedded) { // the service goes down too, gently or not, and comes back
          if (kills % 2 == 0) {
            served.process().destroyForcibly();
          } else {
            CliProcess.signal(served.process(), "TERM");
          }
          assertThat(served.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
          serveRuns++;
          served =
              CliProcess.serve(
                  dir,
                  dir.resolve("serve-" + serveRuns + ".out"),
                  "--state",
                  state.toString(),
                  "--latency",
                  "2");
        }
      }
      assertThat(kills)
          .as("seed %d: kills that landed mid-import", seed)
          .isGreaterThanOrEqualTo(KILLS);

      Process last =
          run(
              dir,
              "last",
              target(embedded, served, state),
              CliProcess.append(importArgs, "--resume"));
      assertThat(last.waitFor(180, TimeUnit.SECONDS)).isTrue();
      assertThat(last.exitValue())
          .as("seed %d: %s", seed, Files.readString(dir.resolve("last.log")))
          .isEqualTo(4);
      Process again =
          run(
              dir,
              "again",
              target(embedded, served, state),
              CliProcess.append(importArgs, "--resume"));
      assertThat(again.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(Files.readString(dir.resolve("again.log"))).contains("Nothing to resume");
      assertThat(again.exitValue()).isZero();

      if (!embedded) {
        CliProcess.signal(served.process(), "TERM");
        assertThat(served.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        served = null;
      }
      Map<String, String> stored = stored(state);
      assertThat(stored)
          .as("seed %d: exactly the good rows, as written", seed)
          .isEqualTo(expectedNames);
      List<Long> rejected = rejectedLines(rejects);
      assertThat(rejected).as("seed %d: each bad row rejected once", seed).doesNotHaveDuplicates();
      assertThat(new TreeSet<>(rejected))
          .as("seed %d: exactly the bad rows", seed)
          .isEqualTo(badLines);
    } finally {
      if (served != null) {
        served.process().destroyForcibly();
      }
    }
  }

  /** After a kill: nothing rejected that is good, nothing stored that is bad. */
  private static void assertInvariants(
      long seed, Path state, boolean embedded, Path rejects, Set<Long> badLines)
      throws IOException {
    List<Long> rejected = rejectedLines(rejects);
    assertThat(badLines).as("seed %d: only bad rows rejected", seed).containsAll(rejected);
    assertThat(rejected).as("seed %d: no row rejected twice", seed).doesNotHaveDuplicates();
    if (embedded) {
      Map<String, String> stored = stored(state);
      assertThat(stored.keySet())
          .as("seed %d: nothing malformed stored", seed)
          .allSatisfy(e -> assertThat(e).matches("(u|pre)\\d+@example\\.com"));
    }
  }

  private static String[] seedArgs(Path seedCsv, Path dir) {
    return new String[] {
      "customers",
      "import",
      seedCsv.toString(),
      "--mode",
      "AddOrUpdate",
      "--match-by",
      "Email",
      "--progress",
      "none",
      "--checkpoint",
      dir.resolve("seed.checkpoint").toString(),
      "--rejects",
      dir.resolve("seed.rejects").toString()
    };
  }

  private static String[] target(boolean embedded, CliProcess.Served served, Path state) {
    return embedded
        ? new String[] {"--sandbox", "--sandbox-state", state.toString()}
        : new String[] {"--base-url", served.uri().toString()};
  }

  private static Process run(Path dir, String name, String[] target, String[] args)
      throws IOException {
    String[] all = CliProcess.append(target, args);
    ProcessBuilder b = CliProcess.builder("256m", dir, dir.resolve(name + ".log"), all);
    b.environment().put("ECDP_API_KEY", CustomersSandbox.DEFAULT_API_KEY);
    return b.start();
  }

  private static String log(Path dir, int run) throws IOException {
    Path log = dir.resolve("run-" + run + ".log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  /** The customers a state holds, as e-mail to first name (loaded by a sandbox of this JVM). */
  private static Map<String, String> stored(Path state) {
    Map<String, String> out = new HashMap<>();
    try (CustomersSandbox s = CustomersSandbox.builder().stateFile(state).start()) {
      for (SandboxStore.Entry e : s.store().snapshot()) {
        assertThat(out.put(e.details().email(), e.details().firstName()))
            .as("one customer per e-mail")
            .isNull();
      }
    }
    return out;
  }

  private static List<Long> rejectedLines(Path rejects) throws IOException {
    List<Long> lines = new ArrayList<>();
    if (Files.exists(rejects)) {
      for (String l : Files.readAllLines(rejects, StandardCharsets.UTF_8)) {
        Matcher m = LINE.matcher(l);
        assertThat(m.find()).as("a whole reject line: %s", l).isTrue();
        lines.add(Long.parseLong(m.group(1)));
      }
    }
    return lines;
  }
}
