package io.ecdp.customers.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecdp.customers.sandbox.CustomersSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live verification against the sandbox as a real server: it conforms (no breaking finding),
 * every probe is answered, and every customer it created is gone afterwards.
 */
class LiveVerifierSandboxIT {

  static final String KEY = "sandbox-live-key-0123456789";
  static final Namespace NAMESPACE = Namespace.of("contract.example.com", "ecdp-contract-", "+999");

  @TempDir Path dir;

  @Test
  void sandbox_conformsAndIsLeftAsItWas() throws Exception {
    try (CustomersSandbox sandbox = CustomersSandbox.builder().apiKeys(KEY).start()) {
      VerificationReport report =
          LiveVerifier.builder()
              .baseUri(sandbox.uri())
              .apiKey(KEY)
              .namespace(NAMESPACE)
              .ratePerSecond(10)
              .ledger(dir.resolve("ledger.ndjson"))
              .build()
              .run();
      report.writeTo(dir.resolve("report"));
      System.out.println(report.markdown());

      assertThat(report.outcome()).isEqualTo(VerificationReport.Outcome.CONFORMS);
      assertThat(report.count(Severity.BREAKING)).isZero();
      assertThat(report.count(InteractionResult.Outcome.FAILED)).isZero();
      assertThat(report.count(InteractionResult.Outcome.PASSED)).isGreaterThanOrEqualTo(34);
      assertThat(report.probes())
          .extracting(Probe::decision)
          .contains("401", "404", "D1", "D2", "D7", "D8", "D11", "D12", "D13/D14");
      assertThat(report.probes())
          .filteredOn(p -> !p.decision().equals("D11"))
          .extracting(Probe::verdict)
          .containsOnly(Probe.AS_DECIDED);
      assertThat(report.leftBehind()).isZero();
      assertThat(sandbox.store().snapshot())
          .as("customers left in the sandbox: every one deleted with anonymization")
          .allMatch(e -> e.anonymized() && e.details().email() == null);
      assertThat(report.requests()).isLessThan(100);
      assertThat(Files.readString(dir.resolve("report/junit.xml"))).doesNotContain(KEY);
      assertThat(Files.readString(dir.resolve("report/summary.json"))).doesNotContain(KEY);
    }
  }
}
