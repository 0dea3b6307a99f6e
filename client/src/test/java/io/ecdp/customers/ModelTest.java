package io.ecdp.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecdp.customers.internal.model.CustomerRecordJson;
import io.ecdp.customers.internal.model.CustomerResponse;
import io.ecdp.customers.model.ConsentValue;
import io.ecdp.customers.model.ConsentsData;
import io.ecdp.customers.model.CustomAttribute;
import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.Gender;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
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
    assertThat(record.customAttributes()).hasSize(1);
    assertThatThrownBy(() -> record.customAttributes().add(null))
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
    assertThat(response.data().totalSpent()).isEqualByComparingTo("1523.50");
  }

  @Test
  void generatedSerializers_writeAndReadEveryField_ofEveryModel() throws Exception {
    List<Class<?>> models = generatedModels();
    assertThat(models).hasSizeGreaterThanOrEqualTo(8);
    for (Class<?> model : models) {
      int fields = setters(model).size();
      Object full = sample(model, 0);
      String json = JSONB.toJson(full);
      jakarta.json.JsonObject members =
          jakarta.json.Json.createReader(new java.io.StringReader(json)).readObject();
      assertThat(members.keySet())
          .as("%s writes every field: %s", model.getSimpleName(), json)
          .hasSize(fields);
      assertThat(JSONB.fromJson(json, model))
          .as("%s reads every field back", model.getSimpleName())
          .isEqualTo(full);
    }
  }

  @Test
  void generatedDeserializers_skipUnknownMembers_andNameTheFieldOfAWrongType() {
    CustomerRecord record =
        JSONB.fromJson(
            "{\"x\":{\"y\":[1,{\"z\":null}]},\"crmId\":\"7\",\"extra\":[[]]}",
            CustomerRecord.class);
    assertThat(record).isEqualTo(CustomerRecord.builder().crmId("7").build());
    assertThatThrownBy(
            () -> JSONB.fromJson("{\"email\":{\"secret\":\"a@b.pl\"}}", CustomerRecord.class))
        .isInstanceOf(jakarta.json.bind.JsonbException.class)
        .hasMessageContaining("CustomerRecord.email: must be a string, found an object")
        .hasMessageNotContaining("a@b.pl");
  }

  @Test
  void generatedDeserializers_refuseANullListItem_namingTheListNotTheValue() {
    assertThatThrownBy(() -> JSONB.fromJson("{\"consents\":[null]}", ConsentsData.class))
        .isInstanceOf(jakarta.json.bind.JsonbException.class)
        .hasMessageContaining("ConsentsData.consents[]: an item of the list must not be null");
    assertThatThrownBy(
            () ->
                JSONB.fromJson(
                    "{\"consents\":[{\"id\":1,\"value\":\"true\"},null]}", ConsentsData.class))
        .isInstanceOf(jakarta.json.bind.JsonbException.class)
        .hasMessageContaining("ConsentsData.consents[]");
    assertThat(JSONB.fromJson("{\"consents\":null}", ConsentsData.class).consents())
        .as("a null list is an absent one")
        .isNull();
  }

  private static List<Class<?>> generatedModels() throws Exception {
    List<Class<?>> models = new ArrayList<>();
    for (String pkg : List.of("io.ecdp.customers.model", "io.ecdp.customers.internal.model")) {
      Path dir = Path.of("target/generated-sources/openapi/src/main/java", pkg.replace('.', '/'));
      try (var files = Files.list(dir)) {
        for (Path file : files.sorted().toList()) {
          String name = file.getFileName().toString().replace(".java", "");
          Class<?> type = Class.forName(pkg + "." + name);
          if (!name.endsWith("Json") && hasCreator(type)) {
            models.add(type);
          }
        }
      }
    }
    return models;
  }

  private static boolean hasCreator(Class<?> type) {
    return Arrays.stream(type.getMethods()).anyMatch(m -> m.getName().equals("builder"));
  }

  /** The builder's setters: one per field. */
  private static List<Method> setters(Class<?> type) throws Exception {
    Class<?> builder = type.getMethod("builder").getReturnType();
    return Arrays.stream(builder.getMethods())
        .filter(m -> m.getReturnType() == builder && m.getParameterCount() == 1)
        .sorted(java.util.Comparator.comparing(Method::getName))
        .toList();
  }

  /** An instance with every field set, nested models included (depth-limited). */
  private static Object sample(Type type, int depth) throws Exception {
    if (type instanceof ParameterizedType list) {
      return List.of(sample(list.getActualTypeArguments()[0], depth + 1));
    }
    Class<?> raw = (Class<?>) type;
    if (raw == String.class) {
      return "text" + depth;
    } else if (raw == Integer.class) {
      return 7 + depth;
    } else if (raw == Boolean.class) {
      return true;
    } else if (raw == BigDecimal.class) {
      return new BigDecimal("1523.50");
    } else if (raw == OffsetDateTime.class) {
      return OffsetDateTime.parse("2024-05-06T07:08:09.123+02:00");
    } else if (!hasCreator(raw)) { // an expandable enum
      List<?> values = (List<?>) raw.getMethod("values").invoke(null);
      return values.get(values.size() - 1);
    }
    Object builder = raw.getMethod("builder").invoke(null);
    for (Method setter : setters(raw)) {
      setter.invoke(builder, sample(setter.getGenericParameterTypes()[0], depth + 1));
    }
    return builder.getClass().getMethod("build").invoke(builder);
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
    CustomerRecord record =
        CustomerRecord.builder()
            .visitorId("v".repeat(39))
            .lastName("")
            .customAttributes(List.of(CustomAttribute.builder().value("x").build()))
            .build();
    CustomerRecordJson.validate(
        record, "data[4].", (field, rule) -> violations.add(field + ": " + rule));
    assertThat(violations)
        .containsExactly(
            "data[4].visitorId: length must be at most 38",
            "data[4].customAttributes[0].name: is required");
  }
}
