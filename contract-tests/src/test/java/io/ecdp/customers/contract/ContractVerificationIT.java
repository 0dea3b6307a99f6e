package io.ecdp.customers.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Spec, client and contract agree: the pact written by {@code CustomersPactTest} is allowed by the
 * spec, the client reads every documented example and status served by Prism as the spec says, and
 * every documented response is covered by both; {@code target/contract-report.md} says so.
 */
@ExtendWith(PrismExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContractVerificationIT {

  private static final SpecExamples SPEC = new SpecExamples(Contract.spec());
  private static final Set<PrismChecks.Cell> PACT_CELLS = new LinkedHashSet<>();
  private static final Set<PrismChecks.Cell> PRISM_CELLS = new LinkedHashSet<>();

  @Test
  @Order(1)
  void pact_everyInteractionIsAllowedByTheSpec() {
    Path pact = Contract.pactFile();
    assertThat(pact).as("written by CustomersPactTest").exists();
    assertThat(PactSpecCheck.run(Contract.spec(), pact)).isEmpty();
    PACT_CELLS.addAll(PactSpecCheck.covered(pact, SPEC));
  }

  /**
   * The live verifier ({@code contract-verifier}) ships the committed pact, {@code
   * contract-tests/pacts/}: it must be the one the consumer tests write. After a deliberate change
   * of the consumer tests, {@code -Decdp.pact.update=true} copies the written pact there.
   */
  @Test
  @Order(1)
  void pact_isTheCommittedOneTheLiveVerifierShips() throws Exception {
    Path committed = Path.of("pacts").resolve(Contract.pactFile().getFileName());
    if (Boolean.getBoolean("ecdp.pact.update")) {
      Files.copy(Contract.pactFile(), committed, StandardCopyOption.REPLACE_EXISTING);
    }
    ObjectMapper json = new ObjectMapper();
    assertThat(json.readTree(committed.toFile()))
        .as(
            "%s differs from the pact CustomersPactTest wrote; if the change is meant, run with"
                + " -Decdp.pact.update=true and commit it",
            committed)
        .isEqualTo(json.readTree(Contract.pactFile().toFile()));
  }

  @Test
  @Order(1)
  void pact_holdsNoApiKeyButTheTwoDummyTestKeys() throws Exception {
    String json = Files.readString(Contract.pactFile());
    java.util.regex.Matcher keys =
        java.util.regex.Pattern.compile("\"x-api-key\":\\s*\"([^\"]*)\"").matcher(json);
    java.util.Set<String> seen = new java.util.TreeSet<>();
    while (keys.find()) {
      seen.add(keys.group(1));
    }
    assertThat(seen).containsExactlyInAnyOrder(Contract.VALID_KEY, Contract.REVOKED_KEY);
    String env = System.getenv("ECDP_API_KEY");
    if (env != null && !env.isBlank()) {
      assertThat(json).doesNotContain(env);
    }
  }

  @Test
  @Order(2)
  void prism_theClientReadsEveryDocumentedExampleAndStatusAsTheSpecSays(
      PrismExtension.Prism prism) {
    PrismChecks checks = new PrismChecks(prism.uri(), SPEC);
    List<String> findings = checks.run();
    PRISM_CELLS.addAll(checks.covered());
    assertThat(findings).isEmpty();
  }

  @Test
  @Order(3)
  void report_everyDocumentedResponseIsCoveredByPactAndPrism() throws Exception {
    Path out = Contract.target().resolve("contract-report.md");
    ContractReport.Totals totals = ContractReport.write(SPEC, PACT_CELLS, PRISM_CELLS, out);
    System.out.println(totals);
    assertThat(Files.readString(out)).contains("| `getCustomerByEmail` |");
    assertThat(totals.documented()).isEqualTo(27);
    assertThat(totals.uncovered()).isEmpty();
  }
}
