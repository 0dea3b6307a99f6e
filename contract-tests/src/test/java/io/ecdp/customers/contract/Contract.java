package io.ecdp.customers.contract;

import io.ecdp.customers.CustomersClient;
import io.ecdp.customers.RetryPolicy;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/** Names and values the contract tests share: participants, keys, provider states, files. */
final class Contract {

  /** The consumer: this client. */
  static final String CONSUMER = "ecdp-customers-java";

  /** The provider: the vendor's Customers API. */
  static final String PROVIDER = "ecdp-customers-api";

  /** An API key the provider accepts. */
  static final String VALID_KEY = "valid-api-key";

  /** An API key the provider refuses with 401. */
  static final String REVOKED_KEY = "revoked-api-key";

  /** Provider state: a customer exists; parameter: the identifying field and its value. */
  static final String CUSTOMER_EXISTS = "a customer exists";

  /** Provider state: no customer has the given identifier. */
  static final String NO_SUCH_CUSTOMER = "no customer exists";

  /** Provider state: the API key is revoked. */
  static final String KEY_REVOKED = "the API key is revoked";

  /** The documented statuses, per operation kind. */
  static final List<Integer> POST_STATUSES = List.of(201, 400, 401);

  static final List<Integer> GET_STATUSES = List.of(200, 401, 404);
  static final List<Integer> DELETE_STATUSES = List.of(200, 401, 404);

  private Contract() {}

  static Path spec() {
    return Path.of(System.getProperty("ecdp.spec"));
  }

  static Path pactFile() {
    return Path.of(System.getProperty("pact.rootDir"), CONSUMER + "-" + PROVIDER + ".json");
  }

  static Path target() {
    return Path.of(System.getProperty("ecdp.target"));
  }

  /** A client of the given server, without retries (a contract test counts every call). */
  static CustomersClient client(URI baseUri, String apiKey) {
    return CustomersClient.builder()
        .apiKey(apiKey)
        .baseUri(baseUri)
        .retryPolicy(RetryPolicy.none())
        .build();
  }
}
