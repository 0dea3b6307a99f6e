package io.ecdp.customers.contract;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.pact.PactProviderValidationResults;
import com.atlassian.oai.validator.pact.PactProviderValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Validates every interaction of the written pact against a spec (swagger-request-validator's
 * {@code PactProviderValidator}): an undocumented status, a path the spec lacks, a field of the
 * wrong type or a field the schema does not have fails, named by its interaction.
 */
final class PactSpecCheck {

  private PactSpecCheck() {}

  /** Returns the failure report's lines; empty when the spec allows every interaction. */
  static List<String> run(Path spec, Path pact) {
    OpenApiInteractionValidator validator =
        OpenApiInteractionValidator.createForSpecificationUrl(spec.toUri().toString())
            .withLevelResolver(
                LevelResolver.create()
                    // A field the schema does not document is drift (e.g. a renamed field).
                    .withLevel(
                        "validation.schema.additionalProperties", ValidationReport.Level.ERROR)
                    .build())
            .build();
    PactProviderValidationResults results;
    try {
      results =
          PactProviderValidator.createFor(validator)
              .withConsumer(Contract.CONSUMER, pact.toUri().toURL())
              .build()
              .validate();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException(e);
    }
    if (!results.hasErrors()) {
      return List.of();
    }
    return Arrays.stream(results.getValidationFailureReport().split("\n"))
        .filter(line -> !line.isBlank())
        .toList();
  }

  /** Returns the documented cells that the pact's interactions exercise. */
  static Set<PrismChecks.Cell> covered(Path pact, SpecExamples spec) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(pact.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Set<PrismChecks.Cell> cells = new LinkedHashSet<>();
    for (JsonNode interaction : root.path("interactions")) {
      String method = interaction.at("/request/method").asText().toLowerCase(Locale.ROOT);
      String path = interaction.at("/request/path").asText();
      int status = interaction.at("/response/status").asInt();
      for (SpecExamples.Operation op : spec.operations()) {
        String pattern = op.path().replaceAll("\\{[^}]+}", "[^/]+");
        if (op.method().equals(method) && path.matches(pattern)) {
          cells.add(new PrismChecks.Cell(op.id(), status));
        }
      }
    }
    return cells;
  }
}
