package io.ecdp.customers.contract;

import static org.assertj.core.api.Assertions.assertThat;

import au.com.dius.pact.core.model.DefaultPactReader;
import au.com.dius.pact.core.model.Interaction;
import au.com.dius.pact.core.model.Pact;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.SynchronousRequestResponse;
import au.com.dius.pact.core.model.generators.Category;
import au.com.dius.pact.core.model.generators.ProviderStateGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.ecdp.customers.contract.PactflowComparator.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A second opinion on the pact, by a tool we did not write: PactFlow's openapi-pact-comparator (the
 * engine of PactFlow's bi-directional contract tests) finds nothing wrong with the pact written by
 * {@code CustomersPactTest} against {@code api-spec/openapi.yaml}; it compares a pact with Pact
 * provider-state generators by its example values; it compares every interaction; and against
 * broken copies of the spec it reports the drift, naming the interaction. Its output for each case
 * is kept in {@code target/pactflow/}.
 */
class PactflowComparatorIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Test
  void realPact_againstTheSpec_hasNoErrorsAndNoWarnings() throws Exception {
    assertThat(Contract.pactFile()).as("written by CustomersPactTest").exists();
    List<Finding> findings = compare("real-pact", Contract.spec(), Contract.pactFile());

    assertThat(findings).filteredOn(Finding::isError).as("errors").isEmpty();
    // A warning names something the spec does not document for an interaction (a request header
    // or query parameter it lacks, a status matched only by `default`, a content type or body it
    // cannot check): drift as much as an error is, so none is allowed either.
    assertThat(findings).filteredOn(Finding::isWarning).as("warnings").isEmpty();
    assertThat(findings).as("all findings").isEmpty();
  }

  @Test
  void pactWithProviderStateGenerators_isComparedByItsExampleValues() throws Exception {
    Path dir = Contract.target().resolve("pactflow/provider-state-generators");
    // The real pact, with provider-state generators added and written by Pact JVM's own model, in
    // the form its DSL's pathFromProviderState / headerFromProviderState / valueFromProviderState
    // write them: the example value stays in `path`, `headers` and `body`, and `generators` holds
    // {"type": "ProviderState", "expression": "/customers/email/${email}", ...}.
    Pact pact = DefaultPactReader.INSTANCE.loadPact(Contract.pactFile().toFile());
    int pathGenerators = 0;
    for (Interaction interaction : pact.getInteractions()) {
      SynchronousRequestResponse http = interaction.asSynchronousRequestResponse();
      http.getRequest()
          .getGenerators()
          .addGenerator(Category.HEADER, "x-api-key", new ProviderStateGenerator("${apiKey}"));
      // /customers/{kind}/{value}: the value comes from the provider state's parameter {kind}.
      String[] segments = http.getRequest().getPath().split("/", -1);
      if (segments.length == 4 && segments[1].equals("customers")) {
        String kind = segments[2];
        http.getRequest()
            .getGenerators()
            .addGenerator(
                Category.PATH,
                new ProviderStateGenerator("/customers/" + kind + "/${" + kind + "}"));
        pathGenerators++;
        if (http.getRequest().getMethod().equals("GET") && http.getResponse().getStatus() == 200) {
          http.getResponse()
              .getGenerators()
              .addGenerator(Category.BODY, "$.data.id", new ProviderStateGenerator("${id}"));
        }
      }
    }
    assertThat(pathGenerators).as("interactions with a path generator").isPositive();
    ObjectNode withGenerators = JSON.valueToTree(pact.toMap(PactSpecVersion.V3));
    Files.createDirectories(dir);
    Path generated = dir.resolve("pact.json");
    JSON.writerWithDefaultPrettyPrinter().writeValue(generated.toFile(), withGenerators);
    assertThat(
            withGenerators.at("/interactions/0/request/generators/header/x-api-key/type").asText())
        .isEqualTo("ProviderState");

    List<Finding> findings = compare("provider-state-generators", Contract.spec(), generated);
    assertThat(findings).as("the pact with provider-state generators").isEmpty();

    // The control: were the expressions taken for the values, `/customers/id/${id}` would be a path
    // the spec does not have (its `id` is an integer), and the comparator would say so.
    ObjectNode literal = withGenerators.deepCopy();
    for (JsonNode interaction : literal.path("interactions")) {
      JsonNode expression = interaction.at("/request/generators/path/expression");
      if (expression.isTextual()) {
        ((ObjectNode) interaction.get("request")).put("path", expression.asText());
      }
    }
    Path literalPact = dir.resolve("expressions-as-values/pact.json");
    Files.createDirectories(literalPact.getParent());
    JSON.writerWithDefaultPrettyPrinter().writeValue(literalPact.toFile(), literal);
    List<Finding> literalFindings =
        compare("provider-state-generators/expressions-as-values", Contract.spec(), literalPact);
    assertThat(literalFindings)
        .filteredOn(f -> f.code().equals("request.path-or-method.unknown"))
        .anySatisfy(f -> assertThat(f.message()).endsWith(" /customers/id/${id}"));
  }

  @Test
  void everyInteractionIsCompared() throws Exception {
    // With every path moved, each interaction of the pact must be reported once: none is skipped
    // (the tool silently skips an interaction of a type it does not know).
    Path broken =
        brokenSpec(
            "every-path-moved",
            spec -> {
              ObjectNode paths = (ObjectNode) spec.get("paths");
              ObjectNode moved = JSON.createObjectNode();
              paths.properties().forEach(e -> moved.set("/v0" + e.getKey(), e.getValue()));
              spec.set("paths", moved);
            });
    JsonNode interactions = JSON.readTree(Contract.pactFile().toFile()).path("interactions");
    List<String> descriptions = new ArrayList<>();
    interactions.forEach(i -> descriptions.add(i.path("description").asText()));

    List<Finding> findings = compare("every-path-moved", broken, Contract.pactFile());
    assertThat(findings)
        .allSatisfy(f -> assertThat(f.code()).isEqualTo("request.path-or-method.unknown"));
    assertThat(findings)
        .extracting(Finding::interaction)
        .containsExactlyInAnyOrderElementsOf(descriptions);
  }

  static Stream<Arguments> drifts() {
    return Stream.of(
        Arguments.of(
            "status removed",
            (Consumer<ObjectNode>)
                spec ->
                    ((ObjectNode) spec.at("/paths/~1customers~1email~1{email}/get/responses"))
                        .remove("404"),
            "response.status.unknown",
            "GET a customer by email: not found",
            "Response status code not defined in spec file: 404"),
        Arguments.of(
            "response field renamed",
            (Consumer<ObjectNode>)
                spec -> {
                  ObjectNode details = (ObjectNode) spec.at("/components/schemas/CustomerDetails");
                  ObjectNode props = (ObjectNode) details.get("properties");
                  props.set("surname", props.remove("lastName"));
                },
            "response.body.incompatible",
            "GET a customer by email: found",
            "must NOT have additional properties - lastName"),
        Arguments.of(
            "request enum value dropped",
            (Consumer<ObjectNode>)
                spec -> {
                  ArrayNode genders = (ArrayNode) spec.at("/components/schemas/Gender/enum");
                  for (int i = 0; i < genders.size(); i++) {
                    if (genders.get(i).asText().equals("Female")) {
                      genders.remove(i);
                    }
                  }
                },
            "request.body.incompatible",
            "Add a new customer, matched by e-mail",
            "must be equal to one of the allowed values"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("drifts")
  void brokenSpec_isReported_namingTheInteraction(
      String name, Consumer<ObjectNode> breakIt, String code, String interaction, String message)
      throws Exception {
    String dir = name.replace(' ', '-');
    List<Finding> findings = compare(dir, brokenSpec(dir, breakIt), Contract.pactFile());

    assertThat(findings)
        .as("against the broken spec")
        .isNotEmpty()
        .allSatisfy(f -> assertThat(f.isError()).isTrue());
    assertThat(findings)
        .anySatisfy(
            f -> {
              assertThat(f.code()).isEqualTo(code);
              assertThat(f.interaction()).isEqualTo(interaction);
              assertThat(f.message()).contains(message);
            });
  }

  /** Runs the comparator, prints every finding, and returns them. */
  private static List<Finding> compare(String name, Path spec, Path pact) throws Exception {
    List<Finding> findings =
        PactflowComparator.run(spec, pact, Contract.target().resolve("pactflow/" + name));
    long errors = findings.stream().filter(Finding::isError).count();
    long warnings = findings.stream().filter(Finding::isWarning).count();
    System.out.printf(
        "pactflow openapi-pact-comparator, %s: %d errors, %d warnings%n", name, errors, warnings);
    findings.forEach(f -> System.out.println("  " + f));
    return findings;
  }

  private static Path brokenSpec(String name, Consumer<ObjectNode> breakIt) throws Exception {
    Path dir = Contract.target().resolve("pactflow/" + name);
    Files.createDirectories(dir);
    ObjectNode spec = (ObjectNode) YAML.readTree(Contract.spec().toFile());
    breakIt.accept(spec);
    Path broken = dir.resolve("openapi.yaml");
    YAML.writeValue(broken.toFile(), spec);
    return broken;
  }
}
