package io.ecdp.customers.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleCsvTest {

  @Test
  void write_givesTheHeaderAndDistinctRows(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("c.csv");
    SampleCsv.write(csv, 2);
    assertThat(Files.readAllLines(csv))
        .containsExactly(
            SampleCsv.HEADER,
            "customer0@example.com,+486000000000,CRM-0,Test,Customer 0,1990-01-01,NotSpecified,gold,True",
            "customer1@example.com,+486000000001,CRM-1,Test,Customer 1,1990-01-01,NotSpecified,gold,True");
  }

  @Test
  void write_refusesRowCountsItCannotKeepDistinct(@TempDir Path dir) {
    assertThatThrownBy(() -> SampleCsv.write(dir.resolve("c.csv"), 10_000_000))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
