package io.ecdp.customers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The one map from a failure to its exit code, for the failures the command itself raises. */
class ExitCodeTest {

  @Test
  void theCommandsOwnFailures_mapToTheirDocumentedCodes() {
    CommandLine cmd = Ecdp.commandLine(new Ecdp(java.util.Map.of()));
    assertThat(ExitCode.of(new CommandLine.ParameterException(cmd, "bad")))
        .isEqualTo(ExitCode.USAGE);
    assertThat(ExitCode.of(new InputFileException("rows.csv", List.of("unknown column"))))
        .isEqualTo(ExitCode.INPUT_REJECTED);
    assertThat(ExitCode.of(new UncheckedIOException(new IOException("disk full"))))
        .isEqualTo(ExitCode.INPUT_REJECTED);
    assertThat(ExitCode.of(new StateBehindException("older"))).isEqualTo(ExitCode.STATE_UNUSABLE);
  }

  @Test
  void aFailureNoRuleNames_isABug() {
    assertThat(ExitCode.of(new IllegalStateException("x"))).isEqualTo(ExitCode.SOFTWARE);
    assertThat(ExitCode.of(new NullPointerException())).isEqualTo(ExitCode.SOFTWARE);
  }
}
