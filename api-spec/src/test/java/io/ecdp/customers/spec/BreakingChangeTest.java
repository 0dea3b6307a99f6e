package io.ecdp.customers.spec;

import static io.ecdp.customers.spec.SpecMutation.dropEnumValue;
import static io.ecdp.customers.spec.SpecMutation.remove;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BreakingChangeTest {

  private static final Path BASELINE = Path.of(System.getProperty("ecdp.spec.baseline"));
  private static final Path ACCEPTED = Path.of(System.getProperty("ecdp.spec.accepted"));
  private static final SpecDocument SPEC = SpecDocument.read(SpecDocument.specUnderTest());

  @TempDir Path dir;

  @Test
  void workingSpec_hasNoUnacceptedBreakingChange_andWritesTheReviewReport() throws IOException {
    BreakingChanges.Report report =
        BreakingChanges.compare(BASELINE, SpecDocument.specUnderTest(), ACCEPTED);
    Path out = Path.of(System.getProperty("ecdp.target"), "api-changes.md");
    Files.writeString(out, report.markdown());
    assertThat(report.unaccepted()).isEmpty();
    assertThat(Files.readString(out)).startsWith("# Customers API: changes against the baseline");
  }

  @Test
  void removedStatus_isAnUnacceptedBreakingChange() {
    Path working =
        new SpecMutation(
                "status removed", remove("/paths/~1customers~1id~1{id}/delete/responses", "404"))
            .applyTo(SPEC, dir);
    BreakingChanges.Report report = BreakingChanges.compare(BASELINE, working, ACCEPTED);
    assertThat(report.unaccepted())
        .singleElement()
        .asString()
        .startsWith("DELETE /customers/id/{id}");
    assertThat(report.markdown()).contains("**not accepted: fails the build**");
  }

  @Test
  void removedOperation_andNarrowedEnum_areBreaking() {
    Path working =
        new SpecMutation(
                "operation removed, enum narrowed",
                remove("/paths/~1customers~1phone~1{phone}", "delete")
                    .andThen(dropEnumValue("/components/schemas/MatchBy", "GUID")))
            .applyTo(SPEC, dir);
    BreakingChanges.Report report = BreakingChanges.compare(BASELINE, working, ACCEPTED);
    assertThat(report.incompatible())
        .containsEntry("DELETE /customers/phone/{phone}", "operation removed")
        .containsKey("POST /customers");
  }

  @Test
  void acceptedBreakingChange_passes_andTheReportGivesTheReason() throws IOException {
    Path working =
        new SpecMutation(
                "status removed", remove("/paths/~1customers~1id~1{id}/delete/responses", "404"))
            .applyTo(SPEC, dir);
    Path accepted = dir.resolve("accepted.yaml");
    Files.writeString(
        accepted,
        "accepted:\n  - endpoint: DELETE /customers/id/{id}\n    reason: the vendor stopped answering 404\n");
    BreakingChanges.Report report = BreakingChanges.compare(BASELINE, working, accepted);
    assertThat(report.incompatible()).containsKey("DELETE /customers/id/{id}");
    assertThat(report.unaccepted()).noneMatch(u -> u.startsWith("DELETE /customers/id/{id}"));
    assertThat(report.markdown()).contains("the vendor stopped answering 404");
  }

  @Test
  void tightenedConstraints_thatOpenapiDiffMisses_areBreaking() {
    // Against the spec under test itself, so that its own changes to the baseline do not count.
    Path working =
        new SpecMutation(
                "limits tightened",
                SpecMutation.set(
                        "/components/schemas/CustomerRecord/properties/firstName",
                        "maxLength",
                        com.fasterxml.jackson.databind.node.IntNode.valueOf(100))
                    .andThen(
                        SpecMutation.set(
                            "/components/schemas/CustomAttribute",
                            "required",
                            SpecDocument.YAML.createArrayNode().add("name").add("value"))))
            .applyTo(SPEC, dir);
    BreakingChanges.Report report =
        BreakingChanges.compare(SpecDocument.specUnderTest(), working, ACCEPTED);
    assertThat(report.incompatible())
        .containsEntry("schema CustomerRecord.firstName", "maxLength 256 -> 100")
        .containsEntry("schema CustomAttribute", "newly required [value]");
  }

  @Test
  void tightenedParameters_componentOrInline_areBreaking_eachTighteningListed() {
    Path working =
        new SpecMutation(
                "path values tightened",
                SpecMutation.set(
                        "/components/parameters/CustomerCrmId/schema",
                        "maxLength",
                        com.fasterxml.jackson.databind.node.IntNode.valueOf(64))
                    .andThen(
                        SpecMutation.setText(
                            "/components/parameters/CustomerCrmId/schema", "pattern", "^\\d+$"))
                    .andThen(
                        inlineIdParameter(
                            SpecDocument.YAML
                                .createObjectNode()
                                .put("type", "integer")
                                .put("format", "int32")
                                .put("minimum", 1))))
            .applyTo(SPEC, dir);
    Path inlineBefore =
        new SpecMutation(
                "inline id parameter",
                inlineIdParameter(
                    SpecDocument.YAML
                        .createObjectNode()
                        .put("type", "integer")
                        .put("format", "int32")))
            .applyTo(SPEC, dir.resolve("before"));
    BreakingChanges.Report report = BreakingChanges.compare(inlineBefore, working, ACCEPTED);
    assertThat(report.incompatible())
        .containsEntry(
            "parameter CustomerCrmId",
            "maxLength 128 -> 64; pattern "
                + SPEC.at("/components/parameters/CustomerCrmId/schema/pattern").asText("none")
                + " -> ^\\d+$")
        .containsEntry("/customers/id/{id} parameter id", "minimum none -> 1");
  }

  @Test
  void oneAcceptedEntry_mayNameSeveralEndpoints_withOneReason() throws IOException {
    Path working =
        new SpecMutation(
                "two statuses removed",
                remove("/paths/~1customers~1id~1{id}/delete/responses", "404")
                    .andThen(remove("/paths/~1customers~1email~1{email}/delete/responses", "404")))
            .applyTo(SPEC, dir);
    Path accepted = dir.resolve("accepted.yaml");
    Files.writeString(
        accepted,
        """
        accepted:
          - endpoints:
              - DELETE /customers/id/{id}
              - DELETE /customers/email/{email}
            reason: the vendor stopped answering 404
        """);
    Path baseline = SpecDocument.specUnderTest();
    BreakingChanges.Report report = BreakingChanges.compare(baseline, working, accepted);
    assertThat(report.incompatible())
        .containsKeys("DELETE /customers/id/{id}", "DELETE /customers/email/{email}");
    assertThat(report.unaccepted()).isEmpty();
    assertThat(report.accepted())
        .containsEntry("DELETE /customers/email/{email}", "the vendor stopped answering 404");
  }

  @Test
  void addedOptionalField_isCompatible() {
    Path working =
        new SpecMutation(
                "optional request field added",
                SpecMutation.set(
                    "/components/schemas/CustomerRecord/properties",
                    "middleName",
                    SpecDocument.YAML.createObjectNode().put("type", "string")))
            .applyTo(SPEC, dir);
    BreakingChanges.Report report = BreakingChanges.compare(BASELINE, working, ACCEPTED);
    assertThat(report.incompatible()).doesNotContainKey("schema CustomerRecord.middleName");
    assertThat(report.unaccepted()).isEmpty();
  }

  /** The id path parameter of {@code GET /customers/id/{id}}, inline, with {@code schema}. */
  private static java.util.function.Consumer<com.fasterxml.jackson.databind.node.ObjectNode>
      inlineIdParameter(com.fasterxml.jackson.databind.node.ObjectNode schema) {
    return SpecMutation.set(
        "/paths/~1customers~1id~1{id}",
        "parameters",
        SpecDocument.YAML
            .createArrayNode()
            .add(
                SpecDocument.YAML
                    .createObjectNode()
                    .put("name", "id")
                    .put("in", "path")
                    .put("required", true)
                    .set("schema", schema)));
  }
}
