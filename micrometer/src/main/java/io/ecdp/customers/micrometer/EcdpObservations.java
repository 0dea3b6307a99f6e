package io.ecdp.customers.micrometer;

import io.ecdp.customers.events.AttemptEnded;
import io.ecdp.customers.events.AttemptStarted;
import io.ecdp.customers.events.CallEnded;
import io.ecdp.customers.events.CallListener;
import io.ecdp.customers.events.CallObserver;
import io.ecdp.customers.events.CallStarted;
import io.ecdp.customers.events.RequestHeaders;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Makes the {@link CallListener} that observes a client's calls in an {@link ObservationRegistry}:
 * register it with {@code
 * CustomersClient.builder().addListener(EcdpObservations.listener(registry))}.
 *
 * <p>Each call is an observation ({@code ecdp.customers.calls}), started when the call is made, on
 * the caller's thread, so that it is a child of that thread's current observation (for an
 * asynchronous call too), and stopped when the call ends. Each attempt is a child observation of it
 * ({@code ecdp.customers.attempts}) whose context, an {@link EcdpCustomersAttemptContext}, lets a
 * tracing bridge set its headers ({@code traceparent}) on that attempt. A failed call or attempt
 * has an {@link ObservedFailure} as its error. With a registry that has no handler, calls are not
 * observed at all.
 *
 * <p>The names and keys come from {@link DefaultEcdpCustomersObservationConvention} and {@link
 * DefaultEcdpCustomersAttemptObservationConvention}, unless the builder is given other conventions,
 * or the registry has a {@link io.micrometer.observation.GlobalObservationConvention} that supports
 * the contexts.
 */
public final class EcdpObservations {

  private static final EcdpCustomersObservationConvention DEFAULT_CALL =
      new DefaultEcdpCustomersObservationConvention();
  private static final EcdpCustomersAttemptObservationConvention DEFAULT_ATTEMPT =
      new DefaultEcdpCustomersAttemptObservationConvention();

  private EcdpObservations() {}

  /**
   * Returns a listener that observes calls in a registry with the default conventions.
   *
   * @param registry where the observations are made
   * @return the listener, for {@code CustomersClient.Builder.addListener}
   */
  public static CallListener listener(ObservationRegistry registry) {
    return builder(registry).build();
  }

  /**
   * Returns a builder of a listener that observes calls in a registry, to give it other
   * conventions.
   *
   * @param registry where the observations are made
   * @return the builder
   */
  public static Builder builder(ObservationRegistry registry) {
    return new Builder(registry);
  }

  /** Builds a listener that observes calls: the registry, and optionally other conventions. */
  public static final class Builder {
    private final ObservationRegistry registry;
    private @Nullable EcdpCustomersObservationConvention callConvention;
    private @Nullable EcdpCustomersAttemptObservationConvention attemptConvention;

    private Builder(ObservationRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
    }

    /**
     * Sets the convention that names the observations of calls and their keys, in place of the
     * default.
     *
     * @param convention the convention
     * @return this builder
     */
    public Builder callConvention(EcdpCustomersObservationConvention convention) {
      this.callConvention = Objects.requireNonNull(convention, "convention");
      return this;
    }

    /**
     * Sets the convention that names the observations of attempts and their keys, in place of the
     * default.
     *
     * @param convention the convention
     * @return this builder
     */
    public Builder attemptConvention(EcdpCustomersAttemptObservationConvention convention) {
      this.attemptConvention = Objects.requireNonNull(convention, "convention");
      return this;
    }

    /**
     * Returns the listener.
     *
     * @return a listener that observes calls; thread-safe, for one client or many
     */
    public CallListener build() {
      return new Listener(registry, callConvention, attemptConvention);
    }
  }

  /** Starts an observation for each call. */
  private static final class Listener implements CallListener {
    private final ObservationRegistry registry;
    private final @Nullable EcdpCustomersObservationConvention callConvention;
    private final @Nullable EcdpCustomersAttemptObservationConvention attemptConvention;

    Listener(
        ObservationRegistry registry,
        @Nullable EcdpCustomersObservationConvention callConvention,
        @Nullable EcdpCustomersAttemptObservationConvention attemptConvention) {
      this.registry = registry;
      this.callConvention = callConvention;
      this.attemptConvention = attemptConvention;
    }

    @Override
    public CallObserver callStarted(CallStarted call) {
      if (registry.isNoop()) {
        return CallObserver.NONE;
      }
      EcdpCustomersCallContext context = new EcdpCustomersCallContext(call);
      Observation observation =
          Observation.createNotStarted(callConvention, DEFAULT_CALL, () -> context, registry)
              .start();
      return new Observing(this, context, observation);
    }

    @Override
    public String toString() {
      return "EcdpObservations.listener(" + registry + ")";
    }
  }

  /**
   * The observations of one call: its own, and that of the attempt under way. Its events come one
   * at a time, in order.
   */
  private static final class Observing implements CallObserver {
    private final Listener listener;
    private final EcdpCustomersCallContext context;
    private final Observation call;
    private @Nullable EcdpCustomersAttemptContext attemptContext;
    private @Nullable Observation attempt;

    Observing(Listener listener, EcdpCustomersCallContext context, Observation call) {
      this.listener = listener;
      this.context = context;
      this.call = call;
    }

    @Override
    public void attemptStarted(AttemptStarted started, RequestHeaders headers) {
      stopAttempt();
      EcdpCustomersAttemptContext next =
          new EcdpCustomersAttemptContext(context.getCall(), started, headers);
      attemptContext = next;
      attempt =
          Observation.createNotStarted(
                  listener.attemptConvention, DEFAULT_ATTEMPT, () -> next, listener.registry)
              .parentObservation(call)
              .start();
    }

    @Override
    public void attemptEnded(AttemptEnded ended) {
      Observation current = attempt;
      EcdpCustomersAttemptContext currentContext = attemptContext;
      if (current == null || currentContext == null) {
        return;
      }
      currentContext.setResponse(ended);
      ended.failure().ifPresent(type -> current.error(new ObservedFailure(type, ended.status())));
      stopAttempt();
    }

    @Override
    public void callEnded(CallEnded ended) {
      stopAttempt();
      context.setResult(ended);
      ended.failure().ifPresent(type -> call.error(new ObservedFailure(type, ended.status())));
      call.stop();
    }

    /** Stops the attempt under way, if any: at its end, or when the call ends without it. */
    private void stopAttempt() {
      Observation current = attempt;
      attempt = null;
      attemptContext = null;
      if (current != null) {
        current.stop();
      }
    }
  }
}
