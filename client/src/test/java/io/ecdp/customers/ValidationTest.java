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

  /** The spec's words for its control-character pattern (D14). */
  static final String NO_CONTROLS =
      "must not contain control characters (U+0000 to U+001F, U+007F to U+009F)";

  /** The phone's pattern: D10's white space and D14's control characters. */
  static final String PHONE_RULE =
      "must not contain whitespace or control characters (U+0000 to U+001F, U+007F to U+009F)";

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
            Violation.of(1, "email", "is required and must not be blank when matchBy is Email"),
            Violation.of(2, "email", "length must be at most 320"),
            Violation.of(2, "phone", PHONE_RULE),
            Violation.of(2, "firstName", "length must be at most 256"),
            Violation.of(2, "customAttributes[0].name", "length must be at least 1"),
            Violation.of(2, "consentsData.consents[0].id", "is required"),
            Violation.of(2, "consentsData.consents[1].value", "is required"));
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
        .containsExactly(Violation.of(-1, "data", "must hold at least one record"));
    assertThat(refused(UpsertMode.ADD, MatchBy.EMAIL, (CustomerRecord) null).violations())
        .containsExactly(Violation.of(0, "(record)", "must not be null"));
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
            e -> assertThat(e.violations()).containsExactly(Violation.of(-1, "phone", PHONE_RULE)));
    assertThatThrownBy(() -> CustomerKey.email(""))
        .isInstanceOf(ValidationException.class)
        .hasMessage(
            "GET /customers/email/{email} not sent: 1 violation: email: length must be at least 1");
    assertThatThrownBy(() -> CustomerKey.crmId("9".repeat(129)))
        .isInstanceOf(ValidationException.class);
    assertThat(server.count()).isZero();
  }

  @Test
  void nulInAnEmail_isRefusedLocally_namingTheFieldPathAndTheRule_D14() {
    ValidationException e =
        refused(
            UpsertMode.ADD_OR_UPDATE,
            MatchBy.EMAIL,
            CustomerRecord.builder().email("a\u0000@x.test").build());

    assertThat(e.violations()).containsExactly(Violation.of(0, "email", NO_CONTROLS));
    assertThat(e.getMessage())
        .isEqualTo("POST /customers not sent: 1 violation: data[0].email: " + NO_CONTROLS)
        .doesNotContain("@x.test");
    assertThat(server.count()).isZero();
  }

  @ParameterizedTest(name = "U+{0}")
  @ValueSource(ints = {0x00, 0x01, 0x09, 0x0A, 0x0D, 0x1B, 0x1F, 0x7F, 0x85, 0x9F})
  void everyIdentifierAndName_refusesAControlCharacter_D14(int control) {
    String c = Character.toString(control);
    ValidationException e =
        refused(
            UpsertMode.ADD,
            MatchBy.CRM_ID,
            CustomerRecord.builder()
                .email("adam" + c + "@poczta.pl")
                .phone("+48" + c + "123")
                .crmId("57" + c)
                .visitorId(c + "v-57")
                .firstName("Ad" + c + "am")
                .lastName("Nowak" + c)
                .customAttributes(
                    List.of(CustomAttribute.builder().name("tier" + c).value("gold").build()))
                .build());

    assertThat(e.violations())
        .containsExactly(
            Violation.of(0, "email", NO_CONTROLS),
            Violation.of(0, "phone", PHONE_RULE),
            Violation.of(0, "crmId", NO_CONTROLS),
            Violation.of(0, "visitorId", NO_CONTROLS),
            Violation.of(0, "firstName", NO_CONTROLS),
            Violation.of(0, "lastName", NO_CONTROLS),
            Violation.of(0, "customAttributes[0].name", NO_CONTROLS));
    assertThat(server.count()).isZero();
  }

  @Test
  void customAttributeValue_isFreeText_tabAndLineBreaksAreSent_otherControlsRefused_D14() {
    CustomAttribute note =
        CustomAttribute.builder().name("note").value("line one\r\nline two\tend\n").build();
    client
        .customers()
        .upsert(
            UpsertMode.ADD,
            MatchBy.EMAIL,
            List.of(
                CustomerRecord.builder().email("a@b.pl").customAttributes(List.of(note)).build()));
    assertThat(server.count()).isEqualTo(1);

    ValidationException e =
        refused(
            UpsertMode.ADD,
            MatchBy.EMAIL,
            CustomerRecord.builder()
                .email("a@b.pl")
                .customAttributes(
                    List.of(
                        note,
                        CustomAttribute.builder().name("nul").value("a\u0000b").build(),
                        CustomAttribute.builder().name("bell").value("\u0007").build(),
                        CustomAttribute.builder().name("del").value("x\u007f").build()))
                .build());
    String rule =
        "must not contain control characters (U+0000 to U+001F, U+007F to U+009F) other than"
            + " tab, line feed and carriage return";
    assertThat(e.violations())
        .containsExactly(
            Violation.of(0, "customAttributes[1].value", rule),
            Violation.of(0, "customAttributes[2].value", rule),
            Violation.of(0, "customAttributes[3].value", rule));
    assertThat(server.count()).isEqualTo(1);
  }

  @Test
  void lookupAndDeleteKeys_withAControlCharacter_areRefusedBeforeSending_D14() {
    assertThatThrownBy(() -> client.customers().get(CustomerKey.email("a\u0000@x.test")))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> {
              assertThat(e.violations()).containsExactly(Violation.of(-1, "email", NO_CONTROLS));
              assertThat(e.getMessage())
                  .isEqualTo(
                      "GET /customers/email/{email} not sent: 1 violation: email: " + NO_CONTROLS);
            });
    assertThatThrownBy(() -> client.customers().delete(CustomerKey.crmId("57\n")))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.violations()).containsExactly(Violation.of(-1, "crmId", NO_CONTROLS)));
    assertThatThrownBy(() -> CustomerKey.of(CustomerKey.Kind.PHONE, "123\u007f456"))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> assertThat(e.violations()).containsExactly(Violation.of(-1, "phone", PHONE_RULE)));
    assertThat(CustomerKey.email("zażółć@poczta.pl").value()).isEqualTo("zażółć@poczta.pl");
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
