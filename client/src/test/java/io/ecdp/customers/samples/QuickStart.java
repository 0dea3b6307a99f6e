package io.ecdp.customers.samples;

import io.ecdp.customers.CustomerKey;
import io.ecdp.customers.CustomersClient;
import io.ecdp.customers.UpsertResult;
import io.ecdp.customers.errors.EcdpException;
import io.ecdp.customers.errors.EcdpServiceException;
import io.ecdp.customers.errors.ValidationException;
import io.ecdp.customers.model.CustomerDetails;
import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/** The README's quick start, compiled and run by the build (QuickStartTest). */
public final class QuickStart {

  private QuickStart() {}

  /** Runs the quick start against {@code baseUri}; returns the customer's CRM ID. */
  public static String run(URI baseUri, String apiKey) {
    // README:start
    try (CustomersClient client =
        CustomersClient.builder()
            .apiKey(apiKey) // e.g. System.getenv("ECDP_API_KEY")
            .baseUri(baseUri) // default: https://api.ecdp.app
            .build()) {

      // Add a customer, or update the one with this e-mail address.
      UpsertResult sent =
          client
              .customers()
              .upsert(
                  UpsertMode.ADD_OR_UPDATE,
                  MatchBy.EMAIL,
                  List.of(
                      CustomerRecord.builder()
                          .email("adam@poczta.pl")
                          .firstName("Adam")
                          .crmId("57")
                          .build()));
      System.out.println("accepted: " + sent.metadata().status());

      // Read it back: "not found" is an empty Optional.
      Optional<CustomerDetails> adam =
          client.customers().get(CustomerKey.email("adam@poczta.pl")).customer();
      return adam.map(CustomerDetails::crmId).orElse("not found");
    } catch (ValidationException e) {
      // Nothing was sent; every violation is listed (record index, field, rule).
      throw new IllegalArgumentException(e.violations().toString(), e);
    } catch (EcdpServiceException e) {
      // The server answered: status(), problem(), requestId(). No key, no personal data.
      throw e;
    } catch (EcdpException e) {
      // It did not answer usably (connection, timeout): no status.
      throw e;
    }
    // README:end
  }
}
