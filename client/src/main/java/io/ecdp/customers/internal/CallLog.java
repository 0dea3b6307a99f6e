package io.ecdp.customers.internal;

import io.ecdp.customers.RetryPolicy;
import java.lang.System.Logger.Level;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Logs one DEBUG line per attempt to the {@code io.ecdp.customers} logger: the operation (its path
 * template, never a value), the status, the attempt, the time taken, the request id and what
 * happened. Never customer data, never the key.
 */
public final class CallLog {

  /** The logger of the client. */
  public static final System.Logger LOG = System.getLogger("io.ecdp.customers");

  private final Redactor redactor;

  /**
   * Creates the log.
   *
   * @param redactor masks the key and personal data in the request id
   */
  public CallLog(Redactor redactor) {
    this.redactor = redactor;
  }

  void attempt(
      ApiCall<?> call,
      RetryPolicy policy,
      int status,
      int attempt,
      Duration took,
      @Nullable String requestId,
      String outcome) {
    if (!LOG.isLoggable(Level.DEBUG)) {
      return;
    }
    LOG.log(
        Level.DEBUG,
        () ->
            call
                + " -> "
                + (status == 0 ? "no response" : String.valueOf(status))
                + " attempt "
                + attempt
                + "/"
                + policy.maxAttempts()
                + " in "
                + took.toMillis()
                + " ms"
                + (requestId != null ? " request-id " + redactor.redact(requestId) : "")
                + (outcome.isEmpty() ? "" : " (" + outcome + ")"));
  }
}
