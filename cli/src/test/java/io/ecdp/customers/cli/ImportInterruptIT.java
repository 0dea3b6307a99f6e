package io.ecdp.customers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecdp.customers.sandbox.CustomersSandbox;
import io.ecdp.customers.sandbox.Faults;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C (a real SIGINT to a real process) during a {@code --sandbox} import: the calls in flight
 * settle, nothing is reported failed, the state is saved, the command says how to resume and exits
 * 130; the command it prints, run as printed, imports the rest.
 */
class ImportInterruptIT {

  private static final Pattern RESUME =
      Pattern.compile("resume with: (ecdp .*)$", Pattern.MULTILINE);

  @TempDir Path dir;

  private Path csv(int rows) throws Exception {
    Path csv = dir.resolve("people.csv");
    try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
      w.write("email,firstName\n");
      for (int i = 0; i < rows; i++) {
        w.write("p" + i + "@example.com,Name" + i + "\n");
      }
    }
    return csv;
  }

  private Process start(String name, List<String> args) throws Exception {
    return CliProcess.builder("256m", dir, dir.resolve(name + ".log"), args.toArray(String[]::new))
        .start();
  }

  @Test
  void sigint_settlesTheBatchesInFlight_savesTheState_andSaysHowToResume() throws Exception {
    int rows = 300_000;
    Path csv = csv(rows);
    List<String> args =
        List.of(
            "--sandbox",
            "customers",
            "import",
            csv.getFileName().toString(),
            "--mode",
            "Add",
            "--match-by",
            "Email",
            "--batch-size",
            "100",
            "--progress",
            "none");
    Process p = start("first", args);
    Path checkpoint = dir.resolve(".ecdp/people.csv.checkpoint.ndjson");
    while (p.isAlive() && (!Files.exists(checkpoint) || Files.size(checkpoint) < 4_000)) {
      Thread.sleep(2); // under way: some batches recorded
    }
    assertThat(p.isAlive()).as("still importing").isTrue();
    CliProcess.signal(p, "INT");
    assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
    String out = Files.readString(dir.resolve("first.log"));
    assertThat(p.exitValue()).as(out).isEqualTo(130);
    assertThat(out)
        .contains(" 0 failed", "Interrupted after ")
        .doesNotContain("Not imported", "connection", "Exception");
    Matcher m = RESUME.matcher(out);
    assertThat(m.find()).as(out).isTrue();
    String resume = m.group(1);
    assertThat(resume)
        .isEqualTo(
            "ecdp --sandbox customers import people.csv --mode Add --match-by Email"
                + " --batch-size 100 --progress none --resume");

    List<String> again = new ArrayList<>(List.of(resume.split(" ")));
    again.remove(0); // "ecdp"
    Process resumed = start("second", again);
    assertThat(resumed.waitFor(180, TimeUnit.SECONDS)).isTrue();
    String second = Files.readString(dir.resolve("second.log"));
    assertThat(resumed.exitValue()).as(second).isZero();
    assertThat(second).contains(" 0 rejected, 0 failed");
    try (CustomersSandbox s =
        CustomersSandbox.builder().stateFile(dir.resolve(".ecdp/sandbox.json")).start()) {
      assertThat(s.store().size()).as("every row, none twice").isEqualTo(rows);
    }
  }

  @Test
  void sigint_duringAWaitAfter429_cancelsTheWait_sendsNothingMore_andSaysHowToResume()
      throws Exception {
    Path csv = csv(3);
    AtomicInteger posts = new AtomicInteger();
    try (CustomersSandbox sandbox =
        CustomersSandbox.builder()
            .faults(Faults.NONE.withRateLimited(1.0, Duration.ofSeconds(20)))
            .register(new CountPosts(posts))
            .start()) {
      ProcessBuilder b =
          CliProcess.builder(
              "256m",
              dir,
              dir.resolve("small.log"),
              "--base-url",
              sandbox.uri().toString(),
              "customers",
              "import",
              csv.toString(),
              "--mode",
              "Add",
              "--match-by",
              "Email",
              "--progress",
              "none");
      b.environment().put("ECDP_API_KEY", sandbox.apiKey());
      Process p = b.start();
      while (p.isAlive() && posts.get() == 0) {
        Thread.sleep(5);
      }
      Thread.sleep(200); // the 429 is answered; the batch waits its Retry-After of 20 s
      CliProcess.signal(p, "INT");
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      String out = Files.readString(dir.resolve("small.log"));
      assertThat(p.exitValue()).as(out).isEqualTo(130);
      assertThat(out)
          .contains("0 failed", "Interrupted after 0 rows; resume with: ecdp --base-url")
          .doesNotContain("Exception");
      assertThat(posts.get()).as("the wait was cut short, nothing sent again").isEqualTo(1);
    }
  }
}
