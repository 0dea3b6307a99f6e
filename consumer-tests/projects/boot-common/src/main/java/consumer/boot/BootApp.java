package consumer.boot;

import io.ecdp.customers.CustomerKey;
import io.ecdp.customers.CustomersClient;
import io.ecdp.customers.model.CustomerDetails;
import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.stereotype.Service;

/**
 * A team's Spring Boot service: it serves its own API (OwnApi: Jersey or Spring MVC, by project)
 * and uses the Customers API through the client the starter auto-configures from its properties.
 */
@SpringBootApplication
public class BootApp {

  /** The service's use of the Customers API, through the injected client. */
  @Service
  public static class Customers {
    private final CustomersClient client;

    public Customers(CustomersClient client) {
      this.client = client;
    }

    public void add(String email, String firstName) {
      client
          .customers()
          .upsert(
              UpsertMode.ADD_OR_UPDATE,
              MatchBy.EMAIL,
              List.of(CustomerRecord.builder().email(email).firstName(firstName).build()));
    }

    public Optional<CustomerDetails> find(String email) {
      return client.customers().get(CustomerKey.email(email)).customer();
    }
  }
}
