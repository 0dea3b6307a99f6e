package io.ecdp.customers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecdp.customers.sandbox.CustomersSandbox;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Broken CSV fed to {@code ecdp customers import}: good rows mixed with rows broken in every way
 * (bad quoting, wrong encoding, missing fields, blank lines, a 10 MB line, invalid values). Every
 * bad row is rejected with its line and reason, every good row is imported, and both are counted.
 */
class BrokenInputPropertiesTest {

  private static final AtomicInteger ROWS_REJECTED = new AtomicInteger();
  private static CustomersSandbox sandbox;

  /** One kind of broken row, as bytes, and whether the importer skips it as blank. */
  enum Broken {
    BAD_QUOTING("x@y.pl,\"Ann\"a\n"),
    QUOTE_IN_FIELD("x\"y@z.pl,Ann\n"),
    UNCLOSED_QUOTE_THEN_END(null),
    MISSING_FIELD("only@one.pl\n"),
    TOO_MANY_FIELDS("a@b.pl,Ann,extra\n"),
    INVALID_EMAIL("not an email,Ann\n"),
    LATIN1("m\u00fcller@b.pl,M\u00fcller\n"),
    TEN_MB_LINE(null),
    BLANK_LINE("\n");

    final String text;

    Broken(String text) {
      this.text = text;
    }
  }

  @BeforeContainer
  static void start() {
    sandbox = CustomersSandbox.builder().start();
  }

  @AfterContainer
  static void stop() throws Exception {
    sandbox.close();
    Path dir = Path.of(System.getProperty("ecdp.reliability.dir", "target/reliability"));
    Files.createDirectories(dir);
    Properties p = new Properties();
    p.setProperty("rejectedRows", String.valueOf(ROWS_REJECTED.get()));
    try (var out = Files.newOutputStream(dir.resolve("cli-input.properties"))) {
      p.store(out, "cli-input");
    }
  }

  @Provide
  Arbitrary<List<Broken>> brokenRows() {
    return Arbitraries.of(Broken.values()).list().ofMinSize(1).ofMaxSize(12);
  }

  @Property(tries = 40)
  void badRowsAreRejectedWithLineAndReason_goodRowsImported(
      @ForAll("brokenRows") List<Broken> broken) throws Exception {
    sandbox.store().clear();
    Path dir = Files.createTempDirectory("broken");
    Path csv = dir.resolve("in.csv");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write("email,firstName\n".getBytes(StandardCharsets.UTF_8));
    int good = 0;
    int bad = 0;
    boolean endsOpen = false;
    for (int i = 0; i < broken.size(); i++) {
      bytes.write(("good" + i + "@poczta.pl,Good\n").getBytes(StandardCharsets.UTF_8));
      good++;
      Broken b = broken.get(i);
      switch (b) {
        case LATIN1 -> bytes.write(b.text.getBytes(StandardCharsets.ISO_8859_1));
        case TEN_MB_LINE ->
            bytes.write(
                ("huge@b.pl," + "A".repeat(10 * 1024 * 1024) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        case UNCLOSED_QUOTE_THEN_END -> endsOpen = true;
        default -> bytes.write(b.text.getBytes(StandardCharsets.UTF_8));
      }
      if (b != Broken.BLANK_LINE && b != Broken.UNCLOSED_QUOTE_THEN_END) {
        bad++;
      }
    }
    if (endsOpen) {
      bytes.write("last@b.pl,\"never closed\n".getBytes(StandardCharsets.UTF_8));
      bad++;
    }
    Files.write(csv, bytes.toByteArray());
    Path rejects = dir.resolve("rejects.ndjson");
    Cli.Result r =
        Cli.run(
            Map.of("ECDP_API_KEY", sandbox.apiKey()),
            "--base-url",
            sandbox.uri().toString(),
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
            "4",
            "--progress",
            "none",
            "--rejects",
            rejects.toString(),
            "--checkpoint",
            dir.resolve("cp.ndjson").toString());
    assertThat(r.out()).contains("\"accepted\":" + good, "\"rejected\":" + bad, "\"failed\":0");
    assertThat(r.exitCode()).isEqualTo(bad > 0 ? 4 : 0);
    assertThat(sandbox.store().size()).isEqualTo(good);
    assertThat(Files.exists(rejects)).as("a rejects file only for rejects").isEqualTo(bad > 0);
    List<String> lines = bad > 0 ? Files.readAllLines(rejects) : List.of();
    assertThat(lines).hasSize(bad);
    assertThat(lines)
        .allSatisfy(l -> assertThat(l).contains("\"file\":", "\"line\":", "\"reason\":"));
    ROWS_REJECTED.addAndGet(bad);
  }
}
