package io.ecdp.customers.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The live verification as a CI step: {@code ./mvnw -B -Plive -pl contract-verifier verify} with
 * {@code ECDP_BASE_URL}, {@code ECDP_API_KEY}, {@code ECDP_CONTRACT_EMAIL_DOMAIN} and {@code
 * ECDP_CONTRACT_CRM_ID_PREFIX} set. It fails on breaking drift or when the run could not verify the
 * service; the reports are in {@code target/contract-live/}. Only the {@code live} profile runs it.
 */
class VendorLiveIT {

  @Test
  void vendor_answersAsTheSpecAndThePactSay() {
    String base = required("ECDP_BASE_URL");
    VerificationReport report =
        LiveVerifier.builder()
            .baseUri(URI.create(base))
            .apiKey(required("ECDP_API_KEY"))
            .namespace(
                Namespace.of(
                    required("ECDP_CONTRACT_EMAIL_DOMAIN"),
                    required("ECDP_CONTRACT_CRM_ID_PREFIX"),
                    System.getenv().getOrDefault("ECDP_CONTRACT_PHONE_PREFIX", "+999")))
            .ledger(Path.of("target", "contract-live", "ledger.ndjson"))
            .build()
            .run();
    report.writeTo(Path.of("target", "contract-live"));
    assertThat(report.outcome())
        .as("%s", report.markdown())
        .isEqualTo(VerificationReport.Outcome.CONFORMS);
    assertThat(report.leftBehind()).as("customers left behind").isZero();
  }

  private static String required(String name) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("set " + name + " to run the live verification");
    }
    return value;
  }
}
