package io.ecdp.customers.verify.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecdp.customers.CustomersClient;
import io.ecdp.customers.RetryPolicy;
import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.Gender;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import io.ecdp.customers.verify.Namespace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sets up the pact's provider states on the live service, through the client and the gate, and
 * hands their values to Pact's provider-state injection ({@code fromProviderState}):
 *
 * <ul>
 *   <li>{@value #CUSTOMER_EXISTS}: a customer of the namespace, added with {@code Add} (and reused
 *       by the next state of the same name until an interaction deletes it);
 *   <li>{@value #NO_SUCH_CUSTOMER}: keys of the namespace that no customer has (fresh ones each
 *       time, and for the ID one that a deleted customer of this run had);
 *   <li>{@value #KEY_REVOKED}: the same kind of keys; the request carries another key than the
 *       pact's valid one, and the gate sends a deliberately invalid key for it.
 * </ul>
 */
public final class States {

  /** The provider state of an existing customer. */
  public static final String CUSTOMER_EXISTS = "a customer exists";

  /** The provider state of a key no customer has. */
  public static final String NO_SUCH_CUSTOMER = "no customer exists";

  /** The provider state of a revoked API key. */
  public static final String KEY_REVOKED = "the API key is revoked";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Namespace namespace;
  private final Ledger ledger;
  private final CustomersClient client;
  private final String run;
  private final String phoneDigits;
  private int serial;
  private String current;

  /** Sets up states through the gate at {@code gate}, in the namespace, recorded in the ledger. */
  public States(Namespace namespace, Ledger ledger, URI gate) {
    this.namespace = namespace;
    this.ledger = ledger;
    this.client =
        CustomersClient.builder()
            .apiKey(Gate.PLACEHOLDER_KEY)
            .baseUri(gate)
            .retryPolicy(RetryPolicy.none())
            .build();
    SecureRandom random = new SecureRandom();
    this.run =
        Long.toString(System.currentTimeMillis() / 1000 % 1_000_000_000L, 36)
            + Integer.toString(random.nextInt(36 * 36), 36);
    this.phoneDigits = String.format("%06d", random.nextInt(1_000_000));
  }

  /** Answers one of Pact's provider-state calls: its JSON body in, the state's values out. */
  public byte[] handle(byte[] call) {
    try {
      JsonNode body = JSON.readTree(call);
      if (!"setup".equals(body.path("action").asText("setup"))) {
        return "{}".getBytes(StandardCharsets.UTF_8);
      }
      return JSON.writeValueAsBytes(setUp(body.path("state").asText()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sets up the named state and returns its values: id (when known), email, phone, crmId. */
  public synchronized Map<String, Object> setUp(String state) {
    return switch (state) {
      case CUSTOMER_EXISTS -> values(existing());
      case NO_SUCH_CUSTOMER, KEY_REVOKED -> absent();
      default -> throw new IllegalArgumentException("unknown provider state '" + state + "'");
    };
  }

  /**
   * Returns whether the state can give an interaction an ID it may use: a live customer's ID the
   * service told (it documents no way to learn one, D7), or, for a key no customer has, the ID of a
   * customer this run deleted (any ID will do for a GET).
   */
  public synchronized boolean idAvailable(String state, String method) {
    if (state.equals(CUSTOMER_EXISTS)) {
      return ledger.byEmail(existing()).id() != null;
    }
    return method.equals("GET") || ledger.deletedId() != null;
  }

  /** Returns the e-mail address of a live customer of the namespace, adding one if needed. */
  public synchronized String existing() {
    Ledger.Entry entry = current == null ? null : ledger.byEmail(current);
    if (entry != null && !entry.deleted()) {
      return current;
    }
    int n = ++serial;
    String email = "ecdp-contract-" + run + "-" + n + "@" + namespace.emailDomain();
    CustomerRecord record =
        CustomerRecord.builder()
            .email(email)
            .phone(phone(n))
            .crmId(namespace.crmIdPrefix() + run + "-" + n)
            .firstName("Adam")
            .lastName("Nowak")
            .dateOfBirth(OffsetDateTime.parse("2023-07-25T13:58:16.339Z"))
            .gender(Gender.FEMALE)
            .build();
    client.customers().upsert(UpsertMode.ADD, MatchBy.EMAIL, List.of(record));
    current = email;
    return email;
  }

  private Map<String, Object> values(String email) {
    Ledger.Entry e = ledger.byEmail(email);
    Map<String, Object> values = new LinkedHashMap<>();
    if (e.id() != null) {
      values.put("id", e.id());
    }
    return withSegments(values, e.email(), e.phone(), e.crmId());
  }

  /**
   * Adds the keys, and for the e-mail, phone and CRM ID their path segments percent-encoded as the
   * client encodes them (the pact's paths take {@code emailSegment}, its bodies {@code email}).
   */
  private static Map<String, Object> withSegments(
      Map<String, Object> values, String email, String phone, String crmId) {
    values.put("email", email);
    values.put("emailSegment", Gate.encode(email));
    values.put("phone", phone);
    values.put("phoneSegment", Gate.encode(phone));
    values.put("crmId", crmId);
    values.put("crmIdSegment", Gate.encode(crmId));
    return values;
  }

  private Map<String, Object> absent() {
    int n = ++serial;
    Map<String, Object> values = new LinkedHashMap<>();
    Integer id = ledger.deletedId();
    values.put("id", id == null ? Integer.MAX_VALUE : id);
    return withSegments(
        values,
        "ecdp-contract-" + run + "-absent-" + n + "@" + namespace.emailDomain(),
        phone(n),
        namespace.crmIdPrefix() + run + "-absent-" + n);
  }

  /** A phone number of the namespace, unique in this run (at most 15 digits). */
  private String phone(int n) {
    String digits = phoneDigits + String.format("%03d", n % 1000);
    int room = 16 - namespace.phonePrefix().length();
    return namespace.phonePrefix() + digits.substring(Math.max(0, digits.length() - room));
  }

  /** Closes the client the states are set up with. */
  public void close() {
    client.close();
  }
}
