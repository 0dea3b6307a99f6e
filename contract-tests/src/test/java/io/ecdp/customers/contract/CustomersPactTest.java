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
import io.ecdp.customers.CustomerKey;
import io.ecdp.customers.CustomersClient;
import io.ecdp.customers.DeleteResult;
import io.ecdp.customers.GetResult;
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
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
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

    /**
     * The path with the key's segment from the provider state: the state names each key's value
     * ({@code email}) and its path segment, percent-encoded ({@code emailSegment}); an ID is
     * digits.
     */
    String pathFromState() {
      return "/customers/" + kind + "/${" + (field.equals("id") ? "id" : field + "Segment") + "}";
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

  /** The kinds of key every GET and DELETE interaction is recorded for, each in turn. */
  private static final List<Key> KEYS = List.of(ID, EMAIL, PHONE, CRM_ID);

  /** The next interaction's state: on the builder for the first, after the last one's response. */
  private static PactDslWithState given(
      PactDslWithProvider builder, PactDslResponse last, String state, Map<String, ?> params) {
    if (params == null) {
      return last == null ? builder.given(state) : last.given(state);
    }
    return last == null ? builder.given(state, params) : last.given(state, params);
  }

  // ---------------------------------------------------------------- POST /customers

  /**
   * One upsert interaction: its provider state (about the record's key; none for a revoked API
   * key), the request, and the documented status it is answered with.
   */
  private record Upsert(
      String state,
      String description,
      String apiKey,
      UpsertMode mode,
      MatchBy matchBy,
      String key,
      int status) {

    /** The record's field that holds the match key. */
    String keyField() {
      return matchBy.equals(MatchBy.EMAIL)
          ? "email"
          : matchBy.equals(MatchBy.PHONE_NUMBER) ? "phone" : "crmId";
    }

    Map<String, ?> params() {
      return state.equals(KEY_REVOKED) ? null : Map.of(keyField(), key);
    }

    List<CustomerRecord> records() {
      return record(
          r ->
              matchBy.equals(MatchBy.EMAIL)
                  ? r.email(key)
                  : matchBy.equals(MatchBy.PHONE_NUMBER) ? r.phone(key) : r.crmId(key));
    }
  }

  private static final List<Upsert> UPSERTS =
      List.of(
          new Upsert(
              NO_SUCH_CUSTOMER,
              "Add a new customer, matched by e-mail",
              VALID_KEY,
              UpsertMode.ADD,
              MatchBy.EMAIL,
              "adam@poczta.pl",
              201),
          new Upsert(
              CUSTOMER_EXISTS,
              "Update a customer, matched by phone number",
              VALID_KEY,
              UpsertMode.UPDATE,
              MatchBy.PHONE_NUMBER,
              "+48123456789",
              201),
          new Upsert(
              NO_SUCH_CUSTOMER,
              "Add or update a customer, matched by CRM ID",
              VALID_KEY,
              UpsertMode.ADD_OR_UPDATE,
              MatchBy.CRM_ID,
              "57",
              201),
          new Upsert(
              CUSTOMER_EXISTS,
              "Add a customer whose e-mail is taken",
              VALID_KEY,
              UpsertMode.ADD,
              MatchBy.EMAIL,
              "ewa@poczta.pl",
              400),
          new Upsert(
              KEY_REVOKED,
              "Add a customer with a revoked API key",
              REVOKED_KEY,
              UpsertMode.ADD,
              MatchBy.EMAIL,
              "adam@poczta.pl",
              401));

  @Pact(consumer = CONSUMER)
  RequestResponsePact upsert(PactDslWithProvider builder) {
    PactDslResponse r = null;
    for (Upsert u : UPSERTS) {
      r =
          given(builder, r, u.state(), u.params())
              .uponReceiving(u.description())
              .method("POST")
              .path("/customers")
              .headers(Map.of("x-api-key", u.apiKey(), "Content-Type", JSON))
              .body(upsertBody(u.mode().value(), u.matchBy().value(), u.keyField(), u.key()))
              .willRespondWith()
              .status(u.status());
      if (u.status() != 201) {
        r =
            r.headers(Map.of("Content-Type", PROBLEM))
                .body(problem(u.status(), false, u.status() == 400));
      }
    }
    return r.toPact();
  }

  @Test
  @PactTestFor(pactMethod = "upsert")
  void upsert_everyModeAndEveryDocumentedStatus(MockServer server) {
    URI uri = URI.create(server.getUrl());
    try (CustomersClient client = Contract.client(uri, VALID_KEY);
        CustomersClient revoked = Contract.client(uri, REVOKED_KEY)) {
      for (Upsert u : UPSERTS) {
        CustomersClient c = u.apiKey().equals(REVOKED_KEY) ? revoked : client;
        ThrowingCallable call = () -> c.customers().upsert(u.mode(), u.matchBy(), u.records());
        if (u.status() == 201) {
          assertThat(c.customers().upsert(u.mode(), u.matchBy(), u.records()).metadata().status())
              .as(u.description())
              .isEqualTo(201);
        } else if (u.status() == 400) {
          BadRequestException taken = catchThrowableOfType(BadRequestException.class, call);
          assertThat(taken.status()).as(u.description()).isEqualTo(400);
          assertThat(taken.problem().map(ProblemDetails::errors).orElseThrow())
              .as(u.description())
              .containsExactly("data[0].email: The customer already exists.");
        } else {
          UnauthorizedException refused = catchThrowableOfType(UnauthorizedException.class, call);
          assertProblem(refused.problem(), 401, null);
        }
      }
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
                    // The provider state names the live key (a customer of the verification's
                    // namespace); offline, a regex keeps the key the client sends exact. Inside an
                    // array a parent's type matcher would cascade to plain values: the regexes
                    // keep the match key and the enum value literal.
                    d.valueFromProviderState(keyField, keyField, key);
                    d.stringMatcher(keyField, exactly(key), key);
                    d.stringType("firstName", "Adam");
                    d.datetime("dateOfBirth", DATE_TIME, Instant.parse("2023-07-26T12:28:33.490Z"));
                    d.stringMatcher("gender", "Female", "Female");
                  });
            })
        .build();
  }

  // ---------------------------------------------------------------- GET /customers/{kind}/{value}

  /** For each kind of key: found, not found, and a revoked API key. */
  @Pact(consumer = CONSUMER)
  RequestResponsePact get(PactDslWithProvider builder) {
    PactDslResponse r = null;
    for (Key key : KEYS) {
      r =
          given(builder, r, CUSTOMER_EXISTS, Map.of(key.field(), key.found()))
              .uponReceiving("GET a customer by " + key.kind() + ": found")
              .method("GET")
              .pathFromProviderState(key.pathFromState(), key.foundPath())
              .headers("x-api-key", VALID_KEY)
              .willRespondWith()
              .status(200)
              .headers(Map.of("Content-Type", JSON))
              .body(customer())
              .given(NO_SUCH_CUSTOMER, Map.of(key.field(), key.missing()))
              .uponReceiving("GET a customer by " + key.kind() + ": not found")
              .method("GET")
              .pathFromProviderState(key.pathFromState(), key.missingPath())
              .headers("x-api-key", VALID_KEY)
              .willRespondWith()
              .status(404)
              .headers(Map.of("Content-Type", PROBLEM))
              .body(problem(404, false, false))
              .given(KEY_REVOKED)
              .uponReceiving("GET a customer by " + key.kind() + ": revoked key")
              .method("GET")
              .pathFromProviderState(key.pathFromState(), key.foundPath())
              .headers("x-api-key", REVOKED_KEY)
              .willRespondWith()
              .status(401)
              .headers(Map.of("Content-Type", PROBLEM))
              .body(problem(401, false, false));
    }
    return r.toPact();
  }

  @Test
  @PactTestFor(pactMethod = "get")
  void get_byEveryKindOfKey_foundMissingAndRefused(MockServer server) {
    URI uri = URI.create(server.getUrl());
    try (CustomersClient client = Contract.client(uri, VALID_KEY);
        CustomersClient revoked = Contract.client(uri, REVOKED_KEY)) {
      for (Key key : KEYS) {
        CustomerKey found = key.foundKey();
        GetResult lookup = client.customers().get(found);
        assertThat(lookup.metadata().status()).as(key.kind()).isEqualTo(200);
        CustomerDetails adam = lookup.customer().orElseThrow();
        assertThat(adam.email()).as(key.kind()).isEqualTo("adam@poczta.pl");
        assertThat(adam.gender()).isEqualTo(Gender.FEMALE);
        assertThat(adam.phone()).isEqualTo("+48123456789");
        assertThat(adam.crmId()).isEqualTo("57");
        assertThat(adam.firstName()).isEqualTo("Adam");
        assertThat(adam.lastName()).isEqualTo("Nowak");
        assertThat(adam.dateOfBirth().toInstant()).isEqualTo(BORN);

        assertThat(client.customers().get(key.missingKey()).customer()).as(key.kind()).isEmpty();

        UnauthorizedException e =
            catchThrowableOfType(UnauthorizedException.class, () -> revoked.customers().get(found));
        assertProblem(e.problem(), 401, null);
      }
    }
  }

  // ---------------------------------------------------------------- DELETE
  // /customers/{kind}/{value}

  /**
   * For each kind of key, without and with anonymization: deleted, not found, and a revoked API
   * key.
   */
  @Pact(consumer = CONSUMER)
  RequestResponsePact delete(PactDslWithProvider builder) {
    PactDslResponse r = null;
    for (Key key : KEYS) {
      for (boolean anonymize : new boolean[] {false, true}) {
        String how = anonymize ? " with anonymization" : "";
        String query = anonymize ? "withAnonymization=true" : "";
        r =
            given(builder, r, CUSTOMER_EXISTS, Map.of(key.field(), key.found()))
                .uponReceiving("DELETE a customer by " + key.kind() + how + ": deleted")
                .method("DELETE")
                .pathFromProviderState(key.pathFromState(), key.foundPath())
                .query(query)
                .headers("x-api-key", VALID_KEY)
                .willRespondWith()
                .status(200)
                .given(NO_SUCH_CUSTOMER, Map.of(key.field(), key.missing()))
                .uponReceiving("DELETE a customer by " + key.kind() + how + ": not found")
                .method("DELETE")
                .pathFromProviderState(key.pathFromState(), key.missingPath())
                .query(query)
                .headers("x-api-key", VALID_KEY)
                .willRespondWith()
                .status(404)
                .headers(Map.of("Content-Type", PROBLEM))
                .body(problem(404, true, false))
                .given(KEY_REVOKED)
                .uponReceiving("DELETE a customer by " + key.kind() + how + ": revoked key")
                .method("DELETE")
                .pathFromProviderState(key.pathFromState(), key.foundPath())
                .query(query)
                .headers("x-api-key", REVOKED_KEY)
                .willRespondWith()
                .status(401)
                .headers(Map.of("Content-Type", PROBLEM))
                .body(problem(401, true, false));
      }
    }
    return r.toPact();
  }

  private static DeleteResult delete(CustomersClient client, CustomerKey key, boolean anonymize) {
    return anonymize ? client.customers().deleteAndAnonymize(key) : client.customers().delete(key);
  }

  @Test
  @PactTestFor(pactMethod = "delete")
  void delete_byEveryKindOfKey_withAndWithoutAnonymization(MockServer server) {
    URI uri = URI.create(server.getUrl());
    try (CustomersClient client = Contract.client(uri, VALID_KEY);
        CustomersClient revoked = Contract.client(uri, REVOKED_KEY)) {
      for (Key key : KEYS) {
        CustomerKey found = key.foundKey();
        CustomerKey missing = key.missingKey();
        for (boolean anonymize : new boolean[] {false, true}) {
          String what = key.kind() + (anonymize ? ", anonymized" : "");
          assertThat(delete(client, found, anonymize).deleted()).as(what).isTrue();
          assertThat(delete(client, missing, anonymize).deleted()).as(what).isFalse();
          UnauthorizedException e =
              catchThrowableOfType(
                  UnauthorizedException.class, () -> delete(revoked, found, anonymize));
          assertProblem(e.problem(), 401, "CustomerInvalidModelState");
        }
      }
    }
  }

  // ---------------------------------------------------------------- bodies

  /**
   * The customer a provider state creates: its keys and the fields a record sets. Every field of
   * {@code CustomerDetails} is optional in the spec, and the figures the service computes (orders,
   * spending, the RFM segment) or keeps (attributes, consents) cannot be set through the API, so a
   * conforming service need not return them: they are not expected here. Values differ from service
   * to service, so they are matched by type (a date by its format, the gender by the documented
   * values).
   */
  private static DslPart customer() {
    return newJsonBody(
            o -> {
              o.integerType("status", 0);
              o.object(
                  "data",
                  d -> {
                    d.stringType("email", "adam@poczta.pl");
                    d.stringType("phone", "+48123456789");
                    d.stringType("crmId", "57");
                    d.stringType("firstName", "Adam");
                    d.stringType("lastName", "Nowak");
                    d.datetime("dateOfBirth", DATE_TIME, BORN);
                    d.stringMatcher("gender", "Male|Female|NotSpecified", "Female");
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
                o.stringType("substatus", "CustomerInvalidModelState");
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
