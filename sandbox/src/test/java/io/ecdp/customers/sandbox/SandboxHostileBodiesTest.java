package io.ecdp.customers.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecdp.customers.internal.model.CustomerRecordJson;
import io.ecdp.customers.model.Consent;
import io.ecdp.customers.model.ConsentValue;
import io.ecdp.customers.model.ConsentsData;
import io.ecdp.customers.model.CustomAttribute;
import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.Gender;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Bodies meant to make the sandbox work or talk too much: a million refused records, values of the
 * wrong type. The answer lists at most {@link CustomersResource#ERRORS_LISTED} refusals and counts
 * the rest; every value of the wrong type is named by its path in the spec.
 */
class SandboxHostileBodiesTest {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /** The spec's {@code x-record-error-form} (D13). */
  private static final Pattern RECORD_ERROR =
      Pattern.compile("^data\\[(\\d+)\\]\\.?([^:]*):\\s*(.*)$");

  private static final int MILLION = 1_000_000;

  private static HttpResponse<byte[]> post(CustomersSandbox sandbox, byte[] body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(sandbox.uri() + "/customers"))
            .header("x-api-key", sandbox.apiKey())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private static byte[] emptyRecords(int count, boolean matchByFirst) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(count * 3 + 100);
    String head = "{\"mode\":\"Add\",\"matchBy\":\"Email\",";
    out.writeBytes(
        (matchByFirst ? head + "\"data\":[" : "{\"data\":[").getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < count; i++) {
      out.writeBytes(i == 0 ? new byte[] {'{', '}'} : new byte[] {',', '{', '}'});
    }
    out.writeBytes(
        (matchByFirst ? "]}" : "],\"mode\":\"Add\",\"matchBy\":\"Email\"}")
            .getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  private static JsonObject json(byte[] body) {
    return Json.createReader(new ByteArrayInputStream(body)).readObject();
  }

  private static List<String> errors(JsonObject problem) {
    return problem.getJsonArray("errors").getValuesAs(JsonString.class).stream()
        .map(JsonString::getString)
        .toList();
  }

  @Test
  void aMillionEmptyRecords_areAnsweredWithAHundredErrors_andACountOfTheRest() throws Exception {
    try (CustomersSandbox sandbox = CustomersSandbox.builder().start()) {
      for (boolean matchByFirst : new boolean[] {true, false}) {
        byte[] body = emptyRecords(MILLION, matchByFirst);
        HttpResponse<byte[]> r = post(sandbox, body);

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(r.body().length).as("the answer's size").isLessThan(64 * 1024);
        JsonObject problem = json(r.body());
        List<String> errors = errors(problem);
        assertThat(errors).hasSize(CustomersResource.ERRORS_LISTED + 1);
        for (int i = 0; i < CustomersResource.ERRORS_LISTED; i++) {
          assertThat(errors.get(i))
              .isEqualTo("data[" + i + "].email: is required when matchBy is Email");
        }
        String last = errors.get(CustomersResource.ERRORS_LISTED);
        assertThat(last)
            .isEqualTo("999900 more errors are not listed: an answer lists the first 100.");
        assertThat(RECORD_ERROR.matcher(last).matches()).as("names no record").isFalse();
        assertThat(problem.getString("detail"))
            .isEqualTo("1000000 of the batch's 1000000 records were refused; nothing was applied.");
        assertThat(sandbox.store().size()).isZero();
        if (matchByFirst) {
          HostileFigures.put("errorBody.bytesFor1000000EmptyRecords", r.body().length);
          HostileFigures.put("errorBody.requestBytes", body.length);
          HostileFigures.put("errorBody.errorsListed", CustomersResource.ERRORS_LISTED);
        }
      }
    }
  }

  @Test
  void aRefusedBatch_isNotHeldInMemory_whileItIsRead() {
    BatchBody body =
        BatchBody.read(
            SandboxJsonP.forBodies(CustomersSandbox.DEFAULT_MAX_BODY_BYTES)
                .createParserFactory(Map.of()),
            new ByteArrayInputStream(emptyRecords(MILLION, true)),
            CustomersResource.ERRORS_LISTED);
    assertThat(body.records).isEqualTo(MILLION);
    assertThat(body.kept()).as("records held once the batch is refused").isZero();
    assertThat(body.records()).isNull();
    assertThat(body.refusals.first()).hasSize(CustomersResource.ERRORS_LISTED);
    assertThat(body.refusals.total()).isEqualTo(MILLION);
    assertThat(body.refusals.refusedRecords()).isEqualTo(MILLION);
    HostileFigures.put("errorBody.recordsHeldFor1000000Refused", body.kept());
  }

  @Test
  void everyValueOfTheWrongType_isNamedByItsPathInTheSpec() throws Exception {
    SpecConformance conformance = new SpecConformance();
    String body =
        "{\"mode\":\"Add\",\"matchBy\":\"Email\",\"data\":["
            + "{\"email\":\"a@poczta.pl\",\"dateOfBirth\":5,\"firstName\":true,\"gender\":1},"
            + "{\"email\":7,\"customAttributes\":[{\"name\":\"tier\",\"value\":3},null],"
            + "\"consentsData\":{\"consents\":[{\"id\":\"x\",\"value\":\"True\"},"
            + "{\"id\":2147483648,\"value\":\"True\"}],\"force\":\"yes\"}},"
            + "{\"email\":\"ok@poczta.pl\",\"dateOfBirth\":\"yesterday\"},"
            + "{\"email\":\"fine@poczta.pl\"}]}";
    try (CustomersSandbox sandbox = CustomersSandbox.builder().register(conformance).start()) {
      HttpResponse<byte[]> r = post(sandbox, body.getBytes(StandardCharsets.UTF_8));

      assertThat(r.statusCode()).isEqualTo(400);
      JsonObject problem = json(r.body());
      List<String> errors = errors(problem);
      assertThat(errors)
          .containsExactly(
              "data[0].dateOfBirth: must be a string, found a number",
              "data[0].firstName: must be a string, found a boolean",
              "data[0].gender: must be a string, found a number",
              "data[1].email: must be a string, found a number",
              "data[1].customAttributes[0].value: must be a string, found a number",
              "data[1].customAttributes[1]: must not be null",
              "data[1].consentsData.consents[0].id: must be an integer, found a string",
              "data[1].consentsData.consents[1].id: must be a 32-bit integer",
              "data[1].consentsData.force: must be true or false, found a string",
              "data[2].dateOfBirth: must be an ISO-8601 date-time with an offset");
      assertThat(errors).allSatisfy(e -> assertThat(RECORD_ERROR.matcher(e).matches()).isTrue());
      assertThat(new String(r.body(), StandardCharsets.UTF_8))
          .doesNotContain("CustomerRecord.")
          .doesNotContain("yesterday");
      assertThat(problem.getString("detail"))
          .isEqualTo("3 of the batch's 4 records were refused; nothing was applied.");
      assertThat(conformance.responseViolations()).as("a documented answer").isEmpty();
      assertThat(sandbox.store().size()).isZero();
    }
    HostileFigures.put("wrongTypes.allListed", "yes");
  }

  @Test
  void valuesOfTheWrongType_areListedUpToTheCap() throws Exception {
    StringBuilder body = new StringBuilder("{\"mode\":\"Add\",\"matchBy\":\"Email\",\"data\":[");
    for (int i = 0; i < 1000; i++) {
      body.append(i == 0 ? "" : ",").append("{\"email\":1,\"phone\":2}");
    }
    body.append("]}");
    try (CustomersSandbox sandbox = CustomersSandbox.builder().start()) {
      HttpResponse<byte[]> r = post(sandbox, body.toString().getBytes(StandardCharsets.UTF_8));
      List<String> errors = errors(json(r.body()));
      assertThat(errors).hasSize(101);
      assertThat(errors.get(0)).isEqualTo("data[0].email: must be a string, found a number");
      assertThat(errors.get(1)).isEqualTo("data[0].phone: must be a string, found a number");
      assertThat(errors.get(100))
          .isEqualTo("1900 more errors are not listed: an answer lists the first 100.");
    }
  }

  @Test
  void requestMembersOfTheWrongType_areNamed() throws Exception {
    try (CustomersSandbox sandbox = CustomersSandbox.builder().start()) {
      HttpResponse<byte[]> r =
          post(
              sandbox,
              "{\"mode\":1,\"matchBy\":\"Email\",\"data\":{}}".getBytes(StandardCharsets.UTF_8));
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(errors(json(r.body())))
          .containsExactly(
              "mode: must be a string, found a number", "data: must be an array, found an object");
    }
  }

  /**
   * The type check knows every field the generated reader reads (a field it did not know would go
   * unchecked): each member of a full record, given a value of another type, is named once, by its
   * path.
   */
  @Test
  void theTypeCheck_knowsEveryFieldOfTheModels() {
    CustomerRecord full =
        CustomerRecord.builder()
            .email("a@poczta.pl")
            .phone("+48600")
            .crmId("57")
            .visitorId("v")
            .firstName("Adam")
            .lastName("Nowak")
            .dateOfBirth(OffsetDateTime.parse("2000-01-01T00:00:00Z"))
            .gender(Gender.MALE)
            .customAttributes(List.of(CustomAttribute.builder().name("n").value("v").build()))
            .consentsData(
                ConsentsData.builder()
                    .consents(List.of(Consent.builder().id(1).value(ConsentValue.TRUE).build()))
                    .force(true)
                    .confirmationMessageId(3)
                    .build())
            .build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (var g = Json.createGenerator(out)) {
      CustomerRecordJson.write(full, g);
    }
    JsonObject record =
        Json.createReader(new StringReader(out.toString(StandardCharsets.UTF_8))).readObject();
    List<String> paths = new ArrayList<>();
    leaves(record, "", paths);
    assertThat(paths)
        .contains(
            "email",
            "dateOfBirth",
            "customAttributes[0].value",
            "consentsData.consents[0].id",
            "consentsData.force");
    for (String path : paths) {
      JsonObject broken = replace(record, path);
      List<String> found = new ArrayList<>();
      TypeCheck.check(CustomerRecord.class, broken, "", (field, rule) -> found.add(field));
      assertThat(found).as(path).containsExactly(path);
    }
    List<String> none = new ArrayList<>();
    TypeCheck.check(CustomerRecord.class, record, "", (field, rule) -> none.add(field));
    assertThat(none).isEmpty();
    assertThat(TypeCheck.fields(CustomerRecord.class).keySet()).isEqualTo(record.keySet());
  }

  /** Every value's path: members of objects, items of arrays. */
  private static void leaves(JsonValue value, String path, List<String> out) {
    if (value instanceof JsonObject o) {
      for (Map.Entry<String, JsonValue> m : o.entrySet()) {
        String p = path.isEmpty() ? m.getKey() : path + "." + m.getKey();
        out.add(p);
        leaves(m.getValue(), p, out);
      }
    } else if (value.getValueType() == JsonValue.ValueType.ARRAY) {
      for (int i = 0; i < value.asJsonArray().size(); i++) {
        String p = path + "[" + i + "]";
        leaves(value.asJsonArray().get(i), p, out);
      }
    }
  }

  /** The record with the value at {@code path} replaced by one of another type. */
  private static JsonObject replace(JsonObject record, String path) {
    String pointer = "/" + path.replace(".", "/").replaceAll("\\[(\\d+)\\]", "/$1");
    JsonValue old = record.getValue(pointer);
    JsonValue wrong =
        old.getValueType() == JsonValue.ValueType.OBJECT
                || old.getValueType() == JsonValue.ValueType.ARRAY
            ? Json.createValue("x")
            : JsonValue.EMPTY_JSON_OBJECT;
    return Json.createPointer(pointer).replace(record, wrong);
  }
}
