package io.ecdp.customers;

import static io.ecdp.customers.TestServer.json;
import static io.ecdp.customers.TestServer.problem;
import static io.ecdp.customers.TestServer.respond;
import static io.ecdp.customers.TestServer.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecdp.customers.errors.NotFoundException;
import io.ecdp.customers.model.Consent;
import io.ecdp.customers.model.ConsentValue;
import io.ecdp.customers.model.ConsentsData;
import io.ecdp.customers.model.CustomAttribute;
import io.ecdp.customers.model.CustomerDetails;
import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.Gender;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** For every operation: the exact request the server receives, and what the caller gets back. */
class CustomersRequestTest {

  private TestServer server;
  private CustomersClient client;

  @BeforeEach
  void start() throws Exception {
    server = new TestServer();
    client = server.client().build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  @Test
  void upsert_postsTheBatchAsJson_withKeyAcceptAndUserAgent() {
    server.then(status(201));
    CustomerRecord adam =
        CustomerRecord.builder()
            .email("adam@poczta.pl")
            .phone("123456789")
            .crmId("57")
            .firstName("Adam")
            .lastName("Nowak")
            .dateOfBirth(OffsetDateTime.parse("2023-07-26T12:28:33.490Z"))
            .gender(Gender.FEMALE)
            .customAttributes(
                List.of(CustomAttribute.builder().name("loyaltyTier").value("gold").build()))
            .consentsData(
                ConsentsData.builder()
                    .consents(List.of(Consent.builder().id(0).value(ConsentValue.FALSE).build()))
                    .force(true)
                    .confirmationMessageId(0)
                    .build())
            .build();

    client.customers().upsert(UpsertMode.ADD, MatchBy.EMAIL, List.of(adam));

    TestServer.Recorded request = server.last();
    assertThat(request.requestLine()).isEqualTo("POST /customers");
    assertThat(request.header("x-api-key")).isEqualTo(TestData.API_KEY);
    assertThat(request.header("Content-Type")).startsWith("application/json");
    assertThat(request.header("Accept")).isEqualTo("application/problem+json");
    assertThat(request.header("User-Agent")).contains("ecdp-customers-java/");
    assertThat(request.body())
        .isEqualTo(
            "{\"mode\":\"Add\",\"matchBy\":\"Email\",\"data\":[{\"email\":\"adam@poczta.pl\","
                + "\"phone\":\"123456789\",\"crmId\":\"57\",\"firstName\":\"Adam\",\"lastName\":\"Nowak\","
                + "\"dateOfBirth\":\"2023-07-26T12:28:33.49Z\",\"gender\":\"Female\","
                + "\"customAttributes\":[{\"name\":\"loyaltyTier\",\"value\":\"gold\"}],"
                + "\"consentsData\":{\"consents\":[{\"id\":0,\"value\":\"False\"}],\"force\":true,"
                + "\"confirmationMessageId\":0}}]}");
  }

  @Test
  void update_withOnlyFirstName_sendsOnlyFirstNameAndTheMatchKey() {
    server.then(status(201));
    client
        .customers()
        .upsert(
            UpsertMode.UPDATE,
            MatchBy.PHONE_NUMBER,
            List.of(CustomerRecord.builder().phone("+48123456789").firstName("Ewa").build()));
    assertThat(server.last().body())
        .isEqualTo(
            "{\"mode\":\"Update\",\"matchBy\":\"PhoneNumber\",\"data\":[{\"phone\":\"+48123456789\",\"firstName\":\"Ewa\"}]}");
  }

  @Test
  void upsert_acceptsAJsonBodyOn201_D7() {
    server.then(json(201, "{\"accepted\":1}"));
    client
        .customers()
        .upsert(
            UpsertMode.ADD_OR_UPDATE,
            MatchBy.CRM_ID,
            List.of(CustomerRecord.builder().crmId("57").build()));
    assertThat(server.count()).isEqualTo(1);
  }

  @Test
  void getByEmail_returnsEveryDocumentedField() {
    server.then(json(200, TestData.CUSTOMER_JSON));
    CustomerDetails adam = client.customers().getByEmail(TestData.EMAIL).orElseThrow();

    assertThat(server.last().requestLine()).isEqualTo("GET /customers/email/adam%40poczta.pl");
    assertThat(server.last().header("Accept"))
        .isEqualTo("application/json, application/problem+json");
    assertThat(adam.getEmail()).isEqualTo("adam@poczta.pl");
    assertThat(adam.getPhone()).isEqualTo("123456789");
    assertThat(adam.getCrmId()).isEqualTo("57");
    assertThat(adam.getFirstName()).isEqualTo("Adam");
    assertThat(adam.getLastName()).isEqualTo("Nowak");
    assertThat(adam.getDateOfBirth()).isEqualTo(OffsetDateTime.parse("2023-07-25T13:58:16.339Z"));
    assertThat(adam.getGender()).isEqualTo(Gender.FEMALE);
    assertThat(adam.getRfmSegment()).isEqualTo("Champions");
    assertThat(adam.getTotalSpent()).isEqualByComparingTo(new BigDecimal("1523.50"));
    assertThat(adam.getTotalSpent().scale()).isEqualTo(2); // money keeps its decimal form
    assertThat(adam.getTotalOrders()).isEqualTo(14);
    assertThat(adam.getTotalOrderReturns()).isEqualTo(1);
    assertThat(adam.getAvgOrder()).isEqualByComparingTo("108.82");
    assertThat(adam.getAvgPricePoint()).isEqualByComparingTo("36.27");
    assertThat(adam.getLastOrder()).isEqualTo(OffsetDateTime.parse("2023-07-25T13:58:16.339Z"));
    assertThat(adam.getAvgTimeBetweenOrdersInDays()).isEqualByComparingTo("12.5");
    assertThat(adam.getCurrencySymbol()).isEqualTo("zł");
    assertThat(adam.getCustomAttributes())
        .containsExactly(CustomAttribute.builder().name("loyaltyTier").value("gold").build());
    assertThat(adam.getConsentsData().getConsents())
        .containsExactly(Consent.builder().id(0).value(ConsentValue.FALSE).build());
  }

  @Test
  void getByEmail_keepsUnknownEnumValues_andIgnoresUnknownMembers() {
    server.then(
        json(
            200,
            "{\"status\":0,\"loyalty\":{\"tier\":3},\"data\":{\"gender\":\"NonBinary\",\"newField\":[1,2],"
                + "\"consentsData\":{\"consents\":[{\"id\":7,\"value\":\"Withdrawn\"}]}}}"));
    CustomerDetails customer = client.customers().getByEmail(TestData.EMAIL).orElseThrow();
    assertThat(customer.getGender().isKnown()).isFalse();
    assertThat(customer.getGender().value()).isEqualTo("NonBinary");
    ConsentValue consent = customer.getConsentsData().getConsents().get(0).getValue();
    assertThat(consent.isKnown()).isFalse();
    assertThat(consent.value()).isEqualTo("Withdrawn");
  }

  @Test
  void getById_getByPhone_getByCrmId_useTheirPaths() {
    server.always(json(200, TestData.CUSTOMER_JSON));
    client.customers().getById(12);
    client.customers().getByPhone("123456789");
    client.customers().getByCrmId("57");
    assertThat(server.requests())
        .extracting(TestServer.Recorded::requestLine)
        .containsExactly(
            "GET /customers/id/12", "GET /customers/phone/123456789", "GET /customers/crmId/57");
    assertThat(server.requests())
        .allSatisfy(
            r -> {
              assertThat(r.header("x-api-key")).isEqualTo(TestData.API_KEY);
              assertThat(r.header("Accept"))
                  .isEqualTo("application/json, application/problem+json");
              assertThat(r.header("User-Agent")).startsWith("ecdp-customers-java/");
              assertThat(r.body()).isEmpty();
            });
  }

  @Test
  void everyAsyncVariant_callsItsOperation() throws Exception {
    server.always(json(200, TestData.CUSTOMER_JSON));
    Customers c = client.customers();
    assertThat(c.getByIdAsync(12).get()).isPresent();
    assertThat(c.getByEmailAsync(TestData.EMAIL).get()).isPresent();
    assertThat(c.getByPhoneAsync("123456789").get()).isPresent();
    assertThat(c.getByCrmIdAsync("57").get()).isPresent();
    server.always(status(200));
    assertThat(c.deleteByIdAsync(12, true).get()).isTrue();
    assertThat(c.deleteByEmailAsync(TestData.EMAIL, false).get()).isTrue();
    assertThat(c.deleteByPhoneAsync("123456789", true).get()).isTrue();
    assertThat(c.deleteByCrmIdAsync("57", false).get()).isTrue();
    assertThat(server.requests())
        .extracting(TestServer.Recorded::requestLine)
        .containsExactly(
            "GET /customers/id/12",
            "GET /customers/email/adam%40poczta.pl",
            "GET /customers/phone/123456789",
            "GET /customers/crmId/57",
            "DELETE /customers/id/12?withAnonymization=true",
            "DELETE /customers/email/adam%40poczta.pl",
            "DELETE /customers/phone/123456789?withAnonymization=true",
            "DELETE /customers/crmId/57");
    assertThat(server.requests())
        .allSatisfy(r -> assertThat(r.header("x-api-key")).isEqualTo(TestData.API_KEY));
  }

  @Test
  void extraHeaders_areSentWithEveryCall_butCannotReplaceTheClientsOwn() throws Exception {
    server.always(status(200));
    try (CustomersClient traced = server.client().header("traceparent", "00-abc-def-01").build()) {
      traced.customers().deleteById(1);
    }
    assertThat(server.last().header("traceparent")).isEqualTo("00-abc-def-01");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> server.client().header("X-Api-Key", "other"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void exceptions_surviveSerialization_withTheirProblem() throws Exception {
    server.then(problem(404, TestData.NOT_FOUND.replace("Not Found", "Gone")));
    NotFoundException e;
    try (CustomersClient noRetry = server.client().build()) {
      e =
          org.assertj.core.api.Assertions.catchThrowableOfType(
              NotFoundException.class,
              () ->
                  noRetry
                      .customers()
                      .upsert(
                          UpsertMode.ADD,
                          MatchBy.EMAIL,
                          List.of(CustomerRecord.builder().email("a@b.pl").build())));
    }
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(e);
    }
    Object back;
    try (java.io.ObjectInputStream in =
        new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
      back = in.readObject();
    }
    NotFoundException copy = (NotFoundException) back;
    assertThat(copy.status()).hasValue(404);
    assertThat(copy.problem().orElseThrow().title()).isEqualTo("Gone");
    assertThat(copy.path()).hasValue("/customers");
  }

  @Test
  void get_returnsEmpty_whenTheServerAnswers404WithAProblem() {
    server.always(problem(404, TestData.NOT_FOUND));
    assertThat(client.customers().getByEmail(TestData.EMAIL)).isEmpty();
    assertThat(client.customers().getById(12)).isEmpty();
    assertThat(client.customers().getByPhone("123456789")).isEmpty();
    assertThat(client.customers().getByCrmId("57")).isEmpty();
  }

  @Test
  void get_throwsNotFound_whenA404IsNotAProblemDocument_suchAsAProxyPage() {
    server.then(respond(404, "text/html", "<html><body>No route</body></html>", Map.of()));
    assertThatThrownBy(() -> client.customers().getByEmail(TestData.EMAIL))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("text/html body: <html><body>No route</body></html>");
  }

  @Test
  void delete_withAndWithoutAnonymization_usesTheQueryParameterOnlyWhenAsked() {
    server.always(status(200));
    assertThat(client.customers().deleteById(12)).isTrue();
    assertThat(client.customers().deleteByEmail(TestData.EMAIL, true)).isTrue();
    assertThat(client.customers().deleteByPhone("+48123456789", false)).isTrue();
    assertThat(client.customers().deleteByCrmId("57", true)).isTrue();
    assertThat(server.requests())
        .extracting(TestServer.Recorded::requestLine)
        .containsExactly(
            "DELETE /customers/id/12",
            "DELETE /customers/email/adam%40poczta.pl?withAnonymization=true",
            "DELETE /customers/phone/%2B48123456789",
            "DELETE /customers/crmId/57?withAnonymization=true");
    assertThat(server.last().header("Accept")).isEqualTo("application/problem+json");
  }

  @Test
  void delete_returnsFalse_whenThereIsNoSuchCustomer() {
    server.always(
        problem(
            404,
            "{\"title\":\"Not Found\",\"status\":404,\"substatus\":\"CustomerInvalidModelState\"}"));
    assertThat(client.customers().deleteByCrmId("57")).isFalse();
    assertThat(client.customers().deleteById(12, true)).isFalse();
  }

  @Test
  void delete_acceptsAnyJsonBodyOn200_D7() {
    server.then(json(200, "{\"status\":0}"));
    assertThat(client.customers().deleteByEmail(TestData.EMAIL)).isTrue();
  }

  @Test
  void asyncVariants_completeWithTheSameResults() throws Exception {
    server.always(json(200, TestData.CUSTOMER_JSON));
    assertThat(client.customers().getByEmailAsync(TestData.EMAIL).get().orElseThrow().getCrmId())
        .isEqualTo("57");
    server.always(status(200));
    assertThat(client.customers().deleteByCrmIdAsync("57", false).get()).isTrue();
    server.always(status(201));
    client
        .customers()
        .upsertAsync(
            UpsertMode.ADD, MatchBy.CRM_ID, List.of(CustomerRecord.builder().crmId("9").build()))
        .get();
    assertThat(server.last().requestLine()).isEqualTo("POST /customers");
  }
}
