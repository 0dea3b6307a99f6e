package io.ecdp.customers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecdp.customers.sandbox.CustomersSandbox;
import io.ecdp.customers.sandbox.SampleCsv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The constant-memory promise: a 1,000,000-row CSV imported by the packaged command in a JVM
 * limited to a 256 MB heap (it would exit on OutOfMemoryError), against the sandbox over HTTP.
 */
class LargeImportIT {

  private static final int ROWS = SampleCsv.LARGE_IMPORT_ROWS;

  @Test
  void millionRows_inA256MbHeap() throws Exception {
    Path dir = Files.createDirectories(Path.of(System.getProperty("ecdp.target"), "it-large"));
    Path csv = dir.resolve("million.csv");
    SampleCsv.write(csv, ROWS);
    try (CustomersSandbox sandbox = CustomersSandbox.builder().start()) {
      ProcessBuilder pb =
          CliProcess.builder(
              "256m",
              dir,
              dir.resolve("import.log"),
              SampleCsv.largeImportArguments(
                      sandbox.uri().toString(),
                      csv,
                      "lines",
                      dir.resolve("checkpoint.ndjson"),
                      dir.resolve("rejects.ndjson"))
                  .toArray(String[]::new));
      pb.environment().put("ECDP_API_KEY", sandbox.apiKey());
      Process p = pb.start();
      assertThat(p.waitFor(15, TimeUnit.MINUTES)).as("finished in time").isTrue();
      String log = Files.readString(dir.resolve("import.log"));
      assertThat(p.exitValue()).as(log).isZero();
      assertThat(log)
          .contains("\"read\":1000000", "\"accepted\":1000000", "\"rejected\":0", "\"failed\":0");
      assertThat(sandbox.store().size()).isEqualTo(ROWS);
    }
  }
}
