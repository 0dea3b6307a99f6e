package io.ecdp.customers.contract;

import static au.com.dius.pact.consumer.dsl.LambdaDsl.newJsonBody;
import static io.ecdp.customers.contract.Contract.CONSUMER;
import static io.ecdp.customers.contract.Contract.CUSTOMER_EXISTS;
import static io.ecdp.customers.contract.Contract.KEY_REVOKED;
import static io.ecdp.customers.contract.Contract.NO_SUCH_CUSTOMER;
import static io.ecdp.customers.contract.Contract.PROVIDER;
import static io.ecdp.customers.contract.Contract.REVOKED_KEY;
import static io.ecdp.customers.contract.Contract.VALID_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.DslPart;
import au.com.dius.pact.consumer.dsl.PactDslJsonRootValue;
import au.com.dius.pact.consumer.dsl.PactDslResponse;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.dsl.PactDslWithState;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.RequestResponsePact;
import au.com.dius.pact.core.model.annotations.Pact;
import io.ecdp.customers.Anonymization;
import io.ecdp.customers.CustomerKey;
import io.ecdp.customers.CustomerLookup;
import io.ecdp.customers.CustomersClient;
import io.ecdp.customers.errors.BadRequestException;
import io.ecdp.customers.errors.ProblemDetails;
import io.ecdp.customers.errors.UnauthorizedException;
import io.ecdp.customers.model.CustomerDetails;
import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.Gender;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Pact consumer contracts: every documented response of every operation, driven through the
 * generated client itself. The pact is written to {@code target/pacts/} and checked against the
 * spec by {@code ContractVerificationIT}.
 */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = PROVIDER, pactVersion = PactSpecVersion.V3)
class CustomersPactTest {

  private static final String JSON = "application/json";
  private static final String PROBLEM = "application/problem+json";
  private static final String DATE_TIME = "yyyy-MM-dd'T'HH:mm:ss.SSSX";
  private static final Instant BORN = Instant.parse("2023-07-25T13:58:16.339Z");

  /**
   * The identifier values of the GET and DELETE interactions, per path kind, with their path
   * segments exactly as they travel (percent-encoded).
   */
  private record Key(
      CustomerKey.Kind type,
      String kind,
      String field,
      Object found,
      String foundSegment,
      Object missing,
      String missingSegment) {
    String foundPath() {
      return "/customers/" + kind + "/" + foundSegment;
    }

    String missingPath() {
      return "/customers/" + kind + "/" + missingSegment;
    }

    CustomerKey foundKey() {
      return CustomerKey.of(type, String.valueOf(found));
    }

    CustomerKey missingKey() {
      return CustomerKey.of(type, String.valueOf(missing));
    }
  }

  private static final Key ID = new Key(CustomerKey.Kind.ID, "id", "id", 12, "12", 13, "13");
  private static final Key EMAIL =
      new Key(
          CustomerKey.Kind.EMAIL,
          "email",
          "email",
          "adam@poczta.pl",
          "adam%40poczta.pl",
          "nobody@poczta.pl",
          "nobody%40poczta.pl");
  private static final Key PHONE =
      new Key(
          CustomerKey.Kind.PHONE,
          "phone",
          "phone",
          "+48123456789",
          "%2B48123456789",
          "+48987654321",
          "%2B48987654321");
  private static final Key CRM_ID =
      new Key(CustomerKey.Kind.CRM_ID, "crmId", "crmId", "57", "57", "58", "58");

  // ---------------------------------------------------------------- POST /customers

  @Pact(consumer = CONSUMER)
  RequestResponsePact upsert(PactDslWithProvider builder) {
    PactDslResponse r =
        builder
            .given(NO_SUCH_CUSTOMER, Map.of("email", "adam@poczta.pl"))
            .uponReceiving("Add a new customer, matched by e-mail")
            .method("POST")
            .path("/customers")
            .headers(Map.of("x-api-key", VALID_KEY, "Content-Type", JSON))
            .body(upsertBody("Add", "Email", "email", "adam@poczta.pl"))
            .willRespondWith()
            .status(201);
    r =
        r.given(CUSTOMER_EXISTS, Map.of("phone", "+48123456789"))
            .uponReceiving("Update a customer, matched by phone number")
            .method("POST")
            .path("/customers")
            .headers(Map.of("x-api-key", VALID_KEY, "Content-Type", JSON))
            .body(upsertBody("Update", "PhoneNumber", "phone", "+48123456789"))
            .willRespondWith()
            .status(201);
    r =
        r.given(NO_SUCH_CUSTOMER, Map.of("crmId", "57"))
            .uponReceiving("Add or update a customer, matched by CRM ID")
            .method("POST")
            .path("/customers")
            .headers(Map.of("x-api-key", VALID_KEY, "Content-Type", JSON))
            .body(upsertBody("AddOrUpdate", "CrmId", "crmId", "57"))
            .willRespondWith()
            .status(201);
    r =
        r.given(CUSTOMER_EXISTS, Map.of("email", "ewa@poczta.pl"))
            .uponReceiving("Add a customer whose e-mail is taken")
            .method("POST")
            .path("/customers")
            .headers(Map.of("x-api-key", VALID_KEY, "Content-Type", JSON))
            .body(upsertBody("Add", "Email", "email", "ewa@poczta.pl"))
            .willRespondWith()
            .status(400)
            .headers(Map.of("Content-Type", PROBLEM))
            .body(problem(400, false, true));
    return r.given(KEY_REVOKED)
        .uponReceiving("Add a customer with a revoked API key")
        .method("POST")
        .path("/customers")
        .headers(Map.of("x-api-key", REVOKED_KEY, "Content-Type", JSON))
        .body(upsertBody("Add", "Email", "email", "adam@poczta.pl"))
        .willRespondWith()
        .status(401)
        .headers(Map.of("Content-Type", PROBLEM))
        .body(problem(401, false, false))
        .toPact();
  }

  @Test
  @PactTestFor(pactMethod = "upsert")
  void upsert_everyModeAndEveryDocumentedStatus(MockServer server) {
    URI uri = URI.create(server.getUrl());
    try (CustomersClient client = Contract.client(uri, VALID_KEY);
        CustomersClient revoked = Contract.client(uri, REVOKED_KEY)) {
      assertThat(
              client
                  .customers()
                  .upsert(UpsertMode.ADD, MatchBy.EMAIL, record(r -> r.email("adam@poczta.pl")))
                  .metadata()
                  .status())
          .isEqualTo(201);
      assertThat(
              client
                  .customers()
                  .upsert(
                      UpsertMode.UPDATE, MatchBy.PHONE_NUMBER, record(r -> r.phone("+48123456789")))
                  .metadata()
                  .status())
          .isEqualTo(201);
      assertThat(
              client
                  .customers()
                  .upsert(UpsertMode.ADD_OR_UPDATE, MatchBy.CRM_ID, record(r -> r.crmId("57")))
                  .metadata()
                  .status())
          .isEqualTo(201);

      BadRequestException taken =
          catchThrowableOfType(
              BadRequestException.class,
              () ->
                  client
                      .customers()
                      .upsert(
                          UpsertMode.ADD, MatchBy.EMAIL, record(r -> r.email("ewa@poczta.pl"))));
      assertThat(taken.status()).isEqualTo(400);
      assertThat(taken.problem().map(ProblemDetails::errors).orElseThrow())
          .containsExactly("data[0].email: The customer already exists.");

      UnauthorizedException refused =
          catchThrowableOfType(
              UnauthorizedException.class,
              () ->
                  revoked
                      .customers()
                      .upsert(
                          UpsertMode.ADD, MatchBy.EMAIL, record(r -> r.email("adam@poczta.pl"))));
      assertProblem(refused.problem(), 401, null);
    }
  }

  private static List<CustomerRecord> record(
      Function<CustomerRecord.Builder, CustomerRecord.Builder> key) {
    return List.of(
        key.apply(CustomerRecord.builder())
            .firstName("Adam")
            .dateOfBirth(OffsetDateTime.parse("2023-07-26T12:28:33.490Z"))
            .gender(Gender.FEMALE)
            .build());
  }

  private static DslPart upsertBody(String mode, String matchBy, String keyField, String key) {
    return newJsonBody(
            o -> {
              o.stringValue("mode", mode);
              o.stringValue("matchBy", matchBy);
              o.minArrayLike(
                  "data",
                  1,
                  d -> {
                    // Inside an array a parent's type matcher would cascade to plain values:
                    // a regex keeps the match key and the enum value literal.
                    d.stringMatcher(keyField, exactly(key), key);
                    d.stringType("firstName", "Adam");
                    d.datetime("dateOfBirth", DATE_TIME, Instant.parse("2023-07-26T12:28:33.490Z"));
                    d.stringMatcher("gender", "Female", "Female");
                  });
            })
        .build();
  }

  // ---------------------------------------------------------------- GET /customers/{kind}/{value}

  @Pact(consumer = CONSUMER)
  RequestResponsePact getById(PactDslWithProvider builder) {
    return getInteractions(builder, ID);
  }

  @Pact(consumer = CONSUMER)
  RequestResponsePact getByEmail(PactDslWithProvider builder) {
    return getInteractions(builder, EMAIL);
  }

  @Pact(consumer = CONSUMER)
  RequestResponsePact getByPhone(PactDslWithProvider builder) {
    return getInteractions(builder, PHONE);
  }

  @Pact(consumer = CONSUMER)
  RequestResponsePact getByCrmId(PactDslWithProvider builder) {
    return getInteractions(builder, CRM_ID);
  }

  @Test
  @PactTestFor(pactMethod = "getById")
  void getById_foundMissingAndRefused(MockServer server) {
    checkGet(server, ID);
  }

  @Test
  @PactTestFor(pactMethod = "getByEmail")
  void getByEmail_foundMissingAndRefused(MockServer server) {
    checkGet(server, EMAIL);
  }

  @Test
  @PactTestFor(pactMethod = "getByPhone")
  void getByPhone_foundMissingAndRefused(MockServer server) {
    checkGet(server, PHONE);
  }

  @Test
  @PactTestFor(pactMethod = "getByCrmId")
  void getByCrmId_foundMissingAndRefused(MockServer server) {
    checkGet(server, CRM_ID);
  }

  private static RequestResponsePact getInteractions(PactDslWithProvider builder, Key key) {
    return builder
        .given(CUSTOMER_EXISTS, Map.of(key.field(), key.found()))
        .uponReceiving("GET a customer by " + key.kind() + ": found")
        .method("GET")
        .path(key.foundPath())
        .headers("x-api-key", VALID_KEY)
        .willRespondWith()
        .status(200)
        .headers(Map.of("Content-Type", JSON))
        .body(customer())
        .given(NO_SUCH_CUSTOMER, Map.of(key.field(), key.missing()))
        .uponReceiving("GET a customer by " + key.kind() + ": not found")
        .method("GET")
        .path(key.missingPath())
        .headers("x-api-key", VALID_KEY)
        .willRespondWith()
        .status(404)
        .headers(Map.of("Content-Type", PROBLEM))
        .body(problem(404, false, false))
        .given(KEY_REVOKED)
        .uponReceiving("GET a customer by " + key.kind() + ": revoked key")
        .method("GET")
        .path(key.foundPath())
        .headers("x-api-key", REVOKED_KEY)
        .willRespondWith()
        .status(401)
        .headers(Map.of("Content-Type", PROBLEM))
        .body(problem(401, false, false))
        .toPact();
  }

  private static void checkGet(MockServer server, Key key) {
    CustomerKey found = key.foundKey();
    URI uri = URI.create(server.getUrl());
    try (CustomersClient client = Contract.client(uri, VALID_KEY);
        CustomersClient revoked = Contract.client(uri, REVOKED_KEY)) {
      CustomerLookup lookup = client.customers().get(found);
      assertThat(lookup.metadata().status()).isEqualTo(200);
      CustomerDetails adam = lookup.customer().orElseThrow();
      assertThat(adam.email()).isEqualTo("adam@poczta.pl");
      assertThat(adam.gender()).isEqualTo(Gender.FEMALE);
      assertThat(adam.dateOfBirth().toInstant()).isEqualTo(BORN);
      assertThat(adam.totalSpent()).isEqualByComparingTo("1523.5");
      assertThat(adam.totalOrders()).isEqualTo(14);
      assertThat(adam.customAttributes()).hasSize(1);
      assertThat(adam.consentsData().consents().get(0).value().value()).isEqualTo("False");

      assertThat(client.customers().get(key.missingKey()).customer()).isEmpty();

      UnauthorizedException e =
          catchThrowableOfType(UnauthorizedException.class, () -> revoked.customers().get(found));
      assertProblem(e.problem(), 401, null);
    }
  }

  // ---------------------------------------------------------------- DELETE
  // /customers/{kind}/{value}

  @Pact(consumer = CONSUMER)
  RequestResponsePact deleteById(PactDslWithProvider builder) {
    return deleteInteractions(builder, ID);
  }

  @Pact(consumer = CONSUMER)
  RequestResponsePact deleteByEmail(PactDslWithProvider builder) {
    return deleteInteractions(builder, EMAIL);
  }

  @Pact(consumer = CONSUMER)
  RequestResponsePact deleteByPhone(PactDslWithProvider builder) {
    return deleteInteractions(builder, PHONE);
  }

  @Pact(consumer = CONSUMER)
  RequestResponsePact deleteByCrmId(PactDslWithProvider builder) {
    return deleteInteractions(builder, CRM_ID);
  }

  @Test
  @PactTestFor(pactMethod = "deleteById")
  void deleteById_withAndWithoutAnonymization(MockServer server) {
    checkDelete(server, ID);
  }

  @Test
  @PactTestFor(pactMethod = "deleteByEmail")
  void deleteByEmail_withAndWithoutAnonymization(MockServer server) {
    checkDelete(server, EMAIL);
  }

  @Test
  @PactTestFor(pactMethod = "deleteByPhone")
  void deleteByPhone_withAndWithoutAnonymization(MockServer server) {
    checkDelete(server, PHONE);
  }

  @Test
  @PactTestFor(pactMethod = "deleteByCrmId")
  void deleteByCrmId_withAndWithoutAnonymization(MockServer server) {
    checkDelete(server, CRM_ID);
  }

  private static RequestResponsePact deleteInteractions(PactDslWithProvider builder, Key key) {
    PactDslResponse r = null;
    for (boolean anonymize : new boolean[] {false, true}) {
      String how = anonymize ? " with anonymization" : "";
      String query = anonymize ? "withAnonymization=true" : "";
      PactDslWithState state =
          r == null
              ? builder.given(CUSTOMER_EXISTS, Map.of(key.field(), key.found()))
              : r.given(CUSTOMER_EXISTS, Map.of(key.field(), key.found()));
      r =
          state
              .uponReceiving("DELETE a customer by " + key.kind() + how + ": deleted")
              .method("DELETE")
              .path(key.foundPath())
              .query(query)
              .headers("x-api-key", VALID_KEY)
              .willRespondWith()
              .status(200)
              .given(NO_SUCH_CUSTOMER, Map.of(key.field(), key.missing()))
              .uponReceiving("DELETE a customer by " + key.kind() + how + ": not found")
              .method("DELETE")
              .path(key.missingPath())
              .query(query)
              .headers("x-api-key", VALID_KEY)
              .willRespondWith()
              .status(404)
              .headers(Map.of("Content-Type", PROBLEM))
              .body(problem(404, true, false))
              .given(KEY_REVOKED)
              .uponReceiving("DELETE a customer by " + key.kind() + how + ": revoked key")
              .method("DELETE")
              .path(key.foundPath())
              .query(query)
              .headers("x-api-key", REVOKED_KEY)
              .willRespondWith()
              .status(401)
              .headers(Map.of("Content-Type", PROBLEM))
              .body(problem(401, true, false));
    }
    return r.toPact();
  }

  private static void checkDelete(MockServer server, Key key) {
    CustomerKey found = key.foundKey();
    CustomerKey missing = key.missingKey();
    URI uri = URI.create(server.getUrl());
    try (CustomersClient client = Contract.client(uri, VALID_KEY);
        CustomersClient revoked = Contract.client(uri, REVOKED_KEY)) {
      for (Anonymization anonymization : Anonymization.values()) {
        assertThat(client.customers().delete(found, anonymization).deleted()).isTrue();
        assertThat(client.customers().delete(missing, anonymization).deleted()).isFalse();
        UnauthorizedException e =
            catchThrowableOfType(
                UnauthorizedException.class,
                () -> revoked.customers().delete(found, anonymization));
        assertProblem(e.problem(), 401, "CustomerInvalidModelState");
      }
    }
  }

  // ---------------------------------------------------------------- bodies

  private static DslPart customer() {
    return newJsonBody(
            o -> {
              o.integerType("status", 0);
              o.object(
                  "data",
                  d -> {
                    d.stringType("email", "adam@poczta.pl");
                    d.stringType("phone", "123456789");
                    d.stringType("crmId", "57");
                    d.stringType("firstName", "Adam");
                    d.stringType("lastName", "Nowak");
                    d.datetime("dateOfBirth", DATE_TIME, BORN);
                    d.stringMatcher("gender", "Male|Female|NotSpecified", "Female");
                    d.stringType("rfmSegment", "Champions");
                    d.decimalType("totalSpent", 1523.5);
                    d.integerType("totalOrders", 14);
                    d.integerType("totalOrderReturns", 1);
                    d.decimalType("avgOrder", 108.82);
                    d.decimalType("avgPricePoint", 36.27);
                    d.datetime("lastOrder", DATE_TIME, BORN);
                    d.decimalType("avgTimeBetweenOrdersInDays", 12.5);
                    d.stringType("currencySymbol", "zł");
                    d.eachLike(
                        "customAttributes",
                        a -> {
                          a.stringType("name", "loyaltyTier");
                          a.stringType("value", "gold");
                        });
                    d.object(
                        "consentsData",
                        c ->
                            c.eachLike(
                                "consents",
                                x -> {
                                  x.integerType("id", 0);
                                  x.stringMatcher(
                                      "value", "False|AwaitingConfirmation|True", "False");
                                }));
                  });
            })
        .build();
  }

  private static DslPart problem(int status, boolean substatus, boolean errors) {
    return newJsonBody(
            o -> {
              o.stringType("type", "https://tools.ietf.org/html/rfc7231");
              o.stringType(
                  "title",
                  status == 401 ? "Unauthorized" : status == 404 ? "Not Found" : "Bad Request");
              o.numberValue("status", status);
              o.stringType("detail", "See the title.");
              o.stringType("instance", "/customers");
              if (substatus) {
                o.stringValue("substatus", "CustomerInvalidModelState");
              }
              if (errors) {
                o.eachLike(
                    "errors",
                    PactDslJsonRootValue.stringType("data[0].email: The customer already exists."));
              }
            })
        .build();
  }

  /** A regex that matches exactly {@code value}. */
  private static String exactly(String value) {
    return value.replaceAll("([.+?*^$()\\[\\]{}|\\\\])", "\\\\$1");
  }

  private static void assertProblem(
      Optional<ProblemDetails> problem, int status, String substatus) {
    ProblemDetails p = problem.orElseThrow();
    assertThat(p.status()).isEqualTo(status);
    assertThat(p.title()).isEqualTo("Unauthorized");
    assertThat(p.detail()).isEqualTo("See the title.");
    assertThat(p.substatus()).isEqualTo(substatus);
  }
}
