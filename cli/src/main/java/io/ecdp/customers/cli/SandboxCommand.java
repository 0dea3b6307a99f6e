package io.ecdp.customers.cli;

import io.ecdp.customers.sandbox.CustomersSandbox;
import io.ecdp.customers.sandbox.Faults;
import io.ecdp.customers.sandbox.RecordErrors;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code ecdp sandbox}: the sandbox as a process of its own. */
@Command(
    name = "sandbox",
    mixinStandardHelpOptions = true,
    description = "Runs the Customers API sandbox on its own, for tools not on the JVM.",
    subcommands = {SandboxCommand.Serve.class})
final class SandboxCommand implements Callable<Integer> {

  @ParentCommand Ecdp root;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCode.USAGE;
  }

  /** {@code ecdp sandbox serve}: serves until SIGTERM or Ctrl-C, then saves its customers. */
  @Command(
      name = "serve",
      mixinStandardHelpOptions = true,
      description = {
        "Serves the sandbox over HTTP until stopped (Ctrl-C or SIGTERM), then saves its"
            + " customers to the state file; the next start loads them again. It prints its"
            + " address and API key.",
        "It listens on loopback unless --host names another address; it then refuses to start"
            + " without a key of your own of at least "
            + Serve.MIN_KEY_LENGTH
            + " characters, since it holds personal data and its default key is public.",
        "The key: --api-key, or the environment variable "
            + Serve.KEY_VARIABLE
            + " (which, unlike an option, other users cannot see in the process list)."
      })
  static final class Serve implements Callable<Integer> {

    /** The environment variable that holds the key to accept, kept out of the process list. */
    static final String KEY_VARIABLE = "ECDP_SANDBOX_API_KEY";

    /** The shortest key accepted for an address other than loopback. */
    static final int MIN_KEY_LENGTH = 16;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand SandboxCommand parent;

    @Option(
        names = "--port",
        paramLabel = "N",
        description = "The port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port = 8080;

    @Option(
        names = "--host",
        paramLabel = "HOST",
        description = "The address to listen on (default: ${DEFAULT-VALUE}).")
    String host = "127.0.0.1";

    @Option(
        names = "--state",
        paramLabel = "FILE",
        description =
            "Where the customers are loaded from and saved to (default: ${DEFAULT-VALUE}).")
    Path state = Path.of(".ecdp", "sandbox.json");

    @Option(
        names = "--api-key",
        paramLabel = "KEY",
        description = {
          "The API key to accept instead of the public default (or " + KEY_VARIABLE + ")."
        })
    String apiKey;

    @Option(
        names = "--latency",
        paramLabel = "MS",
        description = "Milliseconds added to every call (default: none).")
    long latencyMillis;

    @Option(
        names = "--allowance",
        paramLabel = "N",
        description = "At most N calls a second; further calls get 429 (default: no limit).")
    int allowance;

    @Option(
        names = "--rate-limited",
        paramLabel = "SHARE",
        description = "The share of calls answered 429, from 0 to 1 (default: none).")
    double rateLimited;

    @Option(
        names = "--retry-after",
        paramLabel = "SECONDS",
        description = "The Retry-After of --rate-limited answers (default: ${DEFAULT-VALUE}).")
    long retryAfterSeconds = 1;

    @Option(
        names = "--unavailable",
        paramLabel = "SHARE",
        description = "The share of calls answered 503, from 0 to 1 (default: none).")
    double unavailable;

    @Option(
        names = "--seed",
        paramLabel = "N",
        description = "The seed of the random faults, to repeat a run (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(
        names = "--opaque-errors",
        description =
            "Refuse batches without naming the refused records, as a server that words its"
                + " errors freely may.")
    boolean opaqueErrors;

    @Override
    public Integer call() throws InterruptedException {
      CommandLine cmd = spec.commandLine();
      String keyFrom = "--api-key";
      if ((apiKey == null || apiKey.isBlank()) && parent != null) {
        apiKey = parent.root.environment(KEY_VARIABLE);
        keyFrom = KEY_VARIABLE;
      }
      if (!isLoopback(host)
          && (apiKey == null
              || apiKey.isBlank()
              || apiKey.equals(CustomersSandbox.DEFAULT_API_KEY))) {
        throw new CommandLine.ParameterException(
            cmd,
            "--host "
                + host
                + " is not a loopback address: give a key of your own with "
                + KEY_VARIABLE
                + " or --api-key (the sandbox holds personal data, and its default key is"
                + " public)");
      }
      if (!isLoopback(host) && apiKey.length() < MIN_KEY_LENGTH) {
        throw new CommandLine.ParameterException(
            cmd,
            "--host "
                + host
                + " is not a loopback address: the key ("
                + keyFrom
                + ") must have at least "
                + MIN_KEY_LENGTH
                + " characters, not "
                + apiKey.length());
      }
      if (port < 0 || port > 65535) {
        throw new CommandLine.ParameterException(cmd, "--port must be from 0 to 65535");
      }
      Faults faults;
      try {
        faults =
            Faults.NONE
                .withLatency(Duration.ofMillis(latencyMillis))
                .withRateLimited(rateLimited, Duration.ofSeconds(retryAfterSeconds))
                .withUnavailable(unavailable)
                .withAllowance(allowance)
                .withSeed(seed);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(cmd, "fault options: " + e.getMessage());
      }
      CustomersSandbox.Builder b =
          CustomersSandbox.builder()
              .host(host)
              .port(port)
              .stateFile(state)
              .faults(faults)
              .recordErrors(opaqueErrors ? RecordErrors.OPAQUE : RecordErrors.INDEXED);
      if (apiKey != null && !apiKey.isBlank()) {
        b.apiKeys(apiKey);
      }
      CustomersSandbox sandbox;
      try {
        sandbox = b.start();
      } catch (java.io.UncheckedIOException e) {
        if (e.getCause() instanceof java.net.BindException) {
          throw new CommandLine.ParameterException(
              cmd,
              "--port "
                  + port
                  + ": the port is in use on "
                  + host
                  + " (another program listens there): choose another, or --port 0 for a free"
                  + " one");
        }
        throw e;
      }
      CountDownLatch stopped = new CountDownLatch(1);
      PrintWriter out = cmd.getOut();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    sandbox.close(); // saves the state
                    out.println("Stopped; the customers are saved in " + state + ".");
                    out.flush();
                    stopped.countDown();
                  },
                  "ecdp-sandbox-stop"));
      // One write: whoever reads the address reads the whole banner with it.
      String nl = System.lineSeparator();
      out.print(
          "Sandbox listening on "
              + sandbox.uri()
              + nl
              + "API key: "
              + (apiKey == null || apiKey.isBlank()
                  ? CustomersSandbox.DEFAULT_API_KEY
                  : "the one given with " + keyFrom)
              + nl
              + "Customers: "
              + sandbox.store().size()
              + ", kept in "
              + state
              + nl
              + "Stop with Ctrl-C or SIGTERM."
              + nl);
      out.flush();
      stopped.await();
      return ExitCode.OK;
    }

    /** Whether {@code host} names a loopback address only (127.0.0.0/8, ::1, localhost). */
    static boolean isLoopback(String host) {
      try {
        InetAddress[] all = InetAddress.getAllByName(host);
        for (InetAddress a : all) {
          if (!a.isLoopbackAddress()) {
            return false;
          }
        }
        return all.length > 0;
      } catch (UnknownHostException e) {
        return false;
      }
    }
  }
}
