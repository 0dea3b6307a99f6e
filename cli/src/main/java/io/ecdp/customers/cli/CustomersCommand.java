package io.ecdp.customers.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code ecdp customers}: the operations on customers. */
@Command(
    name = "customers",
    mixinStandardHelpOptions = true,
    description = "Reads, deletes, upserts and imports customers.",
    subcommands = {GetCommand.class, DeleteCommand.class, UpsertCommand.class, ImportCommand.class})
final class CustomersCommand implements Callable<Integer> {

  @ParentCommand Ecdp root;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCode.USAGE;
  }
}
