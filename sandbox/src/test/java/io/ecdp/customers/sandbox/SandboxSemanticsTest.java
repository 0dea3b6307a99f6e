package io.ecdp.customers.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ecdp.customers.CustomerKey;
import io.ecdp.customers.CustomersClient;
import io.ecdp.customers.RetryPolicy;
import io.ecdp.customers.errors.BadRequestException;
import io.ecdp.customers.errors.UnauthorizedException;
import io.ecdp.customers.model.Consent;
import io.ecdp.customers.model.ConsentValue;
import io.ecdp.customers.model.ConsentsData;
import io.ecdp.customers.model.CustomAttribute;
import io.ecdp.customers.model.CustomerDetails;
import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.Gender;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's semantics for every mode, key and error, over real HTTP; every response it sends
 * (and every request of the tests that send valid ones) is checked against the spec.
 */
class SandboxSemanticsTest {

  private static final SpecConformance CONFORMANCE = new SpecConformance();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static CustomersSandbox sandbox;
  private CustomersClient client;
  private boolean badRequestsOnPurpose;

  @BeforeAll
  static void start() {
    sandbox = CustomersSandbox.builder().apiKeys("key-1", "key-2").register(CONFORMANCE).start();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @BeforeEach
  void fresh() {
    sandbox.store().clear();
    CONFORMANCE.reset();
    client =
        CustomersClient.builder()
            .apiKey("key-1")
            .baseUri(sandbox.uri())
            .retryPolicy(RetryPolicy.none())
            .build();
  }

  @AfterEach
  void conforms() {
    client.close();
    assertThat(CONFORMANCE.responsesChecked()).isPositive();
    assertThat(CONFORMANCE.responseViolations()).as("responses against the spec").isEmpty();
    if (!badRequestsOnPurpose) {
      assertThat(CONFORMANCE.requestViolations()).as("requests against the spec").isEmpty();
    }
    assertThat(sandbox.store().indexesConsistent()).isTrue();
  }

  private static CustomerRecord adam() {
    return CustomerRecord.builder()
        .email("adam@poczta.pl")
        .phone("+48123456789")
        .crmId("57")
        .visitorId("v-57")
        .firstName("Adam")
        .lastName("Nowak")
        .gender(Gender.MALE)
        .customAttributes(List.of(CustomAttribute.builder().name("tier").value("gold").build()))
        .consentsData(
            ConsentsData.builder()
                .consents(List.of(Consent.builder().id(1).value(ConsentValue.TRUE).build()))
                .build())
        .build();
  }

  private void upsert(UpsertMode mode, MatchBy by, CustomerRecord... records) {
    client.customers().upsert(mode, by, List.of(records));
  }

  @Test
  void add_createsACustomer_withAnId_foundByEveryKey() {
    upsert(UpsertMode.ADD, MatchBy.EMAIL, adam());
    CustomerDetails byEmail =
        client.customers().get(CustomerKey.email("adam@poczta.pl")).customer().orElseThrow();
    assertThat(byEmail.firstName()).isEqualTo("Adam");
    assertThat(byEmail.totalOrders()).isZero();
    assertThat(client.customers().get(CustomerKey.id(1)).customer()).contains(byEmail);
    assertThat(client.customers().get(CustomerKey.phone("+48123456789")).customer())
        .contains(byEmail);
    assertThat(client.customers().get(CustomerKey.crmId("57")).customer()).contains(byEmail);
    assertThat(client.customers().get(CustomerKey.email("ADAM@Poczta.PL")).customer())
        .as("e-mail matches case-insensitively")
        .contains(byEmail);
  }

  @Test
  void add_refusesAnExistingKey_namingTheRecord_andAppliesNothing() {
    upsert(UpsertMode.ADD, MatchBy.EMAIL, adam());
    CustomerRecord ewa = CustomerRecord.builder().email("ewa@poczta.pl").build();
    BadRequestException e =
        catchThrowableOfType(
            BadRequestException.class,
            () ->
                upsert(
                    UpsertMode.ADD,
                    MatchBy.EMAIL,
                    ewa,
                    CustomerRecord.builder().email("adam@poczta.pl").build()));
    assertThat(e.problem().orElseThrow().errors())
        .containsExactly("data[1].email: a customer with this email already exists");
    assertThat(client.customers().get(CustomerKey.email("ewa@poczta.pl")).customer())
        .as("all or nothing")
        .isEmpty();
  }

  @Test
  void add_refusesTheSameKeyTwiceInOneBatch() {
    BadRequestException e =
        catchThrowableOfType(
            BadRequestException.class,
            () ->
                upsert(
                    UpsertMode.ADD,
                    MatchBy.CRM_ID,
                    CustomerRecord.builder().crmId("9").build(),
                    CustomerRecord.builder().crmId("9").build()));
    assertThat(e.problem().orElseThrow().errors())
        .containsExactly("data[1].crmId: a customer with this crmId already exists");
    assertThat(sandbox.store().size()).isZero();
  }

  @Test
  void update_refusesAMissingCustomer_with400() {
    BadRequestException e =
        catchThrowableOfType(
            BadRequestException.class,
            () ->
                upsert(
                    UpsertMode.UPDATE,
                    MatchBy.PHONE_NUMBER,
                    CustomerRecord.builder().phone("+48111").build()));
    assertThat(e.problem().orElseThrow().errors())
        .containsExactly("data[0].phone: no customer has this phone");
  }

  @Test
  void update_changesOnlyTheFieldsSent() {
    upsert(UpsertMode.ADD, MatchBy.EMAIL, adam());
    upsert(
        UpsertMode.UPDATE,
        MatchBy.CRM_ID,
        CustomerRecord.builder().crmId("57").firstName("Adaś").build());
    CustomerDetails after = client.customers().get(CustomerKey.id(1)).customer().orElseThrow();
    assertThat(after.firstName()).isEqualTo("Adaś");
    assertThat(after.lastName()).isEqualTo("Nowak");
    assertThat(after.email()).isEqualTo("adam@poczta.pl");
    assertThat(after.gender()).isEqualTo(Gender.MALE);
  }

  @Test
  void addOrUpdate_createsOrMerges_attributesByName_consentsById() {
    upsert(UpsertMode.ADD_OR_UPDATE, MatchBy.VISITOR_ID, adam());
    upsert(
        UpsertMode.ADD_OR_UPDATE,
        MatchBy.VISITOR_ID,
        CustomerRecord.builder()
            .visitorId("v-57")
            .customAttributes(
                List.of(
                    CustomAttribute.builder().name("tier").value("platinum").build(),
                    CustomAttribute.builder().name("city").value("Kraków").build()))
            .consentsData(
                ConsentsData.builder()
                    .consents(
                        List.of(
                            Consent.builder()
                                .id(2)
                                .value(ConsentValue.AWAITING_CONFIRMATION)
                                .build()))
                    .build())
            .build(),
        CustomerRecord.builder().visitorId("v-58").email("ewa@poczta.pl").build());
    CustomerDetails adam = client.customers().get(CustomerKey.id(1)).customer().orElseThrow();
    assertThat(adam.customAttributes())
        .extracting(CustomAttribute::name, CustomAttribute::value)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("tier", "platinum"),
            org.assertj.core.groups.Tuple.tuple("city", "Kraków"));
    assertThat(adam.consentsData().consents()).extracting(Consent::id).containsExactly(1, 2);
    assertThat(client.customers().get(CustomerKey.id(2)).customer().orElseThrow().email())
        .isEqualTo("ewa@poczta.pl");
  }

  @Test
  void identifiers_stayUnique_acrossCustomers() {
    upsert(
        UpsertMode.ADD,
        MatchBy.EMAIL,
        adam(),
        CustomerRecord.builder().email("ewa@poczta.pl").build());
    BadRequestException e =
        catchThrowableOfType(
            BadRequestException.class,
            () ->
                upsert(
                    UpsertMode.UPDATE,
                    MatchBy.EMAIL,
                    CustomerRecord.builder().email("ewa@poczta.pl").crmId("57").build()));
    assertThat(e.problem().orElseThrow().errors())
        .containsExactly("data[0].crmId: is already used by another customer");
  }

  @Test
  void matchByGuid_isRefused_noFieldIsDocumentedForIt() {
    BadRequestException e =
        catchThrowableOfType(
            BadRequestException.class,
            () ->
                upsert(
                    UpsertMode.ADD_OR_UPDATE,
                    MatchBy.GUID,
                    CustomerRecord.builder().email("a@b.pl").build()));
    assertThat(e.problem().orElseThrow().errors().get(0))
        .startsWith("matchBy: GUID is not supported");
  }

  @Test
  void delete_removesTheCustomer() {
    upsert(UpsertMode.ADD, MatchBy.EMAIL, adam());
    assertThat(client.customers().delete(CustomerKey.email("adam@poczta.pl")).deleted()).isTrue();
    assertThat(client.customers().get(CustomerKey.id(1)).customer()).isEmpty();
    assertThat(client.customers().delete(CustomerKey.email("adam@poczta.pl")).deleted()).isFalse();
  }

  @Test
  void deleteWithAnonymization_keepsAnAnonymousRecord_withoutPersonalData() {
    upsert(UpsertMode.ADD, MatchBy.EMAIL, adam());
    assertThat(client.customers().deleteAndAnonymize(CustomerKey.crmId("57")).deleted()).isTrue();
    CustomerDetails kept = client.customers().get(CustomerKey.id(1)).customer().orElseThrow();
    assertThat(kept.email()).isNull();
    assertThat(kept.phone()).isNull();
    assertThat(kept.firstName()).isNull();
    assertThat(kept.lastName()).isNull();
    assertThat(kept.customAttributes()).isEmpty();
    assertThat(kept.totalSpent()).isNotNull();
    assertThat(client.customers().get(CustomerKey.email("adam@poczta.pl")).customer()).isEmpty();
    // the address is free again
    upsert(UpsertMode.ADD, MatchBy.EMAIL, CustomerRecord.builder().email("adam@poczta.pl").build());
  }

  @Test
  void literalPathSegments_matchCaseInsensitively_D1() throws Exception {
    upsert(UpsertMode.ADD, MatchBy.CRM_ID, adam());
    assertThat(raw("GET", "/Customers/CRMID/57", "key-1", null).statusCode()).isEqualTo(200);
    assertThat(raw("DELETE", "/customers/crmid/57", "key-1", null).statusCode()).isEqualTo(200);
  }

  @Test
  void pathValues_withSlashesAndPlus_roundTrip() {
    upsert(
        UpsertMode.ADD,
        MatchBy.CRM_ID,
        CustomerRecord.builder().crmId("crm/57+x").email("a+b@poczta.pl").build());
    assertThat(client.customers().get(CustomerKey.crmId("crm/57+x")).customer()).isPresent();
    assertThat(client.customers().get(CustomerKey.email("a+b@poczta.pl")).customer()).isPresent();
  }

  @Test
  void nulInAnEmail_postedRaw_isRefusedWith400_namingDataZeroEmail_andNothingIsStored_D14()
      throws Exception {
    badRequestsOnPurpose = true;
    HttpResponse<String> r =
        raw(
            "POST",
            "/customers",
            "key-1",
            "{\"mode\":\"AddOrUpdate\",\"matchBy\":\"Email\","
                + "\"data\":[{\"email\":\"nul2\\u0000@x.test\"},"
                + "{\"email\":\"ok@x.test\",\"firstName\":\"Ann\\u001b\","
                + "\"customAttributes\":[{\"name\":\"note\",\"value\":\"a\\r\\nb\"}]}]}");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    String rule = "must not contain control characters (U+0000 to U+001F, U+007F to U+009F)";
    assertThat(r.body())
        .contains(
            "\"data[0].email: " + rule + "\"",
            "\"data[1].firstName: " + rule + "\"",
            "2 of the batch's 2 records were refused")
        .doesNotContain("customAttributes");
    assertThat(sandbox.store().size()).isZero();
    assertThat(CONFORMANCE.requestViolations()).as("the spec refuses it too").isNotEmpty();
  }

  @Test
  void customAttributeValue_withLineBreaksAndTab_isStoredAndReadBackAsSent_D14() {
    String note = "line one\r\nline two\tend";
    upsert(
        UpsertMode.ADD,
        MatchBy.EMAIL,
        CustomerRecord.builder()
            .email("adam@poczta.pl")
            .customAttributes(List.of(CustomAttribute.builder().name("note").value(note).build()))
            .build());
    assertThat(client.customers().get(CustomerKey.email("adam@poczta.pl")).customer())
        .hasValueSatisfying(c -> assertThat(c.customAttributes().get(0).value()).isEqualTo(note));
  }

  @Test
  void customerStoredWithANulBefore_isStillRead_butNotReachedByThatValue_onlyByItsId_D14()
      throws Exception {
    badRequestsOnPurpose = true;
    String email = "nul2\u0000@x.test";
    int id = sandbox.store().put(0, CustomerDetails.builder().email(email).build(), null);

    assertThat(client.customers().get(CustomerKey.id(id)).customer())
        .hasValueSatisfying(c -> assertThat(c.email()).isEqualTo(email));
    HttpResponse<String> byEmail =
        raw("DELETE", "/customers/email/nul2%00%40x.test", "key-1", null);
    assertThat(byEmail.statusCode()).isEqualTo(404);
    assertThat(byEmail.body()).contains("\"substatus\":\"CustomerInvalidModelState\"");
    assertThat(sandbox.store().size()).isEqualTo(1);
    assertThat(client.customers().delete(CustomerKey.id(id)).deleted()).isTrue();
    assertThat(sandbox.store().size()).isZero();
  }

  @Test
  void apiKey_isRequired_every401IsAProblem() throws Exception {
    badRequestsOnPurpose = true;
    HttpResponse<String> none = raw("GET", "/customers/id/1", null, null);
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    HttpResponse<String> wrong = raw("DELETE", "/customers/id/1", "nope", null);
    assertThat(wrong.body()).contains("\"substatus\":\"CustomerInvalidModelState\"");
    try (CustomersClient other =
        CustomersClient.builder().apiKey("key-2").baseUri(sandbox.uri()).build()) {
      assertThat(other.customers().get(CustomerKey.id(1)).customer()).isEmpty();
    }
    try (CustomersClient revoked =
        CustomersClient.builder().apiKey("key-3").baseUri(sandbox.uri()).build()) {
      assertThatThrownBy(() -> revoked.customers().get(CustomerKey.id(1)).customer())
          .isInstanceOf(UnauthorizedException.class);
    }
  }

  @Test
  void getByAValueTheSpecForbids_isADocumented404_noCustomerCanHaveIt() throws Exception {
    badRequestsOnPurpose = true;
    for (String path :
        List.of(
            "/customers/email/nul2%00%40x.test",
            "/customers/email/" + "a".repeat(321),
            "/customers/phone/123%20456%20789",
            "/customers/crmId/57%0A",
            "/customers/crmId/" + "9".repeat(129))) {
      HttpResponse<String> r = raw("GET", path, "key-1", null);
      assertThat(r.statusCode()).as(path).isEqualTo(404);
      assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(r.body()).contains("\"detail\":\"No customer has this");
      assertThat(r.body().replaceAll("\"instance\":\"[^\"]*\"", ""))
          .as("the detail names the rule, not the value")
          .doesNotContain("nul2")
          .doesNotContain("aaaa")
          .doesNotContain("9999");
    }
    assertThat(CONFORMANCE.requestViolations()).as("the spec forbids these values").isNotEmpty();
  }

  @Test
  void everyError_isProblemJson() throws Exception {
    badRequestsOnPurpose = true;
    for (HttpResponse<String> r :
        List.of(
            raw("POST", "/customers", "key-1", "{not json"),
            raw("POST", "/customers", "key-1", "{\"mode\":\"Add\"}"),
            raw("GET", "/customers/id/abc", "key-1", null),
            raw("GET", "/nowhere", "key-1", null),
            raw("PUT", "/customers", "key-1", "{}"))) {
      assertThat(r.statusCode()).as("%s", r.uri()).isBetween(400, 499);
      assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(r.body()).contains("\"status\":" + r.statusCode());
    }
  }

  private HttpResponse<String> raw(String method, String path, String key, String body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(sandbox.uri() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json");
    if (key != null) {
      b.header("x-api-key", key);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
