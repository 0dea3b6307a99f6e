package io.ecdp.customers.micrometer;

import io.ecdp.customers.events.AttemptEnded;
import io.ecdp.customers.events.AttemptStarted;
import io.ecdp.customers.events.CallStarted;
import io.ecdp.customers.events.RequestHeaders;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.RequestReplySenderContext;
import java.util.Objects;

/**
 * Holds what an observation of one attempt knows: its call, the attempt as it started, its headers
 * (the carrier a tracing bridge injects its context into) and, once it ended, how it ended (the
 * response).
 *
 * <p>Its setter sets a header on the attempt; a header the client refuses (one it owns, or a value
 * that is not printable US-ASCII) is skipped, so that a propagator never breaks a call.
 */
public final class EcdpCustomersAttemptContext
    extends RequestReplySenderContext<RequestHeaders, AttemptEnded> {

  /** The remote service's name a tracing bridge gives the attempt's span. */
  static final String REMOTE_SERVICE_NAME = "ecdp-customers";

  private final CallStarted call;
  private final AttemptStarted attempt;

  /**
   * Creates the context of an attempt that starts.
   *
   * @param call the attempt's call
   * @param attempt the attempt
   * @param headers where headers of the attempt are set
   */
  public EcdpCustomersAttemptContext(
      CallStarted call, AttemptStarted attempt, RequestHeaders headers) {
    super(EcdpCustomersAttemptContext::setHeader, Kind.CLIENT);
    this.call = Objects.requireNonNull(call, "call");
    this.attempt = Objects.requireNonNull(attempt, "attempt");
    setCarrier(Objects.requireNonNull(headers, "headers"));
    setRemoteServiceName(REMOTE_SERVICE_NAME);
  }

  private static void setHeader(RequestHeaders carrier, String name, String value) {
    if (carrier == null) {
      return;
    }
    try {
      carrier.set(name, value);
    } catch (IllegalArgumentException refused) {
      // The client owns the header, or the value is not one HTTP can carry: not sent.
    }
  }

  /**
   * Returns the attempt's call.
   *
   * @return its method, path template, server and record count
   */
  public CallStarted getCall() {
    return call;
  }

  /**
   * Returns the attempt as it started.
   *
   * @return its number, and why and after how long it follows a failed one
   */
  public AttemptStarted getAttempt() {
    return attempt;
  }
}
