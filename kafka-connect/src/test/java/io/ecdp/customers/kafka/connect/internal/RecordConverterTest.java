package io.ecdp.customers.kafka.connect.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecdp.customers.CustomerKey;
import io.ecdp.customers.model.ConsentValue;
import io.ecdp.customers.model.CustomAttribute;
import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.Gender;
import io.ecdp.customers.model.MatchBy;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;

class RecordConverterTest {

  private final RecordConverter byEmail = new RecordConverter(FieldMapping.none(), MatchBy.EMAIL);

  private static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  private static RecordRefusedException refusal(Runnable r) {
    try {
      r.run();
    } catch (RecordRefusedException e) {
      return e;
    }
    throw new AssertionError("not refused");
  }

  @Test
  void convert_schemalessMap_readsEveryFieldByItsName() {
    CustomerRecord r =
        byEmail.convert(
            map(
                "email", "ada@example.com",
                "phone", "+48123456789",
                "crmId", 57,
                "visitorId", "v-1",
                "firstName", "Ada",
                "lastName", "Example",
                "dateOfBirth", "2023-07-25T12:35:54.712Z",
                "gender", "female",
                "customAttributes", List.of(map("name", "tier", "value", "gold")),
                "consentsData",
                    map(
                        "consents",
                        List.of(map("id", 3, "value", "True")),
                        "force",
                        true,
                        "confirmationMessageId",
                        9),
                "ignored", "x"),
            null);
    assertThat(r.email()).isEqualTo("ada@example.com");
    assertThat(r.phone()).isEqualTo("+48123456789");
    assertThat(r.crmId()).isEqualTo("57");
    assertThat(r.visitorId()).isEqualTo("v-1");
    assertThat(r.firstName()).isEqualTo("Ada");
    assertThat(r.lastName()).isEqualTo("Example");
    assertThat(r.dateOfBirth()).isEqualTo(OffsetDateTime.parse("2023-07-25T12:35:54.712Z"));
    assertThat(r.gender()).isEqualTo(Gender.FEMALE);
    assertThat(r.customAttributes())
        .containsExactly(CustomAttribute.builder().name("tier").value("gold").build());
    assertThat(r.consentsData().consents().get(0).value()).isEqualTo(ConsentValue.TRUE);
    assertThat(r.consentsData().consents().get(0).id()).isEqualTo(3);
    assertThat(r.consentsData().force()).isTrue();
    assertThat(r.consentsData().confirmationMessageId()).isEqualTo(9);
  }

  @Test
  void convert_structWithSchema_andTimestampLogicalType() {
    Schema schema =
        SchemaBuilder.struct()
            .field("email", Schema.STRING_SCHEMA)
            .field("firstName", Schema.OPTIONAL_STRING_SCHEMA)
            .field("dateOfBirth", Timestamp.builder().optional().build())
            .field(
                "customAttributes",
                SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.OPTIONAL_INT32_SCHEMA)
                    .optional()
                    .build())
            .build();
    Struct s =
        new Struct(schema)
            .put("email", "bo@example.com")
            .put("dateOfBirth", java.util.Date.from(java.time.Instant.EPOCH))
            .put("customAttributes", Map.of("visits", 3));
    CustomerRecord r = byEmail.convert(s, schema);
    assertThat(r.email()).isEqualTo("bo@example.com");
    assertThat(r.firstName()).isNull();
    assertThat(r.dateOfBirth())
        .isEqualTo(OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
    assertThat(r.customAttributes())
        .containsExactly(CustomAttribute.builder().name("visits").value("3").build());
  }

  @Test
  void convert_nestedPaths_throughStructsAndMaps() {
    FieldMapping mapping =
        FieldMapping.parse(
            List.of(
                "email=contact.email",
                "firstName=person.name.first",
                "customAttributes.tier=loyalty.tier"));
    RecordConverter c = new RecordConverter(mapping, MatchBy.EMAIL);
    Schema name = SchemaBuilder.struct().field("first", Schema.STRING_SCHEMA).build();
    Schema person = SchemaBuilder.struct().field("name", name).build();
    Schema root =
        SchemaBuilder.struct()
            .field("contact", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA).build())
            .field("person", person)
            .field(
                "loyalty",
                SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA).optional().build())
            .build();
    Struct s =
        new Struct(root)
            .put("contact", Map.of("email", "cy@example.com"))
            .put("person", new Struct(person).put("name", new Struct(name).put("first", "Cy")))
            .put("loyalty", Map.of("tier", "silver"));
    CustomerRecord r = c.convert(s, root);
    assertThat(r.email()).isEqualTo("cy@example.com");
    assertThat(r.firstName()).isEqualTo("Cy");
    assertThat(r.customAttributes())
        .containsExactly(CustomAttribute.builder().name("tier").value("silver").build());

    CustomerRecord fromMap =
        c.convert(map("contact", map("email", "dee@example.com"), "person", null), null);
    assertThat(fromMap.email()).isEqualTo("dee@example.com");
    assertThat(fromMap.firstName()).isNull();
  }

  @Test
  void convert_wrongType_namesFieldAndRule_neverTheValue() {
    RecordRefusedException e = refusal(() -> byEmail.convert(map("email", 42), null));
    assertThat(e).hasMessage("email: expected a string, got INT32");
    assertThat(e.field()).isEqualTo("email");

    Schema schema = SchemaBuilder.struct().field("email", Schema.INT64_SCHEMA).build();
    assertThat(refusal(() -> byEmail.convert(new Struct(schema).put("email", 7L), schema)))
        .hasMessage("email: expected a string, got INT64");

    assertThat(
            refusal(
                () -> byEmail.convert(map("email", "e@example.com", "gender", "secret-x"), null)))
        .hasMessage("gender: expected one of Male, Female, NotSpecified");
    RecordRefusedException date =
        refusal(
            () -> byEmail.convert(map("email", "e@example.com", "dateOfBirth", "no-date"), null));
    assertThat(date.getMessage())
        .startsWith("dateOfBirth: expected an ISO-8601")
        .doesNotContain("no-date");
    assertThat(
            refusal(
                () ->
                    byEmail.convert(
                        map(
                            "email",
                            "e@example.com",
                            "consentsData",
                            map("consents", List.of(map("id", "x", "value", "True")))),
                        null)))
        .hasMessage("consentsData.consents[0].id: expected an int32, got STRING");
    assertThat(
            refusal(
                () ->
                    byEmail.convert(
                        map("email", "e@example.com", "customAttributes", List.of("tier")), null)))
        .hasMessage(
            "customAttributes[0]: expected a struct or map with name and value, got STRING");
    assertThat(refusal(() -> byEmail.convert("just text", Schema.STRING_SCHEMA)))
        .hasMessage("the record's value must be a struct or a map (a JSON object), got STRING");
  }

  @Test
  void convert_mappedPathThroughAScalar_namesThePath() {
    RecordConverter c =
        new RecordConverter(FieldMapping.parse(List.of("email=contact.email")), MatchBy.EMAIL);
    assertThat(refusal(() -> c.convert(map("contact", "flat-value"), null)))
        .hasMessage("email: expected a struct or map at contact, got STRING");
    assertThat(refusal(() -> c.convert(map("contact", map("email", 5)), null)))
        .hasMessage("email: expected a string, got INT32 (read from contact.email)");
  }

  @Test
  void convert_missingMatchKey_isRefusedByFieldAndRule() {
    assertThat(refusal(() -> byEmail.convert(map("firstName", "Ed"), null)))
        .hasMessage("email: required, not blank, when matching by Email");
    RecordConverter byPhone = new RecordConverter(FieldMapping.none(), MatchBy.PHONE_NUMBER);
    assertThat(refusal(() -> byPhone.convert(map("phone", " "), null)))
        .hasMessage("phone: required, not blank, when matching by PhoneNumber");
    RecordConverter byVisitor = new RecordConverter(FieldMapping.none(), MatchBy.VISITOR_ID);
    assertThat(byVisitor.convert(map("firstName", "Ed"), null).firstName()).isEqualTo("Ed");
  }

  @Test
  void deleteKey_stringKey_isTheMatchKeysValue() {
    CustomerKey k = byEmail.deleteKey("Ada@Example.com", Schema.STRING_SCHEMA);
    assertThat(k.kind()).isEqualTo(CustomerKey.Kind.EMAIL);
    assertThat(k.value()).isEqualTo("Ada@Example.com");
    assertThat(RecordConverter.orderingKey(k)).isEqualTo("ada@example.com");
    RecordConverter byCrm = new RecordConverter(FieldMapping.none(), MatchBy.CRM_ID);
    assertThat(byCrm.deleteKey(57L, Schema.INT64_SCHEMA).value()).isEqualTo("57");
  }

  @Test
  void deleteKey_structOrMapKey_holdsTheMappedField() {
    Schema keySchema = SchemaBuilder.struct().field("email", Schema.STRING_SCHEMA).build();
    assertThat(
            byEmail
                .deleteKey(new Struct(keySchema).put("email", "f@example.com"), keySchema)
                .value())
        .isEqualTo("f@example.com");
    RecordConverter mapped =
        new RecordConverter(FieldMapping.parse(List.of("email=contact.mail")), MatchBy.EMAIL);
    Map<String, Object> key = new HashMap<>();
    key.put("contact", Map.of("mail", "g@example.com"));
    assertThat(mapped.deleteKey(key, null).value()).isEqualTo("g@example.com");
  }

  @Test
  void deleteKey_missingOrWrong_isRefusedWithTheRule() {
    assertThat(refusal(() -> byEmail.deleteKey(null, null)))
        .hasMessage("key: a tombstone needs a key that names the customer to delete, got none");
    assertThat(refusal(() -> byEmail.deleteKey(12, Schema.INT32_SCHEMA)))
        .hasMessage("key: expected a string, or a struct or map holding email, got INT32");
    assertThat(refusal(() -> byEmail.deleteKey(Map.of("id", 1), null)))
        .hasMessage("key.email: a tombstone's key must hold email, not found");
    RecordRefusedException bad = refusal(() -> byEmail.deleteKey("bad\u0000addr", null));
    assertThat(bad.field()).isEqualTo("key");
    assertThat(bad.getMessage()).doesNotContain("bad");
    RecordConverter byGuid = new RecordConverter(FieldMapping.none(), MatchBy.GUID);
    assertThat(refusal(() -> byGuid.deleteKey("x", null)))
        .hasMessage("key: a delete cannot address a customer matched by GUID");
  }

  @Test
  void typeName_followsConnectsNames() {
    assertThat(RecordConverter.typeName(1, null)).isEqualTo("INT32");
    assertThat(RecordConverter.typeName(1L, null)).isEqualTo("INT64");
    assertThat(RecordConverter.typeName(1.5, null)).isEqualTo("FLOAT64");
    assertThat(RecordConverter.typeName(true, null)).isEqualTo("BOOLEAN");
    assertThat(RecordConverter.typeName(List.of(), null)).isEqualTo("ARRAY");
    assertThat(RecordConverter.typeName(Map.of(), null)).isEqualTo("MAP");
    assertThat(RecordConverter.typeName(null, Timestamp.SCHEMA)).isEqualTo("INT64 (Timestamp)");
    assertThatThrownBy(() -> FieldMapping.parse(List.of("x=y")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
