package io.ecdp.customers.spec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeedFactsTest {

  @Test
  void spec_statesEveryFactOfTheVendorsPage() {
    SeedFacts facts = SeedFacts.load();
    assertThat(facts.operationCount()).isEqualTo(9);
    assertThat(facts.check(SpecDocument.read(SpecDocument.specUnderTest()))).isEmpty();
  }
}
