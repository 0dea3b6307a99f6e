package io.ecdp.customers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code ecdp sandbox serve}'s checks before it listens anywhere. */
class SandboxCommandTest {

  @Test
  void loopback_isTheOnlyAddressServedWithTheDefaultKey() {
    assertThat(SandboxCommand.Serve.isLoopback("127.0.0.1")).isTrue();
    assertThat(SandboxCommand.Serve.isLoopback("::1")).isTrue();
    assertThat(SandboxCommand.Serve.isLoopback("localhost")).isTrue();
    assertThat(SandboxCommand.Serve.isLoopback("0.0.0.0")).isFalse();
    assertThat(SandboxCommand.Serve.isLoopback("10.1.2.3")).isFalse();
  }

  @Test
  void aPublicAddress_withTheDefaultKeyGivenExplicitly_isRefused() {
    Cli.Result r =
        Cli.run(
            Map.of(),
            "sandbox",
            "serve",
            "--host",
            "0.0.0.0",
            "--api-key",
            "sandbox-api-key",
            "--port",
            "0");
    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("not a loopback address");
  }

  @Test
  void badFaultOptions_areUsageErrors() {
    Cli.Result r = Cli.run(Map.of(), "sandbox", "serve", "--rate-limited", "2", "--port", "0");
    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("fault options");
  }
}
