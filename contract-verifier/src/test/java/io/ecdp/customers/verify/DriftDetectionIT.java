package io.ecdp.customers.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecdp.customers.sandbox.CustomersSandbox;
import io.ecdp.customers.verify.DriftedStandIn.Drift;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The live verification against stand-ins that drifted from the spec: each drift is found, named
 * and given its severity; and whatever the stand-in answers, nothing outside the namespace is
 * touched and nothing the run created is left behind.
 */
class DriftDetectionIT {

  @TempDir Path dir;

  private VerificationReport verify(DriftedStandIn standIn) {
    return LiveVerifier.builder()
        .baseUri(standIn.uri())
        .apiKey(LiveVerifierSandboxIT.KEY)
        .namespace(LiveVerifierSandboxIT.NAMESPACE)
        .ratePerSecond(10)
        .ledger(dir.resolve("ledger.ndjson"))
        .build()
        .run();
  }

  @ParameterizedTest
  @EnumSource(
      value = Drift.class,
      names = {"NONE", "RATE_LIMIT_WITHOUT_RETRY_AFTER", "EXTRA_FIELD"},
      mode = EnumSource.Mode.EXCLUDE)
  void breakingDrift_isFoundAndNamed(Drift drift) throws Exception {
    try (CustomersSandbox sandbox =
            CustomersSandbox.builder().apiKeys(LiveVerifierSandboxIT.KEY).start();
        DriftedStandIn standIn = DriftedStandIn.start(sandbox.uri(), drift)) {
      VerificationReport report = verify(standIn);
      report.writeTo(dir.resolve("report-" + drift));
      assertThat(report.outcome())
          .as(report.markdown())
          .isEqualTo(VerificationReport.Outcome.BREAKING_DRIFT);
      String named =
          switch (drift) {
            case RENAMED_FIELD -> "eMail";
            case DROPPED_ENUM_VALUE -> "Female";
            case UNDOCUMENTED_STATUS -> "410";
            case TEXT_PLAIN_400 -> "text/plain";
            case STATUS_200_FOR_201 -> "200";
            case CASE_SENSITIVE_CRMID -> "crmId";
            case CHANGED_ERROR_FORMAT -> "application/json";
            default -> throw new IllegalArgumentException(drift.name());
          };
      assertThat(report.findings())
          .filteredOn(f -> f.severity() == Severity.BREAKING)
          .as(report.markdown())
          .anySatisfy(f -> assertThat(f.actual() + " " + f.interaction()).contains(named));
      assertSafe(sandbox, standIn, report);
    }
  }

  @Test
  void extraField_isAWarningOnly() throws Exception {
    try (CustomersSandbox sandbox =
            CustomersSandbox.builder().apiKeys(LiveVerifierSandboxIT.KEY).start();
        DriftedStandIn standIn = DriftedStandIn.start(sandbox.uri(), Drift.EXTRA_FIELD)) {
      VerificationReport report = verify(standIn);
      assertThat(report.outcome())
          .as(report.markdown())
          .isEqualTo(VerificationReport.Outcome.CONFORMS);
      assertThat(report.findings())
          .filteredOn(f -> f.severity() == Severity.WARNING)
          .anySatisfy(f -> assertThat(f.actual()).contains("loyaltyScore"));
      assertSafe(sandbox, standIn, report);
    }
  }

  @Test
  void rateLimitWithoutRetryAfter_isAWarningAndRetried() throws Exception {
    try (CustomersSandbox sandbox =
            CustomersSandbox.builder().apiKeys(LiveVerifierSandboxIT.KEY).start();
        DriftedStandIn standIn =
            DriftedStandIn.start(sandbox.uri(), Drift.RATE_LIMIT_WITHOUT_RETRY_AFTER)) {
      VerificationReport report = verify(standIn);
      assertThat(report.findings())
          .filteredOn(f -> f.severity() == Severity.WARNING)
          .anySatisfy(f -> assertThat(f.actual()).contains("429 without Retry-After"));
      assertThat(report.probes())
          .filteredOn(p -> p.decision().equals("D11"))
          .singleElement()
          .satisfies(p -> assertThat(p.verdict()).isEqualTo(Probe.DIFFERS));
      assertSafe(sandbox, standIn, report);
    }
  }

  /**
   * Every request the stand-in received that writes stayed in the namespace, no consent was set to
   * AwaitingConfirmation, and nothing created is left.
   */
  private static void assertSafe(
      CustomersSandbox sandbox, DriftedStandIn standIn, VerificationReport report) {
    List<DriftedStandIn.Recorded> requests = standIn.requests();
    assertThat(requests).hasSizeLessThan(100);
    for (DriftedStandIn.Recorded r : requests) {
      String body = new String(r.body(), StandardCharsets.UTF_8);
      assertThat(body).doesNotContainIgnoringCase("AwaitingConfirmation");
      if (r.method().equals("DELETE")) {
        String path =
            java.net.URLDecoder.decode(r.rawPath().replace("+", "%2B"), StandardCharsets.UTF_8);
        String value = path.substring(path.lastIndexOf('/') + 1);
        String kind = path.split("/", -1)[2].toLowerCase(Locale.ROOT);
        assertThat(
                switch (kind) {
                  case "email" -> LiveVerifierSandboxIT.NAMESPACE.ownsEmail(value);
                  case "crmid" -> LiveVerifierSandboxIT.NAMESPACE.ownsCrmId(value);
                  case "phone" -> LiveVerifierSandboxIT.NAMESPACE.ownsPhone(value);
                  default -> false;
                })
            .as("DELETE %s is in the namespace", path)
            .isTrue();
      }
      if (r.method().equals("POST")) {
        assertThat(body).doesNotContain("@poczta.pl");
      }
    }
    assertThat(report.leftBehind()).isZero();
    assertThat(sandbox.store().snapshot())
        .allMatch(e -> e.anonymized() && e.details().email() == null);
  }
}
