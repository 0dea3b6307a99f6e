package io.ecdp.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecdp.customers.model.ConsentValue;
import io.ecdp.customers.model.CustomAttribute;
import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.CustomerResponse;
import io.ecdp.customers.model.Gender;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Behaviour of the models our templates generate (ecdpPojo, ecdpEnum). */
class ModelTest {

  private static final Jsonb JSONB = JsonbBuilder.create();

  @AfterAll
  static void close() throws Exception {
    JSONB.close();
  }

  @Test
  void models_areImmutable_listsAreCopied() {
    List<CustomAttribute> attributes =
        new ArrayList<>(List.of(CustomAttribute.builder().name("a").build()));
    CustomerRecord record =
        CustomerRecord.builder().email("a@b.pl").customAttributes(attributes).build();
    attributes.add(CustomAttribute.builder().name("b").build());
    assertThat(record.getCustomAttributes()).hasSize(1);
    assertThatThrownBy(() -> record.getCustomAttributes().add(null))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void toBuilder_copies_andEqualsComparesValues() {
    CustomerRecord a = CustomerRecord.builder().email("a@b.pl").firstName("Ewa").build();
    CustomerRecord b = a.toBuilder().firstName("Ewa").build();
    assertThat(b).isEqualTo(a).hasSameHashCodeAs(a);
    assertThat(a.toBuilder().firstName("Anna").build()).isNotEqualTo(a);
  }

  @Test
  void toString_showsOnlyTheFieldsSet_andMasksPersonalData() {
    CustomerRecord record =
        CustomerRecord.builder().email("a@b.pl").firstName("Ewa").gender(Gender.FEMALE).build();
    assertThat(record).hasToString("CustomerRecord{email=***, firstName=***, gender=Female}");
  }

  @Test
  void json_writesNoNulls_andUsesTheWireNames() {
    String json =
        JSONB.toJson(CustomerRecord.builder().crmId("57").gender(Gender.NOT_SPECIFIED).build());
    assertThat(json).isEqualTo("{\"crmId\":\"57\",\"gender\":\"NotSpecified\"}");
  }

  @Test
  void json_roundTripsEveryDocumentedField() {
    CustomerResponse response = JSONB.fromJson(TestData.CUSTOMER_JSON, CustomerResponse.class);
    CustomerResponse again = JSONB.fromJson(JSONB.toJson(response), CustomerResponse.class);
    assertThat(again).isEqualTo(response);
    assertThat(response.getData().getTotalSpent()).isEqualByComparingTo("1523.50");
  }

  @Test
  void expandableEnums_keepUnknownValues_andCompareByValue() {
    assertThat(Gender.of("Female")).isSameAs(Gender.FEMALE);
    Gender other = Gender.of("Other");
    assertThat(other.isKnown()).isFalse();
    assertThat(other).isEqualTo(Gender.of("Other")).isNotEqualTo(Gender.FEMALE);
    assertThat(JSONB.toJson(CustomerRecord.builder().gender(other).build()))
        .isEqualTo("{\"gender\":\"Other\"}");
    assertThat(Gender.values()).containsExactly(Gender.MALE, Gender.FEMALE, Gender.NOT_SPECIFIED);
    assertThat(ConsentValue.values())
        .extracting(ConsentValue::value)
        .containsExactly("False", "AwaitingConfirmation", "True");
    assertThat(UpsertMode.values())
        .extracting(UpsertMode::value)
        .containsExactly("Add", "Update", "AddOrUpdate");
    assertThat(MatchBy.values())
        .extracting(MatchBy::value)
        .containsExactly("Email", "PhoneNumber", "CrmId", "GUID", "VisitorId");
    assertThatThrownBy(() -> Gender.of(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void validate_reportsFieldPathsAndRules_fromTheSpec() {
    List<String> violations = new ArrayList<>();
    CustomerRecord.builder()
        .visitorId("v".repeat(39))
        .lastName("")
        .customAttributes(List.of(CustomAttribute.builder().value("x").build()))
        .build()
        .validate("data[4].", (field, rule) -> violations.add(field + ": " + rule));
    assertThat(violations)
        .containsExactly(
            "data[4].visitorId: length must be at most 38",
            "data[4].customAttributes[0].name: is required");
  }
}
