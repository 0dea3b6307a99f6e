package io.ecdp.customers.cli;

import io.ecdp.customers.CustomersClient;
import io.ecdp.customers.RetryPolicy;
import io.ecdp.customers.internal.Redactor;
import io.ecdp.customers.sandbox.CustomersSandbox;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;

/**
 * A client for one command: of the API, or of an embedded sandbox whose state is kept in a file.
 */
final class Session implements AutoCloseable {

  private final CustomersSandbox sandbox;
  private final CustomersClient client;
  private final Redactor redactor;
  private final RetryPolicy retries;
  private final CallStats callStats;

  private Session(
      CustomersSandbox sandbox,
      CustomersClient client,
      String key,
      RetryPolicy retries,
      CallStats callStats) {
    this.sandbox = sandbox;
    this.client = client;
    this.redactor = new Redactor(key);
    this.retries = retries;
    this.callStats = callStats;
  }

  /** The counts of this session's calls, as its client tells of them. */
  CallStats callStats() {
    return callStats;
  }

  /**
   * The retries of a command's client. The client retries a failed call as its rules allow (a
   * connection that was never made, a 503 with {@code Retry-After}, and for a lookup also timeouts
   * and 502 to 504); a command that paces its own calls ({@code pacedByCaller}: the import, whose
   * throttle must see each 429 to lower its rate) gets every 429 back at once.
   */
  static RetryPolicy retryPolicy(boolean pacedByCaller) {
    return pacedByCaller
        ? RetryPolicy.builder().retryRateLimited(false).build()
        : RetryPolicy.defaults();
  }

  /** The retries this session's client was built with. */
  RetryPolicy retries() {
    return retries;
  }

  /** Masks this session's API key and personal data in text a server sent. */
  Redactor redactor() {
    return redactor;
  }

  static Session open(
      CommandLine cmd,
      boolean useSandbox,
      Path sandboxState,
      URI baseUrl,
      Map<String, String> env,
      boolean pacedByCaller) {
    RetryPolicy retries = retryPolicy(pacedByCaller);
    CallStats stats = new CallStats();
    if (useSandbox) {
      CustomersSandbox sandbox = CustomersSandbox.builder().stateFile(sandboxState).start();
      Session session =
          new Session(
              sandbox,
              CustomersClient.builder()
                  .apiKey(sandbox.apiKey())
                  .baseUri(sandbox.uri())
                  .userAgent("ecdp-cli")
                  .retryPolicy(retries)
                  .addListener(stats)
                  .build(),
              sandbox.apiKey(),
              retries,
              stats);
      // Each change is in the state's journal as it is made; closing (after Ctrl-C too, once the
      // command has settled) writes the state anew and lets another command use it.
      Interruption.closeAtExit(session);
      return session;
    }
    String key = env.get("ECDP_API_KEY");
    if (key == null || key.isBlank()) {
      throw new MissingKeyException(
          "set the API key in the environment variable ECDP_API_KEY (or use --sandbox)");
    }
    try {
      return new Session(
          null,
          CustomersClient.builder()
              .apiKey(key)
              .baseUri(baseUrl)
              .userAgent("ecdp-cli")
              .retryPolicy(retries)
              .addListener(stats)
              .build(),
          key,
          retries,
          stats);
    } catch (IllegalStateException | IllegalArgumentException e) {
      String why = e.getMessage();
      if (why != null && why.startsWith("plain http")) {
        // The client's own words name a Java method; the command line has no such switch.
        why =
            "plain http to "
                + baseUrl.getHost()
                + " would send the API key unencrypted: use https (ecdp sends the key over plain"
                + " http only to this machine: localhost, 127.0.0.1 or ::1)";
      }
      throw new CommandLine.ParameterException(cmd, "--base-url: " + why);
    }
  }

  CustomersClient client() {
    return client;
  }

  /** The embedded sandbox's state, for an import's checkpoint; null against the API. */
  Importer.StateProbe state() {
    if (sandbox == null || sandbox.stateId() == null) {
      return null;
    }
    return new Importer.StateProbe() {
      @Override
      public String id() {
        return sandbox.stateId();
      }

      @Override
      public long sequence() {
        return sandbox.stateSequence();
      }
    };
  }

  private final java.util.concurrent.atomic.AtomicBoolean closed =
      new java.util.concurrent.atomic.AtomicBoolean();

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return; // closed by the command, or by the interrupt hook
    }
    client.close();
    if (sandbox != null) {
      sandbox.close();
    }
  }
}
