package io.ecdp.customers.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.Gender;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The CSV columns set the generated builder's fields through the generated description. */
class RecordFieldsTest {

  @Test
  void eachColumn_setsItsField_withTheValueItsRuleMakesOfTheText() throws Exception {
    CustomerRecord.Builder b = CustomerRecord.builder();
    RecordFields.set(b, RecordFields.SCALARS.get("email"), "a@example.com");
    RecordFields.set(b, RecordFields.SCALARS.get("crmId"), "c-1");
    RecordFields.set(b, RecordFields.SCALARS.get("dateOfBirth"), "1990-02-03");
    RecordFields.set(b, RecordFields.SCALARS.get("gender"), "Female");
    CustomerRecord r = b.build();
    assertThat(r.email()).isEqualTo("a@example.com");
    assertThat(r.crmId()).isEqualTo("c-1");
    assertThat(r.dateOfBirth())
        .isEqualTo(OffsetDateTime.of(1990, 2, 3, 0, 0, 0, 0, ZoneOffset.UTC));
    assertThat(r.gender()).isEqualTo(Gender.FEMALE);
  }

  @Test
  void aCellItsRuleRefuses_namesTheField_andSetsNothing() {
    CustomerRecord.Builder b = CustomerRecord.builder();
    assertThatThrownBy(() -> RecordFields.set(b, RecordFields.SCALARS.get("dateOfBirth"), "soon"))
        .isInstanceOf(Fields.BadValue.class)
        .satisfies(e -> assertThat(((Fields.BadValue) e).field).isEqualTo("dateOfBirth"));
    assertThatThrownBy(() -> RecordFields.set(b, RecordFields.SCALARS.get("email"), "not-mail"))
        .isInstanceOf(Fields.BadValue.class);
    assertThat(b.build()).isEqualTo(CustomerRecord.builder().build());
  }

  @Test
  void theScalars_areTheSingleValuedFieldsOfCellTypes_withTheirJavaTypes() {
    assertThat(RecordFields.SCALARS.keySet())
        .doesNotContain("consentsData", "customAttributes")
        .startsWith("email");
    assertThat(RecordFields.SCALARS.get("dateOfBirth").type()).isEqualTo(OffsetDateTime.class);
    assertThat(RecordFields.SCALARS.get("gender").type()).isEqualTo(Gender.class);
    assertThat(RecordFields.ALL).contains("consentsData", "customAttributes");
  }
}
