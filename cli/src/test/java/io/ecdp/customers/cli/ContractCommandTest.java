package io.ecdp.customers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@code ecdp contract} refuses before it sends anything. */
class ContractCommandTest {

  private static final String[] TARGET = {
    "--base-url", "http://127.0.0.1:9", "--email-domain", "ns.example", "--crm-id-prefix", "ns-"
  };

  @Test
  void verifyAndCleanup_withoutAKey_couldNotRun_andSayWhereTheKeyGoes() {
    for (String command : new String[] {"verify", "cleanup"}) {
      Cli.Result r =
          Cli.run(
              Map.of("ECDP_API_KEY", "  "),
              CliProcess.append(new String[] {"contract", command}, TARGET));
      assertThat(r.exitCode()).as(command).isEqualTo(ExitCode.NOT_VERIFIED);
      assertThat(r.err()).contains("ECDP_API_KEY").contains("nothing was sent");
    }
  }

  @Test
  void verify_thatWrites_withoutANamespace_isAUsageError() {
    Cli.Result r =
        Cli.run(
            Map.of("ECDP_API_KEY", "k-123456"),
            "contract",
            "verify",
            "--base-url",
            "http://127.0.0.1:9");
    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("reserved namespace").contains("--read-only");
  }

  @Test
  void halfANamespace_isAUsageError_namingTheOtherHalf() {
    Cli.Result r =
        Cli.run(
            Map.of("ECDP_API_KEY", "k-123456"),
            "contract",
            "verify",
            "--base-url",
            "http://127.0.0.1:9",
            "--email-domain",
            "ns.example");
    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("--crm-id-prefix");
  }
}
