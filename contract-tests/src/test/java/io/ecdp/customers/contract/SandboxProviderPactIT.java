package io.ecdp.customers.contract;

import au.com.dius.pact.provider.junit5.HttpTestTarget;
import au.com.dius.pact.provider.junit5.PactVerificationContext;
import au.com.dius.pact.provider.junit5.PactVerificationInvocationContextProvider;
import au.com.dius.pact.provider.junitsupport.Provider;
import au.com.dius.pact.provider.junitsupport.State;
import au.com.dius.pact.provider.junitsupport.loader.PactFolder;
import io.ecdp.customers.model.Consent;
import io.ecdp.customers.model.ConsentValue;
import io.ecdp.customers.model.ConsentsData;
import io.ecdp.customers.model.CustomAttribute;
import io.ecdp.customers.model.CustomerDetails;
import io.ecdp.customers.model.Gender;
import io.ecdp.customers.sandbox.CustomersSandbox;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Pact provider verification: every interaction of the pact that {@code CustomersPactTest} wrote is
 * replayed against the sandbox, after the provider state it names is set up. The sandbox honours
 * the contract it serves.
 */
@Provider(Contract.PROVIDER)
@PactFolder("target/pacts")
class SandboxProviderPactIT {

  private static CustomersSandbox sandbox;

  @BeforeAll
  static void start() {
    sandbox = CustomersSandbox.builder().apiKeys(Contract.VALID_KEY).start();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @BeforeEach
  void target(PactVerificationContext context) {
    context.setTarget(new HttpTestTarget(sandbox.uri().getHost(), sandbox.uri().getPort()));
  }

  @TestTemplate
  @ExtendWith(PactVerificationInvocationContextProvider.class)
  void sandbox_honoursEveryInteraction(PactVerificationContext context) {
    context.verifyInteraction();
  }

  @State(Contract.CUSTOMER_EXISTS)
  Map<String, Object> customerExists() {
    sandbox.store().clear();
    sandbox.store().put(12, adam().build(), null);
    return keys(12, "adam@poczta.pl", "+48123456789", "57");
  }

  @State(Contract.NO_SUCH_CUSTOMER)
  Map<String, Object> noSuchCustomer() {
    sandbox.store().clear();
    sandbox.store().put(12, adam().build(), null);
    return keys(13, "nobody@poczta.pl", "+48987654321", "58");
  }

  @State(Contract.KEY_REVOKED)
  Map<String, Object> keyRevoked() {
    // The sandbox accepts only Contract.VALID_KEY; the revoked key is refused as it should be.
    return customerExists();
  }

  /**
   * The values the pact's requests take from a provider state: each key, and for the e-mail, phone
   * and CRM ID their path segments, percent-encoded as the client encodes them.
   */
  static Map<String, Object> keys(int id, String email, String phone, String crmId) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("id", id);
    values.put("email", email);
    values.put("emailSegment", segment(email));
    values.put("phone", phone);
    values.put("phoneSegment", segment(phone));
    values.put("crmId", crmId);
    values.put("crmIdSegment", segment(crmId));
    return values;
  }

  private static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** A customer with every documented field and figure, as the vendor's example shows one. */
  private static CustomerDetails.Builder adam() {
    OffsetDateTime when = OffsetDateTime.parse("2023-07-25T13:58:16.339Z");
    return CustomerDetails.builder()
        .email("adam@poczta.pl")
        .phone("+48123456789")
        .crmId("57")
        .firstName("Adam")
        .lastName("Nowak")
        .dateOfBirth(when)
        .gender(Gender.FEMALE)
        .rfmSegment("Champions")
        .totalSpent(new BigDecimal("1523.50"))
        .totalOrders(14)
        .totalOrderReturns(1)
        .avgOrder(new BigDecimal("108.82"))
        .avgPricePoint(new BigDecimal("36.27"))
        .lastOrder(when)
        .avgTimeBetweenOrdersInDays(new BigDecimal("12.5"))
        .currencySymbol("zł")
        .customAttributes(
            List.of(CustomAttribute.builder().name("loyaltyTier").value("gold").build()))
        .consentsData(
            ConsentsData.builder()
                .consents(List.of(Consent.builder().id(0).value(ConsentValue.FALSE).build()))
                .build());
  }
}
