package io.ecdp.customers.spec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpectralLintTest {

  @Test
  void spec_passesSpectralOasAllRules_withNoErrorsOrWarnings() {
    assertThat(Spectral.lint(SpecDocument.specUnderTest())).isEmpty();
  }
}
