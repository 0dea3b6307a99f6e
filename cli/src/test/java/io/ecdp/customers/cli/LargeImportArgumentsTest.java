package io.ecdp.customers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecdp.customers.sandbox.SampleCsv;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The large import's command line, shared by {@code LargeImportIT} and the import benchmarks
 * ({@link SampleCsv#largeImportArguments}), is one this command accepts: a renamed option fails
 * here, not after a 1,000,000-row run.
 */
class LargeImportArgumentsTest {

  @Test
  void theLargeImportsArguments_parseAsAnImportInBatchesOf1000FourAtATime() {
    CommandLine.ParseResult parsed =
        Ecdp.commandLine(new Ecdp(Map.of()))
            .parseArgs(
                SampleCsv.largeImportArguments(
                        "http://127.0.0.1:1",
                        Path.of("million.csv"),
                        "none",
                        Path.of("cp.ndjson"),
                        Path.of("rejects.ndjson"))
                    .toArray(String[]::new));
    assertThat(parsed.<Object>matchedOptionValue("--output", null)).hasToString("json");
    CommandLine.ParseResult imported = parsed.subcommand().subcommand();
    assertThat(imported.commandSpec().qualifiedName()).isEqualTo("ecdp customers import");
    assertThat(imported.matchedPositionals()).hasSize(1);
    assertThat(imported.matchedOptionValue("--batch-size", 0)).isEqualTo(1000);
    assertThat(imported.matchedOptionValue("--concurrency", 0)).isEqualTo(4);
    assertThat(imported.hasMatchedOption("--restart")).isTrue();
  }
}
