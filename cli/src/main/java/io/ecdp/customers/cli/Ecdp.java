package io.ecdp.customers.cli;

import io.ecdp.customers.CustomersClient;
import io.ecdp.customers.errors.BadRequestException;
import io.ecdp.customers.errors.EcdpException;
import io.ecdp.customers.errors.ValidationException;
import io.ecdp.customers.internal.Redactor;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code ecdp} command: customers of an ExpertSender CDP account, from the shell. */
@Command(
    name = "ecdp",
    mixinStandardHelpOptions = true,
    versionProvider = Ecdp.Version.class,
    description =
        "Gets, deletes, upserts and bulk-imports customers of an ExpertSender CDP account.",
    subcommands = {
      CustomersCommand.class,
      SandboxCommand.class,
      ContractCommand.class,
      AutoComplete.GenerateCompletion.class
    },
    footerHeading = "%nEnvironment:%n",
    footer = {"  ECDP_API_KEY   the account's API key; never printed; not needed with --sandbox"},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:unexpected failure (a bug)",
      "2:bad command line",
      "3:no such customer",
      "4:input refused: invalid records (locally or by the API), or an unusable input file",
      "5:API key refused (401) or not allowed to do this (403)",
      "6:API unreachable or failing (connection, timeouts, 5xx, 429 after retries)",
      "7:conflict (409): the request conflicts with the customer's current state",
      "8:an answer the API's spec does not document (a status or a body)",
      "9:the sandbox state is corrupt, or older than the import's checkpoint",
      "10:the sandbox state is in use by another ecdp process",
      "11:contract verify: the live service drifted from the spec or the pact",
      "12:contract verify or cleanup could not run (no key, unreachable, budget spent)",
      "130:interrupted (Ctrl-C); an import says how to resume"
    },
    usageHelpWidth = 80,
    usageHelpAutoWidth = false)
public final class Ecdp implements Callable<Integer> {

  @Option(
      names = "--base-url",
      paramLabel = "URL",
      description = "The API's address (default: ${DEFAULT-VALUE}).")
  URI baseUrl = CustomersClient.DEFAULT_BASE_URI;

  @Option(
      names = "--sandbox",
      description = "Run against an embedded sandbox instead of the API; no key or network needed.")
  boolean sandbox;

  @Option(
      names = "--sandbox-state",
      paramLabel = "FILE",
      description = "Where --sandbox keeps its customers between runs (default: ${DEFAULT-VALUE}).")
  Path sandboxState = Path.of(".ecdp", "sandbox.json");

  @Option(
      names = "--output",
      paramLabel = "FORMAT",
      description = "text or json (default: ${DEFAULT-VALUE}).")
  Output.Format output = Output.Format.text;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private final Map<String, String> env;
  private final List<String> arguments;

  /** Creates the command with the process's environment. */
  public Ecdp() {
    this(System.getenv());
  }

  Ecdp(Map<String, String> env) {
    this(env, List.of());
  }

  Ecdp(Map<String, String> env, List<String> arguments) {
    this.env = env;
    this.arguments = List.copyOf(arguments);
  }

  /** Returns the value of the environment variable {@code name}, or null. */
  String environment(String name) {
    return env.get(name);
  }

  /** The command line's words as given (to print the command that resumes an import). */
  List<String> arguments() {
    return arguments;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCode.USAGE;
  }

  Session session() {
    return session(false);
  }

  /**
   * Opens a session; {@code pacedByCaller} hands every 429 back to the caller (the import adapts
   * its pace to them) while the client retries the rest ({@link Session#retryPolicy}).
   */
  Session session(boolean pacedByCaller) {
    return Session.open(spec.commandLine(), sandbox, sandboxState, baseUrl, env, pacedByCaller);
  }

  Output output() {
    return new Output(
        output, spec.commandLine().getOut(), spec.commandLine().getErr(), redactor()::redact);
  }

  /**
   * Masks what a server may echo back in its answers: the API key of this process and personal data
   * (e-mail addresses, phone numbers), in every text the command prints or writes.
   */
  Redactor redactor() {
    return new Redactor(env.get("ECDP_API_KEY"));
  }

  /** Kept so the level holds: the embedded server's start and stop lines are not output. */
  private static final java.util.logging.Logger SERVER_LOGS =
      java.util.logging.Logger.getLogger("org.glassfish");

  /** Runs the command and exits with its code. */
  public static void main(String[] args) {
    SERVER_LOGS.setLevel(java.util.logging.Level.WARNING);
    Interruption interruption = Interruption.install();
    int code = commandLine(new Ecdp(System.getenv(), List.of(args))).execute(args);
    interruption.commandFinished();
    if (!Interruption.interrupted()) {
      System.exit(code);
    }
    // Else the process is ending on the signal, with its status, once the hook has closed up.
  }

  /** Returns the command line of {@code ecdp}, with its converters and error handling. */
  static CommandLine commandLine(Ecdp ecdp) {
    return commandLine(ecdp, CommandLine.defaultFactory());
  }

  /** Returns the command line of {@code ecdp}, creating subcommands through {@code factory}. */
  static CommandLine commandLine(Ecdp ecdp, CommandLine.IFactory factory) {
    CommandLine cmd = new CommandLine(ecdp, factory);
    cmd.setCaseInsensitiveEnumValuesAllowed(true);
    cmd.registerConverter(
        UpsertMode.class, v -> known(UpsertMode.values(), v, UpsertMode::value, "mode"));
    cmd.registerConverter(
        MatchBy.class, v -> known(MatchBy.values(), v, MatchBy::value, "match-by"));
    cmd.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          Output out = ecdp.output();
          return handle(e, out);
        });
    cmd.setParameterExceptionHandler((e, args) -> usageError(e, ecdp));
    return cmd;
  }

  /**
   * A bad command line: the {@code ecdp:} line that says what is wrong, a suggestion for a mistyped
   * command or option, and where the help is; not the whole help text.
   */
  private static int usageError(CommandLine.ParameterException e, Ecdp ecdp) {
    List<String> details = new ArrayList<>();
    if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
      String typed = u.getUnmatched().get(0);
      List<String> known = new ArrayList<>(u.getCommandLine().getSubcommands().keySet());
      u.getCommandLine().getCommandSpec().options().forEach(o -> known.addAll(List.of(o.names())));
      String closest = Suggestions.closest(typed, known);
      if (closest != null) {
        details.add("did you mean '" + closest + "'?");
      }
    }
    String command = e.getCommandLine().getCommandSpec().qualifiedName();
    details.add("'" + command + " --help' lists the options");
    String message = e.getMessage();
    return ecdp.output().usageError(ExitCode.of(e), message, details);
  }

  private static <T> T known(
      List<T> values, String v, java.util.function.Function<T, String> wire, String what) {
    for (T t : values) {
      if (wire.apply(t).equalsIgnoreCase(v)) {
        return t;
      }
    }
    List<String> names = new ArrayList<>();
    values.forEach(t -> names.add(wire.apply(t)));
    throw new CommandLine.TypeConversionException(
        "'" + v + "' is not a " + what + " (one of " + String.join(", ", names) + ")");
  }

  /**
   * Prints what went wrong and returns the exit code: the code is {@link ExitCode#of}'s, the words
   * depend on the failure.
   */
  static int handle(Exception e, Output out) {
    int code = ExitCode.of(e);
    if (e instanceof ValidationException v) {
      List<String> lines = new ArrayList<>();
      v.violations().forEach(x -> lines.add(x.toString()));
      return out.error(code, "not sent: the input breaks the API's rules", lines);
    }
    // The client's messages are redacted already; a problem's errors are the server's words.
    if (e instanceof BadRequestException b) {
      List<String> errors = b.problem().map(p -> p.errors()).orElse(List.of());
      String message = b.getMessage();
      int listed = message.lastIndexOf(" errors: ");
      if (!errors.isEmpty() && listed > 0) {
        message = message.substring(0, listed); // the errors follow, one a line
      }
      return out.error(code, out.redacted(message), out.redacted(errors));
    }
    if (e instanceof EcdpException) {
      return out.error(code, out.redacted(e.getMessage()), List.of());
    }
    if (e instanceof InputFileException f) {
      return out.error(code, f.getMessage(), f.details());
    }
    if (e instanceof java.io.IOException || e instanceof java.io.UncheckedIOException) {
      return out.error(code, "cannot read or write a file: " + e.getMessage(), List.of());
    }
    if (code == ExitCode.SOFTWARE) {
      return out.error(code, "unexpected failure: " + e, List.of());
    }
    return out.error(code, e.getMessage(), List.of());
  }

  /** The version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Ecdp.class.getPackage().getImplementationVersion();
      return new String[] {
        "ecdp " + (v == null ? "dev" : v) + " (Java " + System.getProperty("java.version") + ")"
      };
    }
  }

  /** Completion candidates for --mode. */
  static final class Modes implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return UpsertMode.values().stream().map(UpsertMode::value).iterator();
    }
  }

  /** Completion candidates for --match-by. */
  static final class MatchKeys implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return MatchBy.values().stream().map(MatchBy::value).iterator();
    }
  }
}
