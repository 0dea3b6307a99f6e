package io.ecdp.customers.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The negative control: against a deliberately broken copy of the spec, the Pact-against-spec check
 * and the Prism checks turn red and name the drift. (Otherwise a green run proves nothing.)
 */
class DriftDetectionIT {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  static Stream<Arguments> drifts() {
    return Stream.of(
        Arguments.of(
            "enum value dropped",
            (Consumer<ObjectNode>)
                spec -> remove((ArrayNode) spec.at("/components/schemas/Gender/enum"), "Female"),
            "Female",
            "GET /customers/id/{id} 200"),
        Arguments.of(
            // A request model's field (a consent's id, which the client sends to Prism) and a
            // response model's (the last name the pact's GET answers hold): the pact holds no
            // consent, as no live service could reproduce one.
            "fields renamed",
            (Consumer<ObjectNode>)
                spec -> {
                  ObjectNode consent = (ObjectNode) spec.at("/components/schemas/Consent");
                  ObjectNode props = (ObjectNode) consent.get("properties");
                  props.set("consentId", props.remove("id"));
                  ArrayNode required = (ArrayNode) consent.get("required");
                  remove(required, "id");
                  required.add("consentId");
                  ObjectNode details = (ObjectNode) spec.at("/components/schemas/CustomerDetails");
                  ObjectNode fields = (ObjectNode) details.get("properties");
                  fields.set("surname", fields.remove("lastName"));
                  details.putArray("required").add("surname");
                },
            "surname",
            "POST /customers 201"),
        Arguments.of(
            "status removed",
            (Consumer<ObjectNode>)
                spec ->
                    ((ObjectNode) spec.at("/paths/~1customers~1email~1{email}/get/responses"))
                        .remove("404"),
            "404",
            "GET /customers/email/{email} 404"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("drifts")
  void brokenSpec_turnsPactAndPrismChecksRed_namingTheDrift(
      String name, Consumer<ObjectNode> breakIt, String inPactReport, String inPrismFindings)
      throws Exception {
    Path dir = Contract.target().resolve("drift/" + name.replace(' ', '-'));
    Files.createDirectories(dir);
    ObjectNode spec = (ObjectNode) YAML.readTree(Contract.spec().toFile());
    breakIt.accept(spec);
    Path broken = dir.resolve("openapi.yaml");
    YAML.writeValue(broken.toFile(), spec);

    List<String> pactFindings = PactSpecCheck.run(broken, Contract.pactFile());
    Files.write(dir.resolve("pact-findings.txt"), pactFindings);
    assertThat(pactFindings).as("Pact against the broken spec").isNotEmpty();
    assertThat(String.join("\n", pactFindings)).contains(inPactReport);

    try (PrismProcess prism = PrismProcess.start(broken, dir.resolve("prism.log"))) {
      // The client and the documented matrix are the real spec's; Prism serves the broken one.
      List<String> prismFindings =
          new PrismChecks(prism.uri(), new SpecExamples(Contract.spec())).run();
      Files.write(dir.resolve("prism-findings.txt"), prismFindings);
      assertThat(prismFindings).as("Prism checks against the broken spec").isNotEmpty();
      assertThat(prismFindings).anySatisfy(f -> assertThat(f).startsWith(inPrismFindings));
    }
  }

  private static void remove(ArrayNode array, String value) {
    for (int i = 0; i < array.size(); i++) {
      JsonNode item = array.get(i);
      if (item.asText().equals(value)) {
        array.remove(i);
        return;
      }
    }
    throw new IllegalArgumentException(value + " not in " + array);
  }
}
