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
    CustomerDetails adam =
        client.customers().get(CustomerKey.email(TestData.EMAIL)).customer().orElseThrow();

    assertThat(server.last().requestLine()).isEqualTo("GET /customers/email/adam%40poczta.pl");
    assertThat(server.last().header("Accept"))
        .isEqualTo("application/json, application/problem+json");
    assertThat(adam.email()).isEqualTo("adam@poczta.pl");
    assertThat(adam.phone()).isEqualTo("123456789");
    assertThat(adam.crmId()).isEqualTo("57");
    assertThat(adam.firstName()).isEqualTo("Adam");
    assertThat(adam.lastName()).isEqualTo("Nowak");
    assertThat(adam.dateOfBirth()).isEqualTo(OffsetDateTime.parse("2023-07-25T13:58:16.339Z"));
    assertThat(adam.gender()).isEqualTo(Gender.FEMALE);
    assertThat(adam.rfmSegment()).isEqualTo("Champions");
    assertThat(adam.totalSpent()).isEqualByComparingTo(new BigDecimal("1523.50"));
    assertThat(adam.totalSpent().scale()).isEqualTo(2); // money keeps its decimal form
    assertThat(adam.totalOrders()).isEqualTo(14);
    assertThat(adam.totalOrderReturns()).isEqualTo(1);
    assertThat(adam.avgOrder()).isEqualByComparingTo("108.82");
    assertThat(adam.avgPricePoint()).isEqualByComparingTo("36.27");
    assertThat(adam.lastOrder()).isEqualTo(OffsetDateTime.parse("2023-07-25T13:58:16.339Z"));
    assertThat(adam.avgTimeBetweenOrdersInDays()).isEqualByComparingTo("12.5");
    assertThat(adam.currencySymbol()).isEqualTo("zł");
    assertThat(adam.customAttributes())
        .containsExactly(CustomAttribute.builder().name("loyaltyTier").value("gold").build());
    assertThat(adam.consentsData().consents())
        .containsExactly(Consent.builder().id(0).value(ConsentValue.FALSE).build());
  }

  @Test
  void getByEmail_keepsUnknownEnumValues_andIgnoresUnknownMembers() {
    server.then(
        json(
            200,
            "{\"status\":0,\"loyalty\":{\"tier\":3},\"data\":{\"gender\":\"NonBinary\",\"newField\":[1,2],"
                + "\"consentsData\":{\"consents\":[{\"id\":7,\"value\":\"Withdrawn\"}]}}}"));
    CustomerDetails customer =
        client.customers().get(CustomerKey.email(TestData.EMAIL)).customer().orElseThrow();
    assertThat(customer.gender().isKnown()).isFalse();
    assertThat(customer.gender().value()).isEqualTo("NonBinary");
    ConsentValue consent = customer.consentsData().consents().get(0).value();
    assertThat(consent.isKnown()).isFalse();
    assertThat(consent.value()).isEqualTo("Withdrawn");
  }

  @Test
  void getById_getByPhone_getByCrmId_useTheirPaths() {
    server.always(json(200, TestData.CUSTOMER_JSON));
    client.customers().get(CustomerKey.id(12)).customer();
    client.customers().get(CustomerKey.phone("123456789")).customer();
    client.customers().get(CustomerKey.crmId("57")).customer();
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
    assertThat(c.async().get(CustomerKey.id(12)).thenApply(GetResult::customer).get()).isPresent();
    assertThat(
            c.async().get(CustomerKey.email(TestData.EMAIL)).thenApply(GetResult::customer).get())
        .isPresent();
    assertThat(c.async().get(CustomerKey.phone("123456789")).thenApply(GetResult::customer).get())
        .isPresent();
    assertThat(c.async().get(CustomerKey.crmId("57")).thenApply(GetResult::customer).get())
        .isPresent();
    server.always(status(200));
    assertThat(
            c.async().deleteAndAnonymize(CustomerKey.id(12)).thenApply(DeleteResult::deleted).get())
        .isTrue();
    assertThat(
            c.async()
                .delete(CustomerKey.email(TestData.EMAIL))
                .thenApply(DeleteResult::deleted)
                .get())
        .isTrue();
    assertThat(
            c.async()
                .deleteAndAnonymize(CustomerKey.phone("123456789"))
                .thenApply(DeleteResult::deleted)
                .get())
        .isTrue();
    assertThat(c.async().delete(CustomerKey.crmId("57")).thenApply(DeleteResult::deleted).get())
        .isTrue();
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
      traced.customers().delete(CustomerKey.id(1)).deleted();
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
    assertThat(copy.status()).isEqualTo(404);
    assertThat(copy.problem().orElseThrow().title()).isEqualTo("Gone");
    assertThat(copy.path()).hasValue("/customers");
  }

  @Test
  void get_returnsEmpty_whenTheServerAnswers404WithAProblem() {
    server.always(problem(404, TestData.NOT_FOUND));
    assertThat(client.customers().get(CustomerKey.email(TestData.EMAIL)).customer()).isEmpty();
    assertThat(client.customers().get(CustomerKey.id(12)).customer()).isEmpty();
    assertThat(client.customers().get(CustomerKey.phone("123456789")).customer()).isEmpty();
    assertThat(client.customers().get(CustomerKey.crmId("57")).customer()).isEmpty();
  }

  @Test
  void get_throwsNotFound_whenA404IsNotAProblemDocument_suchAsAProxyPage() {
    server.then(respond(404, "text/html", "<html><body>No route</body></html>", Map.of()));
    assertThatThrownBy(() -> client.customers().get(CustomerKey.email(TestData.EMAIL)).customer())
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("text/html body: <html><body>No route</body></html>");
  }

  @Test
  void delete_withAndWithoutAnonymization_usesTheQueryParameterOnlyWhenAsked() {
    server.always(status(200));
    assertThat(client.customers().delete(CustomerKey.id(12)).deleted()).isTrue();
    assertThat(client.customers().deleteAndAnonymize(CustomerKey.email(TestData.EMAIL)).deleted())
        .isTrue();
    assertThat(client.customers().delete(CustomerKey.phone("+48123456789")).deleted()).isTrue();
    assertThat(client.customers().deleteAndAnonymize(CustomerKey.crmId("57")).deleted()).isTrue();
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
    assertThat(client.customers().delete(CustomerKey.crmId("57")).deleted()).isFalse();
    assertThat(client.customers().deleteAndAnonymize(CustomerKey.id(12)).deleted()).isFalse();
  }

  @Test
  void delete_acceptsAnyJsonBodyOn200_D7() {
    server.then(json(200, "{\"status\":0}"));
    assertThat(client.customers().delete(CustomerKey.email(TestData.EMAIL)).deleted()).isTrue();
  }

  @Test
  void asyncVariants_completeWithTheSameResults() throws Exception {
    server.always(json(200, TestData.CUSTOMER_JSON));
    assertThat(
            client
                .customers()
                .async()
                .get(CustomerKey.email(TestData.EMAIL))
                .thenApply(GetResult::customer)
                .get()
                .orElseThrow()
                .crmId())
        .isEqualTo("57");
    server.always(status(200));
    assertThat(
            client
                .customers()
                .async()
                .delete(CustomerKey.crmId("57"))
                .thenApply(DeleteResult::deleted)
                .get())
        .isTrue();
    server.always(status(201));
    client
        .customers()
        .async()
        .upsert(
            UpsertMode.ADD, MatchBy.CRM_ID, List.of(CustomerRecord.builder().crmId("9").build()))
        .get();
    assertThat(server.last().requestLine()).isEqualTo("POST /customers");
  }
}
