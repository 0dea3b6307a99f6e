package io.ecdp.customers.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecdp.customers.CustomerKey;
import io.ecdp.customers.Customers;
import io.ecdp.customers.CustomersClient;
import io.ecdp.customers.errors.ValidationException;
import io.ecdp.customers.model.Consent;
import io.ecdp.customers.model.ConsentValue;
import io.ecdp.customers.model.ConsentsData;
import io.ecdp.customers.model.CustomAttribute;
import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.Gender;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests the spec forbids: the client refuses each locally, and the same request sent raw to
 * Prism is refused too (400 or 422), so the client's rules and the spec's agree.
 */
@ExtendWith(PrismExtension.class)
class BadInputAgreementIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String LONG_EMAIL = "a".repeat(312) + "@poczta.pl"; // 322 characters

  private static Arguments post(String name, Consumer<Customers> call, String body) {
    return Arguments.of(name, call, "POST", "/customers", body);
  }

  private static void upsert(Customers c, UpsertMode mode, MatchBy by, CustomerRecord record) {
    c.upsert(mode, by, List.of(record));
  }

  static Stream<Arguments> badInputs() {
    return Stream.of(
        post(
            "unknown mode",
            c ->
                upsert(
                    c,
                    UpsertMode.of("Replace"),
                    MatchBy.EMAIL,
                    CustomerRecord.builder().email("adam@poczta.pl").build()),
            "{\"mode\":\"Replace\",\"matchBy\":\"Email\",\"data\":[{\"email\":\"adam@poczta.pl\"}]}"),
        post(
            "unknown matchBy",
            c ->
                upsert(
                    c,
                    UpsertMode.ADD,
                    MatchBy.of("Login"),
                    CustomerRecord.builder().email("adam@poczta.pl").build()),
            "{\"mode\":\"Add\",\"matchBy\":\"Login\",\"data\":[{\"email\":\"adam@poczta.pl\"}]}"),
        post(
            "unknown gender",
            c ->
                upsert(
                    c,
                    UpsertMode.ADD,
                    MatchBy.EMAIL,
                    CustomerRecord.builder()
                        .email("adam@poczta.pl")
                        .gender(Gender.of("Other"))
                        .build()),
            "{\"mode\":\"Add\",\"matchBy\":\"Email\",\"data\":[{\"email\":\"adam@poczta.pl\",\"gender\":\"Other\"}]}"),
        post(
            "unknown consent value",
            c ->
                upsert(
                    c,
                    UpsertMode.ADD,
                    MatchBy.EMAIL,
                    CustomerRecord.builder()
                        .email("adam@poczta.pl")
                        .consentsData(
                            ConsentsData.builder()
                                .consents(
                                    List.of(
                                        Consent.builder()
                                            .id(1)
                                            .value(ConsentValue.of("Maybe"))
                                            .build()))
                                .build())
                        .build()),
            "{\"mode\":\"Add\",\"matchBy\":\"Email\",\"data\":[{\"email\":\"adam@poczta.pl\",\"consentsData\":{\"consents\":[{\"id\":1,\"value\":\"Maybe\"}]}}]}"),
        post(
            "phone with spaces",
            c ->
                upsert(
                    c,
                    UpsertMode.ADD,
                    MatchBy.PHONE_NUMBER,
                    CustomerRecord.builder().phone("123 456 789").build()),
            "{\"mode\":\"Add\",\"matchBy\":\"PhoneNumber\",\"data\":[{\"phone\":\"123 456 789\"}]}"),
        post(
            "empty attribute name",
            c ->
                upsert(
                    c,
                    UpsertMode.ADD,
                    MatchBy.EMAIL,
                    CustomerRecord.builder()
                        .email("adam@poczta.pl")
                        .customAttributes(
                            List.of(CustomAttribute.builder().name("").value("gold").build()))
                        .build()),
            "{\"mode\":\"Add\",\"matchBy\":\"Email\",\"data\":[{\"email\":\"adam@poczta.pl\",\"customAttributes\":[{\"name\":\"\",\"value\":\"gold\"}]}]}"),
        post(
            "consent without id",
            c ->
                upsert(
                    c,
                    UpsertMode.ADD,
                    MatchBy.EMAIL,
                    CustomerRecord.builder()
                        .email("adam@poczta.pl")
                        .consentsData(
                            ConsentsData.builder()
                                .consents(
                                    List.of(Consent.builder().value(ConsentValue.TRUE).build()))
                                .build())
                        .build()),
            "{\"mode\":\"Add\",\"matchBy\":\"Email\",\"data\":[{\"email\":\"adam@poczta.pl\",\"consentsData\":{\"consents\":[{\"value\":\"True\"}]}}]}"),
        post(
            "consent without value",
            c ->
                upsert(
                    c,
                    UpsertMode.ADD,
                    MatchBy.EMAIL,
                    CustomerRecord.builder()
                        .email("adam@poczta.pl")
                        .consentsData(
                            ConsentsData.builder()
                                .consents(List.of(Consent.builder().id(3).build()))
                                .build())
                        .build()),
            "{\"mode\":\"Add\",\"matchBy\":\"Email\",\"data\":[{\"email\":\"adam@poczta.pl\",\"consentsData\":{\"consents\":[{\"id\":3}]}}]}"),
        post(
            "over-long e-mail",
            c ->
                upsert(
                    c,
                    UpsertMode.ADD,
                    MatchBy.EMAIL,
                    CustomerRecord.builder().email(LONG_EMAIL).build()),
            "{\"mode\":\"Add\",\"matchBy\":\"Email\",\"data\":[{\"email\":\""
                + LONG_EMAIL
                + "\"}]}"),
        post(
            "over-long first name",
            c ->
                upsert(
                    c,
                    UpsertMode.ADD,
                    MatchBy.EMAIL,
                    CustomerRecord.builder()
                        .email("adam@poczta.pl")
                        .firstName("A".repeat(257))
                        .build()),
            "{\"mode\":\"Add\",\"matchBy\":\"Email\",\"data\":[{\"email\":\"adam@poczta.pl\",\"firstName\":\""
                + "A".repeat(257)
                + "\"}]}"),
        post(
            "over-long visitor id",
            c ->
                upsert(
                    c,
                    UpsertMode.ADD,
                    MatchBy.VISITOR_ID,
                    CustomerRecord.builder().visitorId("v".repeat(39)).build()),
            "{\"mode\":\"Add\",\"matchBy\":\"VisitorId\",\"data\":[{\"visitorId\":\""
                + "v".repeat(39)
                + "\"}]}"),
        post(
            "NUL in an e-mail (D14)",
            c ->
                upsert(
                    c,
                    UpsertMode.ADD_OR_UPDATE,
                    MatchBy.EMAIL,
                    CustomerRecord.builder().email("nul2\u0000@x.test").build()),
            "{\"mode\":\"AddOrUpdate\",\"matchBy\":\"Email\",\"data\":[{\"email\":\"nul2\\u0000@x.test\"}]}"),
        post(
            "line break in a first name (D14)",
            c ->
                upsert(
                    c,
                    UpsertMode.ADD,
                    MatchBy.EMAIL,
                    CustomerRecord.builder().email("adam@poczta.pl").firstName("Ad\nam").build()),
            "{\"mode\":\"Add\",\"matchBy\":\"Email\",\"data\":[{\"email\":\"adam@poczta.pl\",\"firstName\":\"Ad\\nam\"}]}"),
        post(
            "escape character in a custom attribute's value (D14)",
            c ->
                upsert(
                    c,
                    UpsertMode.ADD,
                    MatchBy.EMAIL,
                    CustomerRecord.builder()
                        .email("adam@poczta.pl")
                        .customAttributes(
                            List.of(
                                CustomAttribute.builder().name("tier").value("\u001b[31m").build()))
                        .build()),
            "{\"mode\":\"Add\",\"matchBy\":\"Email\",\"data\":[{\"email\":\"adam@poczta.pl\",\"customAttributes\":[{\"name\":\"tier\",\"value\":\"\\u001b[31m\"}]}]}"),
        post(
            "empty batch",
            c -> c.upsert(UpsertMode.ADD, MatchBy.EMAIL, List.of()),
            "{\"mode\":\"Add\",\"matchBy\":\"Email\",\"data\":[]}"),
        Arguments.of(
            "phone with spaces in the path",
            (Consumer<Customers>) c -> c.get(CustomerKey.phone("123 456 789")),
            "GET",
            "/customers/phone/123%20456%20789",
            null),
        Arguments.of(
            "over-long CRM ID in the path",
            (Consumer<Customers>) c -> c.delete(CustomerKey.crmId("9".repeat(129))),
            "DELETE",
            "/customers/crmId/" + "9".repeat(129),
            null),
        Arguments.of(
            "NUL in the e-mail of the path (D14)",
            (Consumer<Customers>) c -> c.get(CustomerKey.email("nul2\u0000@x.test")),
            "GET",
            "/customers/email/nul2%00%40x.test",
            null),
        Arguments.of(
            "line feed in the CRM ID of the path (D14)",
            (Consumer<Customers>) c -> c.delete(CustomerKey.crmId("57\n")),
            "DELETE",
            "/customers/crmId/57%0A",
            null),
        Arguments.of(
            "over-long e-mail in the path",
            (Consumer<Customers>) c -> c.get(CustomerKey.email(LONG_EMAIL)),
            "GET",
            "/customers/email/" + LONG_EMAIL.replace("@", "%40"),
            null));
  }

  /**
   * The one rule the schema cannot state (decision D6): OpenAPI 3.0 has no "required when matchBy
   * is Email", so the spec says it in words, the client enforces it, and Prism lets it through.
   */
  @org.junit.jupiter.api.Test
  void missingMatchKey_isRefusedByTheClient_theSchemaCannotStateIt(PrismExtension.Prism prism)
      throws Exception {
    try (CustomersClient client = Contract.client(prism.uri(), Contract.VALID_KEY)) {
      assertThatThrownBy(
              () ->
                  upsert(
                      client.customers(),
                      UpsertMode.ADD,
                      MatchBy.EMAIL,
                      CustomerRecord.builder().firstName("Adam").build()))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining(
              "data[0].email: is required and must not be blank when matchBy is Email");
    }
    HttpRequest raw =
        HttpRequest.newBuilder(URI.create(prism.uri() + "/customers"))
            .header("x-api-key", Contract.VALID_KEY)
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"mode\":\"Add\",\"matchBy\":\"Email\",\"data\":[{\"firstName\":\"Adam\"}]}"))
            .build();
    assertThat(HTTP.send(raw, HttpResponse.BodyHandlers.ofString()).statusCode())
        .as("the schema alone cannot refuse it")
        .isEqualTo(201);
  }

  /**
   * A custom attribute's value is free text (decision D14): tab and line breaks are sent by the
   * client and let through by the spec, while every identifier and name refuses them.
   */
  @org.junit.jupiter.api.Test
  void lineBreaksInACustomAttributesValue_areAcceptedByBoth(PrismExtension.Prism prism)
      throws Exception {
    try (CustomersClient client = Contract.client(prism.uri(), Contract.VALID_KEY)) {
      assertThat(
              client
                  .customers()
                  .upsert(
                      UpsertMode.ADD,
                      MatchBy.EMAIL,
                      List.of(
                          CustomerRecord.builder()
                              .email("adam@poczta.pl")
                              .customAttributes(
                                  List.of(
                                      CustomAttribute.builder()
                                          .name("note")
                                          .value("line one\r\nline two\tend")
                                          .build()))
                              .build()))
                  .metadata()
                  .status())
          .isEqualTo(201);
    }
    HttpRequest raw =
        HttpRequest.newBuilder(URI.create(prism.uri() + "/customers"))
            .header("x-api-key", Contract.VALID_KEY)
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"mode\":\"Add\",\"matchBy\":\"Email\",\"data\":[{\"email\":\"adam@poczta.pl\","
                        + "\"customAttributes\":[{\"name\":\"note\",\"value\":\"a\\r\\nb\\tc\"}]}]}"))
            .build();
    assertThat(HTTP.send(raw, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(201);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void clientAndSpec_bothRefuse(
      String name,
      Consumer<Customers> clientCall,
      String method,
      String path,
      String body,
      PrismExtension.Prism prism)
      throws Exception {
    try (CustomersClient client = Contract.client(prism.uri(), Contract.VALID_KEY)) {
      assertThatThrownBy(() -> clientCall.accept(client.customers()))
          .as("the client refuses it locally")
          .isInstanceOf(ValidationException.class);
    }
    HttpRequest.Builder raw =
        HttpRequest.newBuilder(URI.create(prism.uri() + path))
            .header("x-api-key", Contract.VALID_KEY)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> response = HTTP.send(raw.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode())
        .as("Prism refuses the same request sent raw: %s", response.body())
        .isIn(400, 422);
  }
}
