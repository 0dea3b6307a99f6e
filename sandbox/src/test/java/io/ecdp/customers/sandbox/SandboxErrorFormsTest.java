package io.ecdp.customers.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ecdp.customers.CustomerKey;
import io.ecdp.customers.CustomersClient;
import io.ecdp.customers.RetryPolicy;
import io.ecdp.customers.errors.BadRequestException;
import io.ecdp.customers.errors.RateLimitedException;
import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The forms of the sandbox's refusals, the DELETE it cannot answer, and its fixed allowance. */
class SandboxErrorFormsTest {

  private static final CustomerRecord ADAM =
      CustomerRecord.builder().email("adam@poczta.pl").build();
  private static final CustomerRecord EWA = CustomerRecord.builder().email("ewa@poczta.pl").build();

  private static BadRequestException refusal(RecordErrors form) {
    SpecConformance conformance = new SpecConformance();
    try (CustomersSandbox sandbox =
            CustomersSandbox.builder().recordErrors(form).register(conformance).start();
        CustomersClient client = sandbox.client()) {
      client.customers().upsert(UpsertMode.ADD, MatchBy.EMAIL, List.of(ADAM));
      BadRequestException e =
          catchThrowableOfType(
              BadRequestException.class,
              () -> client.customers().upsert(UpsertMode.ADD, MatchBy.EMAIL, List.of(EWA, ADAM)));
      assertThat(conformance.responseViolations()).isEmpty();
      assertThat(client.customers().get(CustomerKey.email("ewa@poczta.pl")).customer())
          .as("nothing applied")
          .isEmpty();
      return e;
    }
  }

  @Test
  void indexedErrors_nameTheRecordInTheSpecsForm_andTheDetailCountsInGoodEnglish() {
    BadRequestException e = refusal(RecordErrors.INDEXED);
    assertThat(e.problem().orElseThrow().errors())
        .containsExactly("data[1].email: a customer with this email already exists");
    assertThat(e.problem().orElseThrow().detail())
        .isEqualTo("1 of the batch's 2 records was refused; nothing was applied.");
  }

  @Test
  void opaqueErrors_nameNoRecord() {
    BadRequestException e = refusal(RecordErrors.OPAQUE);
    assertThat(e.problem().orElseThrow().errors())
        .containsExactly("email: a customer with this email already exists");
    assertThat(String.join("", e.problem().orElseThrow().errors())).doesNotContain("data[");
  }

  @Test
  void refusedDetail_agreesInNumber() {
    assertThat(CustomersResource.refusedDetail(1, 1))
        .isEqualTo("The batch's one record was refused; nothing was applied.");
    assertThat(CustomersResource.refusedDetail(3, 10))
        .isEqualTo("3 of the batch's 10 records were refused; nothing was applied.");
  }

  @Test
  void deleteWithAnonymizationNotABoolean_isADocumented404_andDeletesNothing() throws Exception {
    SpecConformance conformance = new SpecConformance();
    try (CustomersSandbox sandbox = CustomersSandbox.builder().register(conformance).start();
        CustomersClient client = sandbox.client()) {
      client.customers().upsert(UpsertMode.ADD, MatchBy.EMAIL, List.of(ADAM));
      HttpResponse<String> r =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .build()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              sandbox.uri()
                                  + "/customers/email/adam@poczta.pl?withAnonymization=maybe"))
                      .DELETE()
                      .header("x-api-key", sandbox.apiKey())
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(404);
      assertThat(r.body()).contains("CustomerInvalidModelState").contains("true or false");
      assertThat(conformance.responseViolations()).as("only documented answers").isEmpty();
      assertThat(client.customers().get(CustomerKey.email("adam@poczta.pl")).customer())
          .isPresent();
    }
  }

  @Test
  void allowance_answersAtMostTheAllowancePerSecond_countedOnAClock() {
    AtomicLong now = new AtomicLong(1_000_000_000L);
    SandboxFilters.Allowance allowance = new SandboxFilters.Allowance(10, now::get);
    int allowed = 0;
    for (int i = 0; i < 25; i++) {
      allowed += allowance.take() == 0 ? 1 : 0;
    }
    assertThat(allowed).as("one second's allowance at once").isEqualTo(10);
    long wait = allowance.take();
    assertThat(wait).isPositive().isLessThanOrEqualTo(100_000_001L);
    now.addAndGet(Duration.ofMillis(500).toNanos());
    allowed = 0;
    for (int i = 0; i < 25; i++) {
      allowed += allowance.take() == 0 ? 1 : 0;
    }
    assertThat(allowed).as("half a second refills half the allowance").isEqualTo(5);
    now.addAndGet(Duration.ofSeconds(60).toNanos());
    allowed = 0;
    for (int i = 0; i < 25; i++) {
      allowed += allowance.take() == 0 ? 1 : 0;
    }
    assertThat(allowed).as("never more than a second's worth stored").isEqualTo(10);
  }

  @Test
  void allowance_beyondIt_isA429WithRetryAfter() {
    try (CustomersSandbox sandbox =
            CustomersSandbox.builder().faults(Faults.NONE.withAllowance(1)).start();
        CustomersClient client =
            CustomersClient.builder()
                .apiKey(sandbox.apiKey())
                .baseUri(sandbox.uri())
                .retryPolicy(RetryPolicy.none())
                .build()) {
      RateLimitedException limited = null;
      for (int i = 0; i < 50 && limited == null; i++) {
        limited =
            catchThrowableOfType(
                RateLimitedException.class, () -> client.customers().get(CustomerKey.id(1)));
      }
      assertThat(limited).isNotNull();
      assertThat(limited.retryAfter()).hasValueSatisfying(d -> assertThat(d).isPositive());
    }
  }
}
