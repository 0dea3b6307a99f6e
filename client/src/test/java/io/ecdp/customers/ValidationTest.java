package io.ecdp.customers;

import static io.ecdp.customers.TestServer.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ecdp.customers.errors.ValidationException;
import io.ecdp.customers.errors.Violation;
import io.ecdp.customers.model.Consent;
import io.ecdp.customers.model.ConsentValue;
import io.ecdp.customers.model.ConsentsData;
import io.ecdp.customers.model.CustomAttribute;
import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.Gender;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad input is refused before anything is sent, with every violation named. */
class ValidationTest {

  private TestServer server;
  private CustomersClient client;

  @BeforeEach
  void start() throws Exception {
    server = new TestServer().always(status(201));
    client = server.client().build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private ValidationException refused(UpsertMode mode, MatchBy matchBy, CustomerRecord... records) {
    return catchThrowableOfType(
        ValidationException.class,
        () -> client.customers().upsert(mode, matchBy, Arrays.asList(records)));
  }

  @Test
  void batch_listsEveryViolation_withRecordIndexFieldAndRule_andSendsNothing() {
    CustomerRecord good = CustomerRecord.builder().email("ewa@poczta.pl").build();
    CustomerRecord noKey = CustomerRecord.builder().firstName("Adam").build();
    CustomerRecord bad =
        CustomerRecord.builder()
            .email("x".repeat(321))
            .phone("123 456 789")
            .firstName("A".repeat(257))
            .customAttributes(List.of(CustomAttribute.builder().name("").value("v").build()))
            .consentsData(
                ConsentsData.builder()
                    .consents(
                        List.of(
                            Consent.builder().value(ConsentValue.TRUE).build(),
                            Consent.builder().id(4).build()))
                    .build())
            .build();

    ValidationException e = refused(UpsertMode.ADD, MatchBy.EMAIL, good, noKey, bad);

    assertThat(e.violations())
        .containsExactly(
            new Violation(1, "email", "is required and must not be blank when matchBy is Email"),
            new Violation(2, "email", "length must be at most 320"),
            new Violation(2, "phone", "must not contain whitespace"),
            new Violation(2, "firstName", "length must be at most 256"),
            new Violation(2, "customAttributes[0].name", "length must be at least 1"),
            new Violation(2, "consentsData.consents[0].id", "is required"),
            new Violation(2, "consentsData.consents[1].value", "is required"));
    assertThat(e.getMessage())
        .startsWith("POST /customers not sent: 7 violations: data[1].email: is required")
        .doesNotContain("xxxx", "123 456 789");
    assertThat(server.count()).isZero();
  }

  @ParameterizedTest(name = "matchBy {0}")
  @ValueSource(strings = {"Email", "PhoneNumber", "CrmId"})
  void matchKey_mustBePresentAndNotBlank(String matchBy) {
    ValidationException e =
        refused(
            UpsertMode.UPDATE,
            MatchBy.of(matchBy),
            CustomerRecord.builder()
                .email("  ")
                .phone("\u00a0")
                .crmId("")
                .firstName("Ewa")
                .build());
    assertThat(e.violations())
        .extracting(Violation::rule)
        .contains("is required and must not be blank when matchBy is " + matchBy);
    assertThat(server.count()).isZero();
  }

  @Test
  void guidAndVisitorId_requireNoInventedField_D6() {
    client
        .customers()
        .upsert(
            UpsertMode.ADD_OR_UPDATE,
            MatchBy.GUID,
            List.of(CustomerRecord.builder().email("a@b.pl").build()));
    client
        .customers()
        .upsert(
            UpsertMode.ADD_OR_UPDATE,
            MatchBy.VISITOR_ID,
            List.of(CustomerRecord.builder().visitorId("v-1").build()));
    assertThat(server.count()).isEqualTo(2);
  }

  @Test
  void unknownEnumValues_areRefused_beforeSending() {
    ValidationException e =
        refused(
            UpsertMode.of("Replace"),
            MatchBy.of("Login"),
            CustomerRecord.builder().gender(Gender.of("Other")).build());
    assertThat(e.violations())
        .extracting(Violation::toString)
        .containsExactly(
            "mode: must be one of [Add, Update, AddOrUpdate]",
            "matchBy: must be one of [Email, PhoneNumber, CrmId, GUID, VisitorId]",
            "data[0].gender: must be one of [Male, Female, NotSpecified]");
  }

  @Test
  void emptyBatch_andNullRecord_areRefused() {
    assertThat(refused(UpsertMode.ADD, MatchBy.EMAIL).violations())
        .containsExactly(new Violation(-1, "data", "must hold at least one record"));
    assertThat(refused(UpsertMode.ADD, MatchBy.EMAIL, (CustomerRecord) null).violations())
        .containsExactly(new Violation(0, "(record)", "must not be null"));
  }

  @Test
  void lengthsCountCharacters_notUtf16Units() {
    // 320 emoji are 640 UTF-16 units but 320 characters: allowed.
    String email = "\uD83D\uDE00".repeat(318) + "@x";
    client
        .customers()
        .upsert(
            UpsertMode.ADD, MatchBy.EMAIL, List.of(CustomerRecord.builder().email(email).build()));
    assertThat(server.count()).isEqualTo(1);
  }

  @Test
  void pathValues_areCheckedToo() {
    assertThatThrownBy(() -> CustomerKey.phone("123 456 789"))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.violations())
                    .containsExactly(new Violation(-1, "phone", "must not contain whitespace")));
    assertThatThrownBy(() -> CustomerKey.email(""))
        .isInstanceOf(ValidationException.class)
        .hasMessage(
            "GET /customers/email/{email} not sent: 1 violation: email: length must be at least 1");
    assertThatThrownBy(() -> CustomerKey.crmId("9".repeat(129)))
        .isInstanceOf(ValidationException.class);
    assertThat(server.count()).isZero();
  }

  @Test
  void programmerErrors_useJdkExceptions() {
    assertThatThrownBy(() -> client.customers().upsert(null, MatchBy.EMAIL, List.of()))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("mode");
    assertThatThrownBy(() -> client.customers().get(CustomerKey.email(null)).customer())
        .isInstanceOf(NullPointerException.class);
  }
}
