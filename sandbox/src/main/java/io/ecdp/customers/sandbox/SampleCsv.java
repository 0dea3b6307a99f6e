package io.ecdp.customers.sandbox;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a CSV of generated, clearly fake customers for {@code ecdp customers import}: distinct
 * e-mails ({@code customer<i>@example.com}), phones and CRM IDs, a custom attribute and a consent.
 * Load tests and benchmarks use it to import as many rows as they need.
 */
public final class SampleCsv {

  /** The header: the fields every row sets, in the import's column names. */
  public static final String HEADER =
      "email,phone,crmId,firstName,lastName,dateOfBirth,gender,attr:tier,consent:1";

  private SampleCsv() {}

  /** Writes {@code rows} customers (0 to 9,999,999) after the header, streaming. */
  public static void write(Path file, int rows) throws IOException {
    if (rows < 0 || rows > 9_999_999) {
      throw new IllegalArgumentException("rows must be 0 to 9,999,999: " + rows);
    }
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(HEADER);
      w.write('\n');
      for (int i = 0; i < rows; i++) {
        w.write(
            "customer"
                + i
                + "@example.com,+48600"
                + String.format("%07d", i)
                + ",CRM-"
                + i
                + ",Test,Customer "
                + i
                + ",1990-01-01,NotSpecified,gold,True\n");
      }
    }
  }
}
