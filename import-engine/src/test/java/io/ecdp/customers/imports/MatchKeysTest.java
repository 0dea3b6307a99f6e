package io.ecdp.customers.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.MatchBy;
import org.junit.jupiter.api.Test;

class MatchKeysTest {

  private final CustomerRecord record =
      CustomerRecord.builder()
          .email("Ada.Nowak@Example.com")
          .phone("+48500100200")
          .crmId("CRM-1")
          .visitorId("v-1")
          .build();

  @Test
  void of_email_isTheEmailInLowerCase_asTheServiceMatchesIt() {
    assertThat(MatchKeys.of(MatchBy.EMAIL, record)).contains("ada.nowak@example.com");
  }

  @Test
  void of_otherKeys_areTheirFields() {
    assertThat(MatchKeys.of(MatchBy.PHONE_NUMBER, record)).contains("+48500100200");
    assertThat(MatchKeys.of(MatchBy.CRM_ID, record)).contains("CRM-1");
    assertThat(MatchKeys.of(MatchBy.VISITOR_ID, record)).contains("v-1");
  }

  @Test
  void of_guidOrAMissingField_isEmpty() {
    assertThat(MatchKeys.of(MatchBy.GUID, record)).isEmpty();
    assertThat(MatchKeys.of(MatchBy.EMAIL, CustomerRecord.builder().phone("+48500").build()))
        .isEmpty();
  }
}
