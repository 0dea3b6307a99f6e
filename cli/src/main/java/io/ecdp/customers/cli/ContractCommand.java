package io.ecdp.customers.cli;

import io.ecdp.customers.verify.Finding;
import io.ecdp.customers.verify.LiveVerifier;
import io.ecdp.customers.verify.Namespace;
import io.ecdp.customers.verify.Severity;
import io.ecdp.customers.verify.VerificationReport;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code ecdp contract}: verifies that a live Customers API answers as the spec and pact say. */
@Command(
    name = "contract",
    mixinStandardHelpOptions = true,
    description =
        "Verifies that a live Customers API still answers as the spec and the client's pact say.",
    subcommands = {ContractCommand.Verify.class, ContractCommand.Cleanup.class})
final class ContractCommand implements Callable<Integer> {

  static final String DOMAIN_VARIABLE = "ECDP_CONTRACT_EMAIL_DOMAIN";
  static final String PREFIX_VARIABLE = "ECDP_CONTRACT_CRM_ID_PREFIX";

  @ParentCommand Ecdp root;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCode.USAGE;
  }

  /** The options both subcommands share: where, with which key, in which namespace. */
  static class Target {
    @Option(
        names = "--base-url",
        paramLabel = "URL",
        required = true,
        description = "The service to verify, such as https://api.ecdp.app.")
    URI baseUrl;

    @Option(
        names = "--email-domain",
        paramLabel = "DOMAIN",
        description =
            "The reserved namespace's e-mail domain: the only customers created, updated or"
                + " deleted are of this domain (or env "
                + DOMAIN_VARIABLE
                + ").")
    String emailDomain;

    @Option(
        names = "--crm-id-prefix",
        paramLabel = "PREFIX",
        description = "The reserved namespace's CRM ID prefix (or env " + PREFIX_VARIABLE + ").")
    String crmIdPrefix;

    @Option(
        names = "--phone-prefix",
        paramLabel = "PREFIX",
        description =
            "The reserved namespace's phone prefix (default: ${DEFAULT-VALUE}, a country code no"
                + " one has).")
    String phonePrefix = Namespace.DEFAULT_PHONE_PREFIX;

    @Option(
        names = "--ledger",
        paramLabel = "FILE",
        description =
            "Records each customer before it is created, for cleanup (default: ${DEFAULT-VALUE}).")
    Path ledger = Path.of(".ecdp", "contract", "ledger.ndjson");

    /** Reports that the key is missing: a run that cannot start, and sent nothing. */
    static int noKey(Output out) {
      return out.error(
          ExitCode.NOT_VERIFIED,
          "set the API key in the environment variable ECDP_API_KEY",
          List.of("nothing was sent"));
    }

    /** Returns the namespace, or null when neither setting is given. */
    Namespace namespace(Ecdp root) {
      String domain = emailDomain != null ? emailDomain : root.environment(DOMAIN_VARIABLE);
      String prefix = crmIdPrefix != null ? crmIdPrefix : root.environment(PREFIX_VARIABLE);
      if (domain == null && prefix == null) {
        return null;
      }
      if (domain == null || prefix == null) {
        throw new IllegalArgumentException(
            "the namespace needs both --email-domain and --crm-id-prefix (or "
                + DOMAIN_VARIABLE
                + " and "
                + PREFIX_VARIABLE
                + ")");
      }
      return Namespace.of(domain, prefix, phonePrefix);
    }
  }

  /** {@code ecdp contract verify}. */
  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = {
        "Replays every interaction of the client's pact against the service through Pact JVM's"
            + " provider verifier, checks every answer against the spec, asks the service what"
            + " the vendor's page leaves open (docs/decisions.md), and writes junit.xml,"
            + " drift-report.md and summary.json.",
        "It writes only in the reserved namespace (required, unless --read-only), never sets a"
            + " consent to AwaitingConfirmation, deletes every customer it created with"
            + " anonymization, sends at most 99 requests at 2 a second, and reads the key from"
            + " ECDP_API_KEY.",
        "Exit: 0 conforms (warnings allowed), 11 breaking drift, 12 could not run."
      })
  static final class Verify implements Callable<Integer> {

    @ParentCommand ContractCommand parent;

    @CommandLine.Mixin Target target = new Target();

    @Option(
        names = "--read-only",
        description = "Create nothing: only the 401 and 404 probes and the --customer's GET.")
    boolean readOnly;

    @Option(
        names = "--customer",
        paramLabel = "KIND:VALUE",
        description = "With --read-only: a customer to read, such as email:ann@example.com.")
    String customer;

    @Option(
        names = "--rate",
        paramLabel = "N",
        description = "Requests a second, at most 10 (default: ${DEFAULT-VALUE}).")
    double rate = LiveVerifier.DEFAULT_RATE;

    @Option(
        names = "--max-requests",
        paramLabel = "N",
        description =
            "Requests a run may send, cleanup included, 10 to 99 (default: ${DEFAULT-VALUE}).")
    int maxRequests = LiveVerifier.MAX_REQUESTS;

    @Option(
        names = "--report-dir",
        paramLabel = "DIR",
        description = "Where the reports are written (default: ${DEFAULT-VALUE}).")
    Path reportDir = Path.of(".ecdp", "contract");

    @Override
    public Integer call() {
      Ecdp root = parent.root;
      Output out = root.output();
      String key = root.environment("ECDP_API_KEY");
      if (key == null || key.isBlank()) {
        return Target.noKey(out);
      }
      LiveVerifier.Builder builder;
      try {
        Namespace namespace = target.namespace(root);
        if (namespace == null && !readOnly) {
          return out.usageError(
              ExitCode.USAGE,
              "a verification that writes needs a reserved namespace",
              List.of(
                  "give --email-domain and --crm-id-prefix (or "
                      + DOMAIN_VARIABLE
                      + " and "
                      + PREFIX_VARIABLE
                      + "), or use --read-only"));
        }
        if (customer != null && !readOnly) {
          return out.usageError(
              ExitCode.USAGE, "--customer is for --read-only", List.of("add --read-only"));
        }
        builder =
            LiveVerifier.builder()
                .baseUri(target.baseUrl)
                .apiKey(key)
                .namespace(namespace)
                .readOnly(readOnly)
                .ratePerSecond(rate)
                .maxRequests(maxRequests)
                .ledger(target.ledger);
        if (customer != null) {
          int colon = customer.indexOf(':');
          if (colon <= 0) {
            return out.usageError(
                ExitCode.USAGE,
                "--customer: KIND:VALUE, such as email:ann@example.com",
                List.of("KIND is id, email, phone or crmId"));
          }
          builder.customer(customer.substring(0, colon), customer.substring(colon + 1));
        }
      } catch (IllegalArgumentException e) {
        return out.usageError(ExitCode.USAGE, e.getMessage(), List.of());
      }
      VerificationReport report = builder.build().run();
      report.writeTo(reportDir);
      PrintWriter w = root.spec.commandLine().getOut();
      if (root.output == Output.Format.json) {
        w.print(out.redacted(report.json()));
      } else {
        w.println(
            switch (report.outcome()) {
              case CONFORMS -> "The service conforms to the spec and the pact.";
              case BREAKING_DRIFT -> "The service drifted from the spec or the pact.";
              case COULD_NOT_RUN -> "The service could not be verified: " + report.reason();
            });
        w.printf(
            Locale.ROOT,
            "  %d breaking, %d warnings; %d requests, %d customers created, %d left behind, %.0f s%n",
            report.count(Severity.BREAKING),
            report.count(Severity.WARNING),
            report.requests(),
            report.created(),
            report.leftBehind(),
            report.elapsed().toMillis() / 1000.0);
        for (Finding f : report.findings()) {
          w.println(
              out.redacted(
                  "  "
                      + f.severity()
                      + " "
                      + f.interaction()
                      + ": "
                      + f.rule()
                      + " at "
                      + f.location()
                      + ": "
                      + f.actual()));
        }
        w.println(
            "  reports: " + reportDir.resolve("drift-report.md") + ", junit.xml, summary.json");
        if (report.leftBehind() > 0) {
          w.println(
              "  customers left behind: run ecdp contract cleanup --base-url "
                  + target.baseUrl
                  + " --ledger "
                  + target.ledger);
        }
      }
      w.flush();
      if (report.leftBehind() > 0 || report.outcome() == VerificationReport.Outcome.COULD_NOT_RUN) {
        return ExitCode.NOT_VERIFIED;
      }
      return report.outcome() == VerificationReport.Outcome.BREAKING_DRIFT
          ? ExitCode.DRIFT
          : ExitCode.OK;
    }
  }

  /** {@code ecdp contract cleanup}. */
  @Command(
      name = "cleanup",
      mixinStandardHelpOptions = true,
      description = {
        "Deletes, with anonymization, every customer the ledger records that a verification"
            + " created and did not delete (after a crash or kill -9). Exit 0 when none is left,"
            + " 12 when some could not be deleted."
      })
  static final class Cleanup implements Callable<Integer> {

    @ParentCommand ContractCommand parent;

    @CommandLine.Mixin Target target = new Target();

    @Override
    public Integer call() {
      Ecdp root = parent.root;
      Output out = root.output();
      String key = root.environment("ECDP_API_KEY");
      if (key == null || key.isBlank()) {
        return Target.noKey(out);
      }
      Namespace namespace;
      try {
        namespace = target.namespace(root);
      } catch (IllegalArgumentException e) {
        return out.usageError(ExitCode.USAGE, e.getMessage(), List.of());
      }
      if (namespace == null) {
        return out.usageError(
            ExitCode.USAGE,
            "cleanup deletes only in the reserved namespace: give --email-domain and"
                + " --crm-id-prefix",
            List.of());
      }
      int left = LiveVerifier.cleanup(target.baseUrl, key, namespace, target.ledger);
      PrintWriter w = root.spec.commandLine().getOut();
      w.println(
          left == 0
              ? "Every customer in " + target.ledger + " is deleted with anonymization."
              : left + " customers of " + target.ledger + " could not be deleted; run it again.");
      w.flush();
      return left == 0 ? ExitCode.OK : ExitCode.NOT_VERIFIED;
    }
  }
}
