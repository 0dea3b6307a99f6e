package io.ecdp.customers.cli;

import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import picocli.CommandLine.Option;

/** The options every batch command takes: what to do with the records, and how to match them. */
final class BatchOptions {

  @Option(
      names = "--mode",
      required = true,
      paramLabel = "MODE",
      completionCandidates = Ecdp.Modes.class,
      description = "Add, Update or AddOrUpdate.")
  UpsertMode mode;

  @Option(
      names = "--match-by",
      required = true,
      paramLabel = "KEY",
      completionCandidates = Ecdp.MatchKeys.class,
      description = "Email, PhoneNumber, CrmId, GUID or VisitorId.")
  MatchBy matchBy;
}
