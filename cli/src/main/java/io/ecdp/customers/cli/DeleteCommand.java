package io.ecdp.customers.cli;

import io.ecdp.customers.Customers;
import jakarta.json.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code ecdp customers delete}. */
@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    description =
        "Deletes one customer, by e-mail, phone, CRM ID or ID. Exit code 3 when there is none.")
final class DeleteCommand implements Callable<Integer> {

  @ParentCommand CustomersCommand parent;

  @ArgGroup(exclusive = true, multiplicity = "1")
  KeyOptions key;

  @Option(
      names = "--anonymize",
      description = "Also anonymize the customer's data (withAnonymization=true).")
  boolean anonymize;

  @Override
  public Integer call() {
    Output out = parent.root.output();
    try (Session session = parent.root.session()) {
      Customers customers = session.client().customers();
      boolean deleted =
          (anonymize ? customers.deleteAndAnonymize(key.key()) : customers.delete(key.key()))
              .deleted();
      out.message(
          deleted
              ? "Deleted the customer "
                  + key.describe()
                  + (anonymize ? ", and anonymized its data." : ".")
              : "No customer " + key.describe() + ".",
          Json.createObjectBuilder()
              .add("deleted", deleted)
              .add("anonymized", deleted && anonymize));
      return deleted ? ExitCode.OK : ExitCode.NOT_FOUND;
    }
  }
}
