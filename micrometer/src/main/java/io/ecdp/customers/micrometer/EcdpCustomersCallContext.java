package io.ecdp.customers.micrometer;

import io.ecdp.customers.events.CallEnded;
import io.ecdp.customers.events.CallStarted;
import io.micrometer.observation.Observation;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Holds what an observation of a call knows: the call as it started and, once it ended, how it
 * ended. A convention reads it to name the observation and its keys.
 */
public final class EcdpCustomersCallContext extends Observation.Context {

  private final CallStarted call;
  private @Nullable CallEnded result;

  /**
   * Creates the context of a call that starts.
   *
   * @param call the call
   */
  public EcdpCustomersCallContext(CallStarted call) {
    this.call = Objects.requireNonNull(call, "call");
  }

  /**
   * Returns the call as it started.
   *
   * @return its method, path template, server and record count
   */
  public CallStarted getCall() {
    return call;
  }

  /**
   * Returns how the call ended.
   *
   * @return its status, attempts and failure; null while the call runs
   */
  public @Nullable CallEnded getResult() {
    return result;
  }

  /**
   * Sets how the call ended, before its observation stops.
   *
   * @param result how it ended
   */
  public void setResult(CallEnded result) {
    this.result = Objects.requireNonNull(result, "result");
  }
}
