package consumer;

import io.ecdp.customers.CustomerKey;
import io.ecdp.customers.CustomersClient;
import io.ecdp.customers.model.CustomerDetails;
import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.Gender;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import java.util.List;
import java.util.Optional;

/** The only two calls the consumers make through the client's public API: one upsert, one get. */
final class Calls {

  private Calls() {}

  record Found(String firstName, String gender, boolean genderKnown) {}

  static void upsert(CustomersClient client, String email, String firstName) {
    client
        .customers()
        .upsert(
            UpsertMode.ADD_OR_UPDATE,
            MatchBy.EMAIL,
            List.of(
                CustomerRecord.builder()
                    .email(email)
                    .firstName(firstName)
                    .gender(Gender.FEMALE)
                    .build()));
  }

  static Optional<Found> get(CustomersClient client, String email) {
    Optional<CustomerDetails> details = client.customers().get(CustomerKey.email(email)).customer();
    return details.map(
        d ->
            new Found(
                d.firstName(),
                d.gender() == null ? null : d.gender().value(),
                d.gender() != null && d.gender().isKnown()));
  }
}
