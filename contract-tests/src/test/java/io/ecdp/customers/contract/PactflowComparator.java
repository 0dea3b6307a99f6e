package io.ecdp.customers.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * PactFlow's open-source pact-to-OpenAPI comparator ({@code @pactflow/openapi-pact-comparator},
 * pinned in {@code package.json}; the engine of PactFlow's bi-directional contract tests), run
 * through its command line, {@code opc --oas SPEC PACT}, with the Node the build uses. For each
 * pact file it prints one JSON array of findings on stdout, and it exits with the number of pact
 * files that have an error-level finding.
 */
final class PactflowComparator {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One finding of the comparator.
   *
   * @param type {@code error} or {@code warning} ({@code info} is for message pacts only)
   * @param code e.g. {@code response.status.unknown}, {@code request.body.incompatible}
   * @param interaction the pact interaction's description
   * @param pactLocation where in the pact, e.g. {@code [root].interactions[25].response.status}
   * @param specLocation where in the spec
   */
  record Finding(
      String type,
      String code,
      String message,
      String interaction,
      String pactLocation,
      String specLocation) {

    boolean isError() {
      return type.equals("error");
    }

    boolean isWarning() {
      return type.equals("warning");
    }

    @Override
    public String toString() {
      return type
          + " "
          + code
          + " ["
          + interaction
          + "] "
          + message
          + " (pact "
          + pactLocation
          + "; spec "
          + specLocation
          + ")";
    }
  }

  private PactflowComparator() {}

  /**
   * Compares {@code pact} with {@code spec} and returns every finding; the tool's raw output and
   * its stderr are kept in {@code dir}.
   */
  static List<Finding> run(Path spec, Path pact, Path dir)
      throws IOException, InterruptedException {
    Path cli =
        Path.of(
            Objects.requireNonNull(
                System.getProperty("ecdp.pactflow.cli"), "system property ecdp.pactflow.cli"));
    if (!Files.isRegularFile(cli)) {
      throw new IllegalStateException(
          cli + " is missing: run `npm ci` in contract-tests/ (the build does)");
    }
    Files.createDirectories(dir);
    Path out = dir.resolve("opc-output.json");
    Path err = dir.resolve("opc-stderr.txt");
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    System.getProperty("ecdp.node", "node"),
                    cli.toString(),
                    "--oas",
                    spec.toString(),
                    pact.toString()))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    // QUIRKS (any value) would switch on the tool's swagger-mock-validator compatibility mode,
    // which checks less (e.g. no percent-encoding or authorization schema checks): never inherit
    // it.
    builder.environment().remove("QUIRKS");
    Process process = builder.start();
    if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new IllegalStateException("the comparator did not finish within " + TIMEOUT);
    }
    int exit = process.exitValue();
    String stdout = Files.readString(out).strip();
    JsonNode results;
    try {
      // One line, one JSON array: one pact file was given.
      results = stdout.isEmpty() || stdout.contains("\n") ? null : JSON.readTree(stdout);
    } catch (IOException e) {
      results = null;
    }
    if (results == null || !results.isArray()) {
      throw new IllegalStateException(
          "the comparator exited with "
              + exit
              + " without one JSON array of findings; stdout:\n"
              + stdout
              + "\nstderr:\n"
              + Files.readString(err));
    }
    List<Finding> findings = new ArrayList<>();
    for (JsonNode result : results) {
      findings.add(
          new Finding(
              result.path("type").asText(),
              result.path("code").asText(),
              result.path("message").asText(),
              result.at("/mockDetails/interactionDescription").asText(),
              result.at("/mockDetails/location").asText(),
              result.at("/specDetails/location").asText()));
    }
    int expectedExit = findings.stream().anyMatch(Finding::isError) ? 1 : 0;
    if (exit != expectedExit) {
      throw new IllegalStateException(
          "the comparator exited with "
              + exit
              + ", not "
              + expectedExit
              + ", for "
              + findings
              + "; stderr:\n"
              + Files.readString(err));
    }
    return findings;
  }
}
