package io.ecdp.customers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecdp.customers.sandbox.CustomersSandbox;
import io.ecdp.customers.sandbox.Faults;
import io.ecdp.customers.sandbox.SandboxStore;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An {@code Add} import killed at a random moment and resumed: every row ends up accepted exactly
 * once, or listed as rejected (a batch that was applied but not yet recorded when the process died
 * is refused on resume as "already exists", and says so).
 */
class ImportKillAtRandomIT {

  private static final int ROWS = 6_000;

  @Test
  void addImport_killedAtARandomMoment_andResumed_losesAndDuplicatesNothing() throws Exception {
    long seed =
        Long.getLong("ecdp.kill.seed", System.nanoTime()); // -Decdp.kill.seed=N repeats a run
    Random random = new Random(seed);
    Path dir =
        Files.createDirectories(Path.of(System.getProperty("ecdp.target"), "it-kill-" + seed));
    Path csv = dir.resolve("customers.csv");
    try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
      w.write("email,firstName\n");
      for (int i = 0; i < ROWS; i++) {
        w.write("k" + i + "@example.com,Name\n");
      }
    }
    Path rejects = dir.resolve("rejects.ndjson");
    try (CustomersSandbox sandbox =
        CustomersSandbox.builder()
            .faults(Faults.NONE.withLatency(Duration.ofMillis(100)))
            .start()) {
      String[] args = {
        "--base-url",
        sandbox.uri().toString(),
        "customers",
        "import",
        csv.toString(),
        "--mode",
        "Add",
        "--match-by",
        "Email",
        "--batch-size",
        "100",
        "--concurrency",
        "3",
        "--progress",
        "none",
        "--checkpoint",
        dir.resolve("checkpoint.ndjson").toString(),
        "--rejects",
        rejects.toString()
      };
      ProcessBuilder first = CliProcess.builder("128m", dir, dir.resolve("first.log"), args);
      first.environment().put("ECDP_API_KEY", sandbox.apiKey());
      Process running = first.start();
      Path checkpoint = dir.resolve("checkpoint.ndjson");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (running.isAlive()
          && System.nanoTime() < deadline
          && (!Files.exists(checkpoint) || Files.readAllLines(checkpoint).isEmpty())) {
        Thread.sleep(5); // the import is under way once it recorded a batch
      }
      running.waitFor(random.nextInt(1200), TimeUnit.MILLISECONDS); // then a random moment
      assertThat(running.isAlive()).as("seed %d: killed mid-import", seed).isTrue();
      running.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

      ProcessBuilder second =
          CliProcess.builder(
              "128m", dir, dir.resolve("second.log"), CliProcess.append(args, "--resume"));
      second.environment().put("ECDP_API_KEY", sandbox.apiKey());
      Process resumed = second.start();
      assertThat(resumed.waitFor(120, TimeUnit.SECONDS)).isTrue();
      String log = Files.readString(dir.resolve("second.log"));
      assertThat(resumed.exitValue()).as("seed %d: %s", seed, log).isIn(0, 4);

      Set<String> stored = new HashSet<>();
      for (SandboxStore.Entry e : sandbox.store().snapshot()) {
        assertThat(stored.add(e.details().email())).as("seed %d: no duplicate", seed).isTrue();
      }
      assertThat(stored).as("seed %d: every row accepted", seed).hasSize(ROWS);
      List<String> rejected = Files.exists(rejects) ? Files.readAllLines(rejects) : List.of();
      assertThat(rejected)
          .as("seed %d: only rows applied before the kill are refused on resume", seed)
          .allSatisfy(l -> assertThat(l).contains("already exists"))
          .hasSizeLessThanOrEqualTo(3 * 100);
    }
  }
}
