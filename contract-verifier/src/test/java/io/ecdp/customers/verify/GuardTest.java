package io.ecdp.customers.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecdp.customers.verify.internal.Guard;
import io.ecdp.customers.verify.internal.Ledger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The production-safety rules, each refusing a request before it is sent. */
class GuardTest {

  private static final Namespace NS =
      Namespace.of("contract.example.com", "ecdp-contract-", "+999");

  @TempDir Path dir;

  private Guard guard(boolean readOnly) {
    return new Guard(NS, Ledger.open(dir.resolve("ledger.ndjson")), readOnly);
  }

  private static byte[] batch(String matchBy, String record) {
    return ("{\"mode\":\"AddOrUpdate\",\"matchBy\":\"" + matchBy + "\",\"data\":[" + record + "]}")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void post_inTheNamespace_isSent() {
    assertThat(
            guard(false)
                .refusal(
                    "POST",
                    "/customers",
                    Map.of(),
                    batch(
                        "Email",
                        "{\"email\":\"a@contract.example.com\",\"crmId\":\"ecdp-contract-1\"}")))
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"email\":\"ann@gmail.com\"}",
        "{\"email\":\"a@contract.example.com.evil.com\"}",
        "{\"email\":\"a@contract.example.com\",\"crmId\":\"57\"}",
        "{\"email\":\"a@contract.example.com\",\"phone\":\"+48123456789\"}",
        "{\"crmId\":\"ecdp-contract-1\"}"
      })
  void post_outsideTheNamespace_isRefused(String record) {
    assertThat(guard(false).refusal("POST", "/customers", Map.of(), batch("Email", record)))
        .isPresent();
  }

  @Test
  void post_awaitingConfirmation_isRefused() {
    String record =
        "{\"email\":\"a@contract.example.com\",\"consentsData\":{\"consents\":[{\"id\":1,"
            + "\"value\":\"AwaitingConfirmation\"}]}}";
    assertThat(guard(false).refusal("POST", "/customers", Map.of(), batch("Email", record)))
        .hasValueSatisfying(r -> assertThat(r).contains("AwaitingConfirmation"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"VisitorId", "GUID", "Id"})
  void post_matchedByAKeyOutsideAnyNamespace_isRefused(String matchBy) {
    assertThat(
            guard(false)
                .refusal(
                    "POST",
                    "/customers",
                    Map.of(),
                    batch(matchBy, "{\"email\":\"a@contract.example.com\"}")))
        .isPresent();
  }

  @Test
  void post_bodyThatIsNotJson_isRefused() {
    assertThat(
            guard(false)
                .refusal(
                    "POST", "/customers", Map.of(), "{not json".getBytes(StandardCharsets.UTF_8)))
        .isPresent();
  }

  @Test
  void delete_onlyInTheNamespace() {
    Guard g = guard(false);
    assertThat(
            g.refusal("DELETE", "/customers/email/a@contract.example.com", Map.of(), new byte[0]))
        .isEmpty();
    assertThat(g.refusal("DELETE", "/customers/crmId/ecdp-contract-9", Map.of(), new byte[0]))
        .isEmpty();
    assertThat(g.refusal("DELETE", "/customers/phone/+999123", Map.of(), new byte[0])).isEmpty();
    assertThat(g.refusal("DELETE", "/customers/email/adam@poczta.pl", Map.of(), new byte[0]))
        .isPresent();
    assertThat(g.refusal("DELETE", "/customers/crmId/57", Map.of(), new byte[0])).isPresent();
    assertThat(g.refusal("DELETE", "/customers/phone/+48123456789", Map.of(), new byte[0]))
        .isPresent();
    assertThat(g.refusal("DELETE", "/customers/id/12", Map.of(), new byte[0]))
        .as("an ID the ledger does not hold")
        .isPresent();
  }

  @Test
  void delete_ofAnIdTheLedgerHolds_isSent() {
    Ledger ledger = Ledger.open(dir.resolve("l2.ndjson"));
    ledger.created("a@contract.example.com", null, null);
    ledger.learnedId("a@contract.example.com", 12);
    Guard g = new Guard(NS, ledger, false);
    assertThat(g.refusal("DELETE", "/customers/id/12", Map.of(), new byte[0])).isEmpty();
    assertThat(g.refusal("DELETE", "/customers/id/13", Map.of(), new byte[0])).isPresent();
  }

  @Test
  void readOnly_sendsOnlyGets() {
    Guard g = guard(true);
    assertThat(g.refusal("GET", "/customers/email/anyone@gmail.com", Map.of(), new byte[0]))
        .isEmpty();
    assertThat(
            g.refusal("DELETE", "/customers/email/a@contract.example.com", Map.of(), new byte[0]))
        .isPresent();
    assertThat(
            g.refusal(
                "POST",
                "/customers",
                Map.of(),
                batch("Email", "{\"email\":\"a@contract.example.com\"}")))
        .isPresent();
  }

  @Test
  void otherPaths_areRefused() {
    assertThat(guard(false).refusal("GET", "/admin", Map.of(), new byte[0])).isPresent();
    assertThat(
            guard(false)
                .refusal("PUT", "/customers/email/a@contract.example.com", Map.of(), new byte[0]))
        .isPresent();
  }

  @Test
  void namespace_isRequiredToBeSpecific() {
    assertThatThrownBy(() -> Namespace.of("com", "ecdp-contract-", "+999"))
        .hasMessageContaining("email domain");
    assertThatThrownBy(() -> Namespace.of("contract.example.com", "", "+999"))
        .hasMessageContaining("CRM ID prefix");
    assertThatThrownBy(() -> Namespace.of("contract.example.com", "ecdp-", "48"))
        .hasMessageContaining("phone prefix");
    assertThatThrownBy(
            () ->
                LiveVerifier.builder().baseUri(java.net.URI.create("http://x")).apiKey("k").build())
        .hasMessageContaining("namespace");
  }

  @Test
  void ledger_isOwnerOnly_recordsBeforeAndSurvivesATruncatedLine() throws Exception {
    Path file = dir.resolve("ledger.ndjson");
    try (Ledger ledger = Ledger.open(file)) {
      ledger.created("a@contract.example.com", "+999123", "ecdp-contract-1");
      ledger.created("b@contract.example.com", null, null);
      ledger.deleted("email", "b@contract.example.com", true);
    }
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    Files.writeString(file, Files.readString(file) + "{\"event\":\"cre", StandardCharsets.UTF_8);
    try (Ledger again = Ledger.open(file)) {
      List<Ledger.Entry> left = again.outstanding();
      assertThat(left).extracting(Ledger.Entry::email).containsExactly("a@contract.example.com");
    }
    assertThat(Files.readString(file)).doesNotContain("{\"event\":\"cre\n").endsWith("\n");
  }
}
