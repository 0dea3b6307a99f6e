package io.ecdp.customers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecdp.customers.CustomersClient;
import io.ecdp.customers.imports.Throttle;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import io.ecdp.customers.sandbox.CustomersSandbox;
import io.ecdp.customers.sandbox.Faults;
import io.ecdp.customers.sandbox.SampleCsv;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The import against a service with a fixed allowance: it slows down, and loses nothing. */
class ImportAdaptiveConcurrencyTest {

  @TempDir Path dir;

  @Test
  void aFixedAllowance_lowersTheConcurrency_neverAboveTheCap_andEveryRowIsStored()
      throws Exception {
    Path csv = dir.resolve("rows.csv");
    SampleCsv.write(csv, 300); // 60 calls of 5 rows against 10 calls a second
    try (CustomersSandbox sandbox =
            CustomersSandbox.builder().faults(Faults.NONE.withAllowance(10)).start();
        CustomersClient client =
            CustomersClient.builder()
                .apiKey(sandbox.apiKey())
                .baseUri(sandbox.uri())
                .retryPolicy(Session.retryPolicy(true)) // as the command has it
                .build()) {
      Importer importer =
          new Importer(
                  client.customers(),
                  new Importer.Settings(
                      csv.toString(),
                      UpsertMode.ADD_OR_UPDATE,
                      MatchBy.EMAIL,
                      5,
                      8,
                      dir.resolve("rejects.ndjson"),
                      dir.resolve("checkpoint.ndjson"),
                      false))
              .retries(Session.retryPolicy(true));
      Importer.Summary s;
      try (InputStream in = Files.newInputStream(csv);
          CsvSource source = new CsvSource(csv.toString(), in)) {
        s = importer.run(source);
      }
      Throttle t = importer.throttle();
      assertThat(s.failed()).isZero();
      assertThat(s.accepted()).isEqualTo(300);
      assertThat(s.sent()).as("rows, each counted once however often it was sent").isEqualTo(300);
      assertThat(sandbox.store().size()).isEqualTo(300);
      assertThat(s.throttledCalls()).as("the allowance answered 429").isPositive();
      assertThat(t.decreases()).as("the limits fell").isPositive();
      assertThat(t.pace()).as("a pace was set").isFinite();
      assertThat(t.mostInFlight()).isBetween(1, 8);
      assertThat(s.calls()).isEqualTo(60 + s.throttledCalls());
      Progress.Counters counters = importer.counters();
      try (Progress p =
          new Progress(
              Progress.Mode.NONE,
              new java.io.PrintWriter(new java.io.StringWriter()),
              1,
              () -> 1,
              counters)) {
        assertThat(p.line()).containsPattern("concurrency \\d of 8 at [\\d.,]+ calls/s");
      }
    }
  }
}
