package io.ecdp.customers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecdp.customers.sandbox.CustomersSandbox;
import io.ecdp.customers.sandbox.Faults;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * An import killed mid-way (the process, not a flag) and resumed: every row ends up imported, and
 * the batches recorded before the kill are not sent again.
 */
class ImportResumeIT {

  private static final int ROWS = 10_000;
  private static final int BATCH = 200;

  @Test
  void killedImport_resumes_withoutResendingRecordedBatches() throws Exception {
    Path dir = Files.createDirectories(Path.of(System.getProperty("ecdp.target"), "it-resume"));
    Path csv = dir.resolve("customers.csv");
    try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
      w.write("email,crmId,firstName\n");
      for (int i = 0; i < ROWS; i++) {
        w.write("c" + i + "@example.com,CRM-" + i + ",Name " + i + "\n");
      }
    }
    Path checkpoint = dir.resolve("checkpoint.ndjson");
    Path rejects = dir.resolve("rejects.ndjson");
    Files.deleteIfExists(checkpoint);
    AtomicInteger posts = new AtomicInteger();
    CountPosts countPosts = new CountPosts(posts);
    try (CustomersSandbox sandbox =
        CustomersSandbox.builder()
            .faults(Faults.NONE.withLatency(Duration.ofMillis(60)))
            .register(countPosts)
            .start()) {
      String[] args = {
        "--base-url",
        sandbox.uri().toString(),
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
        "2",
        "--progress",
        "lines",
        "--checkpoint",
        checkpoint.toString(),
        "--rejects",
        rejects.toString()
      };
      ProcessBuilder first = CliProcess.builder("128m", dir, dir.resolve("first.log"), args);
      first.environment().put("ECDP_API_KEY", sandbox.apiKey());
      Process running = first.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (lines(checkpoint) < 8 && running.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      running.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      Thread.sleep(300); // let a request already on the wire land before counting
      int recorded = lines(checkpoint);
      assertThat(recorded).as("batches recorded before the kill").isBetween(8, ROWS / BATCH - 1);
      assertThat(sandbox.store().size()).as("the import was cut short").isLessThan(ROWS);
      int postsBefore = posts.get();

      ProcessBuilder second =
          CliProcess.builder(
              "128m",
              dir,
              dir.resolve("second.log"),
              CliProcess.append(
                  new String[] {"--output", "json"}, CliProcess.append(args, "--resume")));
      second.environment().put("ECDP_API_KEY", sandbox.apiKey());
      Process resumed = second.start();
      assertThat(resumed.waitFor(120, TimeUnit.SECONDS)).isTrue();
      String log = Files.readString(dir.resolve("second.log"));
      assertThat(resumed.exitValue()).as(log).isZero();

      assertThat(sandbox.store().size()).isEqualTo(ROWS);
      assertThat(posts.get() - postsBefore)
          .as("only unrecorded batches are sent again")
          .isEqualTo(ROWS / BATCH - recorded);
      assertThat(log)
          .contains(
              "\"skippedAlreadyImported\":" + recorded * BATCH, "\"rejected\":0", "\"failed\":0");
      assertThat(Checkpoint.read(checkpoint).complete)
          .as("a finished import is recorded as complete")
          .isNotNull();
    }
  }

  private static int lines(Path file) throws java.io.IOException {
    if (!Files.exists(file)) {
      return 0;
    }
    return (int)
        Files.readAllLines(file).stream()
            .filter(l -> l.startsWith("{\"batch\":") && l.endsWith("}"))
            .count(); // the batches recorded as finished
  }
}
