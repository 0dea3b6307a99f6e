package io.ecdp.customers.sandbox;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a CSV of generated, clearly fake customers for {@code ecdp customers import}: distinct
 * e-mails ({@code customer<i>@example.com}), phones and CRM IDs, a custom attribute and a consent.
 * Load tests and benchmarks use it to import as many rows as they need.
 */
public final class SampleCsv {

  /** The header: the fields every row sets, in the import's column names. */
  public static final String HEADER =
      "email,phone,crmId,firstName,lastName,dateOfBirth,gender,attr:tier,consent:1";

  /** The rows of the large import: the 1,000,000-row import test and the import benchmarks. */
  public static final int LARGE_IMPORT_ROWS = 1_000_000;

  private SampleCsv() {}

  /**
   * The arguments of {@code ecdp} (what follows {@code java [options] -jar ecdp.jar}) for the large
   * import of {@code csv}, a file of {@link #LARGE_IMPORT_ROWS} rows this class wrote: AddOrUpdate
   * matched by e-mail, batches of 1,000, four at a time, the summary as JSON on standard output,
   * and a fresh start ({@code --restart}) that records to {@code checkpoint} and {@code rejects}.
   * The 1,000,000-row import test and the import benchmarks run this one command line.
   *
   * @param baseUrl the server's base URL
   * @param csv the file to import
   * @param progress the {@code --progress} form ({@code lines}, {@code none}, ...)
   * @param checkpoint the {@code --checkpoint} file
   * @param rejects the {@code --rejects} file
   * @return the arguments, global options first
   */
  public static List<String> largeImportArguments(
      String baseUrl, Path csv, String progress, Path checkpoint, Path rejects) {
    return List.of(
        "--base-url",
        baseUrl,
        "--output",
        "json",
        "customers",
        "import",
        csv.toString(),
        "--mode",
        "AddOrUpdate",
        "--match-by",
        "Email",
        "--batch-size",
        "1000",
        "--concurrency",
        "4",
        "--progress",
        progress,
        "--restart",
        "--checkpoint",
        checkpoint.toString(),
        "--rejects",
        rejects.toString());
  }

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
