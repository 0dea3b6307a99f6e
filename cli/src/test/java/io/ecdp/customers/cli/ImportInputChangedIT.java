package io.ecdp.customers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecdp.customers.sandbox.CustomersSandbox;
import io.ecdp.customers.sandbox.Faults;
import io.ecdp.customers.sandbox.SandboxStore;
import java.io.BufferedWriter;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file truncated while it is imported (a real process, the file cut mid-row under it): the rows
 * read before are imported, the row cut short is not, the command says the file changed and exits
 * 4, and the import stays resumable only once the file is whole again.
 */
class ImportInputChangedIT {

  @TempDir Path dir;

  @Test
  void fileTruncatedDuringTheImport_isReported_exit4_andTheCutRowIsNeverStored() throws Exception {
    int rows = 400_000;
    Path csv = dir.resolve("long.csv");
    try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
      w.write("email,firstName,lastName\n");
      for (int i = 0; i < rows; i++) {
        w.write("t" + i + "@example.com,First" + i + ",Lastname" + i + "\n");
      }
    }
    long size = Files.size(csv);
    // A service that takes 20 ms a call: the import is far from the middle of the file when it
    // is cut there, however loaded the machine.
    CustomersSandbox sandbox =
        CustomersSandbox.builder().faults(Faults.NONE.withLatency(Duration.ofMillis(20))).start();
    ProcessBuilder first =
        CliProcess.builder(
            "256m",
            dir,
            dir.resolve("import.log"),
            "--base-url",
            sandbox.uri().toString(),
            "customers",
            "import",
            "long.csv",
            "--mode",
            "AddOrUpdate",
            "--match-by",
            "Email",
            "--batch-size",
            "100",
            "--concurrency",
            "1",
            "--progress",
            "none");
    first.environment().put("ECDP_API_KEY", sandbox.apiKey());
    Process p = first.start();
    Path checkpoint = dir.resolve(".ecdp/long.csv.checkpoint.ndjson");
    while (p.isAlive() && (!Files.exists(checkpoint) || Files.size(checkpoint) < 2_000)) {
      Thread.sleep(2);
    }
    long cut = size / 2 + 7; // in the middle of a row
    long whole = wholeRowsBefore(csv, Long.MAX_VALUE);
    assertThat(whole).isEqualTo(rows);
    try (RandomAccessFile f = new RandomAccessFile(csv.toFile(), "rw")) {
      f.setLength(cut);
    }
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String out = Files.readString(dir.resolve("import.log"));
    assertThat(p.exitValue()).as(out).isEqualTo(ExitCode.INPUT_REJECTED);
    assertThat(out).contains("long.csv changed while it was being imported", "0 failed");
    assertThat(Checkpoint.read(checkpoint).complete).as("not recorded as complete").isNull();

    try (CustomersSandbox s = sandbox) {
      assertThat((long) s.store().size())
          .isPositive()
          .isLessThanOrEqualTo(wholeRowsBefore(csv, cut));
      for (SandboxStore.Entry e : s.store().snapshot()) {
        String n = e.details().email().substring(1, e.details().email().indexOf('@'));
        assertThat(e.details().lastName()).as("never a row cut short").isEqualTo("Lastname" + n);
      }
    }

    Process resumed =
        CliProcess.builder(
                "256m",
                dir,
                dir.resolve("resume.log"),
                "--sandbox",
                "customers",
                "import",
                "long.csv",
                "--mode",
                "AddOrUpdate",
                "--match-by",
                "Email",
                "--batch-size",
                "100",
                "--resume")
            .start();
    assertThat(resumed.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String again = Files.readString(dir.resolve("resume.log"));
    assertThat(resumed.exitValue()).as(again).isEqualTo(ExitCode.INPUT_REJECTED);
    assertThat(again).contains("the file changed since the interrupted import", "--restart");
  }

  /** How many rows end (with their line break) at or before byte {@code cut} of the file. */
  private static long wholeRowsBefore(Path csv, long cut) throws java.io.IOException {
    long rows = 0;
    long offset = 0;
    boolean header = true;
    for (String line : Files.readAllLines(csv, StandardCharsets.UTF_8)) {
      offset += line.length() + 1;
      if (offset > cut) {
        break;
      }
      if (!header) {
        rows++;
      }
      header = false;
    }
    return rows;
  }
}
