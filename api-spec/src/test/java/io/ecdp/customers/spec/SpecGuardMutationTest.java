package io.ecdp.customers.spec;

import static io.ecdp.customers.spec.SpecMutation.dropEnumValue;
import static io.ecdp.customers.spec.SpecMutation.remove;
import static io.ecdp.customers.spec.SpecMutation.renameProperty;
import static io.ecdp.customers.spec.SpecMutation.set;
import static io.ecdp.customers.spec.SpecMutation.setText;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Shows that each guard turns red on the edits a careless change would make to the spec. */
class SpecGuardMutationTest {

  private static final String RECORD = "/components/schemas/CustomerRecord";
  private static final SpecDocument SPEC = SpecDocument.read(SpecDocument.specUnderTest());

  @TempDir Path dir;

  static Stream<Arguments> carelessEdits() {
    return Stream.of(
        Arguments.of(
            new SpecMutation(
                "enum value dropped", dropEnumValue("/components/schemas/Gender", "Female")),
            List.of(
                "data[].gender: enum [Male, NotSpecified]",
                "does not have a value in the enumeration")),
        Arguments.of(
            new SpecMutation(
                "consent value dropped", dropEnumValue("/components/schemas/ConsentValue", "True")),
            List.of("consents[].value: enum")),
        Arguments.of(
            new SpecMutation("field renamed", renameProperty(RECORD, "phone", "phoneNumber")),
            List.of(
                "request field data[].phone: field is missing",
                "#/components/examples/UpdateByPhoneNumber")),
        Arguments.of(
            new SpecMutation(
                "example made invalid",
                setText(
                    "/components/examples/AddByEmail/value/data/0", "dateOfBirth", "yesterday")),
            List.of("#/components/examples/AddByEmail", "date-time")),
        Arguments.of(
            new SpecMutation(
                "example with an undocumented field",
                setText("/components/examples/CustomerFound/value/data", "loyaltyPoints", "12")),
            List.of("#/components/examples/CustomerFound", "loyaltyPoints")),
        Arguments.of(
            new SpecMutation(
                "status removed",
                remove("/paths/~1customers~1email~1{email}/get/responses", "404")),
            List.of("GET /customers/email/{email}: responses [200, 401]")),
        Arguments.of(
            new SpecMutation(
                "limit loosened",
                set(RECORD + "/properties/email", "maxLength", IntNode.valueOf(3200))),
            List.of("data[].email: maxLength is 3200 but should be 320")),
        Arguments.of(
            new SpecMutation(
                "phone pattern dropped", remove("/components/schemas/PhoneNumber", "pattern")),
            List.of("does not refuse the invalid value '123 456 789'")),
        Arguments.of(
            new SpecMutation(
                "control characters let into the e-mail (D14)",
                remove(RECORD + "/properties/email", "pattern")),
            List.of(
                "POST /customers request.data[].email: has no pattern refusing control characters"
                    + " (D14)",
                "data[].email: does not refuse the invalid value 'nul2")),
        Arguments.of(
            new SpecMutation(
                "NUL let into a custom attribute's value (D14)",
                setText(
                    "/components/schemas/CustomAttribute/properties/value",
                    "pattern",
                    "^[^\\u0001-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]*$")),
            List.of(
                "request.data[].customAttributes[].value: pattern lets the control character"
                    + " U+0000 through (D14)",
                "customAttributes[].value: does not refuse the invalid value 'a")),
        Arguments.of(
            new SpecMutation(
                "line breaks let into a first name (D14)",
                setText(
                    RECORD + "/properties/firstName",
                    "pattern",
                    "^[^\\u0000-\\u0009\\u000B-\\u001F\\u007F-\\u009F]*$")),
            List.of("data[].firstName: does not refuse the invalid value 'a\nb'")),
        Arguments.of(
            new SpecMutation(
                "e-mail path parameter unconstrained (D14)",
                remove("/components/parameters/CustomerEmail/schema", "pattern")),
            List.of(
                "GET /customers/email/{email} parameter email: has no pattern refusing control"
                    + " characters (D14)",
                "DELETE /customers/email/{email} parameter email: has no pattern",
                "parameter email: does not refuse the invalid value 'nul2")),
        Arguments.of(
            new SpecMutation(
                "D1 path spelled in lower case",
                root -> {
                  var paths = (com.fasterxml.jackson.databind.node.ObjectNode) root.get("paths");
                  paths.set("/customers/crmid/{crmId}", paths.remove("/customers/crmId/{crmId}"));
                }),
            List.of("DELETE /customers/crmId/{crmId}: operation is missing")),
        Arguments.of(
            new SpecMutation(
                "security switched off for one operation",
                set(
                    "/paths/~1customers~1id~1{id}/delete",
                    "security",
                    JsonNodeFactory.instance.arrayNode())),
            List.of("DELETE /customers/id/{id}: security apiKey not applied")),
        Arguments.of(
            new SpecMutation(
                "operationId unfit for Java",
                setText("/paths/~1customers/post", "operationId", "Upsert-Customers")),
            List.of("is not a Java method name")),
        Arguments.of(
            new SpecMutation(
                "required match of consent id dropped",
                remove("/components/schemas/Consent", "required")),
            List.of("consents[].id: required is false but should be true")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("carelessEdits")
  void guard_turnsRed_andNamesTheDrift(SpecMutation mutation, List<String> expected) {
    List<Finding> findings = SpecGuard.check(mutation.applyTo(SPEC, dir));
    String report = findings.stream().map(Finding::toString).reduce("", (a, b) -> a + b + "\n");
    assertThat(findings).as("findings for '%s'", mutation).isNotEmpty();
    for (String fragment : expected) {
      assertThat(report).as("findings for '%s'", mutation).contains(fragment);
    }
  }

  @Test
  void guard_isGreen_onAnUnchangedCopy() {
    Path copy = new SpecMutation("no edit", root -> {}).applyTo(SPEC, dir);
    assertThat(SpecGuard.check(copy)).isEmpty();
  }

  @Test
  void spectral_turnsRed_onAnInvalidExample_andAMissingDescription() {
    Path copy =
        new SpecMutation(
                "careless edits",
                setText("/components/examples/CustomerFound/value/data", "gender", "Femme")
                    .andThen(remove("/paths/~1customers~1phone~1{phone}/get", "description")))
            .applyTo(SPEC, dir);
    assertThat(Spectral.lint(copy))
        .extracting(Finding::guard)
        .contains(
            "spectral error oas3-valid-media-example", "spectral warning operation-description");
  }
}
