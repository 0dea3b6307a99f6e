package io.ecdp.customers.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class SpecExamplesTest {

  private final ExampleValidator validator =
      new ExampleValidator(SpecDocument.read(SpecDocument.specUnderTest()));

  /** One test per example, named by where it stands, so a bad example names itself. */
  @TestFactory
  Stream<DynamicTest> everyExample_isValidAgainstItsSchema() {
    List<ExampleValidator.Checked> checked = validator.checkAll();
    return checked.stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.where(), () -> assertThat(c.errors()).as(c.where()).isEmpty()));
  }

  @Test
  void everyNamedExample_isReachedByTheValidator() {
    long components =
        SpecDocument.read(SpecDocument.specUnderTest()).at("#/components/examples").size();
    long viaRefs =
        validator.checkAll().stream()
            .filter(c -> c.where().contains("-> #/components/examples/"))
            .map(c -> c.where().substring(c.where().indexOf("-> ")))
            .distinct()
            .count();
    assertThat(viaRefs).isEqualTo(components);
    long parameterExamples =
        validator.checkAll().stream()
            .filter(c -> c.where().startsWith("/components/parameters/"))
            .count();
    assertThat(parameterExamples).isEqualTo(7);
  }
}
