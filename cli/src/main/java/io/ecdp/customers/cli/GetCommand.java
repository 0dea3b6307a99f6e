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
   * The key as the user typed it: whoever asked for the customer sees its data in full (the
   * customer's e-mail and phone follow on the next lines anyway), so the heading does not mask it.
   */
  private String asked() {
    if (key.email != null) {
      return "with e-mail " + key.email;
    }
    if (key.phone != null) {
      return "with phone " + key.phone;
    }
    return key.describe();
  }
}
