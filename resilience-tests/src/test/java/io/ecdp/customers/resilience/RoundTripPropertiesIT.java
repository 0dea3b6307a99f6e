package io.ecdp.customers.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecdp.customers.CustomerKey;
import io.ecdp.customers.CustomersClient;
import io.ecdp.customers.RetryPolicy;
import io.ecdp.customers.errors.ConnectionException;
import io.ecdp.customers.errors.ValidationException;
import io.ecdp.customers.model.Consent;
import io.ecdp.customers.model.ConsentValue;
import io.ecdp.customers.model.ConsentsData;
import io.ecdp.customers.model.CustomAttribute;
import io.ecdp.customers.model.CustomerDetails;
import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.Gender;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import io.ecdp.customers.sandbox.CustomersSandbox;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeTry;

/**
 * Properties over arbitrary input: valid customers survive the round trip through the sandbox
 * unchanged, any path value reaches the server exactly as given, and local validation of arbitrary
 * records either accepts or lists violations, and never throws anything else. (Valid text holds no
 * control character, except tab and line breaks in a custom attribute's value: D14.)
 */
class RoundTripPropertiesIT {

  private static final AtomicInteger TRIES = new AtomicInteger();
  private static CustomersSandbox sandbox;
  private static CustomersClient client;
  private static CustomersClient nowhere;

  @BeforeContainer
  static void start() throws Exception {
    sandbox = CustomersSandbox.builder().start();
    client = sandbox.client();
    int port;
    try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    nowhere =
        CustomersClient.builder()
            .apiKey("k")
            .baseUri("http://127.0.0.1:" + port)
            .retryPolicy(RetryPolicy.none())
            .build();
  }

  @AfterContainer
  static void stop() {
    client.close();
    nowhere.close();
    sandbox.close();
    Figures.write("properties", Map.of("inputsTried", TRIES.get()));
  }

  @BeforeTry
  void fresh() {
    sandbox.store().clear();
    TRIES.incrementAndGet();
  }

  @Property(tries = 250)
  void anyValidCustomer_survivesSerializeServerDeserialize_unchanged(
      @ForAll("validCustomers") CustomerRecord record) {
    client.customers().upsert(UpsertMode.ADD_OR_UPDATE, MatchBy.CRM_ID, List.of(record));
    CustomerDetails back =
        client.customers().get(CustomerKey.crmId(record.crmId())).customer().orElseThrow();
    assertThat(back.email()).isEqualTo(record.email());
    assertThat(back.phone()).isEqualTo(record.phone());
    assertThat(back.firstName()).isEqualTo(record.firstName());
    assertThat(back.lastName()).isEqualTo(record.lastName());
    assertThat(back.dateOfBirth()).isEqualTo(record.dateOfBirth());
    assertThat(back.gender()).isEqualTo(record.gender());
    assertThat(back.customAttributes()).containsExactlyElementsOf(record.customAttributes());
    assertThat(back.consentsData().consents())
        .containsExactlyElementsOf(record.consentsData().consents());
  }

  @Property(tries = 250)
  void anyPathValue_reachesTheServerExactlyAsGiven(@ForAll("identifiers") String crmId) {
    client
        .customers()
        .upsert(
            UpsertMode.ADD, MatchBy.CRM_ID, List.of(CustomerRecord.builder().crmId(crmId).build()));
    assertThat(sandbox.store().snapshot())
        .singleElement()
        .satisfies(e -> assertThat(e.details().crmId()).isEqualTo(crmId));
    assertThat(client.customers().get(CustomerKey.crmId(crmId)).customer()).isPresent();
    assertThat(client.customers().delete(CustomerKey.crmId(crmId)).deleted()).isTrue();
  }

  @Property(tries = 500)
  void localValidation_acceptsOrListsViolations_neverThrowsAnythingElse(
      @ForAll("anyRecords") CustomerRecord record, @ForAll("matchKeys") MatchBy matchBy) {
    try {
      nowhere.customers().upsert(UpsertMode.ADD_OR_UPDATE, matchBy, List.of(record));
      throw new AssertionError("nothing listens there: an accepted batch must fail to connect");
    } catch (ValidationException e) {
      assertThat(e.violations()).isNotEmpty(); // refused locally, each violation named
    } catch (ConnectionException e) {
      assertThat(e.requestSent()).isFalse(); // accepted locally, then sent
    }
  }

  @Property(tries = 150)
  void anyEmailOrPhone_reachesTheServerExactlyAsGiven(@ForAll("identifiers") String value) {
    // A phone has no white space (Unicode's included) and at most 20 characters.
    String phone =
        value
            .replaceAll("(?U)\\s", "_")
            .codePoints()
            .limit(20)
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
            .toString();
    client
        .customers()
        .upsert(
            UpsertMode.ADD,
            MatchBy.CRM_ID,
            List.of(CustomerRecord.builder().crmId("k").email(value).phone(phone).build()));
    CustomerDetails stored =
        client.customers().get(CustomerKey.crmId("k")).customer().orElseThrow();
    assertThat(stored.email()).isEqualTo(value);
    assertThat(stored.phone()).isEqualTo(phone);
    assertThat(client.customers().get(CustomerKey.email(value)).customer()).contains(stored);
    assertThat(client.customers().get(CustomerKey.phone(phone)).customer()).contains(stored);
  }

  // ---------------------------------------------------------------- generators

  private static Arbitrary<String> text(int min, int max) {
    return Arbitraries.oneOf(
            Arbitraries.strings().all().ofMinLength(min).ofMaxLength(max),
            Arbitraries.strings()
                .withChars("אבגدهوזح ")
                .ofMinLength(min)
                .ofMaxLength(max), // right-to-left
            Arbitraries.of(
                "😀🎉👍🏽", "Zażółć gęślą jaźń", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "a\u200Db", "日本語テキスト"))
        .filter(RoundTripPropertiesIT::wellFormed)
        .filter(RoundTripPropertiesIT::noControls)
        .filter(
            s -> s.codePointCount(0, s.length()) >= min && s.codePointCount(0, s.length()) <= max);
  }

  /** Free text, as a custom attribute's value: may also hold tab and line breaks (D14). */
  private static Arbitrary<String> freeText(int min, int max) {
    return Arbitraries.oneOf(
        text(min, max),
        text(min, max).map(s -> s + "\r\n\t" + s),
        Arbitraries.of("line one\nline two", "a\tb\r\nc").filter(s -> s.length() >= min));
  }

  /** The spec refuses control characters (U+0000-U+001F, U+007F-U+009F) in what is sent (D14). */
  private static boolean noControls(String s) {
    return s.codePoints().noneMatch(Character::isISOControl);
  }

  /** Java strings can hold lone surrogates; no UTF-8 (nor JSON on the wire) can. */
  private static boolean wellFormed(String s) {
    return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).equals(s);
  }

  @Provide
  Arbitrary<String> identifiers() {
    return Arbitraries.oneOf(
            text(1, 128),
            Arbitraries.of(
                "crm/57", "a%41", "100%", "?x=1", "#frag", "..", ".", "+48 1", "a\\b", " x "))
        // A blank key (Unicode spaces included) is refused by the client: not a path value.
        .filter(
            s ->
                !s.codePoints()
                    .allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c)));
  }

  @Provide
  Arbitrary<CustomerRecord> validCustomers() {
    java.util.regex.Pattern noSpace =
        java.util.regex.Pattern.compile(
            "^\\S+\\z", java.util.regex.Pattern.UNICODE_CHARACTER_CLASS);
    Arbitrary<String> phone = text(1, 20).filter(s -> noSpace.matcher(s).matches());
    Arbitrary<OffsetDateTime> date =
        Arbitraries.longs()
            .between(
                Instant.parse("1900-01-01T00:00:00Z").toEpochMilli(),
                Instant.parse("2100-12-31T23:59:59Z").toEpochMilli())
            .flatMap(
                ms ->
                    Arbitraries.integers()
                        .between(-18 * 60, 18 * 60)
                        .map(
                            min ->
                                Instant.ofEpochMilli(ms)
                                    .atOffset(ZoneOffset.ofTotalSeconds(min * 60))));
    Arbitrary<List<CustomAttribute>> attributes =
        Builders.withBuilder(CustomAttribute::builder)
            .use(text(1, 256))
            .in((b, n) -> b.name(n))
            .use(freeText(0, 300))
            .in((b, v) -> b.value(v))
            .build(CustomAttribute.Builder::build)
            .list()
            .ofMaxSize(3)
            .uniqueElements(CustomAttribute::name);
    Arbitrary<List<Consent>> consents =
        Builders.withBuilder(Consent::builder)
            .use(Arbitraries.integers())
            .in((b, id) -> b.id(id))
            .use(Arbitraries.of(ConsentValue.values()))
            .in((b, v) -> b.value(v))
            .build(Consent.Builder::build)
            .list()
            .ofMaxSize(3)
            .uniqueElements(Consent::id);
    return Builders.withBuilder(CustomerRecord::builder)
        .use(
            Arbitraries.strings()
                .alpha()
                .numeric()
                .ofMinLength(8)
                .ofMaxLength(8)
                .map(s -> "crm-" + s))
        .in((b, v) -> b.crmId(v))
        .use(text(1, 320))
        .in((b, v) -> b.email(v))
        .use(phone)
        .in((b, v) -> b.phone(v))
        .use(text(0, 256))
        .in((b, v) -> b.firstName(v))
        .use(text(0, 256))
        .in((b, v) -> b.lastName(v))
        .use(date)
        .in((b, v) -> b.dateOfBirth(v))
        .use(Arbitraries.of(Gender.values()))
        .in((b, v) -> b.gender(v))
        .use(attributes)
        .in((b, v) -> b.customAttributes(v))
        .use(consents)
        .in((b, v) -> b.consentsData(ConsentsData.builder().consents(v).build()))
        .build(CustomerRecord.Builder::build);
  }

  @Provide
  Arbitrary<CustomerRecord> anyRecords() {
    Arbitrary<String> anything = Arbitraries.strings().all().ofMaxLength(400).injectNull(0.3);
    return Builders.withBuilder(CustomerRecord::builder)
        .use(anything)
        .in((b, v) -> b.email(v))
        .use(anything)
        .in((b, v) -> b.phone(v))
        .use(anything)
        .in((b, v) -> b.crmId(v))
        .use(anything)
        .in((b, v) -> b.visitorId(v))
        .use(anything)
        .in((b, v) -> b.firstName(v))
        .use(Arbitraries.strings().all().ofMaxLength(20).map(Gender::of).injectNull(0.3))
        .in((b, v) -> b.gender(v))
        .use(
            anything
                .map(n -> CustomAttribute.builder().name(n).build())
                .list()
                .ofMaxSize(2)
                .injectNull(0.3))
        .in((b, v) -> b.customAttributes(v))
        .use(
            Arbitraries.integers()
                .injectNull(0.3)
                .map(id -> Consent.builder().id(id).build())
                .list()
                .ofMaxSize(2)
                .injectNull(0.3))
        .in((b, v) -> b.consentsData(v == null ? null : ConsentsData.builder().consents(v).build()))
        .build(CustomerRecord.Builder::build);
  }

  @Provide
  Arbitrary<MatchBy> matchKeys() {
    return Arbitraries.oneOf(
        Arbitraries.of(MatchBy.values()), Arbitraries.strings().ofMaxLength(10).map(MatchBy::of));
  }
}
