package io.ecdp.customers.cli;

import io.ecdp.customers.model.CustomerDetails;
import jakarta.json.Json;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code ecdp customers get}. */
@Command(
    name = "get",
    mixinStandardHelpOptions = true,
    description =
        "Shows one customer, by e-mail, phone, CRM ID or ID. Exit code 3 when there is none.")
final class GetCommand implements Callable<Integer> {

  @ParentCommand CustomersCommand parent;

  @ArgGroup(exclusive = true, multiplicity = "1")
  KeyOptions key;

  @Override
  public Integer call() {
    Output out = parent.root.output();
    try (Session session = parent.root.session()) {
      Optional<CustomerDetails> customer = session.client().customers().get(key.key()).customer();
      if (customer.isEmpty()) {
        out.message("No customer " + asked() + ".", Json.createObjectBuilder().add("found", false));
        return ExitCode.NOT_FOUND;
      }
      out.customer(asked(), customer.get());
      return ExitCode.OK;
    }
  }

  /**
   * The key, as every message of {@code ecdp} echoes a value the user typed: an e-mail address or
   * phone number masked ({@link KeyOptions#describe()}); the customer's own data follows in full.
   */
  private String asked() {
    return key.describe();
  }
}
